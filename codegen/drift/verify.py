"""``codegen verify-responses``: recorded payloads against an operation's response model.

The payload is walked against the IR itself, so the check says exactly where a payload leaves
the spec: an unknown field, an unknown enum
value or union variant, a missing required field, a value of the wrong type, or a null the spec
does not allow, each at its JSON path (``$.data[0].status``). The walk follows the response's
envelope; a paginated operation's payload may also be a JSON array of its items, as recorded
from iterating the pages. Int64 carried as strings, date and date-time strings, open enums and
unions (by property, by present key, or tried in turn) are read as the generated client reads
them. Whether the client fails on a finding is the client's own verdict
(:mod:`codegen.drift.reading`), not this walk's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Literal, get_args

from codegen import ir

FindingKind = Literal[
    "unknown_field",
    "unknown_enum_value",
    "unknown_variant",
    "missing_required_field",
    "type_mismatch",
    "unexpected_null",
]
KINDS: tuple[FindingKind, ...] = get_args(FindingKind)

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INT_STRING = re.compile(r"^-?[0-9]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


@dataclass(frozen=True)
class Finding:
    """Where a payload leaves the spec. ``breaks_client``: the client fails on the payload
    because of it; ``breaks_strict``: a ``strict=True`` client does (see
    :mod:`codegen.drift.reading`; before the client is asked, the walk's own guess)."""

    kind: FindingKind
    path: str
    message: str
    breaks_client: bool
    breaks_strict: bool = False


def child(path: str, key: str | int) -> str:
    """``$`` + key → ``$.data``, ``$["http-code"]``, ``$[3]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.match(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"




def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return ir.json_type(value)
    text = json.dumps(value)
    return f"{ir.json_type(value)} {text if len(text) <= 40 else text[:37] + '...'}"


def _is_date(value: str) -> bool:
    try:
        return bool(_DATE.match(value)) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _is_datetime(value: str) -> bool:
    try:
        return bool(_DATETIME.match(value)) and bool(dt.datetime.fromisoformat(value.upper()))
    except ValueError:
        return False


_SCALAR_CHECKS: dict[str, tuple[str, Any]] = {
    "string": ("string", lambda v: isinstance(v, str)),
    "boolean": ("boolean", lambda v: isinstance(v, bool)),
    "number": ("number", lambda v: isinstance(v, int | float) and not isinstance(v, bool)),
    "integer": (
        "integer",
        lambda v: (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer()),
    ),
    "date": ("a date string (YYYY-MM-DD)", lambda v: isinstance(v, str) and _is_date(v)),
    "datetime": ("a date-time string (RFC 3339)", lambda v: isinstance(v, str) and _is_datetime(v)),
}


class PayloadCheck:
    """Walks JSON values against the types of one API."""

    def __init__(self, api: ir.Api) -> None:
        self._schemas = {s.name: s for s in api.schemas}
        self.findings: list[Finding] = []

    def _add(self, kind: FindingKind, path: str, message: str, breaks: bool) -> None:
        self.findings.append(Finding(kind, path, message, breaks))

    def body(self, op: ir.Operation, body: Any) -> list[Finding]:
        """Check one response body of ``op``."""
        self.findings = []
        pagination = op.pagination
        if (
            not isinstance(pagination, ir.NoPagination)
            and pagination.items
            and isinstance(body, list)
        ):
            for index, item in enumerate(body):
                self.value(item, pagination.item_type, child("$", index))
            return self.findings
        if op.response.type is None:
            return self.findings
        value, path = body, "$"
        for key in op.response.envelope:
            if not isinstance(value, dict) or key not in value:
                self._add(
                    "missing_required_field",
                    child(path, key),
                    f"missing required field {key!r}: the envelope the result is read from",
                    True,
                )
                return self.findings
            value, path = value[key], child(path, key)
        self.value(value, op.response.type, path)
        return self.findings

    def value(
        self, value: Any, ref: ir.TypeRef, path: str, *, owner: str = "", optional: bool = False
    ) -> None:
        """Check ``value`` against ``ref``. ``owner`` names the field (``AutomationRun.id``);
        ``optional`` says it may be left out, so the client reads a null there as ``None``
        though the spec does not allow one."""
        ref, schema = ir.resolve_alias(self._schemas, ref)
        if value is None:
            if not ref.nullable and ref.kind != "any":
                what = owner or "the value"
                effect = " (the client reads it as None)" if optional else ""
                self._add(
                    "unexpected_null",
                    path,
                    f"unexpected null: {what} is not nullable{effect}",
                    not optional,
                )
            return
        if schema is not None:
            self._schema(value, schema, path)
        elif ref.kind == "integer" and ref.string_encoded:
            if not (isinstance(value, str) and _INT_STRING.match(value)) and not _SCALAR_CHECKS[
                "integer"
            ][1](value):
                self._mismatch(path, "an integer as a string", value)
        elif ref.kind in _SCALAR_CHECKS:
            expected, check = _SCALAR_CHECKS[ref.kind]
            if not check(value):
                self._mismatch(path, expected, value)
        elif ref.kind == "literal":
            if value != ref.literal or ir.json_type(value) != ir.json_type(ref.literal):
                self._mismatch(path, json.dumps(ref.literal), value)
        elif ref.kind == "array" and ref.items is not None:
            if not isinstance(value, list):
                self._mismatch(path, "array", value)
                return
            for index, item in enumerate(value):
                self.value(item, ref.items, child(path, index))
        elif ref.kind == "map" and ref.items is not None:
            if not isinstance(value, dict):
                self._mismatch(path, "object", value)
                return
            for key, item in value.items():
                self.value(item, ref.items, child(path, key))

    def _mismatch(self, path: str, expected: str, value: Any) -> None:
        self._add(
            "type_mismatch", path, f"type mismatch: expected {expected}, got {_shown(value)}", True
        )

    def _schema(self, value: Any, schema: ir.Schema, path: str) -> None:
        if isinstance(schema, ir.EnumSchema):
            self._enum(value, schema, path)
        elif not isinstance(value, dict):
            self._mismatch(path, f"object ({schema.name})", value)
        elif isinstance(schema, ir.ObjectSchema):
            self._object(value, schema, path)
        elif isinstance(schema, ir.UnionSchema):
            self._union(value, schema, path)

    def _enum(self, value: Any, schema: ir.EnumSchema, path: str) -> None:
        if schema.base == "string" and not isinstance(value, str):
            self._mismatch(path, f"string ({schema.name})", value)
        elif schema.base == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
            self._mismatch(path, f"integer ({schema.name})", value)
        elif value not in [m.value for m in schema.members]:
            known = ", ".join(str(m.value) for m in schema.members)
            self._add(
                "unknown_enum_value",
                path,
                f"unknown enum value {json.dumps(value)} ({schema.name} knows {known})",
                False,
            )

    def _object(self, value: dict[str, Any], schema: ir.ObjectSchema, path: str) -> None:
        known = {f.wire_name for f in schema.fields}
        for f in schema.fields:
            if f.wire_name in value:
                self.value(
                    value[f.wire_name],
                    f.type,
                    child(path, f.wire_name),
                    owner=f"{schema.name}.{f.wire_name}",
                    optional=not f.required,
                )
            elif f.required:
                self._add(
                    "missing_required_field",
                    child(path, f.wire_name),
                    f"missing required field {f.wire_name!r} of {schema.name}",
                    True,
                )
        for key, item in value.items():
            if key in known:
                continue
            if schema.additional is not None:
                self.value(item, schema.additional, child(path, key))
            else:
                self._add(
                    "unknown_field",
                    child(path, key),
                    f"unknown field {key!r} of {schema.name}",
                    False,
                )

    def _variant(self, value: dict[str, Any], ref: str, path: str) -> None:
        schema = self._schemas.get(ref)
        if schema is not None:
            self._schema(value, schema, path)

    def _union(self, value: dict[str, Any], schema: ir.UnionSchema, path: str) -> None:
        tags = {v.tag: v.ref for v in schema.variants}
        known = ", ".join(tags)
        if schema.discriminator == "property" and schema.property is not None:
            tag = value.get(schema.property)
            if tag in tags:
                self._variant(value, tags[tag], path)
            elif schema.property not in value:
                self._add(
                    "missing_required_field",
                    child(path, schema.property),
                    f"missing required field {schema.property!r} (tells the {schema.name} variant)",
                    False,
                )
            else:
                self._add(
                    "unknown_variant",
                    child(path, schema.property),
                    f"unknown {schema.name} variant {json.dumps(tag)} (known: {known})",
                    False,
                )
        elif schema.discriminator == "present_key":
            present = next((tag for tag in tags if tag in value), None)
            if present is None:
                keys = ", ".join(value) or "none"
                self._add(
                    "unknown_variant",
                    path,
                    f"no known {schema.name} variant (expected a key of {known}; got {keys})",
                    False,
                )
            else:
                self._variant(value, tags[present], path)
        else:
            self._first_fit(value, schema, path)

    def _first_fit(self, value: dict[str, Any], schema: ir.UnionSchema, path: str) -> None:
        outer = self.findings
        best: list[Finding] | None = None
        for variant in schema.variants:
            self.findings = []
            self._variant(value, variant.ref, path)
            if not self.findings:
                best = []
                break
            if best is None or len(self.findings) < len(best):
                best = self.findings
        self.findings = outer + (best or [])


def find_operation(api: ir.Api, name: str) -> ir.Operation | None:
    """An operation by client name (``runs.list``; ``runs.continue`` for ``runs.continue_``)
    or by operation id (``list_runs``)."""
    for resource in api.resources:
        for op in resource.operations:
            names = {
                f"{resource.py_name}.{op.py_name}",
                f"{resource.py_name}.{op.py_name.rstrip('_')}",
            }
            if name in names or name == op.operation_id:
                return op
    return None


def resource_of(api: ir.Api, op: ir.Operation) -> str:
    """The resource (``runs``) an operation belongs to."""
    return next(r.py_name for r in api.resources if op in r.operations)


def operation_names(api: ir.Api) -> list[str]:
    return [
        f"{r.py_name}.{op.py_name} ({op.operation_id})"
        for r in api.resources
        for op in r.operations
    ]
