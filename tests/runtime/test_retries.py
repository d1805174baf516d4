"""Retries against real loopback servers: which failures are retried, how long the client
waits, and how many retries the final result or error reports."""

from __future__ import annotations

import email.utils
import importlib
import time
import types
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from ._support import (
    BASEDASH,
    KOGNITOS,
    SENDREALM,
    ScriptedServer,
    SilentServer,
    SleepRecorder,
    close,
    complete_response,
    json_response,
    resolve,
    truncated_response,
    unused_port,
)

pytestmark = pytest.mark.anyio

RUN = {"id": "run_1", "automation_id": "aut_1", "status": "completed"}
RUN_PATH = "/automation-runs/run_1"
PAUSE_PATH = KOGNITOS.list_path + "/r1:pause"


def sendrealm(server: HTTPServer, flavour: str, **kwargs: Any) -> tuple[Any, SleepRecorder]:
    client = SENDREALM.client(server, flavour, **kwargs)
    return client, SleepRecorder().install(client)


def respond_in_order(server: HTTPServer, path: str, *responses: Any, method: str = "GET") -> None:
    for response in responses:
        server.expect_ordered_request(path, method=method).respond_with_response(response)


def status(code: int, body: object = None, **headers: str) -> Any:
    return json_response(
        body if body is not None else {"error": {"code": str(code)}}, code, headers
    )


async def test_two_server_errors_then_success_reports_two_retries(
    httpserver: HTTPServer, flavour: str
) -> None:
    respond_in_order(httpserver, RUN_PATH, status(500), status(500), json_response({"data": RUN}))
    client, sleeps = sendrealm(httpserver, flavour)

    raw = await resolve(client.runs.with_raw_response.get("run_1"))

    assert raw.retries_taken == 2
    assert raw.parsed.id == "run_1"
    assert raw.status_code == 200
    assert len(sleeps.delays) == 2
    assert len(httpserver.log) == 3
    await close(client)


async def test_retries_run_out_and_the_error_reports_them(
    httpserver: HTTPServer, flavour: str
) -> None:
    respond_in_order(httpserver, RUN_PATH, status(500), status(500), status(500))
    client, sleeps = sendrealm(httpserver, flavour)

    with pytest.raises(SENDREALM.package.InternalServerError) as caught:
        await resolve(client.runs.get("run_1"))

    assert caught.value.retries_taken == 2
    assert "after 2 retries" in str(caught.value)
    assert len(httpserver.log) == 3
    assert len(sleeps.delays) == 2
    await close(client)


@pytest.mark.parametrize("code", [408, 409, 429, 500, 502, 503, 504])
async def test_retryable_statuses_are_retried(
    httpserver: HTTPServer, flavour: str, code: int
) -> None:
    respond_in_order(httpserver, RUN_PATH, status(code), json_response({"data": RUN}))
    client, sleeps = sendrealm(httpserver, flavour)

    raw = await resolve(client.runs.with_raw_response.get("run_1"))

    assert raw.retries_taken == 1
    assert len(sleeps.delays) == 1
    await close(client)


@pytest.mark.parametrize("code", [400, 401, 403, 404, 422])
async def test_client_errors_are_not_retried(
    httpserver: HTTPServer, flavour: str, code: int
) -> None:
    respond_in_order(httpserver, RUN_PATH, status(code))
    client, sleeps = sendrealm(httpserver, flavour)

    with pytest.raises(SENDREALM.package.APIStatusError) as caught:
        await resolve(client.runs.get("run_1"))

    assert caught.value.status_code == code
    assert caught.value.retries_taken == 0
    assert sleeps.delays == []
    assert len(httpserver.log) == 1
    await close(client)


async def test_retry_after_in_seconds_is_waited_exactly(
    httpserver: HTTPServer, flavour: str
) -> None:
    respond_in_order(
        httpserver, RUN_PATH, status(429, **{"Retry-After": "3"}), json_response({"data": RUN})
    )
    client, sleeps = sendrealm(httpserver, flavour)

    await resolve(client.runs.get("run_1"))

    assert sleeps.delays == [3.0]
    await close(client)


async def test_retry_after_as_an_http_date_is_waited_until(
    httpserver: HTTPServer, flavour: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = 1_800_000_000.0
    client, sleeps = sendrealm(httpserver, flavour)
    retry = importlib.import_module("sendrealm_client._retry")
    clock = types.SimpleNamespace(time=lambda: now, monotonic=time.monotonic)
    monkeypatch.setattr(retry, "time", clock)
    date = email.utils.formatdate(now + 7, usegmt=True)
    respond_in_order(
        httpserver, RUN_PATH, status(429, **{"Retry-After": date}), json_response({"data": RUN})
    )

    await resolve(client.runs.get("run_1"))

    assert sleeps.delays == [7.0]
    await close(client)


async def test_retry_after_ms_header_is_waited_exactly(
    httpserver: HTTPServer, flavour: str
) -> None:
    respond_in_order(
        httpserver,
        RUN_PATH,
        status(503, **{"retry-after-ms": "250", "Retry-After": "9"}),
        json_response({"data": RUN}),
    )
    client, sleeps = sendrealm(httpserver, flavour)

    await resolve(client.runs.get("run_1"))

    assert sleeps.delays == [0.25]
    await close(client)


async def test_basedash_retry_after_ms_body_field_is_waited_exactly(
    httpserver: HTTPServer, flavour: str
) -> None:
    limited = {"error": {"title": "RateLimitExceeded", "detail": "slow down", "retryAfterMs": 1500}}
    page = {"data": [], "pagination": {"nextCursor": None, "hasMore": False}}
    respond_in_order(httpserver, BASEDASH.path, status(429, limited), json_response(page))
    client = BASEDASH.client(httpserver, flavour)
    sleeps = SleepRecorder().install(client)

    raw = await resolve(client.runs.with_raw_response.list("org", "auto"))

    assert sleeps.delays == [1.5]
    assert raw.retries_taken == 1
    await close(client)


async def test_basedash_rate_limit_error_carries_the_parsed_body_and_delay(
    httpserver: HTTPServer, flavour: str
) -> None:
    limited = {"error": {"title": "RateLimitExceeded", "detail": "slow down", "retryAfterMs": 1500}}
    respond_in_order(httpserver, BASEDASH.path, status(429, limited))
    client = BASEDASH.client(httpserver, flavour, max_retries=0)

    with pytest.raises(BASEDASH.package.RateLimitError) as caught:
        await resolve(client.runs.list("org", "auto"))

    assert caught.value.retry_after == 1.5
    assert caught.value.error == BASEDASH.package.models.RateLimitErrorResponse.model_validate(
        limited
    )
    await close(client)


@pytest.mark.parametrize("header", ["nonsense", "-5"])
async def test_unusable_server_delays_fall_back_to_backoff(
    httpserver: HTTPServer, flavour: str, header: str
) -> None:
    respond_in_order(
        httpserver, RUN_PATH, status(429, **{"Retry-After": header}), json_response({"data": RUN})
    )
    client, sleeps = sendrealm(httpserver, flavour)

    await resolve(client.runs.get("run_1"))

    assert len(sleeps.delays) == 1
    assert 0.375 <= sleeps.delays[0] <= 0.5
    await close(client)


async def test_backoff_without_server_hints_doubles_up_to_eight_seconds_with_jitter(
    httpserver: HTTPServer, flavour: str
) -> None:
    respond_in_order(httpserver, RUN_PATH, *[status(500)] * 7, json_response({"data": RUN}))
    client, sleeps = sendrealm(httpserver, flavour, max_retries=7)

    await resolve(client.runs.get("run_1"))

    bases = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert len(sleeps.delays) == len(bases)
    for delay, base in zip(sleeps.delays, bases, strict=True):
        assert 0.75 * base <= delay <= base
    await close(client)


@pytest.mark.parametrize(("draw", "factor"), [(0.0, 1.0), (1.0, 0.75)])
async def test_jitter_takes_off_at_most_a_quarter(
    httpserver: HTTPServer,
    flavour: str,
    monkeypatch: pytest.MonkeyPatch,
    draw: float,
    factor: float,
) -> None:
    respond_in_order(httpserver, RUN_PATH, status(500), status(500), json_response({"data": RUN}))
    client, sleeps = sendrealm(httpserver, flavour)
    retry = importlib.import_module("sendrealm_client._retry")
    monkeypatch.setattr(retry, "random", types.SimpleNamespace(random=lambda: draw))

    await resolve(client.runs.get("run_1"))

    assert sleeps.delays == [0.5 * factor, 1.0 * factor]
    await close(client)


async def test_a_connection_dropped_mid_response_is_retried(flavour: str) -> None:
    with ScriptedServer([truncated_response(), complete_response({"data": RUN})]) as server:
        client = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = client(api_key="k" * 16, base_url=server.url)
        sleeps = SleepRecorder().install(client)

        raw = await resolve(client.runs.with_raw_response.get("run_1"))

        assert raw.parsed.id == "run_1"
        assert raw.retries_taken == 1
        assert len(sleeps.delays) == 1
        assert len(server.requests) == 2
        await close(client)


async def test_a_connection_dropped_mid_response_without_retries_is_a_connection_error(
    flavour: str,
) -> None:
    with ScriptedServer([truncated_response()]) as server:
        client = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = client(api_key="k" * 16, base_url=server.url, max_retries=0)

        with pytest.raises(SENDREALM.package.APIConnectionError) as caught:
            await resolve(client.runs.get("run_1"))

        assert caught.value.retries_taken == 0
        assert not isinstance(caught.value, SENDREALM.package.APITimeoutError)
        assert "runs.get" in str(caught.value)
        await close(client)


async def test_refused_connections_are_retried_then_reported(flavour: str) -> None:
    cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
    client = cls(api_key="k" * 16, base_url=f"http://127.0.0.1:{unused_port()}")
    sleeps = SleepRecorder().install(client)

    with pytest.raises(SENDREALM.package.APIConnectionError) as caught:
        await resolve(client.runs.get("run_1"))

    assert caught.value.retries_taken == 2
    assert len(sleeps.delays) == 2
    await close(client)


async def test_post_is_not_retried_on_a_server_error(httpserver: HTTPServer, flavour: str) -> None:
    respond_in_order(
        httpserver, PAUSE_PATH, status(500, {"code": 13, "message": "internal"}), method="POST"
    )
    client = KOGNITOS.client(httpserver, flavour)
    sleeps = SleepRecorder().install(client)

    with pytest.raises(KOGNITOS.package.InternalServerError) as caught:
        await resolve(client.runs.pause("org", "ws", "auto", "r1", reason="holiday"))

    assert caught.value.retries_taken == 0
    assert sleeps.delays == []
    assert len(httpserver.log) == 1
    assert httpserver.log[0][0].get_json() == {"reason": "holiday"}
    await close(client)


async def test_post_is_retried_when_the_connection_was_never_made(flavour: str) -> None:
    cls = KOGNITOS.sync_client if flavour == "sync" else KOGNITOS.async_client
    client = cls(api_key="k" * 16, base_url=f"http://127.0.0.1:{unused_port()}", max_retries=1)
    sleeps = SleepRecorder().install(client)

    with pytest.raises(KOGNITOS.package.APIConnectionError) as caught:
        await resolve(client.runs.pause("org", "ws", "auto", "r1", reason="holiday"))

    assert caught.value.retries_taken == 1
    assert len(sleeps.delays) == 1
    await close(client)


async def test_per_call_max_retries_overrides_the_client(
    httpserver: HTTPServer, flavour: str
) -> None:
    respond_in_order(httpserver, RUN_PATH, status(500), status(500))
    client, sleeps = sendrealm(httpserver, flavour, max_retries=5)

    with pytest.raises(SENDREALM.package.InternalServerError) as caught:
        await resolve(client.runs.get("run_1", max_retries=1))

    assert caught.value.retries_taken == 1
    assert len(sleeps.delays) == 1
    assert len(httpserver.log) == 2
    await close(client)


async def test_per_call_max_retries_can_allow_more_than_the_client(
    httpserver: HTTPServer, flavour: str
) -> None:
    respond_in_order(httpserver, RUN_PATH, status(500), status(500), json_response({"data": RUN}))
    client, sleeps = sendrealm(httpserver, flavour, max_retries=0)

    raw = await resolve(client.runs.with_raw_response.get("run_1", max_retries=2))

    assert raw.retries_taken == 2
    assert len(sleeps.delays) == 2
    await close(client)


async def test_per_call_timeout_overrides_the_client(flavour: str) -> None:
    with SilentServer() as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, timeout=30, max_retries=0)
        started = time.monotonic()

        with pytest.raises(SENDREALM.package.APITimeoutError) as caught:
            await resolve(client.runs.get("run_1", timeout=0.05))

        assert time.monotonic() - started < 5
        assert caught.value.retries_taken == 0
        await close(client)


async def test_timeouts_are_retried(flavour: str) -> None:
    with SilentServer() as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, timeout=0.05, max_retries=2)
        sleeps = SleepRecorder().install(client)

        with pytest.raises(SENDREALM.package.APITimeoutError) as caught:
            await resolve(client.runs.get("run_1"))

        assert caught.value.retries_taken == 2
        assert len(sleeps.delays) == 2
        await close(client)


def test_negative_max_retries_is_refused() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        SENDREALM.sync_client(api_key="k" * 16, max_retries=-1)
