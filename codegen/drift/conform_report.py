"""The report of ``codegen conform``, for a person (text) or a machine (JSON), and its verdict."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Literal

from codegen.drift.conform import CLASSES, FAILING, Difference, OperationConformance
from codegen.drift.diff_report import change_json, operation_ids
from codegen.drift.sources import Version

FailOn = Literal["breaking", "any", "none"]


def fails(api: list[Difference], operations: list[OperationConformance], fail_on: FailOn) -> bool:
    """``breaking``: a call the vendor may reject or a response we may misread; ``any``: any
    difference at all. An operation without a counterpart is never a failure: the vendor's
    document may simply not describe it yet."""
    found = [*api, *(d for op in operations for d in op.differences)]
    if fail_on == "none":
        return False
    if fail_on == "any":
        return bool(found)
    return any(d.cls in FAILING for d in found)


def _tally(differences: list[Difference]) -> str:
    counts = Counter(d.cls for d in differences)
    return ", ".join(f"{counts[c]} {c.replace('_', ' ')}" for c in CLASSES if counts[c])


def _lines(differences: tuple[Difference, ...] | list[Difference]) -> list[str]:
    lines = []
    for d in sorted(differences, key=lambda d: (list(CLASSES).index(d.cls), d.change.path)):
        change = d.change
        lines.append(f"  {d.cls.replace('_', ' ')}: {change.path} [{change.side}]: {change.message}")
        lines.append(f"      {CLASSES[d.cls]}")
    return lines


def report_text(
    ours: str, published: Version, api: list[Difference],
    operations: list[OperationConformance], fail_on: FailOn,
) -> str:
    lines = [
        f"ours: {ours}",
        f"published: {published.source}",
        *(f"note: {note}" for note in published.notes),
        "each difference reads: ours → the vendor's",
        "",
    ]
    if api:
        lines.append(f"the API: {_tally(api)}")
        lines += _lines(api)
    for op in operations:
        where = f"{op.method} {op.path}"
        if op.counterpart is None:
            lines.append(f"{op.label}: no counterpart: the published document has no {where}")
        elif not op.differences:
            lines.append(f"{op.label}: agrees with {op.counterpart}")
        else:
            lines.append(f"{op.label}: {_tally(list(op.differences))} (against {op.counterpart})")
            lines += _lines(op.differences)
    everything = [*api, *(d for op in operations for d in op.differences)]
    matched = [op for op in operations if op.counterpart is not None]
    agree = sum(1 for op in matched if not op.differences)
    missing = len(operations) - len(matched)
    count = len(operations)
    summary = (
        f"{count} operation{'' if count == 1 else 's'}: {agree} agree{'s' if agree == 1 else ''}, "
        f"{len(matched) - agree} differ{'s' if len(matched) - agree == 1 else ''}, "
        f"{missing} without a counterpart"
    )
    if everything:
        summary += f"; {_tally(everything)}"
    verdict = "fails" if fails(api, operations, fail_on) else "passes"
    lines += ["", f"{summary}: {verdict} --fail-on {fail_on}"]
    return "\n".join(lines)


def _difference(d: Difference, ids: dict[str, str]) -> dict[str, Any]:
    return {"class": d.cls, "class_reason": CLASSES[d.cls], **change_json(d.change, ids)}


def report_json(
    ours: Version, published: Version, api: list[Difference],
    operations: list[OperationConformance], fail_on: FailOn,
) -> str:
    ids = operation_ids(ours.api)
    everything = [*api, *(d for op in operations for d in op.differences)]
    return json.dumps(
        {
            "ours": ours.source,
            "published": {"source": published.source, "notes": list(published.notes)},
            "api": [_difference(d, ids) for d in api],
            "operations": [
                {
                    "operation": op.label,
                    "operation_id": ids.get(op.label),
                    "method": op.method,
                    "path": op.path,
                    "counterpart": op.counterpart,
                    "agrees": op.counterpart is not None and not op.differences,
                    "differences": [_difference(d, ids) for d in op.differences],
                }
                for op in operations
            ],
            "summary": {c: sum(1 for d in everything if d.cls == c) for c in CLASSES},
            "without_counterpart": [op.label for op in operations if op.counterpart is None],
            "fail_on": fail_on,
            "failed": fails(api, operations, fail_on),
        },
        indent=2,
        ensure_ascii=False,
    )
