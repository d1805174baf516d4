"""The generated Files.com client against a fake Files.com on loopback.

Files.com authenticates with ``X-FilesAPI-Key`` (never ``Authorization``), optionally scoped by
``X-Files-Workspace-Id``. A list's body is a bare JSON array; the next cursor is in the response
header ``X-Files-Cursor-Next`` (the SDKs read the legacy ``X-Files-Cursor``), sent back as
``?cursor=``; no header ends the list. ``sort_by`` and ``filter`` are deepObject parameters.
Errors have hyphenated keys (``http-code``, ``model-errors``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import pytest
from files_com_client import (
    APIStatusError,
    AsyncFilesComClient,
    AuthenticationError,
    BadRequestError,
    FilesComClient,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
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

API_KEY = "f1e5c0m-4p1-k3y-7b9d2a"
PREFIX = "/api/rest/v1"
LIST_PATH = f"{PREFIX}/automation_runs"
FIRST_QUERY = "automation_id=1402&per_page=2&sort_by[created_at]=desc&filter[status]=failure"


@contextmanager
def client(vendor: FakeVendor, **kwargs: Any) -> Iterator[FilesComClient]:
    kwargs.setdefault("max_retries", 0)
    with (
        http_client() as http,
        FilesComClient(
            api_key=API_KEY, base_url=vendor.url(PREFIX), http_client=http, **kwargs
        ) as files,
    ):
        yield files


@asynccontextmanager
async def async_client(vendor: FakeVendor, **kwargs: Any) -> AsyncIterator[AsyncFilesComClient]:
    kwargs.setdefault("max_retries", 0)
    async with (
        async_http_client() as http,
        AsyncFilesComClient(
            api_key=API_KEY, base_url=vendor.url(PREFIX), http_client=http, **kwargs
        ) as files,
    ):
        yield files


@pytest.fixture(autouse=True)
def _no_workspace_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FILES_COM_WORKSPACE_ID", raising=False)


def five_runs() -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = payload("files_com", "list_runs")
    return [
        *runs,
        with_changes(runs[2], id=980150),
        with_changes(runs[2], id=980101, status="failure"),
    ]


def three_pages() -> list[Page]:
    """Page 1 names the next cursor in X-Files-Cursor-Next (plus a Prev and a stale legacy
    header), page 2 only in the legacy X-Files-Cursor, page 3 in neither."""
    runs = five_runs()
    return [
        Page(
            FIRST_QUERY,
            runs[0:2],
            headers={
                "X-Files-Cursor-Next": "bmV4dDo5ODAyMTE=",
                "X-Files-Cursor-Prev": "cHJldjo5ODAyMzA=",
                "X-Files-Cursor": "legacy-ignored-when-next-is-set",
            },
        ),
        Page(
            f"{FIRST_QUERY}&cursor=bmV4dDo5ODAyMTE%3D",
            runs[2:4],
            headers={"X-Files-Cursor": "bGVnYWN5Ojk4MDE1MA=="},
        ),
        Page(f"{FIRST_QUERY}&cursor=bGVnYWN5Ojk4MDE1MA%3D%3D", runs[4:]),
    ]


EXPECTED_QUERIES = [
    FIRST_QUERY,
    f"{FIRST_QUERY}&cursor=bmV4dDo5ODAyMTE%3D",
    f"{FIRST_QUERY}&cursor=bGVnYWN5Ojk4MDE1MA%3D%3D",
]
EXPECTED_IDS = [980230, 980211, 980187, 980150, 980101]


def list_kwargs() -> dict[str, Any]:
    return {
        "automation_id": 1402,
        "per_page": 2,
        "sort_by": models.SortBy(created_at=models.SortDirection.DESC),
        "filter": models.RunFilter(status=models.AutomationRunStatus.FAILURE),
    }


# -- pagination -------------------------------------------------------------------------------


def test_files_com_follows_the_cursor_header_then_the_legacy_header_until_none(
    vendor: FakeVendor,
) -> None:
    vendor.pages(LIST_PATH, three_pages())
    with client(vendor) as files:
        runs = list(files.runs.list(**list_kwargs()))

    assert ids(runs) == EXPECTED_IDS
    assert vendor.queries() == EXPECTED_QUERIES
    assert {r.raw_path for r in vendor.requests} == {LIST_PATH}


@pytest.mark.anyio
async def test_files_com_async_follows_the_cursor_headers_until_none(vendor: FakeVendor) -> None:
    vendor.pages(LIST_PATH, three_pages())
    async with async_client(vendor) as files:
        runs = await collect(files.runs.list(**list_kwargs()))

    assert ids(runs) == EXPECTED_IDS
    assert vendor.queries() == EXPECTED_QUERIES


def test_files_com_sends_the_api_key_header_and_never_authorization(vendor: FakeVendor) -> None:
    vendor.pages(LIST_PATH, three_pages())
    with client(vendor, workspace_id="12") as files:
        list(files.runs.list(**list_kwargs()))

    assert vendor.header_values("X-FilesAPI-Key") == [API_KEY] * 3
    assert vendor.header_values("Authorization") == [None] * 3
    assert vendor.header_values("X-Files-Workspace-Id") == ["12"] * 3


@pytest.mark.anyio
async def test_files_com_async_sends_the_api_key_and_workspace_headers(vendor: FakeVendor) -> None:
    vendor.pages(LIST_PATH, three_pages())
    async with async_client(vendor, workspace_id="12") as files:
        await collect(files.runs.list(**list_kwargs()))

    assert vendor.header_values("X-FilesAPI-Key") == [API_KEY] * 3
    assert vendor.header_values("Authorization") == [None] * 3
    assert vendor.header_values("X-Files-Workspace-Id") == ["12"] * 3


def test_files_com_sends_no_workspace_header_unless_asked(vendor: FakeVendor) -> None:
    vendor.reply(LIST_PATH, [], query="automation_id=1402")
    with client(vendor) as files:
        assert list(files.runs.list(automation_id=1402)) == []
    assert vendor.header_values("X-Files-Workspace-Id") == [None]
    assert vendor.header_values("X-FilesAPI-Key") == [API_KEY]


def test_files_com_workspace_header_may_come_from_the_environment(
    vendor: FakeVendor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FILES_COM_WORKSPACE_ID", "7")
    vendor.reply(LIST_PATH, [], query="automation_id=1402")
    with client(vendor) as files:
        list(files.runs.list(automation_id=1402))
    assert vendor.header_values("X-Files-Workspace-Id") == ["7"]


def test_files_com_empty_cursor_header_ends_the_list(vendor: FakeVendor) -> None:
    vendor.reply(
        LIST_PATH,
        five_runs()[:1],
        query="automation_id=1402",
        headers={"X-Files-Cursor-Next": "", "X-Files-Cursor": ""},
    )
    with client(vendor) as files:
        assert ids(files.runs.list(automation_id=1402)) == [980230]
    assert len(vendor.requests) == 1


def test_files_com_sort_by_and_filter_use_deep_object_keys(vendor: FakeVendor) -> None:
    query = (
        "automation_id=1402&sort_by[automation_id]=asc"
        "&filter[status]=canceled&filter[automation_id]=1402&filter[workspace_id]=12"
    )
    vendor.reply(LIST_PATH, [], query=query)
    with client(vendor) as files:
        list(
            files.runs.list(
                automation_id=1402,
                sort_by=models.SortBy(automation_id=models.SortDirection.ASC),
                filter=models.RunFilter(
                    status=models.AutomationRunStatus.CANCELED, automation_id=1402, workspace_id=12
                ),
            )
        )
    assert vendor.queries() == [query]


def test_files_com_per_page_above_10000_is_refused_before_sending(vendor: FakeVendor) -> None:
    with client(vendor) as files, pytest.raises(ValueError, match="per_page"):
        files.runs.list(automation_id=1402, per_page=10_001)
    assert vendor.requests == []


# -- one run ----------------------------------------------------------------------------------


def assert_is_the_recorded_run(run: models.AutomationRun) -> None:
    assert run.id == 980187
    assert run.automation_id == 1402
    assert run.status is models.AutomationRunStatus.PARTIAL_FAILURE
    assert run.runtime == 242.05
    assert run.successful_operations == 21
    assert run.failed_operations == 3
    assert run.workspace_id == 12
    assert run.retry_at is None
    assert run.completed_at is not None
    assert run.completed_at.isoformat() == "2026-08-13T10:04:02+00:00"
    assert run.definition is not None
    assert run.definition["name"] == "Nightly partner sync"
    assert run.node_states is not None
    assert run.node_states["copy_inbound"]["failed_operations"] == 3
    assert run.execution_nodes is not None and len(run.execution_nodes) > 0


def test_files_com_get_fetches_one_run_by_integer_id(vendor: FakeVendor) -> None:
    vendor.reply(f"{LIST_PATH}/980187", payload("files_com", "get_run"))
    with client(vendor) as files:
        run = files.runs.get(980187)

    assert_is_the_recorded_run(run)
    (request,) = vendor.requests
    assert request.raw_path == f"{LIST_PATH}/980187"
    assert request.headers.get("X-FilesAPI-Key") == API_KEY
    assert request.headers.get("Authorization") is None


@pytest.mark.anyio
async def test_files_com_async_get_fetches_one_run_by_integer_id(vendor: FakeVendor) -> None:
    vendor.reply(f"{LIST_PATH}/980187", payload("files_com", "get_run"))
    async with async_client(vendor) as files:
        run = await files.runs.get(980187)

    assert_is_the_recorded_run(run)
    assert [r.raw_path for r in vendor.requests] == [f"{LIST_PATH}/980187"]
    assert vendor.header_values("X-FilesAPI-Key") == [API_KEY]


@pytest.mark.parametrize(
    ("wire", "known"),
    [
        ("canceled", True),
        ("queued", True),
        ("skipped", True),
        ("cancelled_by_admin", False),
    ],
)
def test_files_com_status_is_an_open_enum(vendor: FakeVendor, wire: str, known: bool) -> None:
    vendor.reply(f"{LIST_PATH}/1", with_changes(payload("files_com", "get_run"), id=1, status=wire))
    with client(vendor) as files:
        run = files.runs.get(1)

    assert run.status is not None
    assert run.status == wire
    assert run.status.value == wire
    assert run.status.is_known is known
    assert isinstance(run.status, models.AutomationRunStatus)


def test_files_com_unknown_fields_are_kept(vendor: FakeVendor) -> None:
    body = with_changes(payload("files_com", "get_run"), paused_by_user_id=42)
    vendor.reply(f"{LIST_PATH}/980187", body)
    with client(vendor) as files:
        run = files.runs.get(980187)
    assert run.model_extra == {"paused_by_user_id": 42}


# -- errors -----------------------------------------------------------------------------------

ERRORS = [
    (400, BadRequestError, "bad-request/invalid-cursor"),
    (401, AuthenticationError, "not-authenticated/invalid-api-key"),
    (403, PermissionDeniedError, "not-authorized/insufficient-permission-for-site"),
    (404, NotFoundError, "not-found/automation-run-not-found"),
    (422, UnprocessableEntityError, "processing-failure/invalid-automation"),
    (429, RateLimitError, "rate-limited/too-many-requests"),
    (503, InternalServerError, "service-unavailable/automations-unavailable"),
]


def error_body(status: int, type_: str) -> dict[str, Any]:
    return with_changes(payload("files_com", "error"), **{"http-code": status, "type": type_})


@pytest.mark.parametrize(("status", "exc_type", "type_"), ERRORS)
def test_files_com_error_status_raises_its_exception_with_the_hyphenated_body_parsed(
    vendor: FakeVendor, status: int, exc_type: type[APIStatusError], type_: str
) -> None:
    vendor.reply(f"{LIST_PATH}/5", error_body(status, type_), status=status)
    with client(vendor) as files, pytest.raises(exc_type) as caught:
        files.runs.get(5)

    exc = caught.value
    assert exc.status_code == status
    assert isinstance(exc.error, models.ErrorResponse)
    assert exc.error.http_code == status
    assert exc.error.type == type_
    assert exc.error.error == "Automation Run Not Found"
    assert exc.error.title == "Automation Run Not Found"
    assert exc.error.instance == "f2a9c6de-5b8e-4c1a-9d3f-7e2b1a0c4d58"
    assert exc.error.model_errors == {}
    assert exc.error.errors == []
    assert API_KEY not in str(exc)


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "exc_type", "type_"), ERRORS)
async def test_files_com_async_error_status_raises_its_exception_with_the_body_parsed(
    vendor: FakeVendor, status: int, exc_type: type[APIStatusError], type_: str
) -> None:
    vendor.reply(LIST_PATH, error_body(status, type_), status=status, query="automation_id=1")
    async with async_client(vendor) as files:
        with pytest.raises(exc_type) as caught:
            await files.runs.list(automation_id=1)

    exc = caught.value
    assert isinstance(exc.error, models.ErrorResponse)
    assert exc.error.http_code == status
    assert exc.error.type == type_


def test_files_com_429_reports_the_retry_after_header(vendor: FakeVendor) -> None:
    vendor.reply(
        f"{LIST_PATH}/5",
        error_body(429, "rate-limited/too-many-requests"),
        status=429,
        headers={"Retry-After": "3"},
    )
    with client(vendor) as files, pytest.raises(RateLimitError) as caught:
        files.runs.get(5)
    assert caught.value.retry_after == 3.0
