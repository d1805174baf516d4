"""``codegen check``: is ``generated/`` what the generator produces now?

Each package is regenerated in memory and compared file by file with what is on disk: files
the generator would write but are not there (*missing*), files there that it would not write
(*extra*), and files whose text differs (*changed*, with a short unified diff). Nothing under
``generated/`` is ever written.

Why a package is stale comes from the manifest it was generated with (``codegen-manifest.json``):
its input hashes against the spec files now (*spec changed*), its templates hash (*templates
changed*), its generator version and hash (*generator changed*), and its file hashes against
the files on disk (*edited by hand*). Several reasons can hold at once.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.pipeline import MANIFEST, Package

SPEC_CHANGED = "spec changed"
TEMPLATES_CHANGED = "templates changed"
GENERATOR_CHANGED = "generator changed"
EDITED_BY_HAND = "edited by hand"
NOT_GENERATED = "not generated yet"
NO_MANIFEST = "manifest missing or unreadable"
SPEC_REMOVED = "spec removed"

# Files that tools leave beside a package (caches, builds): never part of the comparison.
IGNORED_PARTS = frozenset(
    {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis"}
)
IGNORED_TOP = frozenset({"build", "dist", ".venv"})
DIFF_LINES = 60


@dataclass
class PackageDrift:
    """How one package on disk differs from what the generator produces now."""

    vendor: str
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    changed: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    details: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # its spec does not load: not compared

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.changed or self.errors)

    def because(self, reason: str, *detail: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.details.setdefault(reason, []).extend(detail)


def _ignored(relative: Path) -> bool:
    parts = relative.parts
    return (
        bool(IGNORED_PARTS.intersection(parts))
        or parts[0] in IGNORED_TOP
        or relative.suffix == ".pyc"
        or any(part.endswith(".egg-info") for part in parts)
    )


def files_on_disk(folder: Path) -> dict[str, Path]:
    """The files of a package folder that the comparison looks at, by relative path."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.is_file() and not _ignored(relative):
            found[relative.as_posix()] = path
    return found


def _read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _explain_inputs(old: dict[str, Any], new: dict[str, Any], drift: PackageDrift) -> None:
    old_inputs, new_inputs = _dict(old.get("inputs")), _dict(new.get("inputs"))
    details = []
    for name in sorted(set(old_inputs) | set(new_inputs)):
        if name not in old_inputs:
            details.append(f"{name} (new input)")
        elif name not in new_inputs:
            details.append(f"{name} (no longer an input)")
        elif old_inputs[name] != new_inputs[name]:
            details.append(name)
    if details:
        drift.because(SPEC_CHANGED, *details)


def _explain_generator(old: dict[str, Any], new: dict[str, Any], drift: PackageDrift) -> None:
    if old.get("templates") != new.get("templates"):
        drift.because(TEMPLATES_CHANGED)
    old_gen, new_gen = _dict(old.get("generator")), _dict(new.get("generator"))
    if old_gen.get("version") != new_gen.get("version"):
        drift.because(
            GENERATOR_CHANGED, f"version {old_gen.get('version')} → {new_gen.get('version')}"
        )
    elif old_gen.get("sha256") != new_gen.get("sha256"):
        drift.because(GENERATOR_CHANGED, "the generator's source changed")


def _explain_hand_edits(old: dict[str, Any], on_disk: dict[str, Path], drift: PackageDrift) -> None:
    """Files that differ from what the previous run recorded having written."""
    recorded = _dict(old.get("files"))
    details = []
    for name, digest in sorted(recorded.items()):
        if name not in on_disk:
            details.append(f"{name} (deleted)")
        elif _sha256(on_disk[name]) != digest:
            details.append(f"{name} (modified)")
    for name in sorted(set(on_disk) - set(recorded) - {MANIFEST}):
        details.append(f"{name} (added)")
    if details:
        drift.because(EDITED_BY_HAND, *details)


def _explain(package: Package, folder: Path, on_disk: dict[str, Path], drift: PackageDrift) -> None:
    if not folder.exists():
        drift.because(NOT_GENERATED)
        return
    old = _read_manifest(folder / MANIFEST)
    if old is None:
        drift.because(NO_MANIFEST)
        return
    new = json.loads(package.files[MANIFEST])
    _explain_inputs(old, new, drift)
    _explain_generator(old, new, drift)
    _explain_hand_edits(old, on_disk, drift)
    if not drift.reasons:
        # Same inputs, templates and generator, untouched files, yet other output: something
        # the hashes do not cover changed what the generator writes.
        drift.because(
            GENERATOR_CHANGED,
            "the manifest explains no change: the output depends on something it does not hash "
            "(a dependency such as black, or the path the specs were read from)",
        )


def _diff(package: Package, name: str, expected: str, current: str, context: int) -> str:
    """What regenerating would do to the file on disk."""
    lines = list(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"on disk: {package.vendor_id}/{name}",
            tofile=f"generated now: {package.vendor_id}/{name}",
            n=context,
        )
    )
    lines = [line if line.endswith("\n") else line + "\n" for line in lines]
    if len(lines) > DIFF_LINES:
        hidden = len(lines) - DIFF_LINES
        lines = [*lines[:DIFF_LINES], f"... ({hidden} more diff lines)\n"]
    return "".join(lines)


def compare(package: Package, out: Path, context_lines: int = 3) -> PackageDrift:
    """Compare one freshly rendered package with ``out/<vendor>/``; reads only."""
    folder = out / package.vendor_id
    drift = PackageDrift(package.vendor_id)
    on_disk = files_on_disk(folder)
    for name, text in sorted(package.files.items()):
        if name not in on_disk:
            drift.missing.append(name)
            continue
        current = on_disk[name].read_bytes().decode("utf-8", errors="replace")
        if current != text:
            drift.changed[name] = _diff(package, name, text, current, context_lines)
    drift.extra = sorted(set(on_disk) - set(package.files))
    if not drift.clean:
        _explain(package, folder, on_disk, drift)
    return drift


def orphans(out: Path, vendors: set[str]) -> list[PackageDrift]:
    """Generated packages (folders with a manifest) whose vendor has no spec any more."""
    if not out.is_dir():
        return []
    found = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and p.name not in vendors):
        if (folder / MANIFEST).is_file():
            drift = PackageDrift(folder.name, extra=sorted(files_on_disk(folder)))
            drift.because(SPEC_REMOVED, f"no spec folder for {folder.name!r}")
            found.append(drift)
    return found


def report_text(drifts: list[PackageDrift]) -> str:
    lines = []
    for drift in drifts:
        if drift.clean:
            lines.append(f"{drift.vendor}: up to date")
            continue
        if drift.errors:
            count = len(drift.errors)
            errors = f"{count} error{'s' if count != 1 else ''}"
            lines.append(f"{drift.vendor}: not checked: its spec has {errors} (on stderr)")
            continue
        lines.append(f"{drift.vendor}: stale ({', '.join(drift.reasons)})")
        for reason in drift.reasons:
            for detail in drift.details.get(reason, []):
                lines.append(f"  {reason}: {detail}")
        lines += [f"  missing: {name}" for name in drift.missing]
        lines += [f"  extra:   {name}" for name in drift.extra]
        for name, diff in drift.changed.items():
            lines.append(f"  changed: {name}")
            lines += ["    " + line for line in diff.rstrip("\n").split("\n")]
    stale = [d.vendor for d in drifts if not d.clean and not d.errors]
    broken = [d.vendor for d in drifts if d.errors]
    if stale:
        lines.append(f"{len(stale)} of {len(drifts)} packages stale; run `codegen generate`")
    if broken:
        lines.append(f"{len(broken)} of {len(drifts)} specs do not load: {', '.join(broken)}")
    return "\n".join(lines)


def report_json(drifts: list[PackageDrift]) -> str:
    return json.dumps(
        {
            "clean": all(d.clean for d in drifts),
            "packages": [
                {
                    "vendor": d.vendor,
                    "clean": d.clean,
                    "reasons": d.reasons,
                    "details": d.details,
                    "missing": d.missing,
                    "extra": d.extra,
                    "changed": d.changed,
                    "errors": d.errors,
                }
                for d in drifts
            ],
        },
        indent=2,
        sort_keys=True,
    )
