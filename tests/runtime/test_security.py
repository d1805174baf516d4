"""Credentials stay with the configured host and out of every message; arguments that would
change the meaning of a request are refused before anything is sent."""

from __future__ import annotations

import asyncio
import logging
import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ._support import (
    BASEDASH,
    FABRO,
    FILES_COM,
    FLAVOURS,
    KOGNITOS,
    SENDREALM,
    TOKEN,
    VENDOR_IDS,
    VENDORS,
    ScriptedServer,
    SleepRecorder,
    Vendor,
    close,
    collect,
    complete_response,
    json_response,
    resolve,
    unused_port,
)

pytestmark = pytest.mark.anyio

vendors = pytest.mark.parametrize("vendor", VENDORS, ids=VENDOR_IDS)


def carries(request: Request, secret: str) -> bool:
    return any(secret in value for value in request.headers.values())


@vendors
async def test_a_redirect_to_another_host_does_not_carry_the_credential(
    httpserver: HTTPServer, other_host: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    body, headers = vendor.page([vendor.item(0)], None)
    httpserver.expect_request(vendor.path).respond_with_response(
        Response(status=302, headers={"Location": other_host.url_for("/moved")})
    )
    other_host.expect_request("/moved").respond_with_response(json_response(body, headers=headers))
    client = vendor.client(httpserver, flavour)

    runs = await collect(vendor.list(client))

    assert [vendor.key(run) for run in runs] == [0]
    assert carries(httpserver.log[0][0], TOKEN)
    assert not carries(other_host.log[0][0], TOKEN)
    await close(client)


async def test_a_redirect_to_another_port_of_the_same_host_does_not_carry_the_credential(
    httpserver: HTTPServer, other_host: HTTPServer, flavour: str
) -> None:
    body, _ = SENDREALM.page([SENDREALM.item(0)], None)
    httpserver.expect_request(SENDREALM.path).respond_with_response(
        Response(status=302, headers={"Location": other_host.url_for("/moved")})
    )
    other_host.expect_request("/moved").respond_with_json(body)
    same_host = f"http://{other_host.host}:{httpserver.port}"
    client = SENDREALM.client(httpserver, flavour, base_url=same_host)

    await collect(SENDREALM.list(client))

    assert carries(httpserver.log[0][0], TOKEN)
    assert not carries(other_host.log[0][0], TOKEN)
    await close(client)


@vendors
async def test_a_redirect_on_the_same_host_keeps_the_credential(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    body, headers = vendor.page([vendor.item(0)], None)
    httpserver.expect_request(vendor.path).respond_with_response(
        Response(status=307, headers={"Location": "/moved"})
    )
    httpserver.expect_request("/moved").respond_with_response(json_response(body, headers=headers))
    client = vendor.client(httpserver, flavour)

    await collect(vendor.list(client))

    assert [request.path for request, _ in httpserver.log] == [vendor.path, "/moved"]
    assert carries(httpserver.log[1][0], TOKEN)
    await close(client)


async def test_a_redirect_back_from_another_host_stays_without_the_credential(
    httpserver: HTTPServer, other_host: HTTPServer, flavour: str
) -> None:
    body, _ = SENDREALM.page([SENDREALM.item(0)], None)
    httpserver.expect_request(SENDREALM.path).respond_with_response(
        Response(status=302, headers={"Location": other_host.url_for("/hop")})
    )
    other_host.expect_request("/hop").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/back")})
    )
    httpserver.expect_request("/back").respond_with_json(body)
    client = SENDREALM.client(httpserver, flavour)

    await collect(SENDREALM.list(client))

    assert not carries(other_host.log[0][0], TOKEN)
    assert not carries(httpserver.log[1][0], TOKEN)
    await close(client)


@vendors
def test_plain_http_to_a_remote_host_is_refused(vendor: Vendor) -> None:
    for cls in (vendor.sync_client, vendor.async_client):
        with pytest.raises(ValueError, match="plain http"):
            cls(api_key=TOKEN, base_url="http://api.example.com/v1")


@pytest.mark.parametrize(
    "base_url",
    [
        "http://localhost:8080",
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
        "https://api.example.com",
    ],
)
def test_loopback_and_https_base_urls_are_accepted(base_url: str) -> None:
    client = FABRO.sync_client(api_key=TOKEN, base_url=base_url)

    assert str(client.base_url).rstrip("/") == base_url
    client.close()


def test_plain_http_to_a_remote_host_is_allowed_when_asked_for() -> None:
    client = FABRO.sync_client(
        api_key=TOKEN, base_url="http://fabro.internal", allow_insecure_http=True
    )

    assert client.base_url.host == "fabro.internal"
    client.close()


@pytest.mark.parametrize("run_id", ["..", ".", ""])
async def test_dot_segments_and_empty_path_parameters_are_refused(
    httpserver: HTTPServer, flavour: str, run_id: str
) -> None:
    client = SENDREALM.client(httpserver, flavour)

    with pytest.raises(ValueError, match="runId"):
        await resolve(client.runs.get(run_id))

    assert httpserver.log == []
    await close(client)


async def test_path_parameters_are_percent_encoded_into_one_segment(flavour: str) -> None:
    with ScriptedServer([complete_response({"data": {"id": "x"}})]) as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key=TOKEN, base_url=server.url)

        await resolve(client.runs.get("../a/b?c=1#d e"))

        request_line = server.requests[0].split(b"\r\n")[0]
        assert request_line == b"GET /automation-runs/..%2Fa%2Fb%3Fc%3D1%23d%20e HTTP/1.1"
        await close(client)


@pytest.mark.parametrize(
    ("vendor", "call", "name"),
    [
        (BASEDASH, lambda c: c.runs.list("org", "auto", limit=0), "limit"),
        (BASEDASH, lambda c: c.runs.list("org", "auto", limit=101), "limit"),
        (FABRO, lambda c: c.runs.list("Not_A_Slug"), "id"),
        (FABRO, lambda c: c.runs.list("nightly\n"), "id"),
        (FABRO, lambda c: c.runs.list("nightly", page_offset=-1), r"page\[offset\]"),
        (FILES_COM, lambda c: c.runs.list(automation_id=7, per_page=10_001), "per_page"),
        (KOGNITOS, lambda c: c.runs.list("org", "ws", "auto", page_size=-1), "page_size"),
    ],
    ids=[
        "limit-low",
        "limit-high",
        "pattern",
        "pattern-newline",
        "offset",
        "per-page",
        "page-size",
    ],
)
async def test_documented_constraints_are_checked_before_sending(
    httpserver: HTTPServer, flavour: str, vendor: Vendor, call: Any, name: str
) -> None:
    client = vendor.client(httpserver, flavour)

    with pytest.raises(ValueError, match=name):
        await collect(await resolve(call(client)))

    assert httpserver.log == []
    await close(client)


@vendors
def test_client_repr_does_not_show_the_credential(vendor: Vendor, httpserver: HTTPServer) -> None:
    for cls in (vendor.sync_client, vendor.async_client):
        client = cls(api_key=TOKEN, base_url=httpserver.url_for("/"))
        assert TOKEN not in repr(client)
        assert TOKEN not in str(client)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextmanager
def every_log_line() -> Iterator[list[str]]:
    """Every line logged anywhere (httpx and httpcore included) at DEBUG, formatted."""
    handler = _Lines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def echo_credentials(status: int) -> Any:
    """A handler that answers ``status`` with the request's headers in its body, as a
    careless server or proxy might."""

    def handle(request: Request) -> Response:
        return json_response(
            {"error": {"message": "bad", "headers": dict(request.headers)}}, status
        )

    return handle


FAILURES = (
    "unauthorized",
    "unauthorized echoing the key",
    "server errors",
    "connection refused",
    "invalid body",
)
URL_SAFE = string.ascii_letters + string.digits + "-._~"


def arrange_failure(server: HTTPServer, vendor: Vendor, failure: str) -> None:
    handler = server.expect_request(vendor.path)
    if failure == "unauthorized":
        handler.respond_with_response(json_response({"error": {"message": "invalid key"}}, 401))
    elif failure == "unauthorized echoing the key":
        handler.respond_with_handler(echo_credentials(401))
    elif failure == "server errors":
        handler.respond_with_handler(echo_credentials(500))
    elif failure == "invalid body":
        handler.respond_with_json({"data": "nope", "runs": "nope"})


async def fail_and_describe(vendor: Vendor, flavour: str, base_url: str, token: str) -> list[str]:
    cls = vendor.sync_client if flavour == "sync" else vendor.async_client
    client = cls(api_key=token, base_url=base_url)
    SleepRecorder().install(client)
    texts = [repr(client), str(client)]
    try:
        await collect(await resolve(vendor.list(client)))
    except vendor.package.APIError as exc:
        texts += [str(exc), repr(exc), exc.message]
    else:
        raise AssertionError("the call was expected to fail")
    finally:
        await close(client)
    return texts


# A prefix keeps a drawn key from being a word the messages contain anyway ("AsyncFabroCl").
TOKENS = st.text(URL_SAFE, min_size=12, max_size=64).map(lambda text: "sk-" + text)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    token=TOKENS,
    failure=st.sampled_from(FAILURES),
    vendor=st.sampled_from(VENDORS),
    flavour=st.sampled_from(FLAVOURS),
)
def test_the_credential_never_appears_in_messages_reprs_or_logs(
    httpserver: HTTPServer, token: str, failure: str, vendor: Vendor, flavour: str
) -> None:
    httpserver.clear()
    arrange_failure(httpserver, vendor, failure)
    if failure == "connection refused":
        base_url = f"http://127.0.0.1:{unused_port()}"
    else:
        base_url = httpserver.url_for(vendor.base_path or "/")

    with every_log_line() as lines:
        texts = asyncio.run(fail_and_describe(vendor, flavour, base_url, token))

    assert lines, "debug logging was expected to say something"
    leaks = [text for text in [*texts, *lines] if token in text]
    assert leaks == []
    if failure.startswith("unauthorized echoing"):
        assert any(
            token in str(value)
            for value in httpserver.log[-1][1].get_json()["error"]["headers"].values()
        )


def test_user_info_in_the_base_url_is_not_shown_by_repr() -> None:
    client = FABRO.sync_client(
        api_key=TOKEN, base_url="https://deploy:hunter2-pw@fabro.example.com/"
    )

    assert "hunter2-pw" not in repr(client)
    assert "fabro.example.com" in repr(client)
    client.close()
