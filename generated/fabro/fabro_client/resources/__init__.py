"""The operations of the Fabro Run API, grouped by resource."""

from .runs import AsyncRuns, Runs

__all__ = ["AsyncRuns", "Runs"]
