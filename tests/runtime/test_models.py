"""Forward compatibility of response models read from a real loopback server: unknown fields
are kept and reported once, unknown enum values and union members are accepted."""

from __future__ import annotations

import warnings

import pytest
from pytest_httpserver import HTTPServer

from ._support import BASEDASH, FABRO, SENDREALM, close, collect, resolve

pytestmark = pytest.mark.anyio


async def test_an_unknown_field_is_kept_and_reported_once_per_model_and_field(
    httpserver: HTTPServer, flavour: str
) -> None:
    field = f"surprise_{flavour}"
    run = {"id": "run_1", "steps": [{"id": "s1", field: 1}, {"id": "s2", field: 2}], field: True}
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"data": run})
    client = SENDREALM.client(httpserver, flavour)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = await resolve(client.runs.get("run_1"))
        await resolve(client.runs.get("run_1"))

    messages = sorted(
        str(w.message) for w in caught if issubclass(w.category, SENDREALM.package.DriftWarning)
    )
    assert messages == [
        f"AutomationRun received the unknown field '{field}'; it is kept in model_extra",
        f"Step received the unknown field '{field}'; it is kept in model_extra",
    ]
    assert all(w.category is SENDREALM.package.UnknownFieldWarning for w in caught)
    assert first.model_extra == {field: True}
    assert [step.model_extra for step in first.steps] == [{field: 1}, {field: 2}]
    await close(client)


async def test_known_fields_raise_no_warning(httpserver: HTTPServer, flavour: str) -> None:
    body, _ = BASEDASH.page([BASEDASH.item(0), BASEDASH.item(1)], None)
    httpserver.expect_request(BASEDASH.path).respond_with_json(body)
    client = BASEDASH.client(httpserver, flavour)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        runs = await collect(BASEDASH.list(client))

    assert len(runs) == 2
    assert caught == []
    await close(client)


async def test_an_unknown_enum_value_is_accepted_and_visible(
    httpserver: HTTPServer, flavour: str
) -> None:
    run = {**BASEDASH.item(0), "status": f"QUEUED_{flavour.upper()}"}
    body, _ = BASEDASH.page([run], None)
    httpserver.expect_request(BASEDASH.path).respond_with_json(body)
    client = BASEDASH.client(httpserver, flavour)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (parsed,) = await collect(BASEDASH.list(client))

    assert parsed.status == f"QUEUED_{flavour.upper()}"
    assert not parsed.status.is_known
    assert [w.category for w in caught] == [BASEDASH.package.UnknownEnumValueWarning]
    await close(client)


async def test_an_unknown_union_member_is_kept_without_reporting_its_fields(
    httpserver: HTTPServer, flavour: str
) -> None:
    kind = f"pending_approval_{flavour}"
    run = {"id": "run_0", "lifecycle": {"status": {"kind": kind, "approver": "octocat"}}}
    body, _ = FABRO.page([run], None)
    httpserver.expect_request(FABRO.path).respond_with_json(body)
    client = FABRO.client(httpserver, flavour)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (parsed,) = await collect(FABRO.list(client))

    status = parsed.lifecycle.status
    assert isinstance(status, FABRO.package.models.UnknownVariant)
    assert status.model_extra == {"kind": kind, "approver": "octocat"}
    assert [w.category for w in caught] == [FABRO.package.UnknownVariantWarning]
    await close(client)
