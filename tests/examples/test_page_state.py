"""Typed page state on the example APIs: ``page.parsed`` is the whole body as the list
operation's response model (DRF's ``count``/``next``, Stripe's ``has_more``, GitHub's
``total_count``, Slack's ``response_metadata``), its items the page's own objects, read only
when asked for, leniently unless the client is strict. Sync and async, on loopback servers."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.examples.servers import (
    DRF,
    GitHub,
    Slack,
    Stripe,
    drf_product,
    github_run,
    slack_channel,
    stripe_charge,
)
from tests.examples.test_examples import CHARGES, CONVERSATIONS, PRODUCTS, RUNS, client
from tests.runtime._support import close, resolve

pytestmark = pytest.mark.anyio


async def test_drf_pages_carry_count_next_and_previous_typed(
    httpserver: HTTPServer, flavour: str, drf: ModuleType
) -> None:
    httpserver.expect_request(PRODUCTS).respond_with_handler(DRF([drf_product(n) for n in range(7)]).handle)
    api = client(drf, httpserver, flavour)

    first = await resolve(api.products.list(page_size=3))
    second = await resolve(first.next_page())
    last = await resolve(second.next_page())

    assert isinstance(first.parsed, drf.models.PaginatedProductList)
    assert [page.parsed.count for page in (first, second, last)] == [7, 7, 7]
    assert first.parsed.previous is None
    assert first.parsed.next == httpserver.url_for(PRODUCTS) + "?page_size=3&page=2"
    assert second.parsed.previous == httpserver.url_for(PRODUCTS) + "?page_size=3"
    assert last.parsed.next is None
    assert [p.id for p in last.parsed.results] == [6]
    await close(api)


async def test_stripe_pages_carry_has_more_typed(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe([stripe_charge(n) for n in range(5)]).handle)
    api = client(stripe, httpserver, flavour)

    first = await resolve(api.charges.list(limit=3))
    last = await resolve(first.next_page())

    assert isinstance(first.parsed, stripe.models.ChargeList)
    assert (first.parsed.has_more, last.parsed.has_more) == (True, False)
    assert (first.parsed.object, first.parsed.url) == ("list", "/v1/charges")
    assert [c.id for c in last.parsed.data] == ["ch_3", "ch_4"]
    await close(api)


async def test_github_and_slack_pages_carry_their_own_fields(
    httpserver: HTTPServer, flavour: str, github: ModuleType, slack: ModuleType
) -> None:
    httpserver.expect_request(RUNS).respond_with_handler(GitHub([github_run(n) for n in range(5)]).handle)
    httpserver.expect_request(CONVERSATIONS).respond_with_handler(
        Slack([slack_channel(n) for n in range(3)]).handle
    )
    gh = client(github, httpserver, flavour)
    sl = client(slack, httpserver, flavour)

    runs = await resolve(gh.runs.list("octo", "hello", per_page=2))
    channels = await resolve(sl.conversations.list(limit=2))

    assert runs.parsed.total_count == 5
    assert [run.run_number for run in runs.parsed.workflow_runs] == [0, 1]
    assert channels.parsed.ok is True
    assert channels.parsed.response_metadata is not None
    assert channels.parsed.response_metadata.next_cursor != ""
    await close(gh)
    await close(sl)


async def test_the_parsed_items_are_the_page_items_not_read_again(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe([stripe_charge(n) for n in range(3)]).handle)
    api = client(stripe, httpserver, flavour)

    page = await resolve(api.charges.list(limit=3))

    assert page.parsed.data is page.items
    assert all(a is b for a, b in zip(page.parsed.data, page.items, strict=True))
    assert page.parsed is page.parsed  # read once
    await close(api)


def _with_changes(handler: Any, **changes: Any) -> Any:
    """A server handler whose JSON bodies get ``changes`` at their top level."""

    def handle(request: Request) -> Response:
        response: Response = handler(request)
        body = json.loads(response.get_data())
        body.update(changes)
        return Response(json.dumps(body), status=response.status_code, content_type="application/json")

    return handle


async def test_the_rest_of_the_body_is_read_only_when_asked_for(
    httpserver: HTTPServer, flavour: str, drf: ModuleType
) -> None:
    """The walk reads the items alone: drift outside them is reported only when a page's
    ``parsed`` is read, once."""
    server = DRF([drf_product(n) for n in range(4)])
    httpserver.expect_request(PRODUCTS).respond_with_handler(_with_changes(server.handle, cursor_hint="x"))
    drift: list[Any] = []
    api = client(drf, httpserver, flavour, on_drift=drift.append)

    first = await resolve(api.products.list(page_size=2))
    second = await resolve(first.next_page())
    assert drift == []
    assert second.parsed.count == 4
    _ = second.parsed

    assert [(d.kind, d.model, d.name) for d in drift] == [
        ("unknown_field", "PaginatedProductList", "cursor_hint")
    ]
    assert second.parsed.model_extra == {"cursor_hint": "x"}
    await close(api)


async def test_a_mistyped_field_outside_the_items_is_kept_raw_unless_strict(
    httpserver: HTTPServer, flavour: str, drf: ModuleType
) -> None:
    server = DRF([drf_product(n) for n in range(2)])
    httpserver.expect_request(PRODUCTS).respond_with_handler(_with_changes(server.handle, count="about two"))
    drift: list[Any] = []
    lenient = client(drf, httpserver, flavour, on_drift=drift.append)
    strict = client(drf, httpserver, flavour, strict=True)

    page = await resolve(lenient.products.list(page_size=2))
    strict_page = await resolve(strict.products.list(page_size=2))

    assert page.parsed.count == "about two"  # the raw value, reported as drift
    assert [p.id for p in page.parsed.results] == [0, 1]
    assert [(d.kind, d.name) for d in drift] == [("mistyped", "count")]
    assert [p.id for p in strict_page.items] == [0, 1]  # the items are fine
    with pytest.raises(drf.APIResponseValidationError, match="at count") as caught:
        _ = strict_page.parsed
    assert caught.value.path == "count"
    await close(lenient)
    await close(strict)


async def test_items_kept_raw_by_the_lenient_walk_stay_raw_in_parsed(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    charges = [stripe_charge(n) for n in range(2)]
    charges[1]["amount"] = "a lot"
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe(charges).handle)
    drift: list[Any] = []
    api = client(stripe, httpserver, flavour, on_drift=drift.append)

    page = await resolve(api.charges.list(limit=3))
    reported = len(drift)
    parsed = page.parsed

    assert parsed.data[1].amount == "a lot"
    assert parsed.has_more is False
    assert reported == 1 and len(drift) == 1  # the items are not read again
    await close(api)
