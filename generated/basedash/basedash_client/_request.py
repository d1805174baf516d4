"""Endpoints and requests: path, query and header encoding, and argument checks. Bodies
other than JSON are encoded by :mod:`._content`.

Nothing here does I/O, so the sync and async clients share every line of it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sized
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from pydantic import BaseModel

from ._auth import check_header
from ._pagination import MISSING, Pagination, get_path
from ._parsing import Result

if TYPE_CHECKING:
    from ._content import Content

__all__ = [
    "BodySuccess",
    "Endpoint",
    "Request",
    "Result",
    "check_length",
    "check_pattern",
    "check_range",
    "encode_path",
    "header_params",
    "json_body",
    "param_text",
    "query_params",
]

Style = Literal["form", "deepObject", "dotted"]
Returns = Literal["json", "bytes", "text"]


@dataclass(frozen=True)
class Endpoint:
    """What never changes about an operation. ``headers`` are sent on every call of it."""

    name: str
    method: str
    path: str
    errors: Mapping[int | None, Any] = field(default_factory=dict)
    envelope: tuple[str, ...] = ()
    pagination: Pagination | None = None
    idempotent: bool = True
    headers: tuple[tuple[str, str], ...] = ()
    accept: str = "application/json"
    returns: Returns = "json"
    """What a success body is read as: JSON (validated into the result type), the raw bytes, or
    the decoded text."""


@dataclass(frozen=True)
class BodySuccess:
    """For APIs that report errors inside 2xx bodies: a body is a success only when the value
    at ``path`` (wire names) equals ``value``. Otherwise the vendor's error code is at
    ``code`` and its message at ``message``; ``statuses`` maps codes to the HTTP status whose
    error class they raise."""

    path: tuple[str, ...]
    value: Any
    code: tuple[str, ...] | None = None
    message: tuple[str, ...] | None = None
    statuses: Mapping[str, int] = field(default_factory=dict)

    def failed(self, body: Any) -> bool:
        found = get_path(body, self.path)
        return found is MISSING or bool(found != self.value or type(found) is not type(self.value))

    def detail(self, body: Any, path: tuple[str, ...] | None) -> str | None:
        found = get_path(body, path) if path else None
        return str(found) if isinstance(found, str | int | float) else None


@dataclass(frozen=True)
class Request:
    """One call of an endpoint, with its arguments encoded."""

    endpoint: Endpoint
    path: str
    query: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    json: Any = None
    has_body: bool = False
    content: Content | None = None
    """A body that is not plain JSON (a form, multipart, bytes, text); ``json`` is unused then."""

    def with_query(self, overrides: Mapping[str, str]) -> Request:
        """The same request with some query parameters replaced (the next page)."""
        kept = tuple((k, v) for k, v in self.query if k not in overrides)
        return replace(self, query=kept + tuple(overrides.items()))

    def with_extra_body(self, extra: Mapping[str, Any] | None) -> Request:
        """The same request with ``extra`` merged into its JSON object body (or sent as the
        body of a request that has none)."""
        if not extra:
            return self
        if self.content is not None:
            raise ValueError(
                f"extra_body: {self.endpoint.name} does not send a JSON object to merge into"
            )
        if not self.has_body:
            return replace(self, json=dict(extra), has_body=True)
        if not isinstance(self.json, dict):
            raise ValueError(
                f"extra_body: {self.endpoint.name} does not send a JSON object to merge into"
            )
        return replace(self, json={**self.json, **extra})

    def at(self, path: str, query: tuple[tuple[str, str], ...]) -> Request:
        """The same request sent to another path and query (a next-page URL)."""
        return replace(self, path=path, query=query)


def encode_path(template: str, values: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders with percent-encoded values.

    Literal text (``/runs/``, a ``:pause`` suffix) is kept as written; a value is encoded in
    full, so it can never add a path segment. Empty values and ``.``/``..`` are refused.
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        text = param_text(values[name])
        if text in ("", ".", ".."):
            raise ValueError(f"path parameter {name!r} may not be {text!r}")
        return quote(text, safe="")

    return re.sub(r"\{([^{}]*)\}", fill, template)


def param_text(value: object) -> str:
    """A parameter value as it is sent: booleans in lower case, dates in ISO 8601."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return param_text(value.value)
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
        return [(name, param_text(item)) for item in value if item is not None]
    return [(name, param_text(value))]


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
    """Encode ``(header name, value)`` pairs; ``None`` values are left out. A value that cannot
    be sent in a header is a ``ValueError`` naming the header."""
    pairs = tuple((name, param_text(value)) for name, value in params if value is not None)
    for name, text in pairs:
        check_header(name, name, text)
    return pairs


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
    value: Sized | None,
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
    if _ecma_regex(pattern).search(value) is None:
        raise ValueError(f"{name} must match {pattern!r}, got {value!r}")


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """``pattern`` (ECMA-262, as in JSON Schema) compiled for Python: an unescaped ``$``
    outside a character class becomes ``\\Z``, since Python's ``$`` also matches before a
    final newline and ECMA-262's does not."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = "\\Z"
        out.append(char)
    return re.compile("".join(out))
