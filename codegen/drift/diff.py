"""``codegen diff``: a semantic comparison of two versions of a vendor spec.

Both versions are normalized to the IR, in whichever format they came, and compared there:
the API's settings (base URL, auth, client arguments), its operations (matched by method and
path, then by client name), their parameters, request bodies, responses, pagination and
errors, and every schema those reach (:mod:`codegen.drift.schemas`). Each difference is a
:class:`~codegen.drift.changes.Change`, classified for users of the generated client; every
place that changed is one line, with the most severe class of what changed there.

``scope`` limits the comparison to the operations one side has: ``old`` when OLD is our copy of
part of a vendor's document and NEW the vendor's whole document (the rest is not reported as
added), ``new`` the other way round.
"""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields
from typing import Literal

from codegen import ir
from codegen.drift.changes import SEVERITIES, Change, JsonValue, Part, Side
from codegen.drift.constraints import constraint_changes
from codegen.drift.schemas import SchemaDiff, describe

Scope = Literal["all", "old", "new"]

_PARAM = re.compile(r"\{[^}]*\}")
# Attributes of a request body compared as a whole (its type and fields are walked instead).
_BODY_WALKED = frozenset({"type", "fields", "required", "description"})


def label(resource: ir.Resource, op: ir.Operation) -> str:
    """How a user calls an operation: ``runs.list``."""
    return f"{resource.py_name}.{op.py_name}"


def shape(op: ir.Operation) -> tuple[str, str]:
    """Method and path template, parameter names aside: how operations are matched."""
    return op.method, _PARAM.sub("{}", op.path)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return ".".join(str(v) for v in value) or "(the whole body)"
    return "none" if value is None else str(value)


def _json(value: object) -> JsonValue:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return _show(value)


def _auth(auth: ir.Auth) -> str:
    if auth.kind == "none":
        return "none"
    if auth.query_param is not None:
        return f"{auth.kind} (query {auth.query_param}=<key>)"
    if auth.kind == "basic":
        return "basic (<key> as the user name)"
    return f"{auth.kind} ({auth.header}: {auth.prefix}<key>)"


def _headers(headers: tuple[ir.FixedHeader, ...]) -> dict[str, str]:
    return {h.name.lower(): h.value for h in headers}


def _settings(value: object) -> str | None:
    """A protocol setting of the IR (a dataclass or ``None``) as one line of text."""
    if value is None:
        return None
    parts = []
    for item in dataclass_fields(value):  # type: ignore[arg-type]
        part = getattr(value, item.name)
        if part not in (None, ()):
            parts.append(f"{item.name.replace('_', ' ')} {_show(part)}")
    return ", ".join(parts) or "none"


def _retry(delay: ir.BodyRetryDelay | None) -> str | None:
    return None if delay is None else f"{'.'.join(delay.path)} ({delay.unit})"


def _one_line(changes: list[Change]) -> Change:
    """Changes at one place as one line: the most severe part's kind, every part's text."""
    parts: list[Part] = []
    for change in changes:
        for part in change.parts or (Part(change.kind, change.message),):
            if part not in parts:
                parts.append(part)
    first = min(changes, key=lambda c: SEVERITIES.index(c.severity))
    typed = next((c for c in changes if c.kind.startswith("type_")), first)
    via: list[str] = []
    for change in changes:
        via += [v for v in change.via if v not in via]
    return Change(
        first.kind,
        first.side,
        first.location,
        "; ".join(p.message for p in parts),
        tuple(via),
        typed.old,
        typed.new,
        first.param,
        first.shared,
        tuple(parts) if len(parts) > 1 else (),
    )


def merge(found: list[Change]) -> list[Change]:
    """Changes met through several entries are reported once, with every entry; changes at
    one place are one line. Breaking first."""
    by_key: dict[tuple[str, ...], list[Change]] = {}
    for change in found:
        by_key.setdefault(change.key, []).append(change)
    by_place: dict[tuple[str, ...], list[Change]] = {}
    for same in by_key.values():
        first = same[0]
        via = tuple(dict.fromkeys(v for c in same for v in c.via))
        by_place.setdefault(first.place, []).append(
            Change(first.kind, first.side, first.location, first.message, via, first.old,
                   first.new, first.param, first.shared, first.parts)
        )
    lines = [group[0] if len(group) == 1 else _one_line(group) for group in by_place.values()]
    return sorted(lines, key=lambda c: (SEVERITIES.index(c.severity), c.path, c.side))


class ApiDiff:
    """Collects the changes from ``old`` to ``new``."""

    def __init__(self, old: ir.Api, new: ir.Api, scope: Scope = "all") -> None:
        self.old, self.new, self.scope = old, new, scope
        self.schemas = SchemaDiff(old, new)
        self.found: list[Change] = []

    def add(
        self, kind: str, side: Side, entry: str, message: str,
        old: JsonValue = None, new: JsonValue = None, *, param: str | None = None,
    ) -> None:
        location = param or ""
        self.found.append(Change(kind, side, location, message, (entry,), old, new, param))

    def changed(
        self, kind: str, side: Side, entry: str, what: str, old: object, new: object,
        *, param: str | None = None,
    ) -> None:
        """``what old → new``, when they differ."""
        if old != new:
            text = f"{what} {_show(old)} → {_show(new)}".lstrip()
            self.add(kind, side, entry, text, _json(old), _json(new), param=param)

    def extend(self, entry: str, changes: list[Change], *, param: str | None = None) -> None:
        for c in changes:
            location = c.location or (param or "")
            self.found.append(
                Change(c.kind, c.side, location, c.message, (entry,), c.old, c.new,
                       param, c.shared, c.parts)
            )

    def run(self) -> list[Change]:
        self._api()
        self._operations()
        return merge(self.found)

    # ---------------------------------------------------------------------------------------
    # The API
    # ---------------------------------------------------------------------------------------

    def _api(self) -> None:
        old, new = self.old, self.new
        if old.base_url != new.base_url:
            if new.base_url is None:
                kind, text = "base_url_removed", f"default {old.base_url} removed"
            elif old.base_url is None:
                kind, text = "base_url_added", f"default {new.base_url} added"
            else:
                kind, text = "base_url_changed", f"{old.base_url} → {new.base_url}"
            self.add(kind, "api", "base_url", text, old.base_url, new.base_url)
        self.changed("auth_changed", "api", "auth", "", _auth(old.auth), _auth(new.auth))
        self.changed(
            "auth_env_changed", "api", "auth", "environment variable",
            old.auth.env_var, new.auth.env_var,
        )
        self.changed(
            "auth_env_changed", "api", "auth", "password environment variable",
            old.auth.password_env, new.auth.password_env,
        )
        self.fixed_headers("headers", old.fixed_headers, new.fixed_headers)
        self.changed(
            "client_behaviour_changed", "api", "rate_limit", "rate limit signals",
            _settings(old.rate_limit), _settings(new.rate_limit),
        )
        self.changed(
            "success_changed", "api", "success", "success in 2xx bodies",
            _settings(old.success), _settings(new.success),
        )
        self.changed("package_renamed", "api", "package", "", old.package, new.package)
        self.changed("client_renamed", "api", "client", "", old.client_name, new.client_name)
        self.changed("version_changed", "api", "version", "", old.version, new.version)
        self.changed(
            "client_behaviour_changed", "api", "request_id_header", "request id header",
            old.request_id_header, new.request_id_header,
        )
        self.changed(
            "client_behaviour_changed", "api", "retry_delay", "retry delay in error bodies",
            _retry(old.retry_delay), _retry(new.retry_delay),
        )
        before = {h.wire_name: h.py_name for h in old.extra_headers}
        after = {h.wire_name: h.py_name for h in new.extra_headers}
        for name in before.keys() | after.keys():
            if name not in after:
                self.add("client_header_removed", "api", "headers", f"client header {name} removed")
            elif name not in before:
                self.add("client_header_added", "api", "headers", f"client header {name} added")
            else:
                self.changed(
                    "client_header_removed", "api", "headers", f"client argument for {name}",
                    before[name], after[name],
                )
        self.errors("errors", old.default_errors, new.default_errors)

    # ---------------------------------------------------------------------------------------
    # Operations
    # ---------------------------------------------------------------------------------------

    def _operations(self) -> None:
        old_ops = {label(r, op): op for r in self.old.resources for op in r.operations}
        new_ops = {label(r, op): op for r in self.new.resources for op in r.operations}
        by_shape: dict[tuple[str, str], str] = {}
        for name, op in new_ops.items():
            by_shape.setdefault(shape(op), name)
        matched: dict[str, str] = {}  # old label → new label
        for name, op in old_ops.items():  # same method and path, whatever the name
            other = by_shape.get(shape(op))
            if other is not None and other not in matched.values():
                matched[name] = other
        for name in old_ops:  # same name, another method or path
            if name not in matched and name in new_ops and name not in matched.values():
                matched[name] = name
        if self.scope != "new":
            for name, op in old_ops.items():
                if name not in matched:
                    text = f"operation removed ({op.method} {op.path})"
                    self.add("operation_removed", "operation", name, text)
        if self.scope != "old":
            for name, op in new_ops.items():
                if name not in matched.values():
                    text = f"operation added ({op.method} {op.path})"
                    self.add("operation_added", "operation", name, text)
        for old_name, new_name in matched.items():
            self.operation(old_name, old_ops[old_name], new_name, new_ops[new_name])

    def operation(self, old_name: str, old: ir.Operation, entry: str, new: ir.Operation) -> None:
        self.changed("operation_renamed", "operation", old_name, "renamed", old_name, entry)
        if shape(old) != shape(new):
            before, after = f"{old.method} {old.path}", f"{new.method} {new.path}"
            self.changed("operation_moved", "operation", entry, "", before, after)
        if old.deprecated != new.deprecated:
            kind = "operation_deprecated" if new.deprecated else "operation_undeprecated"
            self.add(kind, "operation", entry, "deprecated" if new.deprecated else "undeprecated")
        if old.idempotent != new.idempotent:
            text = "now retried after" if new.idempotent else "no longer retried after"
            self.add("client_behaviour_changed", "operation", entry, f"{text} a failure")
        self.fixed_headers(entry, old.fixed_headers, new.fixed_headers)
        self.params(entry, old, new)
        self.body(entry, old.body, new.body)
        self.response(entry, old.response, new.response)
        self.pagination(entry, old.pagination, new.pagination)
        self.errors(entry, old.errors, new.errors)

    def fixed_headers(
        self, entry: str, old: tuple[ir.FixedHeader, ...], new: tuple[ir.FixedHeader, ...]
    ) -> None:
        """Headers sent with a constant value (an API version, an Accept)."""
        before, after = _headers(old), _headers(new)
        for name in sorted(before.keys() | after.keys()):
            what = f"fixed header {name}"
            self.changed("fixed_header_changed", "api" if entry == "headers" else "operation",
                         entry, what, before.get(name), after.get(name))

    def params(self, entry: str, old: ir.Operation, new: ir.Operation) -> None:
        self.param_lists(entry, old.params, new.params, shape(old) == shape(new), old, new)

    def param_lists(
        self, entry: str, old_params: tuple[ir.Parameter, ...],
        new_params: tuple[ir.Parameter, ...], same_path: bool,
        old: ir.Operation, new: ir.Operation,
    ) -> None:
        old_by = {(p.location, p.wire_name): p for p in old_params}
        new_by = {(p.location, p.wire_name): p for p in new_params}
        pairs = [(p, new_by[k]) for k, p in old_by.items() if k in new_by]
        gone = [p for k, p in old_by.items() if k not in new_by]
        came = [p for k, p in new_by.items() if k not in old_by]
        old_slots, new_slots = _PARAM.findall(old.path), _PARAM.findall(new.path)

        def slot(p: ir.Parameter, slots: list[str]) -> int | None:
            name = "{" + p.wire_name + "}"
            return slots.index(name) if p.location == "path" and name in slots else None

        for a in list(gone):
            # The same place in the path ({id} → {run_id}), or the same keyword argument.
            b = next((p for p in came if p.py_name == a.py_name), None)
            if same_path and slot(a, old_slots) is not None:
                b = next((p for p in came if slot(p, new_slots) == slot(a, old_slots)), b)
            if b is not None:
                pairs.append((a, b))
                gone.remove(a)
                came.remove(b)
        for p in gone:
            text = f"{p.location} parameter {p.wire_name} removed"
            self.add("param_removed", "request", entry, text, p.wire_name, param=p.py_name)
        for p in came:
            kind = "param_added_required" if p.required else "param_added_optional"
            what = f"{'required' if p.required else 'optional'}, {describe(p.type)}"
            text = f"{p.location} parameter {p.wire_name} added ({what})"
            self.add(kind, "request", entry, text, None, p.wire_name, param=p.py_name)
        for a, b in pairs:
            self.param(entry, a, b)

    def keyword(self, old: ir.Parameter, new: ir.Parameter) -> str:
        """The name a parameter change is reported under: the newer one."""
        return new.py_name

    def param(self, entry: str, old: ir.Parameter, new: ir.Parameter) -> None:
        name = self.keyword(old, new)
        self.changed("param_renamed", "request", entry, "keyword", old.py_name, name, param=name)
        self.changed(
            "param_moved", "request", entry, "",
            f"{old.location} {old.wire_name}", f"{new.location} {new.wire_name}", param=name,
        )
        if old.required != new.required:
            kind = "param_required" if new.required else "param_optional"
            text = "made required" if new.required else "made optional"
            self.add(kind, "request", entry, text, old.required, new.required, param=name)
        self.changed("param_style_changed", "request", entry, "style", old.style, new.style,
                     param=name)
        self.changed(
            "default_changed", "request", entry, "default",
            old.default and old.default.value, new.default and new.default.value, param=name,
        )
        if new.deprecated and not old.deprecated:
            self.add("field_deprecated", "request", entry, "deprecated", param=name)
        changes = constraint_changes(old.constraints, new.constraints, "request", "")
        self.extend(entry, changes, param=name)
        self.extend(entry, self.schemas.compare(old.type, new.type, "request", name), param=name)

    def body(self, entry: str, old: ir.RequestBody | None, new: ir.RequestBody | None) -> None:
        if old is not None and new is not None:
            if old.required != new.required:
                kind = "body_required" if new.required else "body_optional"
                text = "required" if new.required else "optional"
                self.add(kind, "request", entry, f"request body made {text}")
            self.body_encoding(entry, old, new)
            if old.type.kind == new.type.kind == "ref" or not (old.fields or new.fields):
                self.extend(entry, self.schemas.compare(old.type, new.type, "request", "body"))
            else:  # fields without a named object schema behind them
                self.extend(entry, self.schemas.compare_fields(old.fields, new.fields, "body"))
        elif old is not None:
            names = ", ".join(f.py_name for f in old.fields) or describe(old.type)
            self.add("body_removed", "request", entry, f"request body removed ({names})")
        elif new is not None:
            names = ", ".join(f.py_name for f in new.fields) or describe(new.type)
            kind = "body_added_required" if new.required else "body_added_optional"
            self.add(kind, "request", entry, f"request body added ({names})")

    def body_encoding(self, entry: str, old: ir.RequestBody, new: ir.RequestBody) -> None:
        """How a body travels, besides its fields: its media, Content-Type, whether it is one
        argument or keyword arguments, and how each form or multipart field is written. Any
        other attribute the IR grows is compared as a whole."""
        for item in dataclass_fields(old):
            name = item.name
            if name in _BODY_WALKED or not hasattr(new, name):
                continue
            a, b = getattr(old, name), getattr(new, name)
            if name == "encoding":
                for wire in dict.fromkeys(e.wire_name for e in (*a, *b)):
                    self._field_encoding(entry, wire, old.encoding_of(wire), new.encoding_of(wire))
            elif name == "whole" and a != b:
                text = ("the body is now one `body` argument" if b
                        else "the body's fields are now keyword arguments")
                self.add("body_encoding_changed", "request", entry, text, a, b)
            else:
                what = f"request body {name.replace('_', ' ')}"
                self.changed("body_encoding_changed", "request", entry, what, a, b)

    def _field_encoding(
        self, entry: str, wire: str, old: ir.Encoding, new: ir.Encoding
    ) -> None:
        for item in dataclass_fields(old):
            if item.name != "wire_name":
                what = f"{item.name.replace('_', ' ')} of field {wire}"
                a, b = getattr(old, item.name), getattr(new, item.name)
                self.changed("body_encoding_changed", "request", entry, what, a, b)

    def response(self, entry: str, old: ir.Response, new: ir.Response) -> None:
        self.changed("response_status_changed", "response", entry, "status", old.status, new.status)
        self.changed("response_media_changed", "response", entry, "response read as",
                     old.media, new.media)
        if old.media == new.media:
            self.changed("client_behaviour_changed", "response", entry, "Accept",
                         old.media_type, new.media_type)
        self.changed(
            "envelope_changed", "response", entry, "result read from", old.envelope, new.envelope
        )
        self.response_types(entry, old.type, new.type)

    def response_types(self, entry: str, old: ir.TypeRef | None, new: ir.TypeRef | None) -> None:
        if old is None and new is not None:
            self.add("response_body_added", "response", entry, f"now returns {describe(new)}")
        elif old is not None and new is None:
            text = f"no longer returns {describe(old)}"
            self.add("response_body_removed", "response", entry, text)
        elif old is not None and new is not None:
            self.extend(entry, self.schemas.compare(old, new, "response", ""))

    def pagination(self, entry: str, old: ir.Pagination, new: ir.Pagination) -> None:
        """Every attribute of a pagination style, whichever styles the IR knows."""
        if old.style == new.style:
            for item in dataclass_fields(old):
                if item.name not in ("item_type", "style"):
                    a, b = getattr(old, item.name), getattr(new, item.name)
                    if isinstance(a, tuple) and isinstance(b, tuple) and item.name == "headers":
                        a, b = ", ".join(a), ", ".join(b)
                    what = f"pagination {item.name.replace('_', ' ')}"
                    self.changed("pagination_changed", "operation", entry, what, a, b)
        elif old.style == "none":
            self.add("pagination_added", "operation", entry, f"now paginated ({new.style})")
        elif new.style == "none":
            text = f"no longer paginated (was {old.style})"
            self.add("pagination_removed", "operation", entry, text)
        else:
            self.changed("pagination_changed", "operation", entry, "pagination", old.style, new.style)

    def errors(
        self, entry: str, old: tuple[ir.ErrorResponse, ...], new: tuple[ir.ErrorResponse, ...]
    ) -> None:
        """Error bodies: which statuses have one, and what is in each (reported as info)."""
        before = {e.status: e.type for e in old}
        after = {e.status: e.type for e in new}
        for status in sorted(before.keys() | after.keys(), key=lambda s: (s is None, s or 0)):
            shown = "default" if status is None else str(status)
            a, b = before.get(status), after.get(status)
            if status not in before:
                text = f"error {shown} added ({describe(b) if b else 'no body'})"
                self.add("error_changed", "error", entry, text)
            elif status not in after:
                self.add("error_changed", "error", entry, f"error {shown} removed")
            elif a is None or b is None:
                self.changed(
                    "error_changed", "error", entry, f"error {shown} body",
                    describe(a) if a else "no body", describe(b) if b else "no body",
                )
            else:
                self.extend(entry, self.schemas.compare(a, b, "error", f"error {shown}"))


def compare_apis(old: ir.Api, new: ir.Api, scope: Scope = "all") -> list[Change]:
    """Every change from ``old`` to ``new``, breaking first."""
    return ApiDiff(old, new, scope).run()
