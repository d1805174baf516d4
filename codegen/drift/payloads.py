"""Reading recorded payloads for ``codegen verify-responses``, and its report."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen import ir
from codegen.drift.verify import KINDS, Finding, PayloadCheck
from codegen.errors import Diagnostic, SpecError

TEXT_LIMIT = 50  # findings shown per file in the text report (JSON has them all)


@dataclass(frozen=True)
class FileResult:
    file: str
    findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        return not self.findings


def payload_files(paths: list[str]) -> list[Path]:
    """The files named, and the ``*.json`` files directly inside each folder named."""
    found: list[Path] = []
    errors = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.json") if p.is_file())
            if not inside:
                errors.append(Diagnostic("error", name, None, (), "no *.json files in this folder"))
            found += inside
        elif path.is_file():
            found.append(path)
        else:
            errors.append(Diagnostic("error", name, None, (), "no such file or folder"))
    if errors:
        raise SpecError(errors)
    return found


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SpecError(
            [Diagnostic("error", str(path), None, (), f"cannot read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise SpecError([Diagnostic("error", str(path), None, (), "not UTF-8 text")]) from None
    except RecursionError:
        raise SpecError([Diagnostic("error", str(path), None, (), "nests too deeply")]) from None
    except json.JSONDecodeError as exc:
        raise SpecError(
            [Diagnostic("error", str(path), exc.lineno, (), f"not JSON: {exc.msg}")]
        ) from None


def verify_files(api: ir.Api, op: ir.Operation, paths: list[str]) -> list[FileResult]:
    """Every payload is read before any is checked: a bad file is an input error (exit 2)."""
    files = payload_files(paths)
    bodies = [(path, _load(path)) for path in files]
    check = PayloadCheck(api)
    results = []
    for path, body in bodies:
        try:
            results.append(FileResult(str(path), tuple(check.body(op, body))))
        except RecursionError:
            message = "nests too deeply to check"
            raise SpecError([Diagnostic("error", str(path), None, (), message)]) from None
    return results


def _plural(count: int, kind: str) -> str:
    text = kind.replace("_", " ")
    if count == 1:
        return f"{count} {text}"
    return f"{count} {text}es" if text.endswith("ch") else f"{count} {text}s"


def summary(findings: tuple[Finding, ...] | list[Finding]) -> str:
    tally = Counter(f.kind for f in findings)
    return ", ".join(_plural(tally[kind], kind) for kind in KINDS if tally[kind])


def report_text(label: str, results: list[FileResult]) -> str:
    lines = []
    for result in results:
        if result.clean:
            lines.append(f"{result.file}: clean")
            continue
        breaks = any(f.breaks_client for f in result.findings)
        effect = "the client would fail" if breaks else "the client would only warn"
        lines.append(f"{result.file}: {summary(result.findings)} ({effect})")
        for finding in result.findings[:TEXT_LIMIT]:
            lines.append(f"  {finding.path}: {finding.message}")
        if len(result.findings) > TEXT_LIMIT:
            lines.append(f"  ... {len(result.findings) - TEXT_LIMIT} more (see --format json)")
    drifted = [r for r in results if not r.clean]
    everything = [f for r in results for f in r.findings]
    tail = f": {summary(everything)}" if everything else ""
    files = f"{len(results)} payload{'' if len(results) == 1 else 's'}"
    lines.append(f"{label}: {files}, {len(drifted)} with drift{tail}")
    return "\n".join(lines)


def report_json(label: str, results: list[FileResult]) -> str:
    everything = [f for r in results for f in r.findings]
    return json.dumps(
        {
            "operation": label,
            "clean": not everything,
            "summary": {kind: sum(1 for f in everything if f.kind == kind) for kind in KINDS},
            "files": [
                {
                    "file": r.file,
                    "clean": r.clean,
                    "summary": {
                        kind: sum(1 for f in r.findings if f.kind == kind) for kind in KINDS
                    },
                    "findings": [
                        {
                            "kind": f.kind,
                            "path": f.path,
                            "message": f.message,
                            "breaks_client": f.breaks_client,
                        }
                        for f in r.findings
                    ],
                }
                for r in results
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
