"""The conveniences of the best SDKs, against a real loopback server: a passed-in httpx client's
own settings, default headers and query, extra_body, with_options(), request ids, and the
``<VENDOR>_LOG`` switch."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx
import pytest
from pytest_httpserver import HTTPServer

from ._support import (
    FABRO,
    KOGNITOS,
    SENDREALM,
    TOKEN,
    VENDOR_IDS,
    VENDORS,
    Vendor,
    close,
    collect,
    json_response,
    resolve,
)
from .test_retries import RUN

pytestmark = pytest.mark.anyio

RUN_PATH = "/automation-runs/run_1"
PAUSE = f"{KOGNITOS.list_path}/r1:pause"
KOGNITOS_RUN = {"name": "organizations/org/workspaces/ws/automations/auto/runs/r1"}


def _http(flavour: str, **kwargs: object) -> httpx.Client | httpx.AsyncClient:
    return (httpx.Client if flavour == "sync" else httpx.AsyncClient)(**kwargs)  # type: ignore[arg-type]


async def test_a_passed_in_http_client_keeps_its_headers_params_and_timeout(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(RUN_PATH).respond_with_json({"data": RUN})
    http = _http(flavour, headers={"X-Team": "core"}, params={"tenant": "t1"}, timeout=7.0)
    client = SENDREALM.client(httpserver, flavour, http_client=http)

    await resolve(client.runs.get("run_1"))

    request = httpserver.log[0][0]
    assert request.headers["X-Team"] == "core"
    assert request.args["tenant"] == "t1"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert client.timeout == httpx.Timeout(7.0)
    await close(client)
    assert not http.is_closed


async def test_default_headers_and_query_are_sent_and_calls_may_override_them(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(RUN_PATH).respond_with_json({"data": RUN})
    client = SENDREALM.client(
        httpserver, flavour, default_headers={"X-App": "billing"}, default_query={"region": "eu", "v": 2}
    )

    await resolve(client.runs.get("run_1"))
    await resolve(client.runs.get("run_1", extra_query={"region": "us"}, extra_headers={"X-App": "ops"}))

    (first, _), (second, _) = httpserver.log
    assert (first.headers["X-App"], dict(first.args)) == ("billing", {"region": "eu", "v": "2"})
    assert (second.headers["X-App"], dict(second.args)) == ("ops", {"region": "us", "v": "2"})
    await close(client)


async def test_extra_body_is_merged_into_the_json_body(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request(PAUSE, method="POST").respond_with_json(KOGNITOS_RUN)
    client = KOGNITOS.client(httpserver, flavour)

    await resolve(
        client.runs.pause("org", "ws", "auto", "r1", reason="maintenance", extra_body={"force": True})
    )

    assert json.loads(httpserver.log[0][0].data) == {"reason": "maintenance", "force": True}
    await close(client)


async def test_with_options_gives_a_configured_copy_on_the_same_pool(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_ordered_request(RUN_PATH).respond_with_response(json_response({}, 503))
    httpserver.expect_ordered_request(RUN_PATH).respond_with_json({"data": RUN})
    client = SENDREALM.client(httpserver, flavour, max_retries=2)

    quick = client.with_options(max_retries=0, timeout=3.0, default_headers={"X-Copy": "1"})
    with pytest.raises(SENDREALM.package.InternalServerError):
        await resolve(quick.runs.get("run_1"))
    run = await resolve(client.runs.get("run_1"))

    assert run.id == "run_1"
    assert (quick.max_retries, quick.timeout, client.max_retries) == (0, 3.0, 2)
    assert quick._http is client._http
    assert quick.runs._client is quick and client.runs._client is client
    assert httpserver.log[0][0].headers["X-Copy"] == "1"
    assert "X-Copy" not in httpserver.log[1][0].headers
    await resolve(quick.close())
    assert not client._http.is_closed
    await close(client)


def _request_id_case(vendor: Vendor) -> tuple[str, dict[str, str]]:
    if vendor is FABRO:
        return "fabro-req-1", {"x-request-id": "fabro-req-1", "request-id": "other"}
    return "req-common-1", {"request-id": "req-common-1"}


@pytest.mark.parametrize("vendor", VENDORS, ids=VENDOR_IDS)
async def test_errors_and_raw_responses_carry_the_request_id(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    expected, headers = _request_id_case(vendor)
    body, page_headers = vendor.page([vendor.item(0)], None)
    httpserver.expect_ordered_request(vendor.path).respond_with_response(
        json_response({"error": "no"}, 404, headers=headers)
    )
    httpserver.expect_ordered_request(vendor.path).respond_with_response(
        json_response(body, headers={**page_headers, **headers})
    )
    client = vendor.client(httpserver, flavour, max_retries=0)

    with pytest.raises(vendor.package.NotFoundError) as caught:
        await collect(vendor.list(client))
    raw = await _raw_list(vendor, client)

    assert caught.value.request_id == expected
    assert f"(request id {expected})" in str(caught.value)
    assert raw.request_id == expected
    await close(client)


async def _raw_list(vendor: Vendor, client: object) -> object:
    raw_runs = client.runs.with_raw_response  # type: ignore[attr-defined]

    class Proxy:
        runs = raw_runs

    return await resolve(vendor.list(Proxy()))


@pytest.fixture
def package_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("sendrealm_client")
    level, handlers = logger.level, list(logger.handlers)
    yield logger
    logger.setLevel(level)
    logger.handlers[:] = handlers


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), ("INFO", logging.INFO)])
def test_the_log_switch_sets_the_package_logger_level(
    monkeypatch: pytest.MonkeyPatch, package_logger: logging.Logger, value: str, level: int
) -> None:
    monkeypatch.setenv("SENDREALM_LOG", value)
    SENDREALM.package._base_client.setup_logging("SENDREALM_LOG")
    assert package_logger.level == level
    assert len(package_logger.handlers) == 1


def test_without_the_log_switch_nothing_is_configured(
    monkeypatch: pytest.MonkeyPatch, package_logger: logging.Logger
) -> None:
    monkeypatch.delenv("SENDREALM_LOG", raising=False)
    SENDREALM.package._base_client.setup_logging("SENDREALM_LOG")
    assert package_logger.level == logging.NOTSET
    assert package_logger.handlers == []


async def test_debug_lines_carry_the_request_id_and_no_secret(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(RUN_PATH).respond_with_response(
        json_response({"data": RUN}, headers={"x-request-id": "rq-9"})
    )
    client = SENDREALM.client(httpserver, flavour, default_query={"api_key": "query-secret"})
    caplog.set_level(logging.DEBUG, logger="sendrealm_client")

    await resolve(client.runs.get("run_1"))

    lines = [r.getMessage() for r in caplog.records if r.name == "sendrealm_client"]
    assert any("-> 200 (attempt 1, " in line and "request id rq-9" in line for line in lines)
    assert any(line.startswith("sending GET ") and "'[secure]'" in line for line in lines)
    assert all(TOKEN not in line and "query-secret" not in line for line in lines)
    await close(client)
