"""A credential sent as a query parameter (``QueryAuth``) is kept as well as one in a header:
masked in logged URLs, redacted from messages in the form it has in a URL, and dropped from a
redirect that leaves the base URL's origin. None of our five vendors uses the scheme, so a
vendor's package is built with that strategy instead of its own (``AUTH`` is data)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ._support import FABRO, close, collect, json_response, resolve
from .test_security import every_log_line

pytestmark = pytest.mark.anyio

# A parameter name that does not look secret, and a key that a URL carries percent-encoded.
PARAM = "access"
KEY = "sk-live/9f8e+7d6c5b4a"
SENT = "sk-live%2F9f8e%2B7d6c5b4a"


@pytest.fixture
def query_auth(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    package = FABRO.package
    monkeypatch.setattr(package._client, "AUTH", package._auth.QueryAuth(param=PARAM))
    yield


def client(server: HTTPServer, flavour: str, **kwargs: Any) -> Any:
    return FABRO.client(server, flavour, api_key=KEY, max_retries=0, **kwargs)


async def test_the_key_goes_in_the_query_and_not_in_a_header(
    httpserver: HTTPServer, flavour: str, query_auth: None
) -> None:
    body, headers = FABRO.page([FABRO.item(0)], None)
    httpserver.expect_request(FABRO.path).respond_with_response(json_response(body, headers=headers))
    api = client(httpserver, flavour)

    await collect(FABRO.list(api))

    request = httpserver.log[0][0]
    assert request.args[PARAM] == KEY
    assert SENT in request.query_string.decode()
    assert "Authorization" not in request.headers
    await close(api)


async def test_the_key_is_masked_in_log_lines_and_redacted_from_messages(
    httpserver: HTTPServer, flavour: str, query_auth: None
) -> None:
    def echo_key(request: Request) -> Response:
        # A careless server, echoing the key both as it was sent and decoded.
        message = f"bad key {request.args[PARAM]} in ?{request.query_string.decode()}"
        return json_response({"error": {"message": message}}, 401)

    httpserver.expect_request(FABRO.path).respond_with_handler(echo_key)
    api = client(httpserver, flavour)

    with every_log_line() as lines, pytest.raises(FABRO.package.AuthenticationError) as caught:
        await resolve(FABRO.list(api))

    assert KEY in caught.value.body["error"]["message"]
    assert SENT in caught.value.body["error"]["message"]
    # httpx's own request line (logger "httpx", INFO) prints the URL as sent; this package's
    # lines are the ones checked.
    mine = [line for line in lines if "fabro_client" in line]
    assert any(f"{PARAM}=%5Bsecure%5D" in line for line in mine)  # "[secure]", encoded
    shown = [str(caught.value), repr(caught.value), *mine]
    assert [text for text in shown if KEY in text or SENT in text] == []
    assert str(caught.value).count("[redacted]") == 2
    await close(api)


async def test_a_redirect_to_another_origin_drops_the_key_from_the_query(
    httpserver: HTTPServer, other_host: HTTPServer, flavour: str, query_auth: None
) -> None:
    body, headers = FABRO.page([FABRO.item(0)], None)
    httpserver.expect_request(FABRO.path).respond_with_response(
        # A server that builds the Location from the request's own query echoes the key.
        Response(status=302, headers={"Location": other_host.url_for("/moved") + f"?keep=1&{PARAM}={SENT}"})
    )
    other_host.expect_request("/moved").respond_with_response(json_response(body, headers=headers))
    api = client(httpserver, flavour)

    await collect(FABRO.list(api))

    assert httpserver.log[0][0].args[PARAM] == KEY
    moved = other_host.log[0][0]
    assert PARAM not in moved.args and moved.args["keep"] == "1"
    await close(api)


def test_a_key_that_cannot_be_sent_is_refused_whatever_the_scheme(query_auth: None) -> None:
    for cls in (FABRO.sync_client, FABRO.async_client):
        with pytest.raises(ValueError, match="api_key contains a line break") as caught:
            cls(api_key="sk-live-1234\n", base_url="https://fabro.example.com")
        assert "sk-live" not in str(caught.value)


def _leaks(*texts: str) -> list[str]:
    return [text for text in texts if KEY in text or SENT in text]


async def test_the_key_is_masked_in_the_reprs_of_the_request_and_its_url(
    httpserver: HTTPServer, flavour: str, query_auth: None
) -> None:
    httpserver.expect_request(FABRO.path).respond_with_response(json_response({"errors": []}, 401))
    api = client(httpserver, flavour)

    with pytest.raises(FABRO.package.AuthenticationError) as caught:
        await resolve(FABRO.list(api))

    request = caught.value.response.request
    shown = [repr(request), repr(request.url), repr(caught.value.response.url), repr(caught.value)]
    assert _leaks(*shown) == []
    assert f"{PARAM}=%5Bsecure%5D" in repr(request)
    assert repr(request.url).startswith("URL('http://")
    assert request.url.params[PARAM] == KEY  # what was sent is untouched
    await close(api)


async def test_the_key_is_masked_in_the_request_of_a_connection_error(flavour: str, query_auth: None) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cls = FABRO.sync_client if flavour == "sync" else FABRO.async_client
    api = cls(api_key=KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0)

    with pytest.raises(FABRO.package.APIConnectionError) as caught:
        await resolve(FABRO.list(api))

    assert _leaks(repr(caught.value.request), repr(caught.value.request.url), str(caught.value)) == []
    assert f"{PARAM}=%5Bsecure%5D" in repr(caught.value.request)
    await close(api)
