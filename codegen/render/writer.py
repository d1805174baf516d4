"""Writing packages into ``generated/`` without ever leaving it half-written.

Each package is written in full into a temporary folder beside its target, then swapped in
with two renames. A file in the target that the previous run did not write (it is not in the
old manifest) is carried over, never deleted.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "codegen-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _previous_files(target: Path) -> set[str] | None:
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    return set(files) | {MANIFEST} if isinstance(files, dict) else None


# Tool caches beside the package are neither ours nor the user's work: never carried over.
_CACHES = ("__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build")


def _existing(target: Path) -> dict[str, Path]:
    if not target.is_dir():
        return {}
    return {
        p.relative_to(target).as_posix(): p
        for p in target.rglob("*")
        if p.is_file()
        and not any(part in _CACHES or part.endswith(".egg-info") for part in p.relative_to(target).parts)
    }


_SLICE = 1 << 20


def encoded(text: str) -> Iterator[bytes]:
    """``text`` as UTF-8, a megabyte at a time (a large module is not copied whole)."""
    for start in range(0, len(text), _SLICE):
        yield text[start : start + _SLICE].encode("utf-8")


def _same(target: Path, files: dict[str, str], existing: dict[str, Path]) -> bool:
    if set(existing) != set(files):
        return False
    return all(_equal(existing[name], text) for name, text in files.items())


def _equal(path: Path, text: str) -> bool:
    """Does the file hold exactly ``text`` (compared a megabyte at a time)?"""
    try:
        with open(path, "rb") as handle:
            for part in encoded(text):
                if handle.read(len(part)) != part:
                    return False
            return handle.read(1) == b""
    except OSError:
        return False


def write_package(out: Path, vendor: str, files: dict[str, str], report: WriteReport) -> None:
    target = out / vendor
    existing = _existing(target)
    if _same(target, files, existing):
        report.unchanged.append(vendor)
        return
    ours = _previous_files(target)
    foreign = [
        name
        for name in existing
        if name not in files and (ours is None or name not in ours) and not name.endswith(".pyc")
    ]
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{vendor}.", dir=out))
    try:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                for part in encoded(text):
                    handle.write(part)
        for name in foreign:
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(existing[name], path)
            report.kept.append(f"{vendor}/{name}")
        backup = None
        if target.exists():
            backup = Path(tempfile.mkdtemp(prefix=f".{vendor}.old.", dir=out))
            os.rmdir(backup)
            os.replace(target, backup)
        try:
            os.replace(staging, target)
        except OSError:
            if backup is not None:
                os.replace(backup, target)
            raise
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    report.written.append(vendor)


def write_all(out: Path, packages: dict[str, dict[str, str]]) -> WriteReport:
    """Write every package; all rendering has already succeeded when this is called."""
    report = WriteReport()
    for vendor in sorted(packages):
        write_package(out, vendor, packages[vendor], report)
    return report
