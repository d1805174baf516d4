"""Building requests: endpoints, path and query encoding, and argument checks.

Nothing here does I/O, so the sync and async clients share every line of it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, TypeAdapter

from ._pagination import Pagination

T = TypeVar("T")

Style = Literal["form", "deepObject", "dotted"]


class Result(Generic[T]):
    """The type a response body is read into; the validator is built on first use."""

    def __init__(self, tp: Any) -> None:
        self._type = tp

    @cached_property
    def adapter(self) -> TypeAdapter[T]:
        return TypeAdapter(self._type)

    def validate(self, value: Any) -> T:
        return self.adapter.validate_python(value)


@dataclass(frozen=True)
class Endpoint:
    """What never changes about an operation."""

    name: str
    method: str
    path: str
    errors: Mapping[int | None, Any] = field(default_factory=dict)
    envelope: tuple[str, ...] = ()
    pagination: Pagination | None = None
    idempotent: bool = True


@dataclass(frozen=True)
class Request:
    """One call of an endpoint, with its arguments encoded."""

    endpoint: Endpoint
    path: str
    query: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    json: Any = None
    has_body: bool = False

    def with_query(self, overrides: Mapping[str, str]) -> Request:
        """The same request with some query parameters replaced (the next page)."""
        kept = tuple((k, v) for k, v in self.query if k not in overrides)
        return Request(
            self.endpoint,
            self.path,
            kept + tuple(overrides.items()),
            self.headers,
            self.json,
            self.has_body,
        )


def encode_path(template: str, values: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders with percent-encoded values.

    Literal text (``/runs/``, a ``:pause`` suffix) is kept as written; a value is encoded in
    full, so it can never add a path segment. Empty values and ``.``/``..`` are refused.
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        text = _text(values[name])
        if text in ("", ".", ".."):
            raise ValueError(f"path parameter {name!r} may not be {text!r}")
        return quote(text, safe="")

    return re.sub(r"\{([^{}]*)\}", fill, template)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _text(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be sent")
    return str(value)


def _flatten(name: str, value: Any, style: Style) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, Mapping):
        pairs: list[tuple[str, str]] = []
        for key, item in value.items():
            if style == "deepObject":
                wire = f"{name}[{key}]"
            elif style == "dotted":
                wire = f"{name}.{key}"
            else:
                wire = str(key)
            pairs.extend(_flatten(wire, item, style))
        return pairs
    if isinstance(value, list | tuple):
        return [(name, _text(item)) for item in value if item is not None]
    return [(name, _text(value))]


def query_params(*params: tuple[str, Any, Style]) -> tuple[tuple[str, str], ...]:
    """Encode ``(wire name, value, style)`` triples; ``None`` values are left out.

    ``form``: ``name=value`` (a list repeats the name); ``deepObject``: ``name[key]=value``;
    ``dotted``: ``name.key=value``.
    """
    pairs: list[tuple[str, str]] = []
    for name, value, style in params:
        pairs.extend(_flatten(name, value, style))
    return tuple(pairs)


def header_params(*params: tuple[str, Any]) -> tuple[tuple[str, str], ...]:
    """Encode ``(header name, value)`` pairs; ``None`` values are left out."""
    return tuple((name, _text(value)) for name, value in params if value is not None)


def json_body(*fields: tuple[str, Any]) -> dict[str, Any]:
    """A JSON object from ``(wire name, value)`` pairs; ``None`` values are left out."""
    from ._models import dump

    return {name: dump(value) for name, value in fields if value is not None}


def check_range(
    name: str,
    value: float | None,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_minimum: float | None = None,
    exclusive_maximum: float | None = None,
) -> None:
    """Refuse a number outside its documented range before anything is sent."""
    if value is None:
        return
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be ≥ {minimum}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be ≤ {maximum}, got {value!r}")
    if exclusive_minimum is not None and value <= exclusive_minimum:
        raise ValueError(f"{name} must be > {exclusive_minimum}, got {value!r}")
    if exclusive_maximum is not None and value >= exclusive_maximum:
        raise ValueError(f"{name} must be < {exclusive_maximum}, got {value!r}")


def check_length(
    name: str,
    value: str | list[Any] | None,
    *,
    min_length: int | None = None,
    max_length: int | None = None,
) -> None:
    if value is None:
        return
    if min_length is not None and len(value) < min_length:
        raise ValueError(f"{name} must have at least {min_length} characters or items")
    if max_length is not None and len(value) > max_length:
        raise ValueError(f"{name} must have at most {max_length} characters or items")


def check_pattern(name: str, value: str | None, pattern: str) -> None:
    """Refuse a string that does not match its documented pattern."""
    if value is None:
        return
    if re.search(pattern, value) is None:
        raise ValueError(f"{name} must match {pattern!r}, got {value!r}")
