"""The generated Basedash client against a fake Basedash on loopback.

Basedash pages with a cursor in the body (``pagination.nextCursor`` / ``hasMore``), sent back as
``?cursor=``; the list ends on a null cursor. Errors are ``{"error": {"title", "detail"}}``, and a
429 carries ``error.retryAfterMs`` (milliseconds) in its body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import pytest
from basedash_client import (
    AsyncBasedashClient,
    AuthenticationError,
    BasedashClient,
    InternalServerError,
    NotFoundError,
    PaginationError,
    RateLimitError,
    models,
)

from tests.clients.servers import FakeVendor, Page, async_http_client, collect, http_client, ids

API_KEY = "bd_key_0123456789abcdef0123456789abcdef"
PATH = "/api/public/organizations/org_abc123/automations/aut_9/runs"


def run(n: int, *, status: str | None = "FINISHED", member: str | None = "mem_1") -> dict[str, Any]:
    return {
        "id": f"run_{n}",
        "automationId": "aut_9",
        "organizationId": "org_abc123",
        "name": f"Weekly revenue digest #{n}",
        "status": status,
        "isManualRun": n % 2 == 0,
        "memberId": member,
        "createdAt": f"2026-03-0{n}T09:00:00.000Z",
        "updatedAt": f"2026-03-0{n}T09:00:05.250Z",
    }


def body(runs: list[dict[str, Any]], cursor: str | None, has_more: bool) -> dict[str, Any]:
    return {"data": runs, "pagination": {"nextCursor": cursor, "hasMore": has_more}}


THREE_PAGES = [
    Page("limit=2", body([run(1), run(2, status=None, member=None)], "c1", True)),
    Page("limit=2&cursor=c1", body([run(3, status="GENERATING"), run(4)], "c2", True)),
    Page("limit=2&cursor=c2", body([run(5)], None, False)),
]
EXPECTED_QUERIES = ["limit=2", "limit=2&cursor=c1", "limit=2&cursor=c2"]


@contextmanager
def client(vendor: FakeVendor, **kwargs: Any) -> Iterator[BasedashClient]:
    kwargs.setdefault("max_retries", 0)
    with (
        http_client() as http,
        BasedashClient(
            api_key=API_KEY, base_url=vendor.url(), http_client=http, **kwargs
        ) as basedash,
    ):
        yield basedash


@asynccontextmanager
async def async_client(vendor: FakeVendor, **kwargs: Any) -> AsyncIterator[AsyncBasedashClient]:
    kwargs.setdefault("max_retries", 0)
    async with (
        async_http_client() as http,
        AsyncBasedashClient(
            api_key=API_KEY, base_url=vendor.url(), http_client=http, **kwargs
        ) as basedash,
    ):
        yield basedash


# -- pagination -------------------------------------------------------------------------------


def test_basedash_walks_every_cursor_page_until_the_cursor_is_null(vendor: FakeVendor) -> None:
    vendor.pages(PATH, THREE_PAGES)
    with client(vendor) as basedash:
        runs = list(basedash.runs.list("org_abc123", "aut_9", limit=2))

    assert ids(runs) == ["run_1", "run_2", "run_3", "run_4", "run_5"]
    assert vendor.queries() == EXPECTED_QUERIES
    assert {r.raw_path for r in vendor.requests} == {PATH}
    assert vendor.header_values("Authorization") == [f"Bearer {API_KEY}"] * 3


def test_basedash_list_parses_runs_with_nullable_required_fields(vendor: FakeVendor) -> None:
    vendor.pages(PATH, THREE_PAGES)
    with client(vendor) as basedash:
        first, second, third, *_ = basedash.runs.list("org_abc123", "aut_9", limit=2)

    assert isinstance(first, models.PublicAutomationRun)
    assert first.status is models.PublicAutomationRunStatus.FINISHED
    assert first.automation_id == "aut_9"
    assert first.organization_id == "org_abc123"
    assert first.is_manual_run is False
    assert first.created_at == dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert first.updated_at == dt.datetime(2026, 3, 1, 9, 0, 5, 250000, tzinfo=dt.UTC)
    assert second.status is None
    assert second.member_id is None
    assert third.status is models.PublicAutomationRunStatus.GENERATING


@pytest.mark.anyio
async def test_basedash_async_walks_every_cursor_page_until_the_cursor_is_null(
    vendor: FakeVendor,
) -> None:
    vendor.pages(PATH, THREE_PAGES)
    async with async_client(vendor) as basedash:
        runs = await collect(basedash.runs.list("org_abc123", "aut_9", limit=2))

    assert ids(runs) == ["run_1", "run_2", "run_3", "run_4", "run_5"]
    assert vendor.queries() == EXPECTED_QUERIES
    assert vendor.header_values("Authorization") == [f"Bearer {API_KEY}"] * 3


def test_basedash_page_objects_expose_items_and_the_next_page(vendor: FakeVendor) -> None:
    vendor.pages(PATH, THREE_PAGES)
    with client(vendor) as basedash:
        first = basedash.runs.list("org_abc123", "aut_9", limit=2)
        assert ids(first.items) == ["run_1", "run_2"]
        assert vendor.queries() == ["limit=2"]  # lazy: nothing fetched beyond the first page
        assert first.has_next_page()
        pages = list(first.iter_pages())

    assert [ids(page.items) for page in pages] == [
        ["run_1", "run_2"],
        ["run_3", "run_4"],
        ["run_5"],
    ]
    assert not pages[-1].has_next_page()
    with pytest.raises(LookupError):
        pages[-1].next_page()
    assert vendor.queries() == EXPECTED_QUERIES


@pytest.mark.anyio
async def test_basedash_async_page_objects_walk_pages(vendor: FakeVendor) -> None:
    vendor.pages(PATH, THREE_PAGES)
    async with async_client(vendor) as basedash:
        first = await basedash.runs.list("org_abc123", "aut_9", limit=2)
        assert ids(first.items) == ["run_1", "run_2"]
        second = await first.next_page()
        pages = [page async for page in second.iter_pages()]

    assert [ids(page.items) for page in pages] == [["run_3", "run_4"], ["run_5"]]
    assert vendor.queries() == EXPECTED_QUERIES


def test_basedash_stops_when_has_more_is_false_even_with_a_cursor(vendor: FakeVendor) -> None:
    vendor.pages(PATH, [Page("", body([run(1)], "c1", False))])
    with client(vendor) as basedash:
        assert ids(basedash.runs.list("org_abc123", "aut_9")) == ["run_1"]
    assert vendor.queries() == [""]


def test_basedash_repeated_cursor_raises_instead_of_looping(vendor: FakeVendor) -> None:
    vendor.pages(
        PATH,
        [
            Page("limit=1", body([run(1)], "c1", True)),
            Page("limit=1&cursor=c1", body([run(2)], "c1", True)),
        ],
    )
    with client(vendor) as basedash, pytest.raises(PaginationError) as caught:
        list(basedash.runs.list("org_abc123", "aut_9", limit=1))
    assert caught.value.cursor == "c1"
    assert vendor.queries() == ["limit=1", "limit=1&cursor=c1"]


@pytest.mark.parametrize("limit", [0, 101])
def test_basedash_limit_outside_1_to_100_is_refused_before_sending(
    vendor: FakeVendor, limit: int
) -> None:
    with client(vendor) as basedash, pytest.raises(ValueError, match="limit"):
        basedash.runs.list("org_abc123", "aut_9", limit=limit)
    assert vendor.requests == []


def test_basedash_path_parameters_are_percent_encoded(vendor: FakeVendor) -> None:
    vendor.reply(
        "/api/public/organizations/org 1/automations/a/b?/runs", body([run(1)], None, False)
    )
    with client(vendor) as basedash:
        assert ids(basedash.runs.list("org 1", "a/b?")) == ["run_1"]
    assert (
        vendor.requests[0].raw_path == "/api/public/organizations/org%201/automations/a%2Fb%3F/runs"
    )


# -- errors -----------------------------------------------------------------------------------

ERRORS = [
    (401, AuthenticationError, "Unauthorized", "Missing or invalid API key"),
    (404, NotFoundError, "NotFound", "Automation not found or no admin access"),
    (500, InternalServerError, "InternalServerError", "Something went wrong"),
]


@pytest.mark.parametrize(("status", "exc_type", "title", "detail"), ERRORS)
def test_basedash_error_status_raises_its_exception_with_the_parsed_error_response(
    vendor: FakeVendor, status: int, exc_type: type[Exception], title: str, detail: str
) -> None:
    vendor.reply(PATH, {"error": {"title": title, "detail": detail}}, status=status)
    with client(vendor) as basedash, pytest.raises(exc_type) as caught:
        basedash.runs.list("org_abc123", "aut_9")

    exc = caught.value
    assert isinstance(exc, AuthenticationError | NotFoundError | InternalServerError)
    assert exc.status_code == status
    assert isinstance(exc.error, models.ErrorResponse)
    assert exc.error.error.title == title
    assert exc.error.error.detail == detail
    assert API_KEY not in str(exc)


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "exc_type", "title", "detail"), ERRORS)
async def test_basedash_async_error_status_raises_its_exception_with_the_parsed_error_response(
    vendor: FakeVendor, status: int, exc_type: type[Exception], title: str, detail: str
) -> None:
    vendor.reply(PATH, {"error": {"title": title, "detail": detail}}, status=status)
    async with async_client(vendor) as basedash:
        with pytest.raises(exc_type) as caught:
            await basedash.runs.list("org_abc123", "aut_9")

    exc = caught.value
    assert isinstance(exc, AuthenticationError | NotFoundError | InternalServerError)
    assert isinstance(exc.error, models.ErrorResponse)
    assert exc.error.error.title == title


RATE_LIMITED = {
    "error": {
        "title": "RateLimitExceeded",
        "detail": "Too many requests, retry later",
        "retryAfterMs": 1500,
    }
}


def test_basedash_429_raises_rate_limit_error_with_retry_after_from_the_body(
    vendor: FakeVendor,
) -> None:
    vendor.reply(PATH, RATE_LIMITED, status=429)
    with client(vendor) as basedash, pytest.raises(RateLimitError) as caught:
        basedash.runs.list("org_abc123", "aut_9")

    exc = caught.value
    assert exc.status_code == 429
    assert exc.retry_after == 1.5
    assert isinstance(exc.error, models.RateLimitErrorResponse)
    assert exc.error.error.retry_after_ms == 1500
    assert exc.error.error.title is models.RateLimitErrorBodyTitle.RATE_LIMIT_EXCEEDED


@pytest.mark.anyio
async def test_basedash_async_429_raises_rate_limit_error_with_retry_after_from_the_body(
    vendor: FakeVendor,
) -> None:
    vendor.reply(PATH, RATE_LIMITED, status=429)
    async with async_client(vendor) as basedash:
        with pytest.raises(RateLimitError) as caught:
            await basedash.runs.list("org_abc123", "aut_9")
    assert caught.value.retry_after == 1.5
    assert isinstance(caught.value.error, models.RateLimitErrorResponse)


def test_basedash_retries_a_429_after_the_delay_in_retry_after_ms(vendor: FakeVendor) -> None:
    vendor.reply(PATH, RATE_LIMITED, query="limit=2", status=429)
    vendor.reply(PATH, body([run(1)], None, False), query="limit=2")
    delays: list[float] = []
    with client(vendor, max_retries=2) as basedash:
        basedash._sleep = delays.append
        page = basedash.runs.list("org_abc123", "aut_9", limit=2)

    assert ids(page.items) == ["run_1"]
    assert page.retries_taken == 1
    assert delays == [1.5]
    assert vendor.queries() == ["limit=2", "limit=2"]


@pytest.mark.anyio
async def test_basedash_async_retries_a_429_after_the_delay_in_retry_after_ms(
    vendor: FakeVendor,
) -> None:
    vendor.reply(PATH, RATE_LIMITED, status=429)
    vendor.reply(PATH, body([run(1)], None, False))
    delays: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        delays.append(seconds)

    async with async_client(vendor, max_retries=2) as basedash:
        basedash._sleep = fake_sleep
        runs = await collect(basedash.runs.list("org_abc123", "aut_9"))

    assert ids(runs) == ["run_1"]
    assert delays == [1.5]
    assert len(vendor.requests) == 2
