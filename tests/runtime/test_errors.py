"""Errors from real loopback servers: the exception class per status, the vendor's error body
parsed into its model, and 2xx bodies that do not fit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ._support import (
    BASEDASH,
    FABRO,
    FILES_COM,
    KOGNITOS,
    SENDREALM,
    SleepRecorder,
    close,
    json_response,
    resolve,
)

pytestmark = pytest.mark.anyio

PAYLOADS = Path(__file__).resolve().parent.parent / "fixtures" / "payloads"
BAD_GATEWAY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


def payload(vendor: str, name: str) -> Any:
    return json.loads((PAYLOADS / vendor / f"{name}.json").read_text())


@pytest.mark.parametrize(
    ("code", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (503, "InternalServerError"),
        (418, "APIStatusError"),
    ],
)
async def test_each_status_family_raises_its_own_class(
    httpserver: HTTPServer, flavour: str, code: int, name: str
) -> None:
    httpserver.expect_request(FABRO.path).respond_with_response(
        json_response(payload("fabro", "error"), code, {"x-request-id": "req-42"})
    )
    client = FABRO.client(httpserver, flavour, max_retries=0)

    with pytest.raises(FABRO.package.APIStatusError) as caught:
        await resolve(FABRO.list(client))

    error = caught.value
    assert type(error).__name__ == name
    assert error.status_code == code
    assert error.request_id == "req-42"
    assert error.response.status_code == code
    assert isinstance(error.error, FABRO.package.models.ErrorResponse)
    assert error.error.errors[0].code == "automation_not_found"
    assert "runs.list" in str(error)
    assert "req-42" in str(error)
    await close(client)


@pytest.mark.parametrize(
    ("vendor", "path", "call", "model"),
    [
        (
            KOGNITOS,
            KOGNITOS.list_path + "/nope",
            lambda c: c.runs.get("org", "ws", "auto", "nope"),
            "Status",
        ),
        (FILES_COM, FILES_COM.path + "/5", lambda c: c.runs.get(5), "ErrorResponse"),
        (SENDREALM, "/automation-runs/nope", lambda c: c.runs.get("nope"), "ErrorResponse"),
    ],
    ids=["kognitos", "files_com", "sendrealm"],
)
async def test_the_vendor_error_body_is_parsed_into_its_model(
    httpserver: HTTPServer, flavour: str, vendor: Any, path: str, call: Any, model: str
) -> None:
    body = payload(vendor.name, "error")
    httpserver.expect_request(path).respond_with_response(json_response(body, 404))
    client = vendor.client(httpserver, flavour)

    with pytest.raises(vendor.package.NotFoundError) as caught:
        await resolve(call(client))

    assert caught.value.error == getattr(vendor.package.models, model).model_validate(body)
    assert caught.value.body == body
    await close(client)


async def test_an_html_error_page_keeps_its_text_and_has_no_parsed_error(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(SENDREALM.list_path).respond_with_data(
        BAD_GATEWAY_PAGE, status=502, content_type="text/html"
    )
    client = SENDREALM.client(httpserver, flavour)
    sleeps = SleepRecorder().install(client)

    with pytest.raises(SENDREALM.package.InternalServerError) as caught:
        await resolve(SENDREALM.list(client))

    assert caught.value.status_code == 502
    assert caught.value.body == BAD_GATEWAY_PAGE
    assert caught.value.error is None
    assert caught.value.retries_taken == 2
    assert len(sleeps.delays) == 2
    assert "502 Bad Gateway" in str(caught.value)
    await close(client)


async def test_an_error_body_that_does_not_fit_its_model_keeps_the_decoded_json(
    httpserver: HTTPServer, flavour: str
) -> None:
    odd = {"message": "no such automation"}
    httpserver.expect_request(BASEDASH.path).respond_with_response(json_response(odd, 404))
    client = BASEDASH.client(httpserver, flavour)

    with pytest.raises(BASEDASH.package.NotFoundError) as caught:
        await resolve(BASEDASH.list(client))

    assert caught.value.error is None
    assert caught.value.body == odd
    await close(client)


async def test_malformed_json_in_a_2xx_body_is_a_validation_error_with_the_raw_body(
    httpserver: HTTPServer, flavour: str
) -> None:
    broken = '{"data": [{"id": "run_1",'
    httpserver.expect_request(BASEDASH.path).respond_with_data(
        broken, content_type="application/json"
    )
    client = BASEDASH.client(httpserver, flavour)

    with pytest.raises(BASEDASH.package.APIResponseValidationError) as caught:
        await resolve(BASEDASH.list(client))

    assert caught.value.body == broken
    assert caught.value.status_code == 200
    assert caught.value.path is None
    assert "not valid JSON" in str(caught.value)
    assert "runs.list" in str(caught.value)
    await close(client)


async def test_strict_a_missing_required_field_names_its_path(
    httpserver: HTTPServer, flavour: str
) -> None:
    runs = [BASEDASH.item(0), BASEDASH.item(1)]
    del runs[1]["createdAt"]
    body, _ = BASEDASH.page(runs, None)
    httpserver.expect_request(BASEDASH.path).respond_with_json(body)
    client = BASEDASH.client(httpserver, flavour, strict=True)

    with pytest.raises(BASEDASH.package.APIResponseValidationError) as caught:
        await resolve(BASEDASH.list(client))

    assert caught.value.path == "data[1].createdAt"
    assert json.loads(caught.value.body) == body
    assert "data[1].createdAt" in str(caught.value)
    await close(client)


async def test_strict_a_mistyped_field_in_an_envelope_names_its_path(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_json(
        {"data": {"id": "run_1", "steps": [{"id": "step_1"}, {"id": ["not", "a", "string"]}]}}
    )
    client = SENDREALM.client(httpserver, flavour, strict=True)

    with pytest.raises(SENDREALM.package.APIResponseValidationError) as caught:
        await resolve(client.runs.get("run_1"))

    assert caught.value.path == "data.steps[1].id"
    await close(client)


async def test_a_missing_envelope_is_a_validation_error(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"id": "run_1"})
    client = SENDREALM.client(httpserver, flavour)

    with pytest.raises(SENDREALM.package.APIResponseValidationError) as caught:
        await resolve(client.runs.get("run_1"))

    assert caught.value.path == "data"
    await close(client)


async def test_the_raw_body_of_a_validation_error_survives_a_non_utf8_charset(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/automation-runs/run_1").respond_with_response(
        Response(
            '{"data": 1, "note": "caf\u00e9"}'.encode("latin-1"),
            content_type="application/json; charset=latin-1",
        )
    )
    client = SENDREALM.client(httpserver, flavour)

    with pytest.raises(SENDREALM.package.APIResponseValidationError) as caught:
        await resolve(client.runs.get("run_1"))

    assert "caf\u00e9" in caught.value.body
    await close(client)


def test_the_exception_tree_is_drawn_in_the_exceptions_module() -> None:
    for vendor in (BASEDASH, FABRO, FILES_COM, KOGNITOS, SENDREALM):
        package = vendor.package
        doc = package._exceptions.__doc__
        for name in ("APIConnectionError", "APITimeoutError", "APIStatusError", "RateLimitError"):
            assert name in doc
            assert issubclass(getattr(package, name), package.APIError)
        assert issubclass(package.APITimeoutError, package.APIConnectionError)
        assert issubclass(package.InternalServerError, package.APIStatusError)
