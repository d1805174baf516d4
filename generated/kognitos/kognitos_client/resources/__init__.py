"""The operations of the Kognitos API, grouped by resource."""

from .runs import AsyncRuns, Runs
from .executions import AsyncExecutions, Executions

__all__ = ["AsyncExecutions", "AsyncRuns", "Executions", "Runs"]
