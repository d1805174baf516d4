"""``codegen verify-responses``: recorded payloads against an operation's response model, each
kind of drift at its JSON path, clean payloads clean, in text and JSON, with the exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from codegen.drift.verify import child
from tests.drift.conftest import FIXTURES, PAYLOADS, ROOT, Cli

DRIFT = FIXTURES / "payloads"
SPECS = ROOT / "specs"


def verify(cli: Cli, vendor: str, operation: str, *paths: Path | str) -> tuple[int, dict[str, Any]]:
    return cli.json("verify-responses", "--specs", SPECS, vendor, operation, *paths)


def findings(report: dict[str, Any]) -> list[tuple[str, str, bool, bool]]:
    """Each finding's kind, path, whether the default client fails on it (it reads leniently),
    and whether a ``strict=True`` client does."""
    return [
        (f["kind"], f["path"], f["breaks_client"], f["breaks_strict_client"])
        for file in report["files"]
        for f in file["findings"]
    ]


def write(tmp_path: Path, payload: Any, name: str = "payload.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


CLEAN = sorted(p for p in PAYLOADS.glob("*/*.json") if p.stem != "error")


@pytest.mark.parametrize("payload", CLEAN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_recorded_payloads_are_clean_for_their_operations(cli: Cli, payload: Path) -> None:
    code, report = verify(cli, payload.parent.name, payload.stem, payload)
    assert findings(report) == []
    assert code == 0 and report["clean"] is True


def test_a_folder_of_payloads_and_the_text_report(cli: Cli) -> None:
    code, out, _ = cli(
        "verify-responses", "--specs", SPECS, "basedash", "runs.list", DRIFT / "basedash"
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{DRIFT / 'basedash' / 'list_runs.json'}: clean"
    assert lines[1] == (
        f"{DRIFT / 'basedash' / 'list_runs_drift.json'}: 1 unknown field, 1 unknown enum value, "
        "1 missing required field, 2 type mismatches (the client reads it, keeping what does not "
        "fit raw; strict=True would fail)"
    )
    assert "  $.data[0].name: missing required field 'name' of PublicAutomationRun" in lines
    assert (
        '  $.data[0].status: unknown enum value "FAILED" (PublicAutomationRunStatus knows GENERATING, FINISHED)'
        in lines
    )
    assert lines[-1].startswith("basedash runs.list: 2 payloads, 1 with drift: ")


def test_each_kind_of_drift_at_its_json_path(cli: Cli) -> None:
    code, report = verify(
        cli, "basedash", "list_automation_runs", DRIFT / "basedash" / "list_runs_drift.json"
    )
    assert code == 1
    assert findings(report) == [
        ("missing_required_field", "$.data[0].name", False, True),
        ("unknown_enum_value", "$.data[0].status", False, False),
        ("type_mismatch", "$.data[0].createdAt", False, True),
        ("unknown_field", "$.data[0].durationMs", False, False),
        # "no" for a boolean: pydantic's lax mode, which the client validates with, reads it
        # as False. Drift, but not a failure.
        ("type_mismatch", "$.pagination.hasMore", False, False),
    ]
    assert report["summary"] == {
        "unknown_field": 1,
        "unknown_enum_value": 1,
        "unknown_variant": 0,
        "missing_required_field": 1,
        "type_mismatch": 2,
        "unexpected_null": 0,
    }


def test_files_com_runs_drift_from_the_2024_page(cli: Cli) -> None:
    # runtime was a date-time on the vendor page; the 2026 spec says number.
    code, report = verify(
        cli, "files_com", "runs.list", DRIFT / "files_com" / "list_runs_drift.json"
    )
    assert code == 1
    assert findings(report) == [
        ("unexpected_null", "$[1].id", False, False),
        ("type_mismatch", "$[1].runtime", False, True),
        ("unknown_enum_value", "$[1].status", False, False),
        ("unknown_field", "$[1].priority", False, False),
    ]
    message = report["files"][0]["findings"][1]["message"]
    assert message == 'type mismatch: expected number, got string "2026-08-14T10:02:31Z"'


def test_a_paginated_payload_may_be_the_list_of_its_items(cli: Cli, tmp_path: Path) -> None:
    runs = json.loads((PAYLOADS / "fabro" / "list_runs.json").read_text(encoding="utf-8"))["data"]
    runs[2]["lifecycle"]["status"] = {"kind": "hibernating"}
    code, report = verify(cli, "fabro", "runs.list", write(tmp_path, runs))
    assert code == 1
    assert findings(report) == [("unknown_variant", "$[2].lifecycle.status.kind", False, False)]


def test_unions_by_property_are_walked_into_their_variant(cli: Cli, tmp_path: Path) -> None:
    page = json.loads((PAYLOADS / "fabro" / "list_runs.json").read_text(encoding="utf-8"))
    page["data"][0]["lifecycle"]["status"] = {"kind": "failed", "reason": "eaten_by_grue"}
    page["data"][1]["lifecycle"]["status"] = {"reason": "completed"}
    _, report = verify(cli, "fabro", "runs.list", write(tmp_path, page))
    assert findings(report) == [
        ("unknown_enum_value", "$.data[0].lifecycle.status.reason", False, False),
        ("missing_required_field", "$.data[1].lifecycle.status.kind", False, False),
    ]


def test_string_encoded_int64_and_present_key_unions(cli: Cli, tmp_path: Path) -> None:
    run = json.loads((PAYLOADS / "kognitos" / "get_run.json").read_text(encoding="utf-8"))
    run["state"] = {"hibernating": {}, "update_time": "2026-08-14T10:00:00Z"}
    location = {"start_byte": "12", "end_byte": 40}  # both spellings of an int64 are read
    run["executable_steps"]["executables"][0]["book_connections"] = {}
    failed = {"failed": {"id": "x", "description": "boom", "location": location}}
    _, report = verify(cli, "kognitos", "runs.get", write(tmp_path, run))
    assert findings(report) == [("unknown_variant", "$.state", False, False)]
    run["state"] = failed
    _, report = verify(cli, "kognitos", "runs.get", write(tmp_path, run))
    assert findings(report) == []
    location["start_byte"] = "twelve"
    run["state"] = failed
    _, report = verify(cli, "kognitos", "runs.get", write(tmp_path, run))
    assert findings(report) == [("type_mismatch", "$.state.failed.location.start_byte", False, True)]


def test_the_envelope_is_followed(cli: Cli, tmp_path: Path) -> None:
    body = json.loads((PAYLOADS / "sendrealm" / "get_run.json").read_text(encoding="utf-8"))
    body["data"]["status"] = 3
    _, report = verify(cli, "sendrealm", "runs.get", write(tmp_path, body))
    assert findings(report) == [("type_mismatch", "$.data.status", False, True)]
    _, report = verify(cli, "sendrealm", "runs.get", write(tmp_path, body["data"]))
    assert findings(report) == [("missing_required_field", "$.data", True, True)]


def test_null_where_a_required_field_may_not_be_null(cli: Cli, tmp_path: Path) -> None:
    page = json.loads((DRIFT / "basedash" / "list_runs.json").read_text(encoding="utf-8"))
    page["data"][0]["name"] = None
    page["data"][0]["memberId"] = None  # nullable: fine
    _, report = verify(cli, "basedash", "runs.list", write(tmp_path, page))
    assert findings(report) == [("unexpected_null", "$.data[0].name", False, True)]


def test_json_paths_quote_keys_that_are_not_identifiers() -> None:
    assert child("$", "data") == "$.data"
    assert child("$", 3) == "$[3]"
    assert child("$", "http-code") == '$["http-code"]'


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nobody", "runs.list"), "no vendor folder 'nobody'"),
        (
            ("files_com", "runs.delete"),
            "files_com has no operation 'runs.delete' (known: runs.list (list_runs), runs.get (get_run))",
        ),
    ],
)
def test_an_unknown_vendor_or_operation_is_bad_input(
    cli: Cli, args: tuple[str, str], message: str
) -> None:
    code, _, err = cli("verify-responses", "--specs", SPECS, *args, PAYLOADS / "files_com")
    assert code == 2
    assert message in err


def test_a_missing_or_broken_payload_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli(
        "verify-responses", "--specs", SPECS, "files_com", "runs.list", tmp_path / "nope.json"
    )
    assert code == 2 and "no such file or folder" in err
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": 1,}]', encoding="utf-8")
    code, _, err = cli("verify-responses", "--specs", SPECS, "files_com", "runs.list", broken)
    assert code == 2 and f"{broken}:1: error" in err and "not JSON" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = cli("verify-responses", "--specs", SPECS, "files_com", "runs.list", empty)
    assert code == 2 and "no *.json files" in err


def test_a_payload_nested_too_deeply_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = cli("verify-responses", "--specs", SPECS, "files_com", "runs.list", deep)
    assert code == 2
    assert "nests too deeply" in err


def test_the_text_report_says_what_the_client_does_with_each_payload(cli: Cli, tmp_path: Path) -> None:
    """Drift that every client reads is logged (never warned); a value that does not fit is
    kept raw, failing only a strict client; a body of the wrong shape fails every client."""
    page = json.loads((DRIFT / "basedash" / "list_runs.json").read_text(encoding="utf-8"))
    unknown = json.loads(json.dumps(page))
    unknown["data"][0]["nickname"] = "weekly"
    mistyped = json.loads(json.dumps(page))
    mistyped["data"][0]["createdAt"] = "soon"
    wrong_shape = {"data": "not a list"}
    for name, body in (("a_unknown", unknown), ("b_mistyped", mistyped), ("c_shape", wrong_shape)):
        write(tmp_path, body, f"{name}.json")

    code, out, _ = cli("verify-responses", "--specs", SPECS, "basedash", "runs.list", tmp_path)

    effects = [line.rpartition(" (")[2] for line in out.splitlines() if line.startswith(str(tmp_path))]
    assert code == 1
    assert effects == [
        "the client reads it and logs the drift)",
        "the client reads it, keeping what does not fit raw; strict=True would fail)",
        "the client would fail)",
    ]
