"""``codegen conform``: our hand-written specs against what the vendors publish. Kognitos'
real document (trimmed; README beside it) agrees with ours but for constraints of ours that
refuse what it allows; Fabro's predates the endpoint our spec describes; a change to the
vendor's side is found and classified by what it does to our users."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.drift.conftest import FIXTURES, ROOT, Cli

SPECS = ROOT / "specs"
KOGNITOS = FIXTURES / "kognitos_published" / "openapi.yaml"
FABRO = FIXTURES / "fabro_history" / "fabro_31_32" / "new.yaml"


def conform(cli: Cli, vendor: str, published: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    return cli.json("conform", "--specs", SPECS, vendor, published, *extra)


def differences(report: dict[str, Any], *classes: str) -> set[tuple[str, str, str]]:
    return {
        (d["class"], d["path"], d["message"])
        for op in report["operations"]
        for d in op["differences"]
        if not classes or d["class"] in classes
    }


def published_variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = KOGNITOS.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_kognitos_agrees_but_for_constraints_that_refuse_what_the_vendor_allows(cli: Cli) -> None:
    code, report = conform(cli, "kognitos", KOGNITOS)
    assert code == 0
    assert report["without_counterpart"] == []
    assert [op["counterpart"] for op in report["operations"]] == [
        "runs.get_run (GetRun)",
        "runs.list_runs (ListRuns)",
        "runs.pause_run (PauseRun)",
        "runs.continue_run (ContinueRun)",
        "runs.list_run_events (ListRunEvents)",
        "runs.query_automation_run_aggregates (QueryAutomationRunAggregates)",
        "runs.query_daily_run_aggregates (QueryDailyRunAggregates)",
        "runs.get_execution_outputs (GetExecutionOutputs)",
    ]
    # Measured by hand: ours is stricter on page_size (list_events: minimum 1 refuses the 0
    # the document allows; list: minimum 0), and on the date parts of the daily aggregates.
    date_parts = {
        (f"runs.daily_aggregates({side}_date.{part})", f"minimum 0 → none; maximum {top} → none")
        for side in ("start", "end")
        for part, top in (("year", 9999), ("month", 12), ("day", 31))
    }
    assert differences(report, "client_refuses") == {
        ("client_refuses", "runs.list(page_size)", "default 10 → none; minimum 0 → none"),
        ("client_refuses", "runs.list_events(page_size)", "default 100 → none; minimum 1 → none"),
        *(("client_refuses", path, text) for path, text in date_parts),
    }
    assert report["summary"]["vendor_rejects"] == 0
    assert report["summary"]["mistyped"] == 0
    # Nothing else matters to a call: what ours reads as raw JSON the vendor types
    # (incomplete), and what ours accepts more of than the vendor sends (cosmetic).
    assert {cls for cls, _, _ in differences(report)} == {"client_refuses", "incomplete", "cosmetic"}
    assert report["summary"]["incomplete"] == 6  # TableValue's raw column values, per operation
    # UploadFile's multipart body is read as the object it is: nothing left out.
    assert report["published"]["notes"] == []


def test_the_text_report_says_each_operation_plainly(cli: Cli) -> None:
    code, out, _ = cli("conform", "--specs", SPECS, "kognitos", KOGNITOS)
    assert code == 0
    lines = out.splitlines()
    assert "runs.aggregates: agrees with runs.query_automation_run_aggregates " \
        "(QueryAutomationRunAggregates)" in lines
    assert "  client refuses: runs.list_events(page_size) [request]: default 100 → none; " \
        "minimum 1 → none" in lines
    assert lines[-1].startswith("8 operations: 1 agrees, 7 differ, 0 without a counterpart;")
    assert lines[-1].endswith(": passes --fail-on breaking")


def test_fabro_publishes_no_counterpart_for_our_automations_endpoint(cli: Cli) -> None:
    code, out, _ = cli("conform", "--specs", SPECS, "fabro", FABRO)
    assert code == 0
    assert "runs.list: no counterpart: the published document has no " \
        "GET /api/v1/automations/{id}/runs" in out.splitlines()
    code, report = conform(cli, "fabro", FABRO, "--fail-on", "any")
    assert code == 0  # no counterpart is not a difference
    assert report["without_counterpart"] == ["runs.list"]


# --------------------------------------------------------------------------------------------
# The vendor's document moves
# --------------------------------------------------------------------------------------------

LIST_RUNS_FILTER = """\
        - name: filter
          in: query
          required: false
          schema:
            type: string
      tags:
        - Runs
  "/api/v1/organizations/{organization_id}/workspaces/{workspace_id}/automations/{automation_id}/runs/{run_id}:pause":"""


def test_a_parameter_the_vendor_now_requires_is_a_call_it_rejects(cli: Cli, tmp_path: Path) -> None:
    published = published_variant(tmp_path, (LIST_RUNS_FILTER, LIST_RUNS_FILTER.replace(
        "          required: false\n", "          required: true\n"
    )))
    code, report = conform(cli, "kognitos", published)
    assert code == 1
    assert differences(report, "vendor_rejects") == {
        ("vendor_rejects", "runs.list(filter)", "made required")
    }


def test_a_renamed_page_token_is_pagination_we_would_misread(cli: Cli, tmp_path: Path) -> None:
    published = published_variant(tmp_path, (
        "            $ref: \"#/components/schemas/v1Run\"\n          readOnly: true\n"
        "        next_page_token:",
        "            $ref: \"#/components/schemas/v1Run\"\n          readOnly: true\n"
        "        next_token:",
    ))
    code, report = conform(cli, "kognitos", published)
    assert code == 1
    mistyped = differences(report, "mistyped")
    assert ("mistyped", "runs.list",
            "pagination next token: the vendor's response has no field next_page_token") in mistyped
    assert ("mistyped", "runs.list → ListRunsResponse.next_page_token", "field removed") not in mistyped


def test_a_response_field_retyped_by_the_vendor_is_one_we_mistype(cli: Cli, tmp_path: Path) -> None:
    published = published_variant(tmp_path, (
        "        stage_version:\n          type: string\n        invocation_details:",
        "        stage_version:\n          type: integer\n        invocation_details:",
    ))
    code, report = conform(cli, "kognitos", published)
    assert code == 1
    assert ("mistyped", "runs.get → Run.stage_version", "type string → integer") in differences(report)


def test_a_new_field_of_the_vendor_is_incomplete_not_a_failure(cli: Cli, tmp_path: Path) -> None:
    published = published_variant(tmp_path, (
        "        previous_run:\n          type: string\n",
        "        previous_run:\n          type: string\n        priority:\n          type: integer\n",
    ))
    code, report = conform(cli, "kognitos", published)
    assert code == 0
    assert ("incomplete", "runs.get → Run.priority", "field added (optional, integer)") \
        in differences(report)
    assert conform(cli, "kognitos", published, "--fail-on", "any")[0] == 1


def test_a_required_body_field_we_do_not_send_is_a_call_the_vendor_rejects(
    cli: Cli, tmp_path: Path
) -> None:
    published = published_variant(tmp_path, (
        "    PauseRunBody:\n      type: object\n      properties:\n        reason:\n"
        "          type: string\n      required:\n        - reason\n",
        "    PauseRunBody:\n      type: object\n      properties:\n        reason:\n"
        "          type: string\n        until:\n          type: string\n      required:\n"
        "        - reason\n        - until\n",
    ))
    code, report = conform(cli, "kognitos", published)
    assert code == 1
    assert differences(report, "vendor_rejects") == {
        ("vendor_rejects", "runs.pause → PauseRunBody.until", "field added (required, string)")
    }


def test_bad_input_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("conform", "--specs", SPECS, "nobody", KOGNITOS)
    assert code == 2 and "no vendor folder 'nobody'" in err
    code, _, err = cli("conform", "--specs", SPECS, "kognitos", tmp_path / "missing.yaml")
    assert code == 2 and "missing.yaml" in err and "nothing was written" not in err
