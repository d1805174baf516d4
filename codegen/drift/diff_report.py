"""The report of ``codegen diff``, for a person (text) or a machine (JSON), and its verdict."""

from __future__ import annotations

import json
from typing import Any, Literal

from codegen import ir
from codegen.drift.changes import SEVERITIES, Change, classify
from codegen.drift.diff import label
from codegen.drift.sources import Version

FailOn = Literal["breaking", "any", "none"]


def counts(changes: list[Change]) -> dict[str, int]:
    return {severity: sum(1 for c in changes if c.severity == severity) for severity in SEVERITIES}


def fails(changes: list[Change], fail_on: FailOn) -> bool:
    """Whether the changes fail the check: any breaking one, any at all, or never."""
    if fail_on == "none":
        return False
    if fail_on == "any":
        return bool(changes)
    return any(c.severity == "breaking" for c in changes)


NOTES_SHOWN = 10  # notes per side in the text report (JSON has them all)


def _notes(version: Version) -> list[str]:
    notes = [f"note: {note}" for note in version.notes[:NOTES_SHOWN]]
    if len(version.notes) > NOTES_SHOWN:
        more = len(version.notes) - NOTES_SHOWN
        notes.append(f"note: ... {more} more about {version.source} (see --format json)")
    return notes


def _side(version: Version) -> str:
    text = version.source
    if version.config:
        text += f" (config {version.config})"
    return text


def report_text(old: Version, new: Version, changes: list[Change], fail_on: FailOn) -> str:
    total = counts(changes)
    lines = [
        f"old: {_side(old)}",
        f"new: {_side(new)}",
        *_notes(old),
        *_notes(new),
        "",
    ]
    if not changes:
        lines.append("no changes")
    for severity in SEVERITIES:
        group = [c for c in changes if c.severity == severity]
        if not group:
            continue
        lines.append(f"{severity} ({len(group)}):")
        for change in group:
            lines.append(f"  {change.path} [{change.side}]: {change.message}")
            also = f"; also {', '.join(change.via[1:])}" if len(change.via) > 1 else ""
            lines.append(f"      {change.reason}{also}")
        lines.append("")
    summary = ", ".join(f"{n} {severity}" for severity, n in total.items())
    verdict = "fails" if fails(changes, fail_on) else "passes"
    lines.append(f"{summary}: {verdict} --fail-on {fail_on}")
    return "\n".join(lines)


def operation_ids(*apis: ir.Api) -> dict[str, str]:
    """Client name (``runs.list``) → operation id (``list_runs``), the newer API winning."""
    return {label(r, op): op.operation_id for api in apis for r in api.resources for op in r.operations}


def change_json(change: Change, ids: dict[str, str]) -> dict[str, Any]:
    return {
        "severity": change.severity,
        "kind": change.kind,
        "side": change.side,
        "path": change.path,
        "location": change.location,
        "parameter": change.param,
        "via": list(change.via),
        "operation_ids": [ids[v] for v in change.via if v in ids],
        "message": change.message,
        "reason": change.reason,
        "old": change.old,
        "new": change.new,
        "parts": [
            {"kind": p.kind, "severity": classify(p.kind, change.side)[0], "message": p.message}
            for p in change.parts
        ],
    }


def report_json(old: Version, new: Version, changes: list[Change], fail_on: FailOn) -> str:
    ids = operation_ids(old.api, new.api)
    return json.dumps(
        {
            "old": {"source": old.source, "config": old.config, "notes": list(old.notes)},
            "new": {"source": new.source, "config": new.config, "notes": list(new.notes)},
            "summary": counts(changes),
            "fail_on": fail_on,
            "failed": fails(changes, fail_on),
            "changes": [change_json(c, ids) for c in changes],
        },
        indent=2,
        ensure_ascii=False,
    )
