"""Models of the Sendrealm API.

Every model keeps fields it does not know (``model_extra``) and every enum accepts values it
does not list, so a response that grew a field or a status still parses. Attributes are
snake_case; the wire names are their aliases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._models import ApiModel

__all__ = [
    "AutomationRun",
    "ErrorResponse",
    "ErrorResponseError",
    "LinkedEmail",
    "LinkedPushNotification",
    "RunList",
    "SentEmail",
    "SentPushNotification",
    "Step",
    "TriggerEvent",
    "Wait",
    "WaitResumedByEvent",
]


class SentEmail(ApiModel):
    """An email sent by the run."""

    id: str | None = None
    """Email identifier."""

    subject: str | None = None
    """Email subject."""

    status: str | None = None
    """Email status (values not enumerated by the vendor)."""

    last_event: str | None = None
    """Last delivery event (values not enumerated by the vendor)."""

    automation_step_key: str | None = None
    """Key of the step that sent it."""

    template_version_id: str | None = None
    """Template version used."""

    created_at: dt.datetime | None = None
    """When the email was created."""


class SentPushNotification(ApiModel):
    """A push notification sent by the run."""

    id: str | None = None
    """Push notification identifier."""

    title: str | None = None
    """Notification title."""

    status: str | None = None
    """Push status (values not enumerated by the vendor)."""

    last_event: str | None = None
    """Last delivery event (values not enumerated by the vendor)."""

    automation_step_key: str | None = None
    """Key of the step that sent it."""

    template_version_id: str | None = None
    """Template version used."""

    created_at: dt.datetime | None = None
    """When the notification was created."""


class LinkedEmail(ApiModel):
    """An email sent by a step."""

    id: str | None = None
    """Email identifier."""

    subject: str | None = None
    """Email subject."""

    status: str | None = None
    """Email status (values not enumerated by the vendor)."""

    last_event: str | None = None
    """Last delivery event (values not enumerated by the vendor)."""

    template_version_id: str | None = None
    """Template version used."""

    contact_id: str | None = None
    """Recipient contact."""

    created_at: dt.datetime | None = None
    """When the email was created."""


class LinkedPushNotification(ApiModel):
    """A push notification sent by a step."""

    id: str | None = None
    """Push notification identifier."""

    title: str | None = None
    """Notification title."""

    status: str | None = None
    """Push status (values not enumerated by the vendor)."""

    last_event: str | None = None
    """Last delivery event (values not enumerated by the vendor)."""

    template_version_id: str | None = None
    """Template version used."""

    contact_id: str | None = None
    """Recipient contact."""

    created_at: dt.datetime | None = None
    """When the notification was created."""


class WaitResumedByEvent(ApiModel):
    """The event that resumed the run, if any."""

    id: str | None = None
    """Event identifier."""

    event_name: str | None = None
    """Event name."""

    occurred_at: dt.datetime | None = None
    """When the event occurred."""


class Wait(ApiModel):
    """A wait state (a wait_for_event step waiting for an event or a timeout)."""

    id: str | None = None
    """Wait identifier."""

    step_id: str | None = None
    """Identifier of the step that waits."""

    step_key: str | None = None
    """Key of the step that waits."""

    step_type: str | None = None
    """Type of the step that waits."""

    waiting_for_event_name: str | None = None
    """Name of the awaited event."""

    status: str | None = None
    """Wait status (values not enumerated by the vendor)."""

    resolved_identity_value: str | None = None
    """The identity the wait matches events for."""

    timeout_at: dt.datetime | None = None
    """When the wait times out."""

    resumed_at: dt.datetime | None = None
    """When a matching event resumed the run."""

    timed_out_at: dt.datetime | None = None
    """When the wait timed out (null if it did not)."""

    outcome_branch: str | None = None
    """The branch taken when the wait ended (values not enumerated by the vendor)."""

    resumed_by_event: WaitResumedByEvent | None = None
    """The event that resumed the run, if any."""


class Step(ApiModel):
    """One step of a run's timeline."""

    id: str | None = None
    """Step identifier."""

    step_key: str | None = None
    """Key of the step in the automation."""

    step_type: str | None = None
    """Step type (values not enumerated by the vendor)."""

    status: str | None = None
    """Step status (values not enumerated by the vendor)."""

    branch_taken: str | None = None
    """The branch the step took (wait steps)."""

    linked_emails: list[LinkedEmail] | None = None
    """Emails sent by this step."""

    linked_push_notifications: list[LinkedPushNotification] | None = None
    """Push notifications sent by this step."""

    waits: list[Wait] | None = None
    """Wait states of this step."""


class TriggerEvent(ApiModel):
    """The event that triggered a run."""

    id: str | None = None
    """Event identifier."""

    event_name: str | None = None
    """Event name."""

    payload: dict[str, Any] | None = None
    """The event's payload, as sent."""

    occurred_at: dt.datetime | None = None
    """When the event occurred."""


class AutomationRun(ApiModel):
    """An automation run with its trigger event, steps, waits and sent messages."""

    id: str | None = None
    """Run identifier."""

    automation_id: str | None = None
    """Identifier of the automation."""

    trigger_event_name: str | None = None
    """Name of the event that triggered the run."""

    resolved_identity_type: str | None = None
    """Kind of identity the run resolved to (values not enumerated by the vendor)."""

    resolved_identity_value: str | None = None
    """The resolved identity."""

    status: str | None = None
    """Run status (values not enumerated by the vendor)."""

    trigger_event: TriggerEvent | None = None
    """The event that triggered the run."""

    steps: list[Step] | None = None
    """Per-step timeline."""

    waits: list[Wait] | None = None
    """Wait states of the run."""

    sent_emails: list[SentEmail] | None = None
    """Emails sent by the run."""

    sent_push_notifications: list[SentPushNotification] | None = None
    """Push notifications sent by the run."""

    last_error: Any | None = None
    """The run's last error ("Last error" in the page's list of run detail contents; not in its
    example, so name and shape are unconfirmed)."""


class ErrorResponseError(ApiModel):
    """The error."""

    code: str | None = None
    """Machine-readable error code."""

    message: str | None = None
    """Human-readable error message."""

    details: Any | None = None
    """Further details (null in the example; shape undocumented)."""


class ErrorResponse(ApiModel):
    """Error envelope."""

    status: int | None = None
    """The HTTP status code."""

    error: ErrorResponseError | None = None
    """The error."""


class RunList(ApiModel):
    """A page of runs. Only `data` is assumed; `next_cursor` / `has_more` are read if present
    (undocumented)."""

    data: list[AutomationRun]
    """The runs. List items may carry fewer fields than the run detail."""

    next_cursor: str | None = None
    """Cursor of the next page; null or absent on the last page (undocumented)."""

    has_more: bool | None = None
    """Whether more runs follow (undocumented)."""
