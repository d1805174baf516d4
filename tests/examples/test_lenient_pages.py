"""Lenient reading and the page styles together: an item that does not fit its model keeps its
raw value and is reported as drift, and the walk goes on as if it fitted (the next cursor, the
next URL and the next page number are found, and ``next_page_params()`` is right)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.examples.servers import DRF, GitHub, Stripe, drf_product, github_run, stripe_charge
from tests.examples.test_examples import CHARGES, PRODUCTS, RUNS, client, queries
from tests.runtime._support import close, collect, resolve

pytestmark = pytest.mark.anyio


async def test_stripe_walks_on_after_a_last_item_that_does_not_fit(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    charges = [stripe_charge(n) for n in range(7)]
    charges[2]["amount"] = "a lot"  # the last item of the first page: the cursor comes from it
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe(charges).handle)
    drift: list[Any] = []
    api = client(stripe, httpserver, flavour, on_drift=drift.append)

    first = await resolve(api.charges.list(limit=3))
    walked = await collect(first)

    assert first.next_page_params() == {"starting_after": "ch_2"}
    assert [c.id for c in walked] == [f"ch_{n}" for n in range(7)]
    assert walked[2].amount == "a lot"
    assert queries(httpserver) == ["limit=3", "limit=3&starting_after=ch_2", "limit=3&starting_after=ch_5"]
    assert {(d.kind, d.model, d.name) for d in drift} == {("mistyped", "Charge", "amount")}
    await close(api)


async def test_stripe_strict_client_refuses_the_page_instead(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    charges = [stripe_charge(n) for n in range(3)]
    charges[2]["amount"] = "a lot"
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe(charges).handle)
    api = client(stripe, httpserver, flavour, strict=True)

    with pytest.raises(stripe.APIResponseValidationError, match=r"data\[2\]\.amount"):
        await resolve(api.charges.list(limit=3))
    await close(api)


async def test_drf_page_numbers_go_on_past_an_item_that_does_not_fit(
    httpserver: HTTPServer, flavour: str, drf: ModuleType
) -> None:
    products = [drf_product(n) for n in range(7)]
    products[1]["name"] = {"en": "Lamp"}
    del products[4]["name"]  # required: reads as None
    httpserver.expect_request(PRODUCTS).respond_with_handler(DRF(products).handle)
    api = client(drf, httpserver, flavour)

    first = await resolve(api.products.list(page_size=3))
    walked = await collect(first)

    assert first.next_page_params() == {"page": 2}
    assert [p.id for p in walked] == list(range(7))
    assert walked[1].name == {"en": "Lamp"} and walked[4].name is None
    assert queries(httpserver) == ["page_size=3", "page_size=3&page=2", "page_size=3&page=3"]
    await close(api)


async def test_github_link_header_walk_goes_on_past_an_item_that_does_not_fit(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    runs = [github_run(n) for n in range(5)]
    runs[3]["run_number"] = "four"
    httpserver.expect_request(RUNS).respond_with_handler(GitHub(runs).handle)
    gh = client(github, httpserver, flavour)

    first = await resolve(gh.runs.list("octo", "hello", per_page=2))
    walked = await collect(first)

    assert first.next_page_params() == {"per_page": 2, "page": 2}
    assert [run.id for run in walked] == [run["id"] for run in runs]
    assert walked[3].run_number == "four"
    assert queries(httpserver) == ["per_page=2", "per_page=2&page=2", "per_page=2&page=3"]
    await close(gh)
