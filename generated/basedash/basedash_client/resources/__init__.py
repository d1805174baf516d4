"""The operations of the Basedash Public API, grouped by resource."""

from .runs import AsyncRuns, Runs

__all__ = ["AsyncRuns", "Runs"]
