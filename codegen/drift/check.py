"""``codegen check``: is ``generated/`` what the generator produces now?

Regenerates in memory and compares file by file; never writes to ``generated/``.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.pipeline import MANIFEST, Package, generator_hash, templates_hash


@dataclass
class PackageDrift:
    vendor: str
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    changed: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.changed)


def _manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _reasons(package: Package, folder: Path, drift: PackageDrift) -> list[str]:
    """Why a package is stale, from the manifest it was generated with."""
    old = _manifest(folder)
    if old is None:
        return ["not generated yet" if not folder.exists() else "manifest missing or unreadable"]
    new = json.loads(package.files[MANIFEST])
    reasons = []
    if old.get("inputs") != new["inputs"]:
        reasons.append("spec changed")
    if old.get("templates") != templates_hash():
        reasons.append("templates changed")
    if old.get("generator") != {"version": new["generator"]["version"], "sha256": generator_hash()}:
        reasons.append("generator changed")
    recorded = old.get("files") if isinstance(old.get("files"), dict) else {}
    if not reasons:
        reasons.append("edited by hand")
    elif any(_hash_on_disk(folder / name) != recorded.get(name) for name in drift.changed if name != MANIFEST):
        reasons.append("edited by hand")
    return reasons


def _hash_on_disk(path: Path) -> str | None:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def compare(package: Package, out: Path, context_lines: int = 3) -> PackageDrift:
    folder = out / package.vendor_id
    drift = PackageDrift(package.vendor_id)
    on_disk = (
        {
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        }
        if folder.is_dir()
        else set()
    )
    for name, text in sorted(package.files.items()):
        path = folder / name
        if name not in on_disk:
            drift.missing.append(name)
            continue
        current = path.read_bytes().decode("utf-8", errors="replace")
        if current != text:
            diff = difflib.unified_diff(
                text.splitlines(keepends=True),
                current.splitlines(keepends=True),
                fromfile=f"expected/{package.vendor_id}/{name}",
                tofile=f"generated/{package.vendor_id}/{name}",
                n=context_lines,
            )
            drift.changed[name] = "".join(list(diff)[:60])
    drift.extra = sorted(on_disk - set(package.files))
    if not drift.clean:
        drift.reasons = _reasons(package, folder, drift)
    return drift


def report_text(drifts: list[PackageDrift]) -> str:
    lines = []
    for drift in drifts:
        if drift.clean:
            lines.append(f"{drift.vendor}: up to date")
            continue
        lines.append(f"{drift.vendor}: stale ({', '.join(drift.reasons)})")
        lines += [f"  missing: {name}" for name in drift.missing]
        lines += [f"  extra:   {name}" for name in drift.extra]
        for name, diff in drift.changed.items():
            lines.append(f"  changed: {name}")
            lines += ["    " + line for line in diff.rstrip("\n").split("\n")]
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
                    "missing": d.missing,
                    "extra": d.extra,
                    "changed": d.changed,
                }
                for d in drifts
            ],
        },
        indent=2,
        sort_keys=True,
    )
