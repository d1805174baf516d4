"""The auth schemes and rate-limit signals of the example APIs under the runtime's bounds: an
HTTP Basic password is hidden in every form, and a reset time is waited for only when it is a
rate limit and fits in what is left of the call's time."""

from __future__ import annotations

import base64
import time
from types import ModuleType

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.examples.servers import GitHub, github_run
from tests.examples.test_examples import CHARGES, RUNS, client
from tests.runtime._support import SleepRecorder, close, collect, json_response, resolve
from tests.runtime.test_security import echo_credentials, every_log_line

pytestmark = pytest.mark.anyio

KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
PASSWORD = "hunter2-horse-battery"


async def test_a_basic_password_never_appears_in_messages_reprs_or_logs(
    httpserver: HTTPServer, flavour: str, stripe: ModuleType
) -> None:
    httpserver.expect_request(CHARGES).respond_with_handler(echo_credentials(401))
    api = client(stripe, httpserver, flavour, api_key=KEY, password=PASSWORD)
    encoded = base64.b64encode(f"{KEY}:{PASSWORD}".encode()).decode()

    with every_log_line() as lines, pytest.raises(stripe.AuthenticationError) as caught:
        await resolve(api.charges.list(limit=3))

    sent = httpserver.log[0][0].headers["Authorization"]
    assert sent == f"Basic {encoded}"
    assert encoded in str(caught.value.body)  # the server did echo it
    shown = [str(caught.value), repr(caught.value), repr(caught.value.response.request.headers), *lines]
    assert [text for text in shown if KEY in text or PASSWORD in text or encoded in text] == []
    assert "[redacted]" in str(caught.value)
    await close(api)


async def test_a_rate_limit_reset_beyond_the_calls_time_ends_the_call_at_once(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    server = GitHub([github_run(0)], limited=[time.time() + 30, time.time() + 30])
    httpserver.expect_request(RUNS).respond_with_handler(server.handle)
    # One second an attempt, three attempts: the call has about 3 s, the reset is 30 s away.
    gh = client(github, httpserver, flavour, timeout=1, max_retries=2)
    sleeps = SleepRecorder().install(gh)

    with pytest.raises(github.RateLimitError) as caught:
        await collect(gh.runs.list("octo", "hello"))

    assert caught.value.status_code == 403
    assert caught.value.retry_after is not None and 25 < caught.value.retry_after <= 30
    assert sleeps.delays == []
    assert len(httpserver.log) == 1
    await close(gh)


async def test_a_rate_limit_reset_within_the_calls_time_is_waited_for(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    server = GitHub([github_run(0)], limited=[time.time() + 2])
    httpserver.expect_request(RUNS).respond_with_handler(server.handle)
    gh = client(github, httpserver, flavour, timeout=5, max_retries=1)
    sleeps = SleepRecorder().install(gh)

    runs = await collect(gh.runs.list("octo", "hello"))

    assert [run.run_number for run in runs] == [0]
    assert len(sleeps.delays) == 1 and 0 < sleeps.delays[0] <= 2.0
    await close(gh)


async def test_a_server_error_is_retried_with_backoff_whatever_the_reset_header_says(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    # GitHub sends its rate-limit headers on every answer; the reset of an hourly window that
    # is far from used up says nothing about when to retry a 502.
    window = {"x-ratelimit-remaining": "4999", "x-ratelimit-reset": str(int(time.time() + 3600))}
    answers = [json_response({"message": "Server Error"}, 502, window)]
    fine = GitHub([github_run(0)])

    def handle(request: Request) -> Response:
        return answers.pop(0) if answers else fine.handle(request)

    httpserver.expect_request(RUNS).respond_with_handler(handle)
    gh = client(github, httpserver, flavour, timeout=5, max_retries=2)
    sleeps = SleepRecorder().install(gh)

    runs = await collect(gh.runs.list("octo", "hello"))

    assert [run.run_number for run in runs] == [0]
    assert len(sleeps.delays) == 1 and sleeps.delays[0] <= 0.5  # the first backoff
    assert len(httpserver.log) == 2
    await close(gh)


async def test_a_pagination_error_for_a_next_link_that_echoes_a_query_key_is_redacted(
    httpserver: HTTPServer, flavour: str, github: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the key in the query (``api_key`` ``query: access``), a server that builds its
    ``Link`` from the request's own URL echoes the key; when that link loops, the error names
    the URL without it."""
    monkeypatch.setattr(github._client, "AUTH", github._auth.QueryAuth(param="access"))
    key, sent = "sk-live/9f8e+7d6c5b4a", "sk-live%2F9f8e%2B7d6c5b4a"

    def handle(request: Request) -> Response:
        looping = httpserver.url_for(RUNS) + f"?per_page=1&page=2&access={sent}"
        return json_response(
            {"total_count": 9, "workflow_runs": [github_run(int(request.args.get("page", "1")))]},
            headers={"link": f'<{looping}>; rel="next"'},
        )

    httpserver.expect_request(RUNS).respond_with_handler(handle)
    gh = client(github, httpserver, flavour, api_key=key)

    with pytest.raises(github.PaginationError, match="already fetched") as caught:
        await collect(gh.runs.list("octo", "hello", per_page=1))

    assert httpserver.log[1][0].args["access"] == key  # the link was followed, key and all
    shown = [str(caught.value), repr(caught.value), str(caught.value.cursor)]
    assert [text for text in shown if key in text or sent in text] == []
    assert "access=[redacted]" in str(caught.value)
    await close(gh)
