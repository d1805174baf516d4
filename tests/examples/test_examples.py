"""The four example APIs, generated from their spec files alone, walked sync and async against
loopback servers that answer as each API documents (``servers.py``): every page, the exact
query strings, the headers, the resume position, and the adversarial ends."""

from __future__ import annotations

import base64
import time
from types import ModuleType
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.examples.servers import (
    DRF,
    GitHub,
    Slack,
    Stripe,
    drf_product,
    github_run,
    slack_channel,
    slack_cursor,
    stripe_charge,
)
from tests.runtime._support import SleepRecorder, close, collect, resolve

pytestmark = pytest.mark.anyio

TOKEN = "ghp_example0123456789"


def client(package: ModuleType, server: HTTPServer, flavour: str, **kwargs: Any) -> Any:
    names = [n for n in package.__all__ if n.endswith("Client") and not n.startswith("Async")]
    cls = getattr(package, names[0] if flavour == "sync" else "Async" + names[0])
    kwargs.setdefault("api_key", TOKEN)
    kwargs.setdefault("max_retries", 0)
    return cls(base_url=kwargs.pop("base_url", server.url_for("/").rstrip("/")), **kwargs)


def queries(server: HTTPServer) -> list[str]:
    return [request.query_string.decode() for request, _ in server.log]


def header(server: HTTPServer, name: str) -> list[str | None]:
    return [request.headers.get(name) for request, _ in server.log]


# -- GitHub: next page in the Link header, fixed headers, 403 rate limits --------------------

RUNS = "/repos/octo/hello/actions/runs"


async def test_github_walks_every_page_by_the_link_header(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    httpserver.expect_request(RUNS).respond_with_handler(GitHub([github_run(n) for n in range(8)]).handle)
    gh = client(github, httpserver, flavour)

    runs = await collect(gh.runs.list("octo", "hello", per_page=3))

    assert [run.run_number for run in runs] == list(range(8))
    assert queries(httpserver) == ["per_page=3", "per_page=3&page=2", "per_page=3&page=3"]
    assert header(httpserver, "X-GitHub-Api-Version") == ["2022-11-28"] * 3
    assert header(httpserver, "Accept") == ["application/vnd.github+json"] * 3
    assert header(httpserver, "Authorization") == [f"Bearer {TOKEN}"] * 3
    await close(gh)


async def test_github_page_gives_the_position_to_resume_from(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    httpserver.expect_request(RUNS).respond_with_handler(GitHub([github_run(n) for n in range(8)]).handle)
    gh = client(github, httpserver, flavour)

    first = await resolve(gh.runs.list("octo", "hello", per_page=3))
    saved = first.next_page_params()
    resumed = await resolve(gh.runs.list("octo", "hello", **saved))
    last = await resolve(resumed.next_page())

    assert first.has_next_page()
    assert saved == {"per_page": 3, "page": 2}
    assert [run.run_number for run in resumed.items] == [3, 4, 5]
    assert [run.run_number for run in last.items] == [6, 7]
    assert not last.has_next_page() and last.next_page_params() is None
    assert queries(httpserver) == ["per_page=3", "per_page=3&page=2", "per_page=3&page=3"]
    await close(gh)


async def test_github_link_to_another_origin_is_refused(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    server = GitHub([github_run(n) for n in range(8)], link_origin="https://elsewhere.example")
    httpserver.expect_request(RUNS).respond_with_handler(server.handle)
    gh = client(github, httpserver, flavour)

    with pytest.raises(github.PaginationError) as caught:
        await collect(gh.runs.list("octo", "hello", per_page=3))

    assert "outside the client's base URL" in str(caught.value)
    assert "elsewhere.example" in str(caught.value)
    assert queries(httpserver) == ["per_page=3"]
    await close(gh)


async def test_github_403_rate_limit_waits_until_the_reset_time(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    # The header carries whole epoch seconds: a reset 3 s ahead is sent as at least 2 s ahead,
    # so the wait stays above zero even on a slow machine.
    server = GitHub([github_run(n) for n in range(2)], limited=[time.time() + 3])
    httpserver.expect_request(RUNS).respond_with_handler(server.handle)
    gh = client(github, httpserver, flavour, max_retries=2)
    sleeps = SleepRecorder().install(gh)

    runs = await collect(gh.runs.list("octo", "hello"))

    assert [run.run_number for run in runs] == [0, 1]
    assert len(sleeps.delays) == 1
    assert 1.0 < sleeps.delays[0] <= 3.0
    assert len(httpserver.log) == 2
    await close(gh)


async def test_github_403_rate_limit_is_a_rate_limit_error(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    server = GitHub([github_run(0)], limited=[time.time() + 30])
    httpserver.expect_request(RUNS).respond_with_handler(server.handle)
    gh = client(github, httpserver, flavour)

    with pytest.raises(github.RateLimitError) as caught:
        await collect(gh.runs.list("octo", "hello"))

    assert caught.value.status_code == 403
    assert caught.value.retry_after is not None and 25 < caught.value.retry_after <= 30
    assert caught.value.error.message == "API rate limit exceeded"
    await close(gh)


# -- Stripe: the cursor is the last item's id; HTTP Basic ------------------------------------

CHARGES = "/v1/charges"


async def test_stripe_walks_every_page_after_the_last_item(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe([stripe_charge(n) for n in range(7)]).handle)
    api = client(stripe, httpserver, flavour, api_key="sk_test_4eC39H")

    charges = await collect(api.charges.list(limit=3))

    assert [c.id for c in charges] == [f"ch_{n}" for n in range(7)]
    assert queries(httpserver) == ["limit=3", "limit=3&starting_after=ch_2", "limit=3&starting_after=ch_5"]
    basic = "Basic " + base64.b64encode(b"sk_test_4eC39H:").decode()
    assert header(httpserver, "Authorization") == [basic] * 3
    await close(api)


async def test_stripe_page_gives_the_position_to_resume_from(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe([stripe_charge(n) for n in range(7)]).handle)
    api = client(stripe, httpserver, flavour)

    first = await resolve(api.charges.list(limit=3))
    resumed = await resolve(api.charges.list(limit=3, **first.next_page_params()))

    assert first.next_page_params() == {"starting_after": "ch_2"}
    assert [c.id for c in resumed.items] == ["ch_3", "ch_4", "ch_5"]
    await close(api)


async def test_stripe_last_item_without_an_id_stops_the_walk(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    charges = [stripe_charge(n) for n in range(7)]
    del charges[2]["id"]
    httpserver.expect_request(CHARGES).respond_with_handler(Stripe(charges).handle)
    api = client(stripe, httpserver, flavour)

    with pytest.raises(stripe.PaginationError, match="last item of the page has no 'id'"):
        await collect(api.charges.list(limit=3))

    assert queries(httpserver) == ["limit=3"]
    await close(api)


async def test_stripe_has_more_with_an_empty_page_stops_the_walk(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    server = Stripe([stripe_charge(n) for n in range(3)], more_after_end=True)
    httpserver.expect_request(CHARGES).respond_with_handler(server.handle)
    api = client(stripe, httpserver, flavour)

    with pytest.raises(stripe.PaginationError, match="no item to continue after"):
        await collect(api.charges.list(limit=3))

    assert queries(httpserver) == ["limit=3", "limit=3&starting_after=ch_2"]
    await close(api)


# -- Slack: cursor under response_metadata, errors inside 200s -------------------------------

CONVERSATIONS = "/conversations.list"


async def test_slack_walks_every_page_until_the_cursor_is_empty(
    httpserver: HTTPServer, flavour: str, slack: ModuleType
) -> None:
    server = Slack([slack_channel(n) for n in range(5)])
    httpserver.expect_request(CONVERSATIONS).respond_with_handler(server.handle)
    api = client(slack, httpserver, flavour, api_key="xoxb-123")

    channels = await collect(api.conversations.list(limit=2, exclude_archived=True))

    assert [c.name for c in channels] == [f"channel-{n}" for n in range(5)]
    cursor_2, cursor_4 = slack_cursor(2).replace("=", "%3D"), slack_cursor(4).replace("=", "%3D")
    assert queries(httpserver) == [
        "limit=2&exclude_archived=true",
        f"limit=2&exclude_archived=true&cursor={cursor_2}",
        f"limit=2&exclude_archived=true&cursor={cursor_4}",
    ]
    assert header(httpserver, "Authorization") == ["Bearer xoxb-123"] * 3
    await close(api)


async def test_slack_ok_false_in_a_200_is_a_typed_error(
    httpserver: HTTPServer, flavour: str, slack: ModuleType
) -> None:
    httpserver.expect_request(CONVERSATIONS).respond_with_handler(Slack([], error="invalid_auth").handle)
    api = client(slack, httpserver, flavour)

    with pytest.raises(slack.AuthenticationError) as caught:
        await collect(api.conversations.list())

    assert caught.value.status_code == 200
    assert caught.value.code == "invalid_auth"
    assert caught.value.error.ok is False and caught.value.error.error == "invalid_auth"
    assert "invalid_auth" in str(caught.value)
    await close(api)


async def test_slack_unknown_error_code_is_still_an_api_status_error(
    httpserver: HTTPServer, flavour: str, slack: ModuleType
) -> None:
    httpserver.expect_request(CONVERSATIONS).respond_with_handler(Slack([], error="team_added_to_org").handle)
    api = client(slack, httpserver, flavour)

    with pytest.raises(slack.APIStatusError) as caught:
        await collect(api.conversations.list())

    assert type(caught.value) is slack.APIStatusError
    assert caught.value.code == "team_added_to_org"
    await close(api)


# -- Django REST framework: page numbers, next URL or null, Token auth -----------------------

PRODUCTS = "/api/products/"


async def test_drf_walks_every_page_until_next_is_null(
    httpserver: HTTPServer, flavour: str, drf: ModuleType
) -> None:
    httpserver.expect_request(PRODUCTS).respond_with_handler(DRF([drf_product(n) for n in range(7)]).handle)
    api = client(drf, httpserver, flavour, api_key="9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b")

    products = await collect(api.products.list(page_size=3, search="lamp"))

    assert [p.id for p in products] == list(range(7))
    # A fourth request would be DRF's 404 "Invalid page.": next is null on page 3.
    assert queries(httpserver) == [
        "page_size=3&search=lamp",
        "page_size=3&search=lamp&page=2",
        "page_size=3&search=lamp&page=3",
    ]
    assert header(httpserver, "Authorization") == ["Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"] * 3
    await close(api)


async def test_drf_page_gives_the_page_number_to_resume_from(
    httpserver: HTTPServer, flavour: str, drf: ModuleType
) -> None:
    httpserver.expect_request(PRODUCTS).respond_with_handler(DRF([drf_product(n) for n in range(7)]).handle)
    api = client(drf, httpserver, flavour)

    first = await resolve(api.products.list(page_size=3))
    resumed = await resolve(api.products.list(page_size=3, **first.next_page_params()))

    assert first.next_page_params() == {"page": 2}
    assert [p.id for p in resumed.items] == [3, 4, 5]
    assert first.body["count"] == 7
    await close(api)


async def test_drf_invalid_page_is_not_found(httpserver: HTTPServer, flavour: str, drf: ModuleType) -> None:
    httpserver.expect_request(PRODUCTS).respond_with_handler(DRF([drf_product(0)]).handle)
    api = client(drf, httpserver, flavour)

    with pytest.raises(drf.NotFoundError) as caught:
        await resolve(api.products.list(page=9))

    assert caught.value.error.detail == "Invalid page."
    await close(api)
