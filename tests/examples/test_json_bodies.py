"""JSON request bodies with values JSON has no type for: GitHub's "Create a check run" takes
``started_at``/``completed_at`` as ISO 8601 text (``YYYY-MM-DDTHH:MM:SSZ``). The exact bytes
sent are checked on a loopback server, sync and async."""

from __future__ import annotations

import datetime as dt
import json
from types import ModuleType

import pytest
from pytest_httpserver import HTTPServer

from tests.examples.test_examples import client
from tests.runtime._support import close, resolve

pytestmark = pytest.mark.anyio

CHECK_RUNS = "/repos/octo/hello/check-runs"
SHA = "ce587453ced02b1526dfb4cb910479d431683101"


def _created(httpserver: HTTPServer) -> None:
    httpserver.expect_request(CHECK_RUNS, method="POST").respond_with_json(
        {"id": 4, "name": "lint", "head_sha": SHA, "status": "completed",
         "started_at": "2026-03-01T09:00:00Z", "completed_at": "2026-03-01T09:04:30Z"},
        status=201,
    )


async def test_date_time_fields_of_a_json_body_are_sent_as_iso_8601(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    _created(httpserver)
    gh = client(github, httpserver, flavour)

    run = await resolve(gh.check_runs.create(
        "octo", "hello",
        name="lint",
        head_sha=SHA,
        status=github.models.CreateCheckRunBodyStatus.COMPLETED,
        started_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
        completed_at=dt.datetime(2026, 3, 1, 11, 4, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        conclusion="success",
    ))

    (request, _), = httpserver.log
    assert request.headers["Content-Type"] == "application/json"
    assert request.get_data() == (
        b'{"name":"lint","head_sha":"' + SHA.encode() + b'","status":"completed",'
        b'"started_at":"2026-03-01T09:00:00Z","completed_at":"2026-03-01T11:04:30+02:00",'
        b'"conclusion":"success"}'
    )
    assert run.completed_at == dt.datetime(2026, 3, 1, 9, 4, 30, tzinfo=dt.UTC)
    await close(gh)


async def test_a_body_left_without_its_optional_date_times_sends_none_of_them(
    httpserver: HTTPServer, flavour: str, github: ModuleType
) -> None:
    _created(httpserver)
    gh = client(github, httpserver, flavour)

    await resolve(gh.check_runs.create("octo", "hello", name="lint", head_sha=SHA))

    (request, _), = httpserver.log
    assert json.loads(request.get_data()) == {"name": "lint", "head_sha": SHA}
    await close(gh)


def test_dump_turns_every_value_json_lacks_into_its_json_text(github: ModuleType) -> None:
    from github_actions_client._models import dump

    body = github.models.CheckRun(id=1, name="n", head_sha=SHA, status="queued",
                                  started_at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    assert dump(dt.date(2026, 3, 1)) == "2026-03-01"
    assert dump(dt.datetime(2026, 3, 1, 9, 30)) == "2026-03-01T09:30:00"
    assert dump([dt.datetime(2026, 3, 1, tzinfo=dt.UTC), body]) == [
        "2026-03-01T00:00:00Z",
        {"id": 1, "name": "n", "head_sha": SHA, "status": "queued", "started_at": "2026-03-01T09:00:00Z"},
    ]
    assert dump({"at": dt.date(2026, 3, 1), "note": None}) == {"at": "2026-03-01", "note": None}
    assert dump(github.models.CreateCheckRunBodyStatus.QUEUED) == "queued"
