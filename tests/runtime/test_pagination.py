"""Pagination against real loopback servers, for every vendor's style: walking every page
lazily, the page API, caps, and refusing to loop."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ._support import (
    BASEDASH,
    FABRO,
    FILES_COM,
    KOGNITOS,
    VENDOR_IDS,
    VENDORS,
    PagedAPI,
    Vendor,
    close,
    collect,
    json_response,
    numbered_pages,
    resolve,
)

pytestmark = pytest.mark.anyio

vendors = pytest.mark.parametrize("vendor", VENDORS, ids=VENDOR_IDS)


@vendors
async def test_iterating_a_list_walks_every_item_of_every_page(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    api = PagedAPI(vendor, numbered_pages(vendor, 2, 3, 1)).install(httpserver)
    client = vendor.client(httpserver, flavour)

    runs = await collect(vendor.list(client))

    assert [vendor.key(run) for run in runs] == list(range(6))
    assert len(api.requests) == 3
    await close(client)


@vendors
async def test_pages_are_fetched_only_when_iteration_reaches_them(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    api = PagedAPI(vendor, numbered_pages(vendor, 2, 2, 2)).install(httpserver)
    client = vendor.client(httpserver, flavour)

    first_two = await collect(vendor.list(client), limit=2)
    assert len(api.requests) == 1
    first_three = await collect(vendor.list(client), limit=3)

    assert [vendor.key(run) for run in first_two] == [0, 1]
    assert [vendor.key(run) for run in first_three] == [0, 1, 2]
    assert len(api.requests) == 3
    await close(client)


@vendors
async def test_a_page_offers_its_items_and_the_next_page(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    PagedAPI(vendor, numbered_pages(vendor, 2, 1)).install(httpserver)
    client = vendor.client(httpserver, flavour)

    first = await resolve(vendor.list(client))
    second = await resolve(first.next_page())

    assert [vendor.key(run) for run in first.items] == [0, 1]
    assert first.has_next_page()
    assert [vendor.key(run) for run in second.items] == [2]
    assert not second.has_next_page()
    assert first.response.status_code == 200
    with pytest.raises(LookupError):
        await resolve(second.next_page())
    await close(client)


@vendors
async def test_iter_pages_yields_each_page_once(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    PagedAPI(vendor, numbered_pages(vendor, 2, 2, 1)).install(httpserver)
    client = vendor.client(httpserver, flavour)
    first = await resolve(vendor.list(client))

    pages = await collect(first.iter_pages())

    assert [[vendor.key(run) for run in page.items] for page in pages] == [[0, 1], [2, 3], [4]]
    await close(client)


async def test_awaiting_an_async_list_gives_its_first_page(httpserver: HTTPServer) -> None:
    api = PagedAPI(KOGNITOS, numbered_pages(KOGNITOS, 2, 2)).install(httpserver)
    client = KOGNITOS.client(httpserver, "async")

    page = await KOGNITOS.list(client)

    assert isinstance(page, KOGNITOS.package.AsyncPage)
    assert [KOGNITOS.key(run) for run in page.items] == [0, 1]
    assert len(api.requests) == 1
    await close(client)


async def test_a_list_call_sends_nothing_until_it_is_iterated_or_awaited(
    httpserver: HTTPServer,
) -> None:
    api = PagedAPI(KOGNITOS, numbered_pages(KOGNITOS, 1)).install(httpserver)
    client = KOGNITOS.client(httpserver, "async")

    pager = KOGNITOS.list(client)

    assert api.requests == []
    assert [KOGNITOS.key(run) for run in await collect(pager)] == [0]
    await close(client)


@pytest.mark.parametrize("start", ["page", "list call"])
async def test_max_pages_caps_the_pages_fetched(
    httpserver: HTTPServer, flavour: str, start: str
) -> None:
    api = PagedAPI(FILES_COM, numbered_pages(FILES_COM, 2, 2, 2, 2)).install(httpserver)
    client = FILES_COM.client(httpserver, flavour)
    source = FILES_COM.list(client)
    if start == "page" or flavour == "sync":
        source = await resolve(source)

    pages = await collect(source.iter_pages(max_pages=2))

    assert len(pages) == 2
    assert len(api.requests) == 2
    await close(client)


@pytest.mark.parametrize("start", ["page", "list call"])
async def test_max_items_caps_the_items_and_the_pages_fetched(
    httpserver: HTTPServer, flavour: str, start: str
) -> None:
    api = PagedAPI(FABRO, numbered_pages(FABRO, 2, 2, 2, 2)).install(httpserver)
    client = FABRO.client(httpserver, flavour)
    source = FABRO.list(client)
    if start == "page" or flavour == "sync":
        source = await resolve(source)

    runs = await collect(source.iter_items(max_items=4))

    assert [FABRO.key(run) for run in runs] == [0, 1, 2, 3]
    assert len(api.requests) == 2
    await close(client)


async def test_a_zero_cap_yields_nothing(httpserver: HTTPServer, flavour: str) -> None:
    PagedAPI(FABRO, numbered_pages(FABRO, 2, 2)).install(httpserver)
    client = FABRO.client(httpserver, flavour)
    page = await resolve(FABRO.list(client))

    assert await collect(page.iter_items(max_items=0)) == []
    assert await collect(page.iter_pages(max_pages=0)) == []
    await close(client)


def repeating(vendor: Vendor, marker: str) -> Any:
    """A server whose pages point at ``marker`` as the next page (the fifth page ends the
    list, so that a client that does not notice still stops)."""
    served: list[int] = []

    def handle(request: Request) -> Response:
        served.append(1)
        following = marker if len(served) < 5 else None
        body, headers = vendor.page([vendor.item(0)], following)
        return json_response(body, headers=headers)

    return handle


@pytest.mark.parametrize(
    "vendor",
    [v for v in VENDORS if v.style != "offset"],
    ids=[v.name for v in VENDORS if v.style != "offset"],
)
async def test_a_repeated_cursor_stops_with_a_pagination_error(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    httpserver.expect_request(vendor.path).respond_with_handler(repeating(vendor, "again"))
    client = vendor.client(httpserver, flavour)

    with pytest.raises(vendor.package.PaginationError) as caught:
        await collect(vendor.list(client))

    assert caught.value.operation == "runs.list"
    assert caught.value.cursor == "again"
    assert "runs.list" in str(caught.value)
    assert "'again'" in str(caught.value)
    assert len(httpserver.log) == 2
    await close(client)


async def test_a_cursor_that_points_back_to_the_first_request_is_refused_at_once(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(KOGNITOS.path).respond_with_handler(repeating(KOGNITOS, "start"))
    client = KOGNITOS.client(httpserver, flavour)

    with pytest.raises(KOGNITOS.package.PaginationError):
        await collect(KOGNITOS.list(client, page_token="start"))

    assert len(httpserver.log) == 1
    await close(client)


async def test_an_offset_that_does_not_advance_stops_with_a_pagination_error(
    httpserver: HTTPServer, flavour: str
) -> None:
    def handle(request: Request) -> Response:
        offset = int(request.args.get("page[offset]", "0"))
        runs = [FABRO.item(0), FABRO.item(1)] if offset == 0 else []
        more = "more" if len(httpserver.log) < 5 else None
        return json_response(FABRO.page(runs, more)[0])

    httpserver.expect_request(FABRO.path).respond_with_handler(handle)
    client = FABRO.client(httpserver, flavour)

    with pytest.raises(FABRO.package.PaginationError) as caught:
        await collect(FABRO.list(client))

    assert caught.value.operation == "runs.list"
    assert caught.value.cursor == "2"
    assert "page[offset]='2'" in str(caught.value)
    assert len(httpserver.log) == 2
    await close(client)


async def test_an_empty_page_with_a_token_is_not_the_end(
    httpserver: HTTPServer, flavour: str
) -> None:
    pages = [[KOGNITOS.item(0)], [], [KOGNITOS.item(1)]]
    api = PagedAPI(KOGNITOS, pages).install(httpserver)
    client = KOGNITOS.client(httpserver, flavour)

    runs = await collect(KOGNITOS.list(client))

    assert [KOGNITOS.key(run) for run in runs] == [0, 1]
    assert len(api.requests) == 3
    await close(client)


async def test_a_page_token_page_without_its_items_field_is_empty(
    httpserver: HTTPServer, flavour: str
) -> None:
    def handle(request: Request) -> Response:
        if "page_token" not in request.args:
            return json_response({"next_page_token": "t1"})
        return json_response({"runs": [KOGNITOS.item(1)]})

    httpserver.expect_request(KOGNITOS.path).respond_with_handler(handle)
    client = KOGNITOS.client(httpserver, flavour)

    runs = await collect(KOGNITOS.list(client))

    assert [KOGNITOS.key(run) for run in runs] == [1]
    await close(client)


async def test_the_next_page_keeps_the_other_query_parameters(
    httpserver: HTTPServer, flavour: str
) -> None:
    api = PagedAPI(KOGNITOS, numbered_pages(KOGNITOS, 1, 1)).install(httpserver)
    client = KOGNITOS.client(httpserver, flavour)

    await collect(KOGNITOS.list(client, page_size=1, filter="state=done"))

    assert api.requests == [
        {"page_size": "1", "filter": "state=done"},
        {"page_size": "1", "filter": "state=done", "page_token": "c1"},
    ]
    await close(client)


def test_walking_a_list_keeps_one_page_in_memory(httpserver: HTTPServer) -> None:
    PagedAPI(FABRO, numbered_pages(FABRO, 2, 2, 2)).install(httpserver)
    client = FABRO.client(httpserver)
    seen: list[weakref.ref[Any]] = []
    alive: list[int] = []
    gc.disable()  # an earlier page must be freed by reference counting alone
    try:
        for page in FABRO.list(client).iter_pages():
            alive.append(sum(1 for ref in seen if ref() is not None))
            seen.append(weakref.ref(page))
            seen.append(weakref.ref(page.response))
            del page
    finally:
        gc.enable()

    assert alive == [0, 0, 0]
    client.close()


def test_the_page_body_is_the_decoded_response(httpserver: HTTPServer) -> None:
    PagedAPI(FABRO, numbered_pages(FABRO, 2)).install(httpserver)
    client = FABRO.client(httpserver)

    page = FABRO.list(client)

    assert page.body == {"data": [FABRO.item(0), FABRO.item(1)], "meta": {"has_more": False}}
    client.close()


async def test_the_page_response_can_still_be_read(httpserver: HTTPServer, flavour: str) -> None:
    PagedAPI(FILES_COM, numbered_pages(FILES_COM, 1)).install(httpserver)
    client = FILES_COM.client(httpserver, flavour)

    page = await resolve(FILES_COM.list(client))

    expected = [FILES_COM.item(0)]
    assert page.response.json() == expected
    assert b"".join(page.response.iter_bytes()) == page.response.content
    if flavour == "async":
        assert await page.response.aread() == page.response.content
    else:
        assert page.response.read() == page.response.content
    await close(client)


async def test_endless_empty_pages_with_fresh_cursors_stop_with_a_pagination_error(
    httpserver: HTTPServer, flavour: str
) -> None:
    def handle(request: Request) -> Response:
        fresh = f"c{len(httpserver.log) + 1}"
        return json_response(BASEDASH.page([], fresh)[0])

    httpserver.expect_request(BASEDASH.path).respond_with_handler(handle)
    client = BASEDASH.client(httpserver, flavour)

    with pytest.raises(BASEDASH.package.PaginationError, match="11 empty pages in a row"):
        await collect(BASEDASH.list(client))

    assert len(httpserver.log) == 11  # the first page, then ten more empty ones: the bound
    await close(client)


async def test_a_few_empty_pages_that_point_onward_are_walked(
    httpserver: HTTPServer, flavour: str
) -> None:
    pages = [[KOGNITOS.item(0)], [], [], [], [KOGNITOS.item(1)]]
    PagedAPI(KOGNITOS, pages).install(httpserver)
    client = KOGNITOS.client(httpserver, flavour)

    runs = await collect(KOGNITOS.list(client))

    assert [KOGNITOS.key(run) for run in runs] == [0, 1]
    await close(client)


@pytest.mark.parametrize("length", [2, 7, 20, 60])
async def test_a_cycle_of_any_length_is_caught_within_a_bounded_walk(
    httpserver: HTTPServer, flavour: str, length: int
) -> None:
    """The guard keeps a fixed number of positions, yet a cycle longer than those is caught:
    the checkpoint is revisited within a few times the cycle's length."""

    def handle(request: Request) -> Response:
        token = request.args.get("page_token", "t0")
        following = f"t{(int(token[1:]) + 1) % length}"
        return json_response(KOGNITOS.page([KOGNITOS.item(int(token[1:]))], following)[0])

    httpserver.expect_request(KOGNITOS.path).respond_with_handler(handle)
    client = KOGNITOS.client(httpserver, flavour)

    with pytest.raises(KOGNITOS.package.PaginationError, match="already fetched"):
        await collect(KOGNITOS.list(client, page_token="t0"))

    assert length <= len(httpserver.log) <= 3 * length + 8
    await close(client)


async def test_an_empty_first_page_that_asks_for_the_first_offset_again_is_refused_at_once(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(FABRO.path).respond_with_handler(
        lambda request: json_response(FABRO.page([], "more")[0])
    )
    client = FABRO.client(httpserver, flavour)

    with pytest.raises(FABRO.package.PaginationError) as caught:
        await collect(FABRO.list(client))

    assert "page[offset]='0'" in str(caught.value)  # the request left the offset out: 0
    assert len(httpserver.log) == 1
    await close(client)


@vendors
async def test_a_server_that_repeats_its_page_at_every_position_stops_the_walk(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    """The server ignores where the client asks to continue: the same items come back for
    every offset or fresh cursor. Positions advance, so only the repeated page tells."""

    def handle(request: Request) -> Response:
        body, headers = vendor.page([vendor.item(0), vendor.item(1)], f"c{len(httpserver.log) + 1}")
        return json_response(body, headers=headers)

    httpserver.expect_request(vendor.path).respond_with_handler(handle)
    client = vendor.client(httpserver, flavour)

    first = await resolve(vendor.list(client))
    with pytest.raises(vendor.package.PaginationError, match="repeats the page before it") as caught:
        await resolve(first.next_page())  # the repeated page is never handed out

    assert [vendor.key(run) for run in first.items] == [0, 1]
    assert len(httpserver.log) == 2
    assert caught.value.operation == "runs.list"
    await close(client)


async def test_pages_of_plain_values_may_repeat(httpserver: HTTPServer) -> None:
    """Equal pages of numbers or strings are data, not a loop: only pages of objects are
    compared."""
    from fabro_client._pagination import Walk, _shape

    assert _shape([1, 1]) is None and _shape(["a"]) is None and _shape([]) is None
    assert _shape([{"id": 1}, {"id": 2}]) == (2, {"id": 1}, {"id": 2})
    assert Walk().last_page is None


def test_a_cursor_from_the_last_item_is_found_by_its_wire_name() -> None:
    # Models name wire names as validation and serialization aliases (so that they can be
    # built by their snake_case names), not as ``alias``: the item path must read those.
    package = BASEDASH.package
    run = package.models.PublicAutomationRun.model_validate(
        {**BASEDASH.item(3), "automationId": "aut_7", "futureField": "x"}
    )

    assert package._pagination.item_path(run, ("automationId",)) == "aut_7"
    assert package._pagination.item_path(run, ("futureField",)) == "x"
    assert package._pagination.item_path(run, ("automation_id",)) is package._pagination.MISSING


def test_page_items_are_put_back_at_a_nested_path_by_wire_name() -> None:
    """``page.parsed`` reads the body with its items left out, then puts the page's own items
    back where the pagination found them, through models and plain objects alike."""
    from fabro_client._models import ApiModel
    from fabro_client._pagination import place
    from pydantic import Field

    class Listing(ApiModel):
        entries: list[Any] = Field(validation_alias="Entries", serialization_alias="Entries")

    class Body(ApiModel):
        result: Listing

    items: list[Any] = [{"id": 1}]
    parsed = Body.model_validate({"result": {"Entries": []}})
    place(parsed, ("result", "Entries"), items)
    assert parsed.result.entries is items

    raw: dict[str, Any] = {"outer": {"inner": []}}
    place(raw, ("outer", "inner"), items)
    assert raw["outer"]["inner"] is items
