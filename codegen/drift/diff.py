"""``codegen diff``: a semantic comparison of two versions of a vendor spec.

Both versions are normalized to the IR, in whichever format they came, and compared there:
the API's settings (base URL, auth, client arguments), its operations (matched by method and
path, then by client name), their parameters, request bodies, responses, pagination and
errors, and every schema those reach (:mod:`codegen.drift.schemas`). Each difference is a
:class:`~codegen.drift.changes.Change`, classified for users of the generated client.
"""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields

from codegen import ir
from codegen.drift.changes import SEVERITIES, Change, JsonValue, Side
from codegen.drift.constraints import constraint_changes
from codegen.drift.schemas import SchemaDiff, describe

_PARAM = re.compile(r"\{[^}]*\}")


def label(resource: ir.Resource, op: ir.Operation) -> str:
    """How a user calls an operation: ``runs.list``."""
    return f"{resource.py_name}.{op.py_name}"


def _shape(op: ir.Operation) -> tuple[str, str]:
    return op.method, _PARAM.sub("{}", op.path)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return ".".join(str(v) for v in value) or "(the whole body)"
    return "none" if value is None else str(value)


def _auth(auth: ir.Auth) -> str:
    return "none" if auth.kind == "none" else f"{auth.kind} ({auth.header}: {auth.prefix}<key>)"


def _retry(delay: ir.BodyRetryDelay | None) -> str | None:
    return None if delay is None else f"{'.'.join(delay.path)} ({delay.unit})"


def merge(found: list[Change]) -> list[Change]:
    """Changes met through several entries are reported once, with every entry; breaking
    first."""
    merged: dict[tuple[str, str, str, str], Change] = {}
    for change in found:
        seen = merged.get(change.key)
        if seen is None:
            merged[change.key] = change
        elif change.via[0] not in seen.via:
            merged[change.key] = Change(
                seen.kind, seen.side, seen.location, seen.message, seen.via + change.via,
                seen.old, seen.new,
            )
    return sorted(merged.values(), key=lambda c: (SEVERITIES.index(c.severity), c.path))


class ApiDiff:
    """Collects the changes from ``old`` to ``new``."""

    def __init__(self, old: ir.Api, new: ir.Api) -> None:
        self.old, self.new = old, new
        self.schemas = SchemaDiff(old, new)
        self.found: list[Change] = []

    def add(
        self, kind: str, side: Side, entry: str, message: str,
        old: JsonValue = None, new: JsonValue = None,
    ) -> None:
        self.found.append(Change(kind, side, "", message, (entry,), old, new))

    def changed(
        self, kind: str, side: Side, entry: str, what: str, old: object, new: object
    ) -> None:
        """``what old → new``, when they differ."""
        if old != new:
            a, b = _show(old), _show(new)
            self.add(kind, side, entry, f"{what} {a} → {b}".lstrip(), a, b)

    def extend(self, entry: str, changes: list[Change]) -> None:
        for c in changes:
            self.found.append(Change(c.kind, c.side, c.location, c.message, (entry,), c.old, c.new))

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
        self._errors("errors", old.default_errors, new.default_errors)

    # ---------------------------------------------------------------------------------------
    # Operations
    # ---------------------------------------------------------------------------------------

    def _operations(self) -> None:
        old_ops = {label(r, op): op for r in self.old.resources for op in r.operations}
        new_ops = {label(r, op): op for r in self.new.resources for op in r.operations}
        by_shape: dict[tuple[str, str], str] = {}
        for name, op in new_ops.items():
            by_shape.setdefault(_shape(op), name)
        matched: dict[str, str] = {}  # old label → new label
        for name, op in old_ops.items():  # same method and path, whatever the name
            other = by_shape.get(_shape(op))
            if other is not None and other not in matched.values():
                matched[name] = other
        for name in old_ops:  # same name, another method or path
            if name not in matched and name in new_ops and name not in matched.values():
                matched[name] = name
        for name, op in old_ops.items():
            if name not in matched:
                text = f"operation removed ({op.method} {op.path})"
                self.add("operation_removed", "operation", name, text)
        for name, op in new_ops.items():
            if name not in matched.values():
                text = f"operation added ({op.method} {op.path})"
                self.add("operation_added", "operation", name, text)
        for old_name, new_name in matched.items():
            self._operation(old_name, old_ops[old_name], new_name, new_ops[new_name])

    def _operation(self, old_name: str, old: ir.Operation, entry: str, new: ir.Operation) -> None:
        self.changed("operation_renamed", "operation", old_name, "renamed", old_name, entry)
        if _shape(old) != _shape(new):
            before, after = f"{old.method} {old.path}", f"{new.method} {new.path}"
            self.changed("operation_moved", "operation", entry, "", before, after)
        if old.deprecated != new.deprecated:
            kind = "operation_deprecated" if new.deprecated else "operation_undeprecated"
            self.add(kind, "operation", entry, "deprecated" if new.deprecated else "undeprecated")
        if old.idempotent != new.idempotent:
            text = "now retried after" if new.idempotent else "no longer retried after"
            self.add("client_behaviour_changed", "operation", entry, f"{text} a failure")
        self._params(entry, old, new)
        self._body(entry, old.body, new.body)
        self._response(entry, old.response, new.response)
        self._pagination(entry, old.pagination, new.pagination)
        self._errors(entry, old.errors, new.errors)

    def _params(self, entry: str, old: ir.Operation, new: ir.Operation) -> None:
        old_by = {(p.location, p.wire_name): p for p in old.params}
        new_by = {(p.location, p.wire_name): p for p in new.params}
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
            if _shape(old) == _shape(new) and slot(a, old_slots) is not None:
                b = next((p for p in came if slot(p, new_slots) == slot(a, old_slots)), b)
            if b is not None:
                pairs.append((a, b))
                gone.remove(a)
                came.remove(b)
        for p in gone:
            text = f"{p.location} parameter {p.wire_name} removed"
            self.add("param_removed", "request", f"{entry}({p.py_name})", text)
        for p in came:
            kind = "param_added_required" if p.required else "param_added_optional"
            what = f"{'required' if p.required else 'optional'}, {describe(p.type)}"
            text = f"{p.location} parameter {p.wire_name} added ({what})"
            self.add(kind, "request", f"{entry}({p.py_name})", text)
        for a, b in pairs:
            self._param(f"{entry}({b.py_name})", a, b)

    def _param(self, entry: str, old: ir.Parameter, new: ir.Parameter) -> None:
        self.changed("param_renamed", "request", entry, "keyword", old.py_name, new.py_name)
        self.changed(
            "param_moved", "request", entry, "",
            f"{old.location} {old.wire_name}", f"{new.location} {new.wire_name}",
        )
        if old.required != new.required:
            kind = "param_required" if new.required else "param_optional"
            self.add(kind, "request", entry, "made required" if new.required else "made optional")
        self.changed("param_style_changed", "request", entry, "style", old.style, new.style)
        self.changed(
            "default_changed", "request", entry, "default",
            old.default and old.default.value, new.default and new.default.value,
        )
        if new.deprecated and not old.deprecated:
            self.add("field_deprecated", "request", entry, "deprecated")
        self.extend(entry, constraint_changes(old.constraints, new.constraints, "request", ""))
        self.extend(entry, self.schemas.compare(old.type, new.type, "request", ""))

    def _body(self, entry: str, old: ir.RequestBody | None, new: ir.RequestBody | None) -> None:
        if old is not None and new is not None:
            if old.required != new.required:
                kind = "body_required" if new.required else "body_optional"
                text = "required" if new.required else "optional"
                self.add(kind, "request", entry, f"request body made {text}")
            self.extend(entry, self.schemas.compare(old.type, new.type, "request", "body"))
        elif old is not None:
            names = ", ".join(f.py_name for f in old.fields) or describe(old.type)
            self.add("body_removed", "request", entry, f"request body removed ({names})")
        elif new is not None:
            names = ", ".join(f.py_name for f in new.fields) or describe(new.type)
            kind = "body_added_required" if new.required else "body_added_optional"
            self.add(kind, "request", entry, f"request body added ({names})")

    def _response(self, entry: str, old: ir.Response, new: ir.Response) -> None:
        self.changed("response_status_changed", "response", entry, "status", old.status, new.status)
        self.changed(
            "envelope_changed", "response", entry, "result read from", old.envelope, new.envelope
        )
        if old.type is None and new.type is not None:
            self.add("response_body_added", "response", entry, f"now returns {describe(new.type)}")
        elif old.type is not None and new.type is None:
            text = f"no longer returns {describe(old.type)}"
            self.add("response_body_removed", "response", entry, text)
        elif old.type is not None and new.type is not None:
            self.extend(entry, self.schemas.compare(old.type, new.type, "response", ""))

    def _pagination(self, entry: str, old: ir.Pagination, new: ir.Pagination) -> None:
        if old.style == new.style:
            for item in dataclass_fields(old):
                if item.name not in ("item_type", "style"):
                    a, b = getattr(old, item.name), getattr(new, item.name)
                    if item.name == "headers":
                        a, b = ", ".join(a), ", ".join(b)
                    what = f"pagination {item.name}"
                    self.changed("pagination_changed", "operation", entry, what, a, b)
        elif old.style == "none":
            self.add("pagination_added", "operation", entry, f"now paginated ({new.style})")
        elif new.style == "none":
            text = f"no longer paginated (was {old.style})"
            self.add("pagination_removed", "operation", entry, text)
        else:
            what = "pagination"
            self.changed("pagination_changed", "operation", entry, what, old.style, new.style)

    def _errors(
        self, entry: str, old: tuple[ir.ErrorResponse, ...], new: tuple[ir.ErrorResponse, ...]
    ) -> None:
        before = {e.status: describe(e.type) if e.type else "no body" for e in old}
        after = {e.status: describe(e.type) if e.type else "no body" for e in new}
        for status in sorted(before.keys() | after.keys(), key=lambda s: (s is None, s or 0)):
            shown = "default" if status is None else str(status)
            if status not in before:
                text = f"error {shown} added ({after[status]})"
                self.add("error_changed", "operation", entry, text)
            elif status not in after:
                self.add("error_changed", "operation", entry, f"error {shown} removed")
            else:
                a, b, what = before[status], after[status], f"error {shown} body"
                self.changed("error_changed", "operation", entry, what, a, b)


def compare_apis(old: ir.Api, new: ir.Api) -> list[Change]:
    """Every change from ``old`` to ``new``, breaking first."""
    return ApiDiff(old, new).run()
