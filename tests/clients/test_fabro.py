"""The generated Fabro client against a fake, self-hosted Fabro on loopback.

Fabro pages by offset with literal bracketed names (``page[limit]``, ``page[offset]``) and ends the
list when ``meta.has_more`` is false; ``meta.total``'s type is unconfirmed. Errors are
``{"errors": [...], "request_id"}`` with the id also in the ``x-request-id`` header. The automation
id must match ``^[a-z0-9][a-z0-9-]{0,62}$``, and there is no default host.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import pytest
from fabro_client import (
    APIStatusError,
    AsyncFabroClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    FabroClient,
    InternalServerError,
    NotFoundError,
    PaginationError,
    UnprocessableEntityError,
    models,
)
from fabro_client._models import UnknownVariant

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

TOKEN = "fabro_dev_3kq9Xw2LmT7vB1nR"
PATH = "/api/v1/automations/nightly-deps-bump/runs"
REQUEST_ID = "7d0c2b8e-91f4-4a55-b6de-5f3a2c1e9b70"


def fixture_runs() -> list[dict[str, Any]]:
    """The recorded runs plus two more, so that a limit of 2 needs three pages."""
    runs: list[dict[str, Any]] = payload("fabro", "list_runs")["data"]
    base = runs[0]
    return [
        *runs,
        with_changes(base, id="01JNR0000000000000000000R4"),
        with_changes(base, id="01JNR0000000000000000000R5"),
    ]


def list_body(runs: list[dict[str, Any]], has_more: bool, total: Any = True) -> dict[str, Any]:
    return {"data": runs, "meta": {"has_more": has_more, "total": total}}


def three_pages() -> tuple[list[Page], list[str]]:
    runs = fixture_runs()
    pages = [
        Page("page[limit]=2", list_body(runs[0:2], True)),
        Page("page[limit]=2&page[offset]=2", list_body(runs[2:4], True)),
        Page("page[limit]=2&page[offset]=4", list_body(runs[4:], False)),
    ]
    return pages, [run["id"] for run in runs]


@contextmanager
def client(vendor: FakeVendor, **kwargs: Any) -> Iterator[FabroClient]:
    kwargs.setdefault("max_retries", 0)
    with (
        http_client() as http,
        FabroClient(api_key=TOKEN, base_url=vendor.url(), http_client=http, **kwargs) as fabro,
    ):
        yield fabro


@asynccontextmanager
async def async_client(vendor: FakeVendor, **kwargs: Any) -> AsyncIterator[AsyncFabroClient]:
    kwargs.setdefault("max_retries", 0)
    async with (
        async_http_client() as http,
        AsyncFabroClient(api_key=TOKEN, base_url=vendor.url(), http_client=http, **kwargs) as fabro,
    ):
        yield fabro


# -- pagination -------------------------------------------------------------------------------


def test_fabro_walks_offset_pages_with_literal_brackets_until_has_more_is_false(
    vendor: FakeVendor,
) -> None:
    pages, expected_ids = three_pages()
    vendor.pages(PATH, pages)
    with client(vendor) as fabro:
        runs = list(fabro.runs.list("nightly-deps-bump", page_limit=2))

    assert ids(runs) == expected_ids
    assert vendor.queries() == [
        "page[limit]=2",
        "page[limit]=2&page[offset]=2",
        "page[limit]=2&page[offset]=4",
    ]
    assert vendor.header_values("Authorization") == [f"Bearer {TOKEN}"] * 3


@pytest.mark.anyio
async def test_fabro_async_walks_offset_pages_with_literal_brackets(vendor: FakeVendor) -> None:
    pages, expected_ids = three_pages()
    vendor.pages(PATH, pages)
    async with async_client(vendor) as fabro:
        runs = await collect(fabro.runs.list("nightly-deps-bump", page_limit=2))

    assert ids(runs) == expected_ids
    assert vendor.queries() == [
        "page[limit]=2",
        "page[limit]=2&page[offset]=2",
        "page[limit]=2&page[offset]=4",
    ]
    assert vendor.header_values("Authorization") == [f"Bearer {TOKEN}"] * 3


def test_fabro_continues_from_the_offset_the_caller_started_at(vendor: FakeVendor) -> None:
    runs = fixture_runs()
    vendor.pages(
        PATH,
        [
            Page("page[limit]=2&page[offset]=3", list_body(runs[3:5], True)),
            Page("page[limit]=2&page[offset]=5", list_body([], False)),
        ],
    )
    with client(vendor) as fabro:
        found = list(fabro.runs.list("nightly-deps-bump", page_limit=2, page_offset=3))
    assert ids(found) == [runs[3]["id"], runs[4]["id"]]
    assert vendor.queries() == ["page[limit]=2&page[offset]=3", "page[limit]=2&page[offset]=5"]


def test_fabro_run_objects_from_the_fixture_parse_end_to_end(vendor: FakeVendor) -> None:
    pages, _ = three_pages()
    vendor.pages(PATH, pages)
    with client(vendor) as fabro:
        succeeded, blocked, archived, *_ = fabro.runs.list("nightly-deps-bump", page_limit=2)

    assert isinstance(succeeded, models.Run)
    assert succeeded.workflow is not None and succeeded.workflow.node_count == 9
    assert succeeded.automation is not None and succeeded.automation.id == "nightly-deps-bump"
    assert succeeded.labels == {"team": "platform", "source": "nightly"}
    assert succeeded.billing is not None and succeeded.billing.total_usd_micros == 1843200
    assert succeeded.sandbox is not None and succeeded.sandbox.instance is not None
    assert succeeded.sandbox.instance.runtime is not None
    assert succeeded.sandbox.instance.runtime.repo_cloned is True
    assert [m.provider for m in succeeded.models or []] == ["anthropic", "openai"]
    assert succeeded.size is models.RunSize.M
    assert succeeded.timestamps is not None
    assert succeeded.timestamps.completed_at is not None
    assert succeeded.timestamps.completed_at.isoformat() == "2026-05-04T02:10:12+00:00"

    assert succeeded.lifecycle is not None
    assert isinstance(succeeded.lifecycle.status, models.RunStatusSucceeded)
    assert succeeded.lifecycle.status.reason is models.RunStatusSucceededReason.COMPLETED
    assert blocked.lifecycle is not None
    assert isinstance(blocked.lifecycle.status, models.RunStatusBlocked)
    assert archived.lifecycle is not None
    assert isinstance(archived.lifecycle.status, models.RunStatusArchived)
    assert archived.lifecycle.status.prior.kind is models.TerminalStatusKind.FAILED


def test_fabro_unknown_lifecycle_kind_is_kept_as_unknown_variant(vendor: FakeVendor) -> None:
    run = with_changes(fixture_runs()[0])
    run["lifecycle"]["status"] = {"kind": "pending_approval", "approver": "octocat"}
    vendor.reply(PATH, list_body([run], False))
    with client(vendor) as fabro:
        (found,) = fabro.runs.list("nightly-deps-bump")

    assert found.lifecycle is not None
    status = found.lifecycle.status
    assert isinstance(status, UnknownVariant)
    assert status.model_extra == {"kind": "pending_approval", "approver": "octocat"}


def test_fabro_pages_carry_meta_typed(vendor: FakeVendor) -> None:
    runs = fixture_runs()
    vendor.pages(
        PATH,
        [
            Page("page[limit]=3", list_body(runs[:3], True, 5)),
            Page("page[limit]=3&page[offset]=3", list_body(runs[3:], False, 5)),
        ],
    )
    with client(vendor) as fabro:
        first = fabro.runs.list("nightly-deps-bump", page_limit=3)
        last = first.next_page()

    assert isinstance(first.parsed, models.RunList)
    assert isinstance(first.parsed.meta, models.PaginationMeta)
    assert (first.parsed.meta.has_more, first.parsed.meta.total) == (True, 5)
    assert (last.parsed.meta.has_more, last.parsed.meta.total) == (False, 5)
    assert last.parsed.data is last.items
    assert ids(last.parsed.data) == [run["id"] for run in runs[3:]]


@pytest.mark.anyio
async def test_fabro_async_pages_carry_meta_typed(vendor: FakeVendor) -> None:
    runs = fixture_runs()
    vendor.pages(
        PATH,
        [
            Page("page[limit]=3", list_body(runs[:3], True, "five")),
            Page("page[limit]=3&page[offset]=3", list_body(runs[3:], False, "five")),
        ],
    )
    async with async_client(vendor) as fabro:
        pages = [page async for page in fabro.runs.list("nightly-deps-bump", page_limit=3).iter_pages()]

    assert [page.parsed.meta.has_more for page in pages] == [True, False]
    assert [page.parsed.meta.total for page in pages] == ["five", "five"]  # typed Any: any JSON
    assert [len(page.parsed.data) for page in pages] == [3, len(runs) - 3]


def _same_page_forever(httpserver: Any, has_more: Any) -> None:
    """A Fabro that ignores ``page[offset]``: every request gets the same two runs."""
    runs = fixture_runs()[:2]
    httpserver.expect_request(PATH).respond_with_json({"data": runs, "meta": {"has_more": has_more, "total": 2}})


@pytest.mark.parametrize("has_more", [0, "false", "False", "0", "no", 0.0], ids=repr)
def test_fabro_a_has_more_that_reads_as_false_ends_the_list(vendor: FakeVendor, has_more: Any) -> None:
    _same_page_forever(vendor.server, has_more)
    with client(vendor) as fabro:
        runs = list(fabro.runs.list("nightly-deps-bump", page_limit=2))
    assert len(runs) == 2
    assert vendor.queries() == ["page[limit]=2"]


@pytest.mark.anyio
@pytest.mark.parametrize("has_more", [0, "false"], ids=repr)
async def test_fabro_async_a_has_more_that_reads_as_false_ends_the_list(
    vendor: FakeVendor, has_more: Any
) -> None:
    _same_page_forever(vendor.server, has_more)
    async with async_client(vendor) as fabro:
        runs = await collect(fabro.runs.list("nightly-deps-bump", page_limit=2))
    assert len(runs) == 2
    assert vendor.queries() == ["page[limit]=2"]


@pytest.mark.parametrize("has_more", [1, "true", "yes"], ids=repr)
def test_fabro_a_truthy_has_more_over_a_repeated_page_stops_at_the_repeat(
    vendor: FakeVendor, has_more: Any
) -> None:
    _same_page_forever(vendor.server, has_more)
    with client(vendor) as fabro, pytest.raises(PaginationError, match="repeats the page before it") as caught:
        list(fabro.runs.list("nightly-deps-bump", page_limit=2))
    assert "page[offset]='2'" in str(caught.value)
    assert vendor.queries() == ["page[limit]=2", "page[limit]=2&page[offset]=2"]


@pytest.mark.anyio
async def test_fabro_async_a_truthy_has_more_over_a_repeated_page_stops_at_the_repeat(
    vendor: FakeVendor,
) -> None:
    _same_page_forever(vendor.server, 1)
    async with async_client(vendor) as fabro:
        with pytest.raises(PaginationError, match="repeats the page before it"):
            await collect(fabro.runs.list("nightly-deps-bump", page_limit=2))
    assert vendor.queries() == ["page[limit]=2", "page[limit]=2&page[offset]=2"]


@pytest.mark.parametrize("has_more", [2, "maybe", {"value": True}, [True]], ids=repr)
def test_fabro_a_has_more_that_is_no_boolean_is_a_pagination_error(
    vendor: FakeVendor, has_more: Any
) -> None:
    _same_page_forever(vendor.server, has_more)
    with client(vendor) as fabro, pytest.raises(PaginationError, match=r"meta\.has_more is .*not a boolean"):
        list(fabro.runs.list("nightly-deps-bump", page_limit=2))
    assert vendor.queries() == ["page[limit]=2"]


@pytest.mark.parametrize(
    "total",
    [True, 57, "57", 57.0, None, {"value": 57, "relation": "eq"}, [57]],
    ids=["bool", "int", "str", "float", "null", "object", "array"],
)
def test_fabro_meta_total_of_any_json_type_is_tolerated(vendor: FakeVendor, total: Any) -> None:
    runs = fixture_runs()
    vendor.pages(
        PATH,
        [
            Page("page[limit]=3", list_body(runs[:3], True, total)),
            Page("page[limit]=3&page[offset]=3", list_body(runs[3:], False, total)),
        ],
    )
    with client(vendor) as fabro:
        first = fabro.runs.list("nightly-deps-bump", page_limit=3)
        walked = list(first)

    assert len(walked) == 5
    meta = models.RunList.model_validate(first.body).meta
    assert meta.total == total
    assert meta.has_more is True


def test_fabro_meta_without_total_is_tolerated(vendor: FakeVendor) -> None:
    vendor.reply(PATH, {"data": fixture_runs()[:1], "meta": {"has_more": False}})
    with client(vendor) as fabro:
        assert len(list(fabro.runs.list("nightly-deps-bump"))) == 1


def test_fabro_empty_page_claiming_more_raises_instead_of_looping(vendor: FakeVendor) -> None:
    runs = fixture_runs()
    vendor.pages(
        PATH,
        [
            Page("page[limit]=2", list_body(runs[:2], True)),
            Page("page[limit]=2&page[offset]=2", list_body([], True)),
        ],
    )
    with client(vendor) as fabro, pytest.raises(PaginationError):
        list(fabro.runs.list("nightly-deps-bump", page_limit=2))
    assert len(vendor.requests) == 2


# -- arguments checked before sending ---------------------------------------------------------

BAD_AUTOMATION_IDS = [
    "Nightly-deps",  # upper case
    "-leading-dash",
    "a" * 64,  # 64 characters: one too many
    "under_score",
    "dots.not.allowed",
    "",
    "../admin",
    "nightly-deps\n",  # ECMA-262 `$` does not match before a final newline (Python's does)
]


@pytest.mark.parametrize("automation_id", BAD_AUTOMATION_IDS)
def test_fabro_automation_id_off_pattern_is_refused_before_sending(
    vendor: FakeVendor, automation_id: str
) -> None:
    with client(vendor) as fabro, pytest.raises(ValueError):
        fabro.runs.list(automation_id)
    assert vendor.requests == []


@pytest.mark.anyio
@pytest.mark.parametrize("automation_id", BAD_AUTOMATION_IDS)
async def test_fabro_async_automation_id_off_pattern_is_refused_before_sending(
    vendor: FakeVendor, automation_id: str
) -> None:
    async with async_client(vendor) as fabro:
        with pytest.raises(ValueError):
            await fabro.runs.list(automation_id)
    assert vendor.requests == []


def test_fabro_longest_valid_automation_id_is_sent(vendor: FakeVendor) -> None:
    automation_id = "a" + "-9" * 31  # 63 characters
    vendor.reply(f"/api/v1/automations/{automation_id}/runs", list_body([], False))
    with client(vendor) as fabro:
        assert list(fabro.runs.list(automation_id)) == []
    assert len(vendor.requests) == 1


@pytest.mark.parametrize(
    ("limit", "offset", "name"),
    [(0, None, "page[limit]"), (101, None, "page[limit]"), (None, -1, "page[offset]")],
)
def test_fabro_page_arguments_out_of_range_are_refused_before_sending(
    vendor: FakeVendor, limit: int | None, offset: int | None, name: str
) -> None:
    with client(vendor) as fabro, pytest.raises(ValueError) as caught:
        fabro.runs.list("nightly-deps-bump", page_limit=limit, page_offset=offset)
    assert name in str(caught.value)
    assert vendor.requests == []


def test_fabro_client_requires_a_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FABRO_BASE_URL", raising=False)
    with pytest.raises(ValueError, match="base_url"):
        FabroClient(api_key=TOKEN)
    with pytest.raises(ValueError, match="base_url"):
        AsyncFabroClient(api_key=TOKEN)


def test_fabro_base_url_may_come_from_the_environment(
    vendor: FakeVendor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FABRO_BASE_URL", vendor.url())
    monkeypatch.setenv("FABRO_API_KEY", TOKEN)
    vendor.reply(PATH, list_body([], False))
    with FabroClient(max_retries=0) as fabro:
        assert list(fabro.runs.list("nightly-deps-bump")) == []
    assert vendor.header_values("Authorization") == [f"Bearer {TOKEN}"]


# -- errors -----------------------------------------------------------------------------------

ERRORS = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (404, NotFoundError),
    (409, ConflictError),
    (422, UnprocessableEntityError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
]


def error_body(status: int) -> dict[str, Any]:
    body: dict[str, Any] = payload("fabro", "error")
    body["errors"][0]["status"] = str(status)
    return body


@pytest.mark.parametrize(("status", "exc_type"), ERRORS)
def test_fabro_error_status_raises_its_exception_with_errors_and_request_id(
    vendor: FakeVendor, status: int, exc_type: type[APIStatusError]
) -> None:
    vendor.reply(PATH, error_body(status), status=status, headers={"x-request-id": REQUEST_ID})
    with client(vendor) as fabro, pytest.raises(exc_type) as caught:
        fabro.runs.list("nightly-deps-bump")

    exc = caught.value
    assert exc.status_code == status
    assert exc.request_id == REQUEST_ID  # from the header (the body's id differs)
    assert REQUEST_ID in str(exc)
    assert isinstance(exc.error, models.ErrorResponse)
    (entry,) = exc.error.errors
    assert entry.status == str(status)
    assert entry.title == "Not Found"
    assert entry.code == "automation_not_found"
    assert entry.detail == "Automation 'nightly-deps-bump' was not found."
    assert exc.error.request_id == "3f1c9a7e-2b4d-4e8f-9a61-0c5d7b2e8f14"
    assert TOKEN not in str(exc)


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "exc_type"), ERRORS)
async def test_fabro_async_error_status_raises_its_exception_with_errors_and_request_id(
    vendor: FakeVendor, status: int, exc_type: type[APIStatusError]
) -> None:
    vendor.reply(PATH, error_body(status), status=status, headers={"x-request-id": REQUEST_ID})
    async with async_client(vendor) as fabro:
        with pytest.raises(exc_type) as caught:
            await fabro.runs.list("nightly-deps-bump")

    exc = caught.value
    assert exc.request_id == REQUEST_ID
    assert isinstance(exc.error, models.ErrorResponse)
    assert exc.error.errors[0].code == "automation_not_found"


def test_fabro_error_without_request_id_header_has_none(vendor: FakeVendor) -> None:
    vendor.reply(PATH, error_body(404), status=404)
    with client(vendor) as fabro, pytest.raises(NotFoundError) as caught:
        fabro.runs.list("nightly-deps-bump")
    assert caught.value.request_id is None


def test_fabro_non_json_error_body_keeps_the_text(vendor: FakeVendor) -> None:
    vendor.server.expect_oneshot_request(PATH).respond_with_data(
        "<html>bad gateway</html>", status=502, content_type="text/html"
    )
    with client(vendor) as fabro, pytest.raises(InternalServerError) as caught:
        fabro.runs.list("nightly-deps-bump")
    assert caught.value.error is None
    assert caught.value.body == "<html>bad gateway</html>"


def test_fabro_retries_a_503_then_succeeds(vendor: FakeVendor) -> None:
    vendor.reply(PATH, error_body(503), status=503, headers={"Retry-After": "2"})
    vendor.reply(PATH, list_body(fixture_runs()[:1], False))
    delays: list[float] = []
    with client(vendor, max_retries=1) as fabro:
        fabro._sleep = delays.append
        assert len(list(fabro.runs.list("nightly-deps-bump"))) == 1
    assert delays == [2.0]
    assert len(vendor.requests) == 2
