"""Models of the Files.com REST API.

Every model keeps fields it does not know (``model_extra``) and every enum accepts values it
does not list, so a response that grew a field or a status still parses. Attributes are
snake_case; the wire names are their aliases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, Field

from ._models import ApiModel, OpenEnum

__all__ = [
    "AutomationRun",
    "AutomationRunRunStage",
    "AutomationRunStatus",
    "ErrorResponse",
    "RunFilter",
    "SortBy",
    "SortDirection",
]


class AutomationRunRunStage(OpenEnum):
    """The stage currently being executed in the execution environment.

    Open: a value not listed here is accepted as a member of its own.
    """

    QUEUED_FOR_PLANNING = "queued_for_planning"
    PLANNING = "planning"
    QUEUED_FOR_EXECUTION = "queued_for_execution"
    EXECUTING = "executing"
    FINISHED = "finished"


class AutomationRunStatus(OpenEnum):
    """The success status of the AutomationRun. The page lists running, success, partial_failure
    and failure; queued, skipped and canceled (US spelling) were added later.

    Open: a value not listed here is accepted as a member of its own.
    """

    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"
    PARTIAL_FAILURE = "partial_failure"
    FAILURE = "failure"
    SKIPPED = "skipped"
    CANCELED = "canceled"


class AutomationRun(ApiModel):
    """An AutomationRun."""

    id: int | None = None
    """ID."""

    automation_id: int | None = None
    """ID of the associated Automation."""

    completed_at: dt.datetime | None = None
    """Automation run completion/failure date/time."""

    created_at: dt.datetime | None = None
    """Automation run start date/time."""

    runtime: float | None = None
    """Automation run runtime (a number; the vendor page documents it as a date-time)."""

    status: AutomationRunStatus | None = None
    """The success status of the AutomationRun. The page lists running, success, partial_failure
    and failure; queued, skipped and canceled (US spelling) were added later."""

    run_stage: AutomationRunRunStage | None = None
    """The stage currently being executed in the execution environment."""

    successful_operations: int | None = None
    """Count of successful operations."""

    failed_operations: int | None = None
    """Count of failed operations."""

    status_messages_url: str | None = None
    """Link to status messages log file."""

    retry_at: dt.datetime | None = None
    """When the run will be retried."""

    retried_at: dt.datetime | None = None
    """When the run was retried."""

    retried_in_run_id: int | None = None
    """ID of the run that retried this run."""

    retry_of_run_id: int | None = None
    """ID of the run this run retries."""

    automation_version_id: int | None = None
    """ID of the Automation version that ran."""

    version: int | None = None
    """Automation version number."""

    workspace_id: int | None = None
    """Workspace ID."""

    cancel_requested_at: dt.datetime | None = None
    """When cancellation of the run was requested."""

    rerun_of_run_id: int | None = None
    """ID of the run this run re-runs."""

    rerun_from_node_id: str | None = None
    """ID of the node the re-run started from."""

    definition: dict[str, Any] | None = None
    """The Automation definition the run executed. Not provided when listing (show only)."""

    node_states: dict[str, Any] | None = None
    """State of each execution node. Not provided when listing (show only)."""

    execution_nodes: list[Any] | None = None
    """The execution nodes (AutomationExecutionNode objects). Not provided when listing (show
    only)."""

    journal_url: str | None = None
    """Link to the run's journal."""


class ErrorResponse(ApiModel):
    """Files.com error body. Hyphenated wire names (http-code, model-errors) become http_code and
    model_errors."""

    error: str | None = None
    """The error message."""

    http_code: int | None = Field(
        default=None, validation_alias="http-code", serialization_alias="http-code"
    )
    """The HTTP status code."""

    type: str | None = None
    """Slash-separated error type, e.g. rate-limited/too-many-requests (group/kind)."""

    title: str | None = None
    """Short title of the error."""

    detail: str | None = None
    """Longer description of the error."""

    instance: str | None = None
    """Identifier of this occurrence."""

    model_errors: Any | None = Field(
        default=None, validation_alias="model-errors", serialization_alias="model-errors"
    )
    """Validation errors by field (shape not documented)."""

    errors: list[Any] | None = None
    """Further errors; the SDK uses the first when `error` is missing."""

    data: Any | None = None
    """Extra data about the error (shape not documented)."""


class RunFilter(ApiModel):
    """Equality filter. Valid field combinations are [automation_id, status], [workspace_id,
    status], [workspace_id, automation_id] and [workspace_id, automation_id, status]."""

    model_config = ConfigDict(extra="forbid")

    status: AutomationRunStatus | None = None
    """The success status of the AutomationRun. The page lists running, success, partial_failure
    and failure; queued, skipped and canceled (US spelling) were added later."""

    automation_id: int | None = None
    """ID of the associated Automation."""

    workspace_id: int | None = None
    """Workspace ID."""


class SortDirection(OpenEnum):
    """Sort direction.

    Open: a value not listed here is accepted as a member of its own.
    """

    ASC = "asc"
    DESC = "desc"


class SortBy(ApiModel):
    """Sort order. Valid fields are automation_id, created_at or status."""

    model_config = ConfigDict(extra="forbid")

    automation_id: SortDirection | None = None
    """Sort direction."""

    created_at: SortDirection | None = None
    """Sort direction."""

    status: SortDirection | None = None
    """Sort direction."""
