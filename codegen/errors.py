"""Diagnostics: every problem names the file, the place in it and what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``("paths", "/runs", "get", "parameters", 2)`` → ``paths./runs.get.parameters[2]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(document)"


@dataclass(frozen=True)
class Diagnostic:
    level: Literal["error", "warning", "note"]
    file: str
    line: int | None
    path: Path
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.level}: {format_path(self.path)}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class SpecError(Exception):
    """One or more errors in an input document. The generator stops and writes nothing."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UsageError(Exception):
    """A command line that cannot be carried out (exit status 2)."""
