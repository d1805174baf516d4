"""``codegen diff``: realistic changes in both formats, each classified for users of the
generated client; reports in text and JSON; the exit status under each --fail-on."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.drift.conftest import FIXTURES, Cli

FILES_2024 = FIXTURES / "files_com_2024" / "spec.yaml"
FILES_2026 = FIXTURES / "files_com_2026" / "spec.yaml"
BASEDASH_OLD = FIXTURES / "basedash_old" / "openapi.yaml"
BASEDASH_NEW = FIXTURES / "basedash_new" / "openapi.yaml"

Table = dict[tuple[str, str], str]  # (path, kind) → severity


def table(report: dict[str, Any]) -> Table:
    return {(c["path"], c["kind"]): c["severity"] for c in report["changes"]}


def variant(tmp_path: Path, source: Path, *edits: tuple[str, str], name: str = "spec.yaml") -> Path:
    """A copy of ``source`` with text replaced, in a folder of its own."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder = tmp_path / f"v{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


# --------------------------------------------------------------------------------------------
# Files.com AutomationRun: the vendor page (2024) against the API of 2026
# --------------------------------------------------------------------------------------------

RUN = "runs.list → AutomationRun"
NEW_RUN_FIELDS = (
    "retry_at",
    "retried_at",
    "retried_in_run_id",
    "retry_of_run_id",
    "automation_version_id",
    "version",
    "workspace_id",
    "cancel_requested_at",
    "rerun_of_run_id",
    "rerun_from_node_id",
    "definition",
    "node_states",
    "execution_nodes",
    "journal_url",
)


def test_files_com_history_is_classified(cli: Cli) -> None:
    code, report = cli.json("diff", FILES_2024, FILES_2026)
    assert code == 1
    expected: Table = {
        (f"{RUN}.runtime", "type_changed"): "breaking",
        (f"{RUN}.run_stage", "field_removed"): "breaking",
        (f"{RUN}.status", "enum_values_added"): "non-breaking",
        ("runs.list(filter) → RunFilter.status", "enum_values_added"): "non-breaking",
        ("runs.list(filter) → RunFilter.workspace_id", "field_added_optional"): "non-breaking",
        ("runs.list(user_id)", "param_added_optional"): "non-breaking",
        **{(f"{RUN}.{name}", "field_added_optional"): "non-breaking" for name in NEW_RUN_FIELDS},
    }
    assert table(report) == expected
    assert report["summary"] == {"breaking": 2, "non-breaking": 18, "info": 0}
    runtime = next(c for c in report["changes"] if c["kind"] == "type_changed")
    assert (runtime["old"], runtime["new"]) == ("date-time", "number")
    assert runtime["via"] == ["runs.list", "runs.get"]
    assert runtime["side"] == "response"
    status = next(c for c in report["changes"] if c["path"] == f"{RUN}.status")
    assert status["new"] == ["queued", "skipped", "canceled"]
    assert "enums are open" in status["reason"]


def test_files_com_history_as_text(cli: Cli) -> None:
    code, out, _ = cli("diff", FILES_2024, FILES_2026)
    assert code == 1
    assert "breaking (2):" in out and "non-breaking (18):" in out
    assert "  runs.list → AutomationRun.run_stage [response]: field removed" in out
    assert "      code that reads it fails with an AttributeError; also runs.get" in out
    assert "  runs.list → AutomationRun.runtime [response]: type date-time → number" in out
    assert "enum values added: queued, skipped, canceled" in out
    assert out.rstrip().endswith("2 breaking, 18 non-breaking, 0 info: fails --fail-on breaking")


def test_going_back_in_time_reverses_the_classification(cli: Cli) -> None:
    _, report = cli.json("diff", FILES_2026, FILES_2024)
    changes = table(report)
    assert changes[(f"{RUN}.status", "enum_values_removed")] == "breaking"
    assert changes[("runs.list(filter) → RunFilter.status", "enum_values_removed")] == "breaking"
    assert changes[(f"{RUN}.run_stage", "field_added_optional")] == "non-breaking"
    assert changes[(f"{RUN}.journal_url", "field_removed")] == "breaking"
    assert changes[("runs.list(user_id)", "param_removed")] == "breaking"


@pytest.mark.parametrize(("fail_on", "status"), [("breaking", 1), ("any", 1), ("none", 0)])
def test_fail_on_with_breaking_changes(cli: Cli, fail_on: str, status: int) -> None:
    code, report = cli.json("diff", FILES_2024, FILES_2026, "--fail-on", fail_on)
    assert code == status
    assert report["fail_on"] == fail_on and report["failed"] is bool(status)


@pytest.mark.parametrize(("fail_on", "status"), [("breaking", 0), ("any", 1), ("none", 0)])
def test_fail_on_with_only_non_breaking_changes(
    cli: Cli, tmp_path: Path, fail_on: str, status: int
) -> None:
    newer = variant(tmp_path, FILES_2026, ("enum: [asc, desc]", "enum: [asc, desc, random]"))
    code, report = cli.json("diff", FILES_2026, newer, "--fail-on", fail_on)
    assert code == status
    # SortDirection is used by three fields of SortBy: a request enum that grew, three times.
    assert report["summary"] == {"breaking": 0, "non-breaking": 3, "info": 0}


@pytest.mark.parametrize("fail_on", ["breaking", "any", "none"])
def test_the_same_spec_has_no_changes(cli: Cli, fail_on: str) -> None:
    code, out, _ = cli("diff", FILES_2026, FILES_2026, "--fail-on", fail_on)
    assert code == 0
    assert "no changes" in out


def test_info_changes_fail_only_with_fail_on_any(cli: Cli, tmp_path: Path) -> None:
    newer = variant(tmp_path, FILES_2026, ('version: "v1"', 'version: "v2"'))
    assert cli("diff", FILES_2026, newer)[0] == 0
    code, report = cli.json("diff", FILES_2026, newer, "--fail-on", "any")
    assert code == 1
    assert table(report) == {("version", "version_changed"): "info"}


# --------------------------------------------------------------------------------------------
# The same kinds of change in an OpenAPI document (Basedash)
# --------------------------------------------------------------------------------------------

PUBLIC_RUN = "runs.list → PublicAutomationRun"


def test_basedash_changes_are_classified(cli: Cli) -> None:
    code, report = cli.json("diff", BASEDASH_OLD, BASEDASH_NEW)
    assert code == 1
    assert table(report) == {
        ("base_url", "base_url_changed"): "breaking",
        (f"{PUBLIC_RUN}.automationId", "type_changed"): "breaking",
        (f"{PUBLIC_RUN}.memberId", "field_removed"): "breaking",
        (f"{PUBLIC_RUN}.name", "field_optional"): "breaking",
        (f"{PUBLIC_RUN}.updatedAt", "nullable_added"): "breaking",
        ("runs.list(limit)", "constraint_tightened"): "breaking",
        ("automations.get_automation_run", "operation_added"): "non-breaking",
        (f"{PUBLIC_RUN}.durationMs", "field_added_optional"): "non-breaking",
        (f"{PUBLIC_RUN}.triggeredBy", "field_added_required"): "non-breaking",
        (f"{PUBLIC_RUN}.status", "enum_values_added"): "non-breaking",
        ("runs.list(status)", "param_added_optional"): "non-breaking",
    }
    limit = next(c for c in report["changes"] if c["kind"] == "constraint_tightened")
    assert limit["message"] == "maximum 100 → 50"
    # The new document has no codegen.yaml of its own: it is read with the old one.
    assert report["new"]["config"] == str(FIXTURES / "basedash_old" / "codegen.yaml")


def test_both_formats_classify_the_same_kinds_alike(cli: Cli) -> None:
    _, files_com = cli.json("diff", FILES_2024, FILES_2026)
    _, basedash = cli.json("diff", BASEDASH_OLD, BASEDASH_NEW)
    shared = {
        "type_changed",
        "field_removed",
        "enum_values_added",
        "field_added_optional",
        "param_added_optional",
    }
    kinds = [
        {(c["kind"], c["side"], c["severity"]) for c in r["changes"] if c["kind"] in shared}
        for r in (files_com, basedash)
    ]
    assert kinds[0] >= kinds[1]
    assert {k for k, _, _ in kinds[1]} == shared


# --------------------------------------------------------------------------------------------
# One change at a time, in the vendor format
# --------------------------------------------------------------------------------------------

# fmt: off
CASES = [
    pytest.param(("name: get\n", "name: show\n"), "runs.get", "operation_renamed", "breaking", id="op-renamed"),
    pytest.param(("path: /automation_runs/{id}\n", "path: /runs/{id}\n"), "runs.get", "operation_moved", "breaking", id="op-moved"),
    pytest.param(("url: https://app.files.com/api/rest/v1", "url: https://files.example/api/rest/v1"), "base_url", "base_url_changed", "breaking", id="base-url"),
    pytest.param(("header: X-FilesAPI-Key", "header: X-Files-Token"), "auth", "auth_changed", "breaking", id="auth-header"),
    pytest.param(("env: FILES_COM_API_KEY", "env: FILES_API_KEY"), "auth", "auth_env_changed", "breaking", id="auth-env"),
    pytest.param(("headers: [X-Files-Cursor-Next, X-Files-Cursor]", "headers: [X-Files-Cursor-Next]"), "runs.list", "pagination_changed", "breaking", id="pagination"),
    pytest.param(("schema: {type: integer, format: int64, minimum: 1, maximum: 10000}", "schema: {type: integer, format: int64, minimum: 1, maximum: 100000}"), "runs.list(per_page)", "constraint_loosened", "non-breaking", id="loosened"),
    pytest.param(("schema: {type: integer, format: int64, minimum: 1, maximum: 10000}", "schema: {type: integer, format: int64, minimum: 10, maximum: 10000}"), "runs.list(per_page)", "constraint_tightened", "breaking", id="tightened"),
    pytest.param(("        description: User ID.\n", "        required: true\n        description: User ID.\n"), "runs.list(user_id)", "param_required", "breaking", id="param-required"),
    pytest.param(("      automation_id:\n        in: query\n        required: true\n", "      automation_id:\n        in: query\n"), "runs.list(automation_id)", "param_optional", "non-breaking", id="param-optional"),
    pytest.param(("      user_id:\n        in: query\n", "      user_id:\n        in: header\n"), "runs.list(user_id)", "param_moved", "breaking", id="param-moved"),
    pytest.param(("        style: deepObject\n", "        style: dotted\n"), "runs.list(sort_by)", "param_style_changed", "breaking", id="param-style"),
    pytest.param(("      automation_id:\n        in: query\n", "      automation_id:\n        in: query\n        python_name: automation\n"), "runs.list(automation)", "param_renamed", "breaking", id="param-renamed"),
    pytest.param(("      created_at:\n        type: string\n", "      created_at:\n        type: [string, 'null']\n"), "runs.list → AutomationRun.created_at", "nullable_added", "breaking", id="response-nullable"),
    pytest.param(("      completed_at:\n        type: [string, \"null\"]\n", "      completed_at:\n        type: string\n"), "runs.list → AutomationRun.completed_at", "nullable_removed", "non-breaking", id="response-not-nullable"),
    pytest.param(("  AutomationRun:\n    type: object\n", "  AutomationRun:\n    type: object\n    required: [id]\n"), "runs.list → AutomationRun.id", "field_required", "non-breaking", id="response-required"),
    pytest.param(("        type: [integer, \"null\"]\n        format: int64\n        description: Count of failed operations.", "        type: [number, \"null\"]\n        description: Count of failed operations."), "runs.list → AutomationRun.failed_operations", "type_widened", "breaking", id="response-widened"),
    pytest.param(("      runtime:\n        # The page says `runtime (date-time)`; the live API has sent a number since 2024-04-30.\n        type: [number, \"null\"]", "      runtime:\n        type: [integer, \"null\"]"), "runs.list → AutomationRun.runtime", "type_narrowed", "non-breaking", id="response-narrowed"),
    pytest.param(("        type: integer\n        format: int64\n        description: Workspace ID.\n", "        type: string\n        format: int64\n        description: Workspace ID.\n"), "runs.list(filter) → RunFilter.workspace_id", "encoding_changed", "info", id="encoding"),
    pytest.param(("    enum: [asc, desc]\n", "    enum: [asc]\n"), "runs.list(sort_by) → SortBy.automation_id", "enum_values_removed", "breaking", id="request-enum-removed"),
    pytest.param(("  SortBy:\n    type: object\n", "  SortBy:\n    type: object\n    required: [status]\n"), "runs.list(sort_by) → SortBy.status", "field_required", "breaking", id="request-required"),
]
# fmt: on


@pytest.mark.parametrize(("edit", "path", "kind", "severity"), CASES)
def test_one_change_in_the_vendor_format(
    cli: Cli, tmp_path: Path, edit: tuple[str, str], path: str, kind: str, severity: str
) -> None:
    newer = variant(tmp_path, FILES_2026, edit)
    _, report = cli.json("diff", FILES_2026, newer)
    changes = table(report)
    assert changes.get((path, kind)) == severity, changes


def test_changes_on_different_entries_are_not_merged(cli: Cli, tmp_path: Path) -> None:
    newer = variant(
        tmp_path,
        FILES_2026,
        (
            "      cursor:\n        in: query\n",
            "      cursor:\n        in: query\n        required: true\n",
        ),
        (
            "        description: User ID.\n",
            "        required: true\n        description: User ID.\n",
        ),
    )
    _, report = cli.json("diff", FILES_2026, newer)
    assert table(report) == {
        ("runs.list(cursor)", "param_required"): "breaking",
        ("runs.list(user_id)", "param_required"): "breaking",
    }
    assert [(c["via"], c["parameter"], c["location"]) for c in report["changes"]] == [
        (["runs.list"], "cursor", "cursor"),
        (["runs.list"], "user_id", "user_id"),
    ]
    assert [c["operation_ids"] for c in report["changes"]] == [["list_runs"], ["list_runs"]]


def test_a_path_parameter_renamed_in_the_template_is_one_parameter(
    cli: Cli, tmp_path: Path
) -> None:
    newer = variant(
        tmp_path,
        FILES_2026,
        ("path: /automation_runs/{id}\n", "path: /automation_runs/{run_id}\n"),
        ("      id:\n        in: path\n", "      run_id:\n        in: path\n"),
    )
    _, report = cli.json("diff", FILES_2026, newer)
    # One parameter, one line: its keyword and its wire name changed.
    assert table(report) == {("runs.get(run_id)", "param_renamed"): "breaking"}
    (change,) = report["changes"]
    assert change["message"] == "keyword id → run_id; path id → path run_id"
    assert [p["kind"] for p in change["parts"]] == ["param_renamed", "param_moved"]


# --------------------------------------------------------------------------------------------
# One change at a time, in OpenAPI
# --------------------------------------------------------------------------------------------

TINY = """\
openapi: 3.1.0
info: {title: Tiny, version: "1"}
servers: [{url: https://tiny.example}]
paths:
  /things:
    get:
      operationId: listThings
      tags: [Things]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Thing'}
    post:
      operationId: createThing
      tags: [Things]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                color: {type: string}
      responses:
        "201": {description: created}
components:
  schemas:
    Thing:
      oneOf:
        - $ref: '#/components/schemas/Box'
        - $ref: '#/components/schemas/Bag'
        - $ref: '#/components/schemas/Crate'
      discriminator:
        propertyName: kind
        mapping: {box: '#/components/schemas/Box', bag: '#/components/schemas/Bag', crate: '#/components/schemas/Crate'}
    Box:
      type: object
      required: [kind]
      properties: {kind: {const: box}, size: {type: integer}}
    Bag:
      type: object
      required: [kind]
      properties: {kind: {const: bag}}
    Crate:
      type: object
      required: [kind]
      properties: {kind: {const: crate}}
"""


def _tiny(tmp_path: Path, text: str, name: str) -> Path:
    (tmp_path / name).mkdir()
    path = tmp_path / name / "openapi.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


BAG = "        - $ref: '#/components/schemas/Bag'\n"
BAG_MAPPING = ", bag: '#/components/schemas/Bag'"
REQUIRED_NAME = "              required: [name]\n"

# fmt: off
OPENAPI_CASES = [
    pytest.param([("operationId: listThings", "operationId: listAllThings")], "things.list_things", "operation_renamed", "breaking", id="renamed"),
    pytest.param([("size: {type: integer}", "size: {type: string}")], "things.list_things → Box.size", "type_changed", "breaking", id="retyped"),
    pytest.param([(BAG, ""), (BAG_MAPPING, "")], "things.list_things → items", "variant_removed", "breaking", id="variant-removed"),
    pytest.param([(REQUIRED_NAME, "              required: [name, color]\n")], "things.create_thing → CreateThingBody.color", "field_required", "breaking", id="body-field-required"),
    pytest.param([(REQUIRED_NAME, "")], "things.create_thing → CreateThingBody.name", "field_optional", "non-breaking", id="body-field-optional"),
    pytest.param([("color: {type: string}", "color: {type: string, maxLength: 20}")], "things.create_thing → CreateThingBody.color", "constraint_tightened", "breaking", id="body-field-tightened"),
    pytest.param([("color: {type: string}", "color: {type: string}\n                tag: {type: string}"), (REQUIRED_NAME, "              required: [name, tag]\n")], "things.create_thing → CreateThingBody.tag", "field_added_required", "breaking", id="body-field-added"),
    pytest.param([("      operationId: createThing\n", "      operationId: createThing\n      parameters:\n        - {name: dry_run, in: query, required: true, schema: {type: boolean}}\n")], "things.create_thing(dry_run)", "param_added_required", "breaking", id="param-added-required"),
]
# fmt: on


@pytest.mark.parametrize(("edits", "path", "kind", "severity"), OPENAPI_CASES)
def test_one_change_in_openapi(
    cli: Cli, tmp_path: Path, edits: list[tuple[str, str]], path: str, kind: str, severity: str
) -> None:
    text = TINY
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    _, report = cli.json("diff", _tiny(tmp_path, TINY, "old"), _tiny(tmp_path, text, "new"))
    assert table(report).get((path, kind)) == severity, table(report)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


def test_a_missing_file_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("diff", FILES_2024, tmp_path / "nope.yaml")
    assert code == 2
    assert "nope.yaml" in err and "cannot read" in err and out == ""


def test_an_invalid_spec_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    broken = variant(tmp_path, FILES_2026, ("method: GET", "method: FETCH"))
    code, _, err = cli("diff", FILES_2026, broken)
    assert code == 2
    assert "FETCH" in err


def test_a_folder_is_bad_input(cli: Cli) -> None:
    code, _, err = cli("diff", FILES_2024.parent, FILES_2026)
    assert code == 2
    assert "is a folder" in err


def test_a_bad_option_is_a_usage_error(cli: Cli) -> None:
    assert cli("diff", FILES_2024, FILES_2026, "--fail-on", "sometimes")[0] == 2
    assert cli("diff", FILES_2024)[0] == 2
