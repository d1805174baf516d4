"""Per-call headers and query, raw responses, the User-Agent and debug logging."""

from __future__ import annotations

import logging

import pytest
from pytest_httpserver import HTTPServer

from ._support import (
    FILES_COM,
    KOGNITOS,
    SENDREALM,
    TOKEN,
    VENDOR_IDS,
    VENDORS,
    PagedAPI,
    SleepRecorder,
    Vendor,
    close,
    collect,
    json_response,
    numbered_pages,
    resolve,
)

pytestmark = pytest.mark.anyio

RUN = {"id": "run_1", "automation_id": "aut_1", "status": "completed"}


async def test_extra_headers_and_query_are_sent_with_one_call(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"data": RUN})
    client = SENDREALM.client(httpserver, flavour)

    await resolve(
        client.runs.get(
            "run_1",
            extra_headers={"X-Trace": "abc", "Accept": "application/vnd.sendrealm+json"},
            extra_query={"expand": "steps", "verbose": True},
        )
    )
    await resolve(client.runs.get("run_1"))

    first, second = (request for request, _ in httpserver.log)
    assert first.headers["X-Trace"] == "abc"
    assert first.headers.getlist("Accept") == ["application/vnd.sendrealm+json"]
    assert dict(first.args) == {"expand": "steps", "verbose": "true"}
    assert "X-Trace" not in second.headers
    assert dict(second.args) == {}
    await close(client)


async def test_extra_query_replaces_a_parameter_of_the_same_name(
    httpserver: HTTPServer, flavour: str
) -> None:
    api = PagedAPI(KOGNITOS, numbered_pages(KOGNITOS, 1)).install(httpserver)
    client = KOGNITOS.client(httpserver, flavour)

    await collect(KOGNITOS.list(client, page_size=5, extra_query={"page_size": 7}))

    assert api.requests == [{"page_size": "7"}]
    await close(client)


async def test_extra_headers_can_not_duplicate_the_credential_header(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"data": RUN})
    client = SENDREALM.client(httpserver, flavour)

    await resolve(
        client.runs.get("run_1", extra_headers={"authorization": "Bearer other-key-000000"})
    )

    request = httpserver.log[0][0]
    assert request.headers.getlist("Authorization") == ["Bearer other-key-000000"]
    await close(client)


async def test_extra_headers_and_query_reach_every_page(
    httpserver: HTTPServer, flavour: str
) -> None:
    api = PagedAPI(FILES_COM, numbered_pages(FILES_COM, 1, 1)).install(httpserver)
    client = FILES_COM.client(httpserver, flavour)

    await collect(
        FILES_COM.list(client, extra_headers={"X-Trace": "t"}, extra_query={"debug": "1"})
    )

    assert [request.headers.get("X-Trace") for request, _ in httpserver.log] == ["t", "t"]
    assert [query.get("debug") for query in api.requests] == ["1", "1"]
    await close(client)


@pytest.mark.parametrize("vendor", VENDORS, ids=VENDOR_IDS)
async def test_the_user_agent_names_the_package_and_its_version(
    httpserver: HTTPServer, flavour: str, vendor: Vendor
) -> None:
    PagedAPI(vendor, numbered_pages(vendor, 1)).install(httpserver)
    client = vendor.client(httpserver, flavour)

    await collect(vendor.list(client))

    package = vendor.package
    assert (
        httpserver.log[0][0].headers["User-Agent"] == f"{vendor.name}_client/{package.__version__}"
    )
    await close(client)


async def test_a_raw_response_carries_status_headers_and_the_parsed_result(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_response(
        json_response({"data": RUN}, headers={"X-Rate-Remaining": "99"})
    )
    client = SENDREALM.client(httpserver, flavour)

    raw = await resolve(client.runs.with_raw_response.get("run_1"))

    assert raw.status_code == 200
    assert raw.headers["X-Rate-Remaining"] == "99"
    assert raw.parsed == SENDREALM.package.models.AutomationRun.model_validate(RUN)
    assert raw.retries_taken == 0
    await close(client)


async def test_a_raw_list_response_parses_to_the_first_page(
    httpserver: HTTPServer, flavour: str
) -> None:
    PagedAPI(KOGNITOS, numbered_pages(KOGNITOS, 1, 1)).install(httpserver)
    client = KOGNITOS.client(httpserver, flavour)

    raw = await resolve(client.runs.with_raw_response.list("org", "ws", "auto"))

    assert [KOGNITOS.key(run) for run in raw.parsed.items] == [0]
    assert [KOGNITOS.key(run) for run in await collect(raw.parsed)] == [0, 1]
    await close(client)


async def test_debug_log_lines_name_method_url_status_and_attempt_without_the_credential(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_ordered_request("/automation-runs/run_1").respond_with_response(
        json_response({"error": {"message": "busy"}}, 503)
    )
    httpserver.expect_ordered_request("/automation-runs/run_1").respond_with_json({"data": RUN})
    client = SENDREALM.client(httpserver, flavour)
    SleepRecorder().install(client)
    caplog.set_level(logging.DEBUG, logger="sendrealm_client")

    await resolve(client.runs.get("run_1"))

    lines = [r.getMessage() for r in caplog.records if r.name == "sendrealm_client"]
    url = httpserver.url_for("/automation-runs/run_1")
    assert any(line.startswith(f"GET {url} -> 503 (attempt 1, ") for line in lines)
    assert any(line.startswith(f"GET {url} -> 200 (attempt 2, ") for line in lines)
    assert any("runs.get: retrying in" in line for line in lines)
    assert all(TOKEN not in line for line in lines)
    await close(client)


async def test_no_request_lines_are_logged_below_info(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"data": RUN})
    client = SENDREALM.client(httpserver, flavour)
    caplog.set_level(logging.WARNING, logger="sendrealm_client")

    await resolve(client.runs.get("run_1"))

    assert [r for r in caplog.records if r.name == "sendrealm_client"] == []
    await close(client)


async def test_clients_are_context_managers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"data": RUN})
    with SENDREALM.client(httpserver) as client:
        assert client.runs.get("run_1").id == "run_1"
    assert client._http.is_closed
    async with SENDREALM.client(httpserver, "async") as aclient:
        assert (await aclient.runs.get("run_1")).id == "run_1"
    assert aclient._http.is_closed
