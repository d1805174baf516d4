"""Formatting generated Python with black, in-process, behind a content-hash cache.

black is pinned exactly in ``pyproject.toml``: its output is part of the byte-identical
guarantee. The cache maps ``sha256(black version, mode, source)`` to the formatted text, so a
regeneration with nothing changed formats nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

MODE = Mode(target_versions={TargetVersion.PY311}, line_length=100)
_KEY_PREFIX = f"black {version('black')} {MODE.get_cache_key()}\n".encode()


def cache_dir() -> Path | None:
    """``$CODEGEN_CACHE_DIR``, else ``.cache/codegen`` under the working directory; the
    cache is off when the variable is set to an empty string."""
    configured = os.environ.get("CODEGEN_CACHE_DIR")
    if configured == "":
        return None
    return Path(configured) if configured else Path(".cache") / "codegen"


def _format(source: str) -> str:
    try:
        return black.format_str(source, mode=MODE)
    except InvalidInput as exc:  # a template bug, never spec text
        raise RuntimeError(f"generated code does not parse: {exc}\n{source}") from exc


def format_file(path: str, text: str) -> str:
    if not path.endswith(".py"):
        return text
    folder = cache_dir()
    if folder is None:
        return _format(text)
    key = hashlib.sha256(_KEY_PREFIX + text.encode()).hexdigest()
    entry = folder / key[:2] / key
    try:
        return entry.read_text(encoding="utf-8")
    except OSError:
        pass
    formatted = _format(text)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=entry.parent, delete=False, suffix=".tmp"
        ) as handle:
            handle.write(formatted)
        os.replace(handle.name, entry)
    except OSError:
        pass  # a read-only cache only costs time
    return formatted
