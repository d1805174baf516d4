"""The operations of the Sendrealm API, grouped by resource."""

from .runs import AsyncRuns, Runs

__all__ = ["AsyncRuns", "Runs"]
