"""Odd and hostile inputs become clear errors: header values with control or non-ASCII
characters are refused where they are given (naming the argument, never showing the value),
credentials are masked in every repr, redaction never mangles text, and redirects, closed
clients and the wrong kind of ``http_client`` give our own errors."""

from __future__ import annotations

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ._support import (
    FILES_COM,
    SENDREALM,
    TOKEN,
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
SECRET = "sk-live-4f3e2d1c0b9a8f7e"
BAD_VALUES = {
    "newline": SECRET + "\n",
    "crlf": "ws\r\nX-Injected: 1",
    "nul": "ab\x00cd",
    "non-ascii": "clé-ü",
    "trailing space": SECRET + " ",
}


@vendors
@pytest.mark.parametrize("bad", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_an_api_key_that_cannot_be_sent_is_refused_without_showing_it(vendor: Vendor, bad: str) -> None:
    with pytest.raises(ValueError, match=r"^api_key ") as caught:
        vendor.sync_client(api_key=bad, base_url="https://example.com")
    assert SECRET not in str(caught.value) and bad not in str(caught.value)
    assert caught.value.__cause__ is None


@pytest.mark.parametrize("bad", ["ws\r\nX-Injected: 1", "wörkspace"])
def test_a_workspace_id_that_cannot_be_sent_is_refused_at_construction(
    bad: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match=r"^workspace_id contains"):
        FILES_COM.sync_client(api_key=TOKEN, workspace_id=bad)
    monkeypatch.setenv("FILES_COM_WORKSPACE_ID", bad)
    with pytest.raises(ValueError, match=r"^workspace_id contains"):
        FILES_COM.async_client(api_key=TOKEN)


async def test_extra_headers_that_cannot_be_sent_are_refused_before_sending(
    httpserver: HTTPServer, flavour: str
) -> None:
    client = SENDREALM.client(httpserver, flavour)
    with pytest.raises(ValueError, match=r"^extra_headers\['X-Trace'\] contains a line break"):
        await resolve(client.runs.get("run_1", extra_headers={"X-Trace": "a\r\nb"}))
    with pytest.raises(ValueError, match=r"extra_headers\['X-Trace'\] contains a non-ASCII"):
        await resolve(client.runs.get("run_1", extra_headers={"X-Trace": "é"}))
    with pytest.raises(ValueError, match="is not a valid header name"):
        await resolve(client.runs.get("run_1", extra_headers={"Bad Name": "x"}))
    assert httpserver.log == []
    await close(client)


def test_default_headers_that_cannot_be_sent_are_refused_at_construction() -> None:
    with pytest.raises(ValueError, match=r"^default_headers\['X-A'\] contains a control"):
        SENDREALM.sync_client(api_key=TOKEN, default_headers={"X-A": "\x07"})


async def test_files_com_key_is_masked_in_request_header_reprs(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(FILES_COM.path).respond_with_response(
        json_response({"error": "nope", "http-code": 404}, 404)
    )
    client = FILES_COM.client(httpserver, flavour, max_retries=0, default_headers={"X-Session-Token": "s3"})

    with pytest.raises(FILES_COM.package.NotFoundError) as caught:
        await collect(FILES_COM.list(client))

    shown = repr(caught.value.response.request.headers)
    assert TOKEN not in shown and "s3" not in shown
    assert "'X-FilesAPI-Key', '[secure]'" in shown or "'x-filesapi-key', '[secure]'" in shown
    assert caught.value.response.request.headers["X-FilesAPI-Key"] == TOKEN
    await close(client)


async def test_a_short_key_is_redacted_as_a_token_and_never_inside_words(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_response(
        json_response({"error": {"message": "key la rejected by launch-la-suite"}}, 401)
    )
    client = SENDREALM.client(httpserver, flavour, api_key="la", max_retries=0)

    with pytest.raises(SENDREALM.package.AuthenticationError) as caught:
        await resolve(client.runs.get("run_1"))

    assert "key [redacted] rejected by launch-la-suite" in str(caught.value)
    await close(client)


@pytest.mark.parametrize("location", ["ftp://example.com/x"])
async def test_a_redirect_to_no_http_url_is_a_status_error(
    httpserver: HTTPServer, flavour: str, location: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_response(
        Response(status=302, headers={"Location": location})
    )
    client = SENDREALM.client(httpserver, flavour, max_retries=0)

    with pytest.raises(SENDREALM.package.APIStatusError) as caught:
        await resolve(client.runs.get("run_1"))

    assert caught.value.status_code == 302
    assert "redirect was not followed" in str(caught.value)
    await close(client)


async def test_a_redirect_to_a_javascript_url_is_a_connection_error_not_httpx_s(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_response(
        Response(status=302, headers={"Location": "javascript:alert(1)"})
    )
    client = SENDREALM.client(httpserver, flavour, max_retries=0)

    with pytest.raises(SENDREALM.package.APIConnectionError, match="not a valid URL"):
        await resolve(client.runs.get("run_1"))
    await close(client)


async def test_closing_the_client_mid_walk_is_a_connection_error(
    httpserver: HTTPServer, flavour: str
) -> None:
    PagedAPI(SENDREALM, numbered_pages(SENDREALM, 1, 1, 1)).install(httpserver)
    client = SENDREALM.client(httpserver, flavour)
    seen = []

    with pytest.raises(SENDREALM.package.APIConnectionError, match="the client is closed"):
        if flavour == "sync":
            for run in SENDREALM.list(client):
                seen.append(run)
                client.close()
        else:
            async for run in SENDREALM.list(client):
                seen.append(run)
                await client.close()

    assert len(seen) == 1
    assert len(httpserver.log) == 1


def test_an_async_http_client_given_to_the_sync_client_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"http_client must be an httpx\.Client, got AsyncClient"):
        SENDREALM.sync_client(api_key=TOKEN, http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"http_client must be an httpx\.AsyncClient, got Client"):
        SENDREALM.async_client(api_key=TOKEN, http_client=httpx.Client())  # type: ignore[arg-type]
