"""Forward compatibility of response models read from a real loopback server: unknown fields
are kept, unknown enum values and union members accepted, a field that does not fit kept raw;
each is reported as drift through logging (once) and the ``on_drift`` hook, never through a
warning or an exception."""

from __future__ import annotations

import logging
import warnings
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from ._support import BASEDASH, FABRO, FILES_COM, SENDREALM, close, collect, resolve

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def _fresh_drift_log() -> None:
    """Drift is logged once per process; each test starts with nothing logged."""
    for vendor in (BASEDASH, FABRO, FILES_COM, SENDREALM):
        vendor.package._drift._logged.clear()


def drift_lines(caplog: pytest.LogCaptureFixture, package: str) -> list[str]:
    return sorted(r.getMessage() for r in caplog.records if r.name == f"{package}.drift")


async def test_an_unknown_field_is_kept_and_reported_once_per_model_and_field(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    field = f"surprise_{flavour}"
    run = {"id": "run_1", "steps": [{"id": "s1", field: 1}, {"id": "s2", field: 2}], field: True}
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"data": run})
    seen: list[Any] = []
    client = SENDREALM.client(httpserver, flavour, on_drift=seen.append)

    first = await resolve(client.runs.get("run_1"))
    await resolve(client.runs.get("run_1"))

    assert drift_lines(caplog, "sendrealm_client") == [
        f"AutomationRun received the unknown field '{field}'; it is kept in model_extra",
        f"Step received the unknown field '{field}'; it is kept in model_extra",
    ]
    assert all(r.levelno == logging.WARNING for r in caplog.records if r.name.endswith(".drift"))
    assert first.model_extra == {field: True}
    assert [step.model_extra for step in first.steps] == [{field: 1}, {field: 2}]
    # The hook hears every report of every response: three per response, two responses.
    assert [(d.kind, d.model, d.name) for d in seen].count(("unknown_field", "Step", field)) == 4
    assert len(seen) == 6
    await close(client)


async def test_known_fields_report_nothing(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    body, _ = BASEDASH.page([BASEDASH.item(0), BASEDASH.item(1)], None)
    httpserver.expect_request(BASEDASH.path).respond_with_json(body)
    seen: list[Any] = []
    client = BASEDASH.client(httpserver, flavour, on_drift=seen.append)

    runs = await collect(BASEDASH.list(client))

    assert len(runs) == 2
    assert drift_lines(caplog, "basedash_client") == []
    assert seen == []
    await close(client)


async def test_an_unknown_enum_value_is_accepted_and_visible(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    run = {**BASEDASH.item(0), "status": f"QUEUED_{flavour.upper()}"}
    body, _ = BASEDASH.page([run], None)
    httpserver.expect_request(BASEDASH.path).respond_with_json(body)
    client = BASEDASH.client(httpserver, flavour)

    (parsed,) = await collect(BASEDASH.list(client))

    assert parsed.status == f"QUEUED_{flavour.upper()}"
    assert not parsed.status.is_known
    assert drift_lines(caplog, "basedash_client") == [
        f"PublicAutomationRunStatus received the unknown value 'QUEUED_{flavour.upper()}'"
    ]
    await close(client)


async def test_an_unknown_union_member_is_kept_without_reporting_its_fields(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    kind = f"pending_approval_{flavour}"
    run = {"id": "run_0", "lifecycle": {"status": {"kind": kind, "approver": "octocat"}}}
    body, _ = FABRO.page([run], None)
    httpserver.expect_request(FABRO.path).respond_with_json(body)
    client = FABRO.client(httpserver, flavour)

    (parsed,) = await collect(FABRO.list(client))

    status = parsed.lifecycle.status
    assert isinstance(status, FABRO.package.models.UnknownVariant)
    assert status.model_extra == {"kind": kind, "approver": "octocat"}
    (line,) = drift_lines(caplog, "fabro_client")
    assert f"received the unknown kind '{kind}'" in line
    await close(client)


# -- lenient by default, strict on request ------------------------------------------------------


def _files_com_runs(created_at: object) -> list[dict[str, Any]]:
    # As when Files.com's `runtime` changed type in 2024: a value of another type than the
    # page documents, here in `created_at` (a date-time).
    return [
        {**FILES_COM.item(0), "created_at": created_at},
        {**FILES_COM.item(1), "created_at": "last tuesday"},
        FILES_COM.item(2),
    ]


async def test_a_mistyped_field_keeps_its_raw_value_and_the_page_is_read(
    httpserver: HTTPServer, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(FILES_COM.path).respond_with_json(_files_com_runs([1, 2]))
    seen: list[Any] = []
    client = FILES_COM.client(httpserver, flavour, on_drift=seen.append)

    runs = await collect(FILES_COM.list(client))

    assert [run.id for run in runs] == [0, 1, 2]
    assert runs[0].created_at == [1, 2]
    assert runs[1].created_at == "last tuesday"
    assert runs[2].created_at.year == 2026
    assert [run.status for run in runs] == ["success"] * 3
    assert [(d.kind, d.model, d.name) for d in seen] == [("mistyped", "AutomationRun", "created_at")] * 2
    (line,) = drift_lines(caplog, "files_com_client")
    assert line.startswith("AutomationRun.created_at does not fit its type (")
    assert line.endswith("the raw value is kept")
    await close(client)


async def test_a_missing_required_field_reads_as_none_and_is_reported(
    httpserver: HTTPServer, flavour: str
) -> None:
    runs = [BASEDASH.item(0), BASEDASH.item(1)]
    del runs[1]["createdAt"]
    body, _ = BASEDASH.page(runs, None)
    httpserver.expect_request(BASEDASH.path).respond_with_json(body)
    seen: list[Any] = []
    client = BASEDASH.client(httpserver, flavour, on_drift=seen.append)

    first, second = await collect(BASEDASH.list(client))

    assert first.created_at is not None
    assert second.created_at is None
    assert [(d.kind, d.model, d.name) for d in seen] == [("missing", "PublicAutomationRun", "created_at")]
    await close(client)


async def test_strict_makes_a_mistyped_field_a_validation_error_with_its_path(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(FILES_COM.path).respond_with_json(_files_com_runs("soon"))
    client = FILES_COM.client(httpserver, flavour, strict=True)

    with pytest.raises(FILES_COM.package.APIResponseValidationError) as caught:
        await collect(FILES_COM.list(client))

    assert caught.value.path == "[0].created_at"
    assert '"created_at": "soon"' in caught.value.body
    await close(client)


async def test_with_options_turns_strict_on_for_a_copy_only(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(FILES_COM.path).respond_with_json(_files_com_runs("soon"))
    client = FILES_COM.client(httpserver, flavour)

    with pytest.raises(FILES_COM.package.APIResponseValidationError):
        await collect(FILES_COM.list(client.with_options(strict=True)))
    assert len(await collect(FILES_COM.list(client))) == 3
    await close(client)


async def test_a_body_of_the_wrong_shape_fails_even_leniently(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request(BASEDASH.path).respond_with_json({"data": "not a list"})
    client = BASEDASH.client(httpserver, flavour)

    with pytest.raises(BASEDASH.package.APIResponseValidationError) as caught:
        await collect(BASEDASH.list(client))

    assert caught.value.path == "data"
    await close(client)


async def test_drift_never_raises_under_warnings_as_errors(
    httpserver: HTTPServer, flavour: str
) -> None:
    run = {"id": "run_1", "status": "exploded", "novel": 1, "steps": [{"id": "s", "x": 2}]}
    httpserver.expect_request("/automation-runs/run_1").respond_with_json({"data": run})

    def broken_hook(drift: object) -> None:
        raise RuntimeError("a hook with a bug")

    client = SENDREALM.client(httpserver, flavour, on_drift=broken_hook)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parsed = await resolve(client.runs.get("run_1"))

    assert parsed.model_extra == {"novel": 1}
    assert parsed.status == "exploded"
    await close(client)


def test_the_drift_log_remembers_a_bounded_number_of_reports() -> None:
    drift = SENDREALM.package._drift
    for n in range(drift.MAX_LOGGED + 500):
        drift.report("unknown_field", "Bounded", f"field_{n}", "a report")
    assert len(drift._logged) <= drift.MAX_LOGGED


def test_fit_gives_the_verdict_the_client_reaches() -> None:
    parsing = FILES_COM.package._parsing
    from files_com_client import models

    items = parsing.Result(list[models.AutomationRun])
    fits = parsing.fit(items, b'[{"id": 1, "automation_id": 7, "status": "success"}]')
    lenient = parsing.fit(items, b'[{"id": 1, "automation_id": 7, "created_at": "x"}]')
    broken = parsing.fit(items, b'{"id": 1}')

    assert fits.fits and fits.fits_strictly and fits.drift == ()
    assert lenient.fits and not lenient.fits_strictly
    assert lenient.strict_errors[0].startswith("[0].created_at: ")
    assert [(d.kind, d.name) for d in lenient.drift] == [("mistyped", "created_at")]
    assert lenient.value[0].created_at == "x"
    assert not broken.fits and broken.value is None
