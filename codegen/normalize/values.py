"""Small facts about plain document values, shared by the schema modules."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from codegen import ir
from codegen.errors import Path, format_path

ANY = ir.TypeRef("any")


def nullable(ref: ir.TypeRef) -> ir.TypeRef:
    return replace(ref, nullable=True)


def is_scalar(value: Any) -> bool:
    """A value a generated module can write as a literal (a finite number, not ``.inf``)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, str | int | bool)


def text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def origin(path: Path) -> str:
    return format_path(path)
