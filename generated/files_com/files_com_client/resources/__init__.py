"""The operations of the Files.com REST API, grouped by resource."""

from .runs import AsyncRuns, Runs

__all__ = ["AsyncRuns", "Runs"]
