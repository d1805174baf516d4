"""Models of the Fabro Run API.

Every model keeps fields it does not know (``model_extra``) and every enum accepts values it
does not list, so a response that grew a field or a status still parses. Attributes are
snake_case; the wire names are their aliases.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeAlias, Union

from pydantic import Tag

from ._models import UNKNOWN, ApiModel, OpenEnum, UnknownVariant, by_property

__all__ = [
    "ErrorResponse",
    "ErrorResponseEntry",
    "PaginationMeta",
    "Run",
    "RunAskFabro",
    "RunAutomation",
    "RunBilling",
    "RunCreatedBy",
    "RunCreatedByIdentity",
    "RunCreatedByKind",
    "RunCurrentQuestion",
    "RunDiff",
    "RunLifecycle",
    "RunLifecycleApproval",
    "RunLifecycleError",
    "RunLinks",
    "RunList",
    "RunModelsItem",
    "RunOrigin",
    "RunOriginKind",
    "RunPullRequest",
    "RunRepository",
    "RunSandbox",
    "RunSandboxFailure",
    "RunSandboxInstance",
    "RunSandboxInstanceRuntime",
    "RunSandboxPlan",
    "RunSize",
    "RunStatus",
    "RunStatusArchived",
    "RunStatusBlocked",
    "RunStatusBlockedBlockedReason",
    "RunStatusDead",
    "RunStatusFailed",
    "RunStatusFailedReason",
    "RunStatusPaused",
    "RunStatusPausedPriorBlock",
    "RunStatusQueued",
    "RunStatusRemoving",
    "RunStatusRunning",
    "RunStatusStarting",
    "RunStatusSubmitted",
    "RunStatusSucceeded",
    "RunStatusSucceededReason",
    "RunTimestamps",
    "RunTiming",
    "RunWorkflow",
    "TerminalStatus",
    "TerminalStatusKind",
]


class ErrorResponseEntry(ApiModel):
    """One error."""

    status: str
    """The HTTP status code as a string, e.g. "404"."""

    title: str
    """Short summary, e.g. "Not Found"."""

    detail: str
    """Human-readable explanation."""

    code: str | None = None
    """Machine-readable error code, e.g. access_token_expired."""

    request_id: str | None = None
    """Request id (a UUID)."""


class ErrorResponse(ApiModel):
    """Error envelope returned with every error status."""

    errors: list[ErrorResponseEntry]
    """The errors."""

    request_id: str | None = None
    """Request id (a UUID); matches the x-request-id response header."""


class PaginationMeta(ApiModel):
    """Pagination metadata included in every paginated response."""

    has_more: bool
    """Whether more items exist after this page."""

    total: Any | None = None
    """Total count (type unconfirmed; the page's example shows `true`). Do not rely on it."""


class RunAskFabro(ApiModel):
    """Whether "Ask Fabro" is available for the run."""

    available: bool | None = None
    """Whether Ask Fabro is available."""

    default_model: str | None = None
    """Default model for Ask Fabro."""


class RunAutomation(ApiModel):
    """The automation that started the run."""

    id: str | None = None
    """Automation identifier."""

    name: str | None = None
    """Automation name."""

    trigger_id: str | None = None
    """Trigger that started the run."""


class RunBilling(ApiModel):
    """Cost of the run."""

    total_usd_micros: int | None = None
    """Total cost in millionths of a US dollar."""


class RunCreatedByIdentity(ApiModel):
    """The creator's identity."""

    issuer: str | None = None
    """Identity issuer."""

    subject: str | None = None
    """Subject within the issuer."""


class RunCreatedByKind(OpenEnum):
    """Kind of creator (only `user` is shown; other kinds may exist).

    Open: a value not listed here is accepted as a member of its own.
    """

    USER = "user"


class RunCreatedBy(ApiModel):
    """Who created the run."""

    kind: RunCreatedByKind | None = None
    """Kind of creator (only `user` is shown; other kinds may exist)."""

    identity: RunCreatedByIdentity | None = None
    """The creator's identity."""

    login: str | None = None
    """Login name."""

    avatar_url: str | None = None
    """Avatar image URL."""


class RunCurrentQuestion(ApiModel):
    """The question the run is waiting on, if any."""

    text: str | None = None
    """The question, e.g. "Accept or push for another round?"."""


class RunDiff(ApiModel):
    """Size of the change the run produced."""

    files_changed: int | None = None
    """Number of files changed."""

    additions: int | None = None
    """Lines added."""

    deletions: int | None = None
    """Lines deleted."""


class RunLifecycleApproval(ApiModel):
    """Approval request and decision, for runs that need approval."""

    requested_at: dt.datetime | None = None
    """When approval was requested."""

    decided_at: dt.datetime | None = None
    """When approval was granted or denied."""

    denial_reason: str | None = None
    """Why approval was denied."""


class RunLifecycleError(ApiModel):
    """The run's error, if it failed."""

    message: str
    """Error message, e.g. "Stage 'apply-changes' exceeded maximum retries." """


class TerminalStatusKind(OpenEnum):
    """The terminal status kind.

    Open: a value not listed here is accepted as a member of its own.
    """

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    DEAD = "dead"


class TerminalStatus(ApiModel):
    """The terminal status the run had before it was archived (a succeeded, failed or dead
    status)."""

    kind: TerminalStatusKind
    """The terminal status kind."""

    reason: str | None = None
    """The succeeded or failed reason (see RunStatusSucceeded / RunStatusFailed); absent for
    dead."""


class RunStatusArchived(ApiModel):
    """The run is archived."""

    kind: Literal["archived"]

    prior: TerminalStatus
    """The terminal status the run had before it was archived (a succeeded, failed or dead
    status)."""


class RunStatusBlockedBlockedReason(OpenEnum):
    """Why the run is blocked.

    Open: a value not listed here is accepted as a member of its own.
    """

    HUMAN_INPUT_REQUIRED = "human_input_required"


class RunStatusBlocked(ApiModel):
    """The run is blocked."""

    kind: Literal["blocked"]

    blocked_reason: RunStatusBlockedBlockedReason
    """Why the run is blocked."""


class RunStatusDead(ApiModel):
    """The run is dead."""

    kind: Literal["dead"]


class RunStatusFailedReason(OpenEnum):
    """Why the run failed.

    Open: a value not listed here is accepted as a member of its own.
    """

    WORKFLOW_ERROR = "workflow_error"
    CANCELLED = "cancelled"
    TERMINATED = "terminated"
    TRANSIENT_INFRA = "transient_infra"
    BUDGET_EXHAUSTED = "budget_exhausted"
    LAUNCH_FAILED = "launch_failed"
    BOOTSTRAP_FAILED = "bootstrap_failed"
    SANDBOX_INIT_FAILED = "sandbox_init_failed"
    APPROVAL_DENIED = "approval_denied"


class RunStatusFailed(ApiModel):
    """The run failed."""

    kind: Literal["failed"]

    reason: RunStatusFailedReason
    """Why the run failed."""


class RunStatusPausedPriorBlock(OpenEnum):
    """The block the run was in before it was paused, if any.

    Open: a value not listed here is accepted as a member of its own.
    """

    HUMAN_INPUT_REQUIRED = "human_input_required"


class RunStatusPaused(ApiModel):
    """The run is paused."""

    kind: Literal["paused"]

    prior_block: RunStatusPausedPriorBlock | None
    """The block the run was in before it was paused, if any."""


class RunStatusQueued(ApiModel):
    """The run is queued."""

    kind: Literal["queued"]


class RunStatusRemoving(ApiModel):
    """The run is being removed."""

    kind: Literal["removing"]


class RunStatusRunning(ApiModel):
    """The run is running."""

    kind: Literal["running"]


class RunStatusStarting(ApiModel):
    """The run is starting."""

    kind: Literal["starting"]


class RunStatusSubmitted(ApiModel):
    """The run was submitted."""

    kind: Literal["submitted"]


class RunStatusSucceededReason(OpenEnum):
    """How the run succeeded.

    Open: a value not listed here is accepted as a member of its own.
    """

    COMPLETED = "completed"
    PARTIAL_SUCCESS = "partial_success"


class RunStatusSucceeded(ApiModel):
    """The run succeeded."""

    kind: Literal["succeeded"]

    reason: RunStatusSucceededReason
    """How the run succeeded."""


RunStatus: TypeAlias = Annotated[
    Union[
        Annotated[RunStatusSubmitted, Tag("submitted")],
        Annotated[RunStatusQueued, Tag("queued")],
        Annotated[RunStatusStarting, Tag("starting")],
        Annotated[RunStatusRunning, Tag("running")],
        Annotated[RunStatusBlocked, Tag("blocked")],
        Annotated[RunStatusPaused, Tag("paused")],
        Annotated[RunStatusRemoving, Tag("removing")],
        Annotated[RunStatusSucceeded, Tag("succeeded")],
        Annotated[RunStatusFailed, Tag("failed")],
        Annotated[RunStatusDead, Tag("dead")],
        Annotated[RunStatusArchived, Tag("archived")],
        Annotated[UnknownVariant, Tag(UNKNOWN)],
    ],
    by_property(
        "kind",
        (
            "submitted",
            "queued",
            "starting",
            "running",
            "blocked",
            "paused",
            "removing",
            "succeeded",
            "failed",
            "dead",
            "archived",
        ),
        "RunStatus",
    ),
]
"""The run's status, discriminated by `kind`. Newer servers may send kinds not listed here (e.g.
a pending-approval state); the client keeps them as a generic object."""


class RunLifecycle(ApiModel):
    """Lifecycle state of a run."""

    status: RunStatus | None = None
    """The run's status, discriminated by `kind`. Newer servers may send kinds not listed here
    (e.g. a pending-approval state); the client keeps them as a generic object."""

    approval: RunLifecycleApproval | None = None
    """Approval request and decision, for runs that need approval."""

    queue_position: int | None = None
    """Position in the queue while queued."""

    error: RunLifecycleError | None = None
    """The run's error, if it failed."""

    archived: bool | None = None
    """Whether the run is archived."""

    archived_at: dt.datetime | None = None
    """When the run was archived."""


class RunLinks(ApiModel):
    """Related links."""

    web: str | None = None
    """The run's page in the web UI."""


class RunModelsItem(ApiModel):
    """RunModelsItem"""

    provider: str | None = None
    """Model provider."""

    name: str | None = None
    """Model name."""


class RunOriginKind(OpenEnum):
    """Origin kind (only `api` is shown; other kinds may exist).

    Open: a value not listed here is accepted as a member of its own.
    """

    API = "api"


class RunOrigin(ApiModel):
    """How the run was created."""

    kind: RunOriginKind | None = None
    """Origin kind (only `api` is shown; other kinds may exist)."""


class RunPullRequest(ApiModel):
    """Pull request opened by the run."""

    owner: str | None = None
    """Repository owner, e.g. fabro-sh."""

    repo: str | None = None
    """Repository name, e.g. fabro."""

    number: int | None = None
    """Pull request number."""

    html_url: str | None = None
    """Pull request web URL."""


class RunRepository(ApiModel):
    """The repository the run works on."""

    name: str | None = None
    """Repository name, e.g. fabro-sh/fabro."""

    origin_url: str | None = None
    """Clone URL, e.g. https://github.com/fabro-sh/fabro.git."""


class RunSandboxFailure(ApiModel):
    """Why the sandbox failed, if it did."""

    provider: str | None = None
    """Sandbox provider."""

    error: str | None = None
    """Error message."""

    causes: list[str] | None = None
    """Underlying causes."""

    duration_ms: int | None = None
    """Time until the failure, in milliseconds."""


class RunSandboxInstanceRuntime(ApiModel):
    """Runtime details of the sandbox instance."""

    id: str | None = None
    """Runtime identifier."""

    working_directory: str | None = None
    """Working directory."""

    repo_cloned: bool | None = None
    """Whether the repository was cloned."""

    clone_origin_url: str | None = None
    """URL the repository was cloned from."""

    clone_branch: str | None = None
    """Branch that was cloned."""

    workspace_root: str | None = None
    """Workspace root directory."""

    repos_root: str | None = None
    """Directory holding cloned repositories."""

    primary_repo_path: str | None = None
    """Path of the primary repository."""

    primary_repo_link: str | None = None
    """Link to the primary repository."""


class RunSandboxInstance(ApiModel):
    """The sandbox instance."""

    runtime: RunSandboxInstanceRuntime | None = None
    """Runtime details of the sandbox instance."""

    image: str | None = None
    """Sandbox image."""

    snapshot: str | None = None
    """Sandbox snapshot."""


class RunSandboxPlan(ApiModel):
    """The planned sandbox."""

    image: str | None = None
    """Sandbox image."""

    snapshot: str | None = None
    """Sandbox snapshot."""


class RunSandbox(ApiModel):
    """The sandbox a run executes in."""

    plan: RunSandboxPlan | None = None
    """The planned sandbox."""

    instance: RunSandboxInstance | None = None
    """The sandbox instance."""

    failure: RunSandboxFailure | None = None
    """Why the sandbox failed, if it did."""


class RunSize(OpenEnum):
    """Run size.

    Open: a value not listed here is accepted as a member of its own.
    """

    XS = "XS"
    S = "S"
    M = "M"
    L = "L"
    XL = "XL"


class RunTimestamps(ApiModel):
    """Key timestamps (ISO 8601, UTC)."""

    created_at: dt.datetime | None = None
    """When the run was created."""

    started_at: dt.datetime | None = None
    """When the run started."""

    last_event_at: dt.datetime | None = None
    """When the last event happened."""

    completed_at: dt.datetime | None = None
    """When the run completed."""


class RunTiming(ApiModel):
    """Time spent, in milliseconds."""

    wall_time_ms: int | None = None
    """Wall-clock time."""

    active_time_ms: int | None = None
    """Active time."""

    inference_time_ms: int | None = None
    """Time spent in model inference."""

    tool_time_ms: int | None = None
    """Time spent in tools."""


class RunWorkflow(ApiModel):
    """The workflow the run executes."""

    slug: str | None = None
    """Workflow slug."""

    name: str | None = None
    """Workflow name."""

    graph_name: str | None = None
    """Name of the workflow graph."""

    node_count: int | None = None
    """Number of nodes in the graph."""

    edge_count: int | None = None
    """Number of edges in the graph."""


class Run(ApiModel):
    """A durable run (Fabro's canonical public run shape, shared by the run endpoints)."""

    id: str | None = None
    """Unique run identifier (a ULID, e.g. 01JNQVR7M0EJ5GKAT2SC4ERS1Z)."""

    children_count: int | None = None
    """Number of child runs."""

    title: str | None = None
    """Run title."""

    goal: str | None = None
    """The goal the run was given."""

    size: RunSize | None = None
    """Run size."""

    workflow: RunWorkflow | None = None
    """The workflow the run executes."""

    automation: RunAutomation | None = None
    """The automation that started the run."""

    repository: RunRepository | None = None
    """The repository the run works on."""

    created_by: RunCreatedBy | None = None
    """Who created the run."""

    origin: RunOrigin | None = None
    """How the run was created."""

    labels: dict[str, str] | None = None
    """Free-form string labels."""

    lifecycle: RunLifecycle | None = None
    """Lifecycle state of the run."""

    sandbox: RunSandbox | None = None
    """Sandbox the run executes in."""

    models: list[RunModelsItem] | None = None
    """Models used by the run."""

    source_directory: str | None = None
    """Source directory of the run."""

    timestamps: RunTimestamps | None = None
    """Key timestamps (ISO 8601, UTC)."""

    timing: RunTiming | None = None
    """Time spent, in milliseconds."""

    billing: RunBilling | None = None
    """Cost of the run."""

    ask_fabro: RunAskFabro | None = None
    """Whether "Ask Fabro" is available for the run."""

    diff: RunDiff | None = None
    """Size of the change the run produced."""

    pull_request: RunPullRequest | None = None
    """Pull request opened by the run."""

    current_question: RunCurrentQuestion | None = None
    """The question the run is waiting on, if any."""

    superseded_by: str | None = None
    """Run ID that superseded this run via rewind."""

    retried_from: str | None = None
    """Source run ID when this run was created by manual retry."""

    links: RunLinks | None = None
    """Related links."""

    parent_id: str | None = None
    """Current orchestration parent run ID, if linked."""


class RunList(ApiModel):
    """Paginated list of runs."""

    data: list[Run]
    """The runs on this page."""

    meta: PaginationMeta
    """Pagination metadata included in every paginated response."""
