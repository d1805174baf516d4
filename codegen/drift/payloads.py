"""Reading recorded payloads for ``codegen verify-responses``, and its report."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from codegen import ir
from codegen.drift.reading import GeneratedPackage, Verdict
from codegen.drift.verify import KINDS, Finding, PayloadCheck, child
from codegen.errors import Diagnostic, SpecError

TEXT_LIMIT = 50  # findings shown per file in the text report (JSON has them all)


@dataclass(frozen=True)
class FileResult:
    file: str
    findings: tuple[Finding, ...]
    verdict: Verdict | None = None

    @property
    def clean(self) -> bool:
        return not self.findings

    @property
    def breaks_client(self) -> bool:
        if self.verdict is not None:
            return not self.verdict.reads
        return any(f.breaks_client for f in self.findings)

    @property
    def breaks_strict(self) -> bool:
        if self.verdict is not None:
            return not self.verdict.reads_strictly
        return self.breaks_client


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


def _under(path: str, finding: str) -> bool:
    return path == finding or path.startswith((finding + ".", finding + "[", finding + '["'))


def judged(findings: list[Finding], verdict: Verdict) -> list[Finding]:
    """The findings with the client's verdict on each; what the client's models refuse that
    the walk did not find is a finding too."""
    out = []
    for f in findings:
        hit = any(_under(path, f.path) for path, _ in verdict.strict)
        message = f.message
        if not hit and f.kind == "type_mismatch":
            message += " (the client converts it)"
        out.append(replace(f, message=message, breaks_client=hit and not verdict.reads,
                           breaks_strict=hit))
    for path, problem in verdict.strict:
        if not any(_under(path, f.path) for f in findings):
            text = f"the client's model refuses it: {problem}"
            out.append(Finding("type_mismatch", path, text, not verdict.reads, True))
    return out


def _enveloped(op: ir.Operation, body: Any) -> tuple[Any, str]:
    """A recorded list of a paginated operation's items as the page body it came in, and the
    JSON path of the items in that body (``$`` when the payload is the body itself)."""
    pagination = op.pagination
    if isinstance(pagination, ir.NoPagination) or not pagination.items or not isinstance(body, list):
        return body, "$"
    prefix = "$"
    for key in pagination.items:
        prefix = child(prefix, key)
    for key in reversed(pagination.items):
        body = {key: body}
    return body, prefix


def _unwrapped(verdict: Verdict, prefix: str) -> Verdict:
    """The verdict with its paths into the recorded payload, not the page around it."""
    if prefix == "$":
        return verdict
    strict = tuple(
        ("$" + path[len(prefix):] if path.startswith(prefix) else path, problem)
        for path, problem in verdict.strict
    )
    return replace(verdict, strict=strict)


def verify_files(
    api: ir.Api,
    op: ir.Operation,
    paths: list[str],
    package: GeneratedPackage | None = None,
    resource: str | None = None,
) -> list[FileResult]:
    """Every payload is read before any is checked: a bad file is an input error (exit 2).
    With ``package``, each payload is also read as that package's client reads it."""
    files = payload_files(paths)
    bodies = [(path, _load(path)) for path in files]
    check = PayloadCheck(api)
    reader = None
    if package is not None and resource is not None and op.response.type is not None:
        reader = package.reader(resource, op)
    results = []
    for path, body in bodies:
        try:
            findings = check.body(op, body)
            if reader is None or package is None:
                results.append(FileResult(str(path), tuple(findings)))
                continue
            page, prefix = _enveloped(op, body)
            verdict = _unwrapped(package.verdict(reader, page), prefix)
            results.append(FileResult(str(path), tuple(judged(findings, verdict)), verdict))
        except RecursionError:
            message = "nests too deeply to check"
            raise SpecError([Diagnostic("error", str(path), None, (), message)]) from None
    return results


def _effect(result: FileResult) -> str:
    if result.breaks_client:
        return "the client would fail"
    if result.breaks_strict:
        return "the client reads it, keeping what does not fit raw; strict=True would fail"
    return "the client reads it and logs the drift"


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
        lines.append(f"{result.file}: {summary(result.findings)} ({_effect(result)})")
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
                    "client": _client_json(r),
                    "summary": {
                        kind: sum(1 for f in r.findings if f.kind == kind) for kind in KINDS
                    },
                    "findings": [
                        {
                            "kind": f.kind,
                            "path": f.path,
                            "message": f.message,
                            "breaks_client": f.breaks_client,
                            "breaks_strict_client": f.breaks_strict,
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


def _client_json(result: FileResult) -> dict[str, Any] | None:
    verdict = result.verdict
    if verdict is None:
        return None
    return {
        "reads": verdict.reads,
        "error": verdict.error,
        "drift": list(verdict.drift),
        "strict_reads": verdict.reads_strictly,
        "strict_errors": [f"{path}: {problem}" for path, problem in verdict.strict],
        "lenient_by_default": verdict.lenient,
    }
