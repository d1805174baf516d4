"""Models of the Basedash Public API.

Every model keeps fields it does not know (``model_extra``) and every enum accepts values it
does not list, so a response that grew a field or a status still parses. Attributes are
snake_case; the wire names are their aliases.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ._models import ApiModel, OpenEnum

__all__ = [
    "ApiError",
    "ErrorResponse",
    "PaginationMeta",
    "PublicAutomationRun",
    "PublicAutomationRunListResponse",
    "PublicAutomationRunStatus",
    "RateLimitErrorBody",
    "RateLimitErrorBodyTitle",
    "RateLimitErrorResponse",
]


class ApiError(ApiModel):
    """ApiError"""

    title: str
    """Error type identifier"""

    detail: str
    """Human-readable error description"""


class ErrorResponse(ApiModel):
    """ErrorResponse"""

    error: ApiError


class PaginationMeta(ApiModel):
    """PaginationMeta"""

    next_cursor: str | None = Field(validation_alias="nextCursor", serialization_alias="nextCursor")
    """Cursor for the next page (null if no more pages)"""

    has_more: bool = Field(validation_alias="hasMore", serialization_alias="hasMore")
    """Whether there are more items after this page"""


class PublicAutomationRunStatus(OpenEnum):
    """Run status

    Open: a value not listed here is accepted as a member of its own.
    """

    GENERATING = "GENERATING"
    FINISHED = "FINISHED"


class PublicAutomationRun(ApiModel):
    """PublicAutomationRun"""

    id: str
    """Automation run ID"""

    automation_id: str = Field(validation_alias="automationId", serialization_alias="automationId")
    """Automation ID"""

    organization_id: str = Field(
        validation_alias="organizationId", serialization_alias="organizationId"
    )
    """Organization ID"""

    name: str
    """Run name"""

    status: PublicAutomationRunStatus | None
    """Run status"""

    is_manual_run: bool = Field(validation_alias="isManualRun", serialization_alias="isManualRun")
    """Whether the run was manually triggered"""

    member_id: str | None = Field(validation_alias="memberId", serialization_alias="memberId")
    """Member ID associated with the run"""

    created_at: dt.datetime = Field(validation_alias="createdAt", serialization_alias="createdAt")
    """Creation timestamp"""

    updated_at: dt.datetime = Field(validation_alias="updatedAt", serialization_alias="updatedAt")
    """Last update timestamp"""


class PublicAutomationRunListResponse(ApiModel):
    """PublicAutomationRunListResponse"""

    data: list[PublicAutomationRun]

    pagination: PaginationMeta


class RateLimitErrorBodyTitle(OpenEnum):
    """Error type identifier

    Open: a value not listed here is accepted as a member of its own.
    """

    RATE_LIMIT_EXCEEDED = "RateLimitExceeded"


class RateLimitErrorBody(ApiModel):
    """RateLimitErrorBody"""

    title: RateLimitErrorBodyTitle
    """Error type identifier"""

    detail: str
    """Human-readable error description"""

    retry_after_ms: float = Field(
        validation_alias="retryAfterMs", serialization_alias="retryAfterMs"
    )
    """Milliseconds until the rate limit window resets"""


class RateLimitErrorResponse(ApiModel):
    """RateLimitErrorResponse"""

    error: RateLimitErrorBody
