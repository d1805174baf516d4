"""``verify-responses`` reaches the generated client's own verdict.

The oracle is the client itself: each payload is served by a real HTTP server on loopback and
read by the generated client (the default one, and a ``strict=True`` one where the package has
that switch); ``verify-responses`` must say the same about the same bytes, lax conversions
(``"1"`` for an integer, ``"no"`` for a boolean) and lenient reading included."""

from __future__ import annotations

import copy
import inspect
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.clients.servers import http_client, payload
from tests.drift.conftest import ROOT, Cli

SPECS = ROOT / "specs"
FABRO_PATH = "/api/v1/automations/nightly-deps-bump/runs"


def _page(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    body: dict[str, Any] = copy.deepcopy(payload("fabro", "list_runs"))
    change(body)
    return body


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = body
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return change


_DELETE = object()

CASES = {
    # The three: what the IR walk calls a type mismatch, pydantic's lax mode reads.
    "children_count as a string": _set("data.0.children_count", "1"),
    "archived as the word no": _set("data.0.lifecycle.archived", "no"),
    "has_more as a number": _set("meta.has_more", 0),
    # What no conversion saves.
    "children_count as a word": _set("data.0.children_count", "many"),
    "a created_at that is no date": _set("data.0.timestamps.created_at", "yesterday"),
    "a run without its id": _set("data.0.id", _DELETE),
    "an unknown field": _set("data.0.priority", "high"),
}


def _client_reads(httpserver: HTTPServer, body: dict[str, Any], **options: Any) -> bool:
    from fabro_client import APIResponseValidationError, FabroClient

    httpserver.clear()
    httpserver.expect_request(FABRO_PATH).respond_with_json(body)
    with (
        http_client() as http,
        FabroClient(api_key="k", base_url=httpserver.url_for(""), http_client=http,
                    max_retries=0, **options) as client,
    ):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # drift warnings of older runtimes
                _ = client.runs.list("nightly-deps-bump").items  # the first page, as recorded
        except APIResponseValidationError:
            return False
    return True


def _has_strict() -> bool:
    from fabro_client import FabroClient

    return "strict" in inspect.signature(FabroClient.__init__).parameters


@pytest.mark.parametrize("case", list(CASES))
def test_the_verdict_is_the_clients_own(
    cli: Cli, httpserver: HTTPServer, tmp_path: Path, case: str
) -> None:
    body = _page(CASES[case])
    recorded = tmp_path / "list_runs.json"
    recorded.write_text(json.dumps(body), encoding="utf-8")
    _, report = cli.json("verify-responses", "--specs", SPECS, "fabro", "runs.list", recorded)
    (file,) = report["files"]
    assert file["client"]["reads"] is _client_reads(httpserver, body)
    strict = _client_reads(httpserver, body, strict=True) if _has_strict() else (
        _client_reads(httpserver, body)
    )
    assert file["client"]["strict_reads"] is strict
    breaks = any(f["breaks_client"] for f in file["findings"])
    assert breaks is not file["client"]["reads"]


def test_lax_conversions_are_drift_but_never_a_failure(cli: Cli, tmp_path: Path) -> None:
    body = _page(lambda b: (
        _set("data.0.children_count", "1")(b), _set("data.0.lifecycle.archived", "no")(b)
    ))
    recorded = tmp_path / "list_runs.json"
    recorded.write_text(json.dumps(body), encoding="utf-8")
    code, report = cli.json("verify-responses", "--specs", SPECS, "fabro", "runs.list", recorded)
    assert code == 1  # drift all the same: the vendor sent strings
    (file,) = report["files"]
    assert file["client"]["reads"] and file["client"]["strict_reads"]
    assert [(f["kind"], f["path"], f["breaks_client"], f["breaks_strict_client"])
            for f in file["findings"]] == [
        ("type_mismatch", "$.data[0].children_count", False, False),
        ("type_mismatch", "$.data[0].lifecycle.archived", False, False),
    ]
    assert file["findings"][0]["message"].endswith("(the client converts it)")


def test_a_value_no_conversion_saves_fails_a_strict_client(cli: Cli, tmp_path: Path) -> None:
    body = _page(_set("data.0.children_count", "many"))
    recorded = tmp_path / "list_runs.json"
    recorded.write_text(json.dumps(body), encoding="utf-8")
    _, report = cli.json("verify-responses", "--specs", SPECS, "fabro", "runs.list", recorded)
    (file,) = report["files"]
    assert file["client"]["strict_reads"] is False
    assert file["client"]["strict_errors"][0].startswith("$.data[0].children_count: ")
    (finding,) = file["findings"]
    assert (finding["kind"], finding["path"], finding["breaks_strict_client"]) == (
        "type_mismatch", "$.data[0].children_count", True
    )


def test_a_list_of_items_is_read_as_the_page_it_came_in(cli: Cli, tmp_path: Path) -> None:
    runs = _page(_set("data.1.children_count", "many"))["data"]
    recorded = tmp_path / "items.json"
    recorded.write_text(json.dumps(runs), encoding="utf-8")
    _, report = cli.json("verify-responses", "--specs", SPECS, "fabro", "runs.list", recorded)
    (file,) = report["files"]
    assert file["client"]["strict_errors"][0].startswith("$[1].children_count: ")
    assert [(f["path"], f["breaks_strict_client"]) for f in file["findings"]] == [
        ("$[1].children_count", True)
    ]


def test_without_a_generated_package_it_says_how_to_make_one(cli: Cli, tmp_path: Path) -> None:
    recorded = tmp_path / "list_runs.json"
    recorded.write_text(json.dumps(payload("fabro", "list_runs")), encoding="utf-8")
    code, _, err = cli("verify-responses", "--specs", SPECS, "fabro", "runs.list", recorded,
                       "--generated", tmp_path / "nothing")
    assert code == 2
    assert "no generated package here" in err and "codegen generate" in err
