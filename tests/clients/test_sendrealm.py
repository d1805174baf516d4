"""The generated Sendrealm client against a fake Sendrealm on loopback.

Sendrealm does not document how its run list pages. specs/sendrealm/spec.yaml decides: a
``{"data": [...], "next_cursor", "has_more"}`` body, the cursor sent back as ``?cursor=``, and a
page without a cursor (or with ``has_more`` false) is the last. A single run comes wrapped in
``{"data": {...}}``. Errors are ``{"status", "error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import pytest
from sendrealm_client import (
    APIResponseValidationError,
    APIStatusError,
    AsyncSendrealmClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    SendrealmClient,
    UnprocessableEntityError,
    models,
)

from tests.clients.servers import (
    FakeVendor,
    Page,
    async_http_client,
    collect,
    http_client,
    ids,
    payload,
    with_changes,
)

API_KEY = "sr_live_5a1b7c9d3e"
LIST_PATH = "/automations/aut_123/runs"


@contextmanager
def client(vendor: FakeVendor, **kwargs: Any) -> Iterator[SendrealmClient]:
    kwargs.setdefault("max_retries", 0)
    with (
        http_client() as http,
        SendrealmClient(api_key=API_KEY, base_url=vendor.url(), http_client=http, **kwargs) as sr,
    ):
        yield sr


@asynccontextmanager
async def async_client(vendor: FakeVendor, **kwargs: Any) -> AsyncIterator[AsyncSendrealmClient]:
    kwargs.setdefault("max_retries", 0)
    async with (
        async_http_client() as http,
        AsyncSendrealmClient(
            api_key=API_KEY, base_url=vendor.url(), http_client=http, **kwargs
        ) as sr,
    ):
        yield sr


def five_runs() -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = payload("sendrealm", "list_runs")["data"]
    detail = payload("sendrealm", "get_run")["data"]
    return [
        *runs,
        detail,
        with_changes(runs[0], id="run_121", status="failed", last_error={"code": "bounced"}),
        with_changes(runs[1], id="run_120"),
    ]


def three_pages() -> list[Page]:
    runs = five_runs()
    return [
        Page("", {"data": runs[0:2], "next_cursor": "cur_2", "has_more": True}),
        Page("cursor=cur_2", {"data": runs[2:4], "next_cursor": "cur_3", "has_more": True}),
        Page("cursor=cur_3", {"data": runs[4:], "next_cursor": None, "has_more": False}),
    ]


EXPECTED_IDS = ["run_124", "run_123", "run_123", "run_121", "run_120"]


# -- pagination (the spec's decision) ---------------------------------------------------------


def test_sendrealm_walks_body_cursor_pages_until_the_cursor_is_null(vendor: FakeVendor) -> None:
    vendor.pages(LIST_PATH, three_pages())
    with client(vendor) as sendrealm:
        runs = list(sendrealm.runs.list("aut_123"))

    assert ids(runs) == EXPECTED_IDS
    assert vendor.queries() == ["", "cursor=cur_2", "cursor=cur_3"]
    assert vendor.header_values("Authorization") == [f"Bearer {API_KEY}"] * 3
    assert runs[3].status == "failed"
    assert runs[3].last_error == {"code": "bounced"}


@pytest.mark.anyio
async def test_sendrealm_async_walks_body_cursor_pages_until_the_cursor_is_null(
    vendor: FakeVendor,
) -> None:
    vendor.pages(LIST_PATH, three_pages())
    async with async_client(vendor) as sendrealm:
        runs = await collect(sendrealm.runs.list("aut_123"))

    assert ids(runs) == EXPECTED_IDS
    assert vendor.queries() == ["", "cursor=cur_2", "cursor=cur_3"]
    assert vendor.header_values("Authorization") == [f"Bearer {API_KEY}"] * 3


def test_sendrealm_list_without_cursor_fields_is_one_page(vendor: FakeVendor) -> None:
    runs = five_runs()
    vendor.reply(LIST_PATH, {"data": runs[:2]})
    with client(vendor) as sendrealm:
        page = sendrealm.runs.list("aut_123")
        assert not page.has_next_page()
        assert ids(page) == ["run_124", "run_123"]
    assert len(vendor.requests) == 1


def test_sendrealm_has_more_false_ends_the_list_despite_a_cursor(vendor: FakeVendor) -> None:
    vendor.reply(LIST_PATH, {"data": five_runs()[:1], "next_cursor": "cur_2", "has_more": False})
    with client(vendor) as sendrealm:
        assert ids(sendrealm.runs.list("aut_123")) == ["run_124"]
    assert len(vendor.requests) == 1


def test_sendrealm_list_fixture_parses_end_to_end(vendor: FakeVendor) -> None:
    vendor.reply(LIST_PATH, payload("sendrealm", "list_runs"))
    with client(vendor) as sendrealm:
        waiting, completed = sendrealm.runs.list("aut_123")

    assert waiting.status == "waiting"
    assert waiting.steps is not None
    wait_step = waiting.steps[1]
    assert wait_step.waits is not None
    assert wait_step.waits[0].resumed_at is None
    assert wait_step.waits[0].timeout_at is not None
    assert completed.id == "run_123"


def test_sendrealm_list_body_without_data_raises_validation_error(vendor: FakeVendor) -> None:
    vendor.reply(LIST_PATH, {"runs": []})
    with client(vendor) as sendrealm, pytest.raises(APIResponseValidationError) as caught:
        sendrealm.runs.list("aut_123")
    assert caught.value.path == "data"
    assert '"runs"' in caught.value.body


# -- one run ----------------------------------------------------------------------------------


def assert_is_the_documented_run(run: models.AutomationRun) -> None:
    assert isinstance(run, models.AutomationRun)
    assert run.id == "run_123"
    assert run.automation_id == "aut_123"
    assert run.trigger_event_name == "order.completed"
    assert run.resolved_identity_type == "email"
    assert run.resolved_identity_value == "olivia@example.com"
    assert run.status == "completed"

    assert isinstance(run.trigger_event, models.TriggerEvent)
    assert run.trigger_event.payload == {"order_id": "ord_123"}
    assert run.trigger_event.occurred_at is not None
    assert run.trigger_event.occurred_at.isoformat() == "2026-06-08T14:15:00+00:00"

    assert run.steps is not None
    receipt, wait_for_open, push = run.steps
    assert all(isinstance(step, models.Step) for step in run.steps)
    assert receipt.step_type == "send_email_template"
    assert receipt.linked_emails is not None
    (email,) = receipt.linked_emails
    assert isinstance(email, models.LinkedEmail)
    assert (email.id, email.subject, email.contact_id) == (
        "email_123",
        "Your receipt",
        "contact_123",
    )

    assert wait_for_open.branch_taken == "received"
    assert wait_for_open.waits is not None
    (step_wait,) = wait_for_open.waits
    assert isinstance(step_wait, models.Wait)
    assert step_wait.timed_out_at is None
    assert isinstance(step_wait.resumed_by_event, models.WaitResumedByEvent)
    assert step_wait.resumed_by_event.event_name == "sendrealm.mail.open"

    assert push.linked_push_notifications is not None
    (linked_push,) = push.linked_push_notifications
    assert isinstance(linked_push, models.LinkedPushNotification)
    assert linked_push.title == "Need anything else?"

    assert run.waits is not None
    assert [wait.id for wait in run.waits] == ["wait_123"]
    assert run.waits[0].outcome_branch == "received"
    assert run.sent_emails is not None
    (sent_email,) = run.sent_emails
    assert isinstance(sent_email, models.SentEmail)
    assert sent_email.automation_step_key == "send_receipt"
    assert run.sent_push_notifications is not None
    (sent_push,) = run.sent_push_notifications
    assert isinstance(sent_push, models.SentPushNotification)
    assert sent_push.automation_step_key == "send_push_follow_up"
    assert sent_push.created_at is not None
    assert sent_push.created_at.isoformat() == "2026-06-08T14:16:31+00:00"


def test_sendrealm_get_unwraps_data_and_parses_the_timeline(vendor: FakeVendor) -> None:
    vendor.reply("/automation-runs/run_123", payload("sendrealm", "get_run"))
    with client(vendor) as sendrealm:
        run = sendrealm.runs.get("run_123")

    assert_is_the_documented_run(run)
    assert [r.raw_path for r in vendor.requests] == ["/automation-runs/run_123"]
    assert vendor.header_values("Authorization") == [f"Bearer {API_KEY}"]


@pytest.mark.anyio
async def test_sendrealm_async_get_unwraps_data_and_parses_the_timeline(
    vendor: FakeVendor,
) -> None:
    vendor.reply("/automation-runs/run_123", payload("sendrealm", "get_run"))
    async with async_client(vendor) as sendrealm:
        run = await sendrealm.runs.get("run_123")

    assert_is_the_documented_run(run)
    assert vendor.header_values("Authorization") == [f"Bearer {API_KEY}"]


def test_sendrealm_get_without_data_envelope_raises_validation_error(vendor: FakeVendor) -> None:
    vendor.reply("/automation-runs/run_123", payload("sendrealm", "get_run")["data"])
    with client(vendor) as sendrealm, pytest.raises(APIResponseValidationError) as caught:
        sendrealm.runs.get("run_123")
    assert "data" in str(caught.value)
    assert "run_123" in caught.value.body


def test_sendrealm_strict_get_with_a_mistyped_field_names_its_path(vendor: FakeVendor) -> None:
    body = payload("sendrealm", "get_run")
    body["data"]["steps"][0]["linked_emails"][0]["created_at"] = "yesterday"
    vendor.reply("/automation-runs/run_123", body)
    with client(vendor, strict=True) as sendrealm, pytest.raises(APIResponseValidationError) as caught:
        sendrealm.runs.get("run_123")
    assert caught.value.path == "data.steps[0].linked_emails[0].created_at"


def test_sendrealm_get_with_a_mistyped_field_keeps_the_raw_value(vendor: FakeVendor) -> None:
    body = payload("sendrealm", "get_run")
    body["data"]["steps"][0]["linked_emails"][0]["created_at"] = "yesterday"
    vendor.reply("/automation-runs/run_123", body)
    with client(vendor) as sendrealm:
        run = sendrealm.runs.get("run_123")
    assert run.steps[0].linked_emails[0].created_at == "yesterday"
    assert run.id == body["data"]["id"]


# -- errors -----------------------------------------------------------------------------------

ERRORS = [
    (400, BadRequestError, "invalid_request"),
    (401, AuthenticationError, "unauthorized"),
    (404, NotFoundError, "not_found"),
    (409, ConflictError, "conflict"),
    (422, UnprocessableEntityError, "validation_failed"),
]


def error_body(status: int, code: str) -> dict[str, Any]:
    body: dict[str, Any] = payload("sendrealm", "error")
    body["status"] = status
    body["error"]["code"] = code
    if status == 422:
        body["error"]["details"] = [{"field": "cursor", "issue": "malformed"}]
    return body


@pytest.mark.parametrize(("status", "exc_type", "code"), ERRORS)
def test_sendrealm_error_status_raises_its_exception_with_the_envelope_parsed(
    vendor: FakeVendor, status: int, exc_type: type[APIStatusError], code: str
) -> None:
    vendor.reply("/automation-runs/run_404", error_body(status, code), status=status)
    with client(vendor) as sendrealm, pytest.raises(exc_type) as caught:
        sendrealm.runs.get("run_404")

    exc = caught.value
    assert exc.status_code == status
    assert isinstance(exc.error, models.ErrorResponse)
    assert exc.error.status == status
    assert exc.error.error is not None
    assert exc.error.error.code == code
    assert exc.error.error.message == "Automation run not found."
    if status == 422:
        assert exc.error.error.details == [{"field": "cursor", "issue": "malformed"}]
    else:
        assert exc.error.error.details is None
    assert API_KEY not in str(exc)


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "exc_type", "code"), ERRORS)
async def test_sendrealm_async_error_status_raises_its_exception_with_the_envelope_parsed(
    vendor: FakeVendor, status: int, exc_type: type[APIStatusError], code: str
) -> None:
    vendor.reply(LIST_PATH, error_body(status, code), status=status)
    async with async_client(vendor) as sendrealm:
        with pytest.raises(exc_type) as caught:
            await sendrealm.runs.list("aut_123")

    exc = caught.value
    assert isinstance(exc.error, models.ErrorResponse)
    assert exc.error.status == status
    assert exc.error.error is not None
    assert exc.error.error.code == code
