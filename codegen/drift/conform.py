"""``codegen conform``: our hand-written spec of a vendor against the OpenAPI document the
vendor publishes.

Each operation of ours is matched to the published operation with the same method and path
template (parameter names aside) and compared with the diff engine, ours as the old side and
the vendor's as the new one, structurally: names are ours to choose (models, Python names,
operation names), so only what travels on the wire is compared; a present-key union of ours is
the object with optional keys the vendor documents; an object parameter we send dotted or as a
deep object is the flat parameters the vendor lists (``start_date.year``). What the vendor's
document cannot say (our pagination declaration, our envelope) is checked against it instead:
the parameter we page with must be one the vendor takes, the fields we read must be in the
vendor's response.

Each difference is classified by what it does to users of our client (:data:`CLASSES`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from typing import Literal

from codegen import ir
from codegen.drift.changes import Change
from codegen.drift.diff import ApiDiff, label, merge, shape
from codegen.drift.schemas import SchemaDiff
from codegen.normalize.common import walk_type

Class = Literal["vendor_rejects", "client_refuses", "mistyped", "incomplete", "cosmetic"]

CLASSES: dict[Class, str] = {
    "vendor_rejects": "a call our client makes that the vendor may reject",
    "client_refuses": "a call the vendor accepts that our client refuses",
    "mistyped": "a response our client may read wrongly",
    "incomplete": "something the vendor documents that our client does not expose",
    "cosmetic": "no effect on calls or what they return",
}
FAILING: frozenset[Class] = frozenset({"vendor_rejects", "mistyped"})

# Our names: never a difference.
_NAMES = frozenset({"param_renamed", "field_renamed", "schema_renamed", "operation_renamed"})
_ADDED = frozenset({
    "param_added_optional", "field_added_optional", "field_added_required", "enum_values_added",
    "variant_added", "body_added_optional", "response_body_added", "additional_changed",
})


@dataclass(frozen=True)
class Difference:
    change: Change
    cls: Class


@dataclass(frozen=True)
class OperationConformance:
    """One operation of ours: its published counterpart (``None``: none) and the differences."""

    label: str
    method: str
    path: str
    counterpart: str | None
    differences: tuple[Difference, ...]


def classify(change: Change, required_in_ours: bool = False) -> Class:
    """What a difference (ours → the vendor's) does to users of our client.
    ``required_in_ours``: the field it is about is required in our spec."""
    if change.side in ("error", "api") and change.kind not in ("auth_changed", "base_url_changed"):
        return "cosmetic"
    if change.kind in ("auth_changed", "base_url_changed"):
        return "vendor_rejects"
    if change.kind.startswith("pagination") or change.kind == "envelope_changed":
        return "mistyped"
    severity = change.severity
    if severity == "info":
        return "cosmetic"
    if change.side == "response":
        if change.kind == "field_removed":
            # A field of ours the vendor does not document: an optional one just stays None.
            return "mistyped" if required_in_ours else "cosmetic"
        if change.kind in ("enum_values_removed", "variant_removed"):
            return "cosmetic"  # we list values the vendor never sends
        if severity == "breaking":
            return "mistyped"
        if change.kind in _ADDED or (change.kind == "type_narrowed" and change.old == "any"):
            return "incomplete"
        return "cosmetic"
    # The request side (and the operation itself)
    if severity == "breaking":
        return "vendor_rejects"
    if change.kind in _ADDED or change.kind == "operation_added":
        return "incomplete"
    return "client_refuses"


class Conformance(ApiDiff):
    """Ours (``old``) against the vendor's document (``new``)."""

    def __init__(self, ours: ir.Api, published: ir.Api) -> None:
        super().__init__(ours, published)
        self.schemas = SchemaDiff(ours, published, structural=True)
        self._published_schemas = {s.name: s for s in published.schemas}
        self._ours_schemas = {s.name: s for s in ours.schemas}

    def run_all(self) -> tuple[list[Difference], list[OperationConformance]]:
        self._wire()
        api = [self._difference(c) for c in self._merged()]
        published = {shape(op): (r, op) for r in self.new.resources for op in r.operations}
        reports = []
        for resource in self.old.resources:
            for op in resource.operations:
                entry = label(resource, op)
                match = published.get(shape(op))
                if match is None:
                    reports.append(OperationConformance(entry, op.method, op.path, None, ()))
                    continue
                self.found = []
                self._conform(entry, op, match[1])
                differences = tuple(self._difference(c) for c in self._merged())
                counterpart = f"{label(*match)} ({match[1].operation_id})"
                reports.append(
                    OperationConformance(entry, op.method, op.path, counterpart, differences)
                )
        return api, reports

    def keyword(self, old: ir.Parameter, new: ir.Parameter) -> str:
        return old.py_name  # ours: the name our users call it by

    def _merged(self) -> list[Change]:
        return merge([c for c in self.found if c.kind not in _NAMES])

    def _difference(self, change: Change) -> Difference:
        owner, _, name = change.location.partition(".")
        schema = self._ours_schemas.get(owner)
        required = isinstance(schema, ir.ObjectSchema) and any(
            f.wire_name == name and f.required for f in schema.fields
        )
        return Difference(change, classify(change, required))

    def _wire(self) -> None:
        """What of the API travels: the default base URL and how the credential is sent."""
        old, new = self.old, self.new
        if new.base_url is not None and old.base_url not in (None, new.base_url):
            self.add("base_url_changed", "api", "base_url", f"{old.base_url} → {new.base_url}",
                     old.base_url, new.base_url)
        before = (old.auth.kind, old.auth.header, old.auth.prefix)
        after = (new.auth.kind, new.auth.header, new.auth.prefix)
        if new.auth.kind != "none" and before != after:
            self.changed("auth_changed", "api", "auth", "", " ".join(before), " ".join(after))

    def _conform(self, entry: str, ours: ir.Operation, theirs: ir.Operation) -> None:
        self.param_lists(
            entry, _flat(ours.params, self._ours_schemas),
            _flat(theirs.params, self._published_schemas), True, ours, theirs,
        )
        self.body(entry, ours.body, theirs.body)
        published = theirs.response.type
        if ours.response.envelope and published is not None:
            published = walk_type(self._published_schemas, published, ours.response.envelope)
            if published is None:
                where = ".".join(ours.response.envelope)
                self.add("envelope_changed", "response", entry,
                         f"the vendor's response has no field {where} (our result is read there)")
                return
        if theirs.response.type is not None or ours.response.type is not None:
            self.response_types(entry, ours.response.type, published)
        self._pagination(entry, ours, theirs)
        self.errors(entry, _errors(ours, self.old), _errors(theirs, self.new))

    def _pagination(self, entry: str, ours: ir.Operation, theirs: ir.Operation) -> None:
        """Our pagination against the vendor's operation: every parameter it sends is one the
        vendor takes; every field it reads is in the vendor's response. Generic over the
        attributes of any pagination style."""
        pagination = ours.pagination
        if isinstance(pagination, ir.NoPagination):
            return
        query = {p.wire_name for p in _flat(theirs.params, self._published_schemas)}
        for item in dataclass_fields(pagination):
            value = getattr(pagination, item.name)
            what = f"pagination {item.name.replace('_', ' ')}"
            if isinstance(value, str) and (item.name == "param" or item.name.endswith("_param")):
                if value not in query:
                    self.add("pagination_changed", "operation", entry,
                             f"{what}: the vendor documents no parameter {value}", value, None)
            elif (isinstance(value, tuple) and value and item.name != "headers"
                  and all(isinstance(v, str) for v in value)):
                # A path into the body, or (``..._from_item``) into the page's last item.
                start = theirs.response.type
                if item.name.endswith("_from_item"):
                    start = _item_type(self._published_schemas, theirs.response.type,
                                       pagination.items)
                found = walk_type(self._published_schemas, start, value)
                if found is None:
                    where = ".".join(value)
                    self.add("pagination_changed", "operation", entry,
                             f"{what}: the vendor's response has no field {where}", where, None)


def _item_type(
    schemas: dict[str, ir.Schema], body: ir.TypeRef | None, items: tuple[str, ...]
) -> ir.TypeRef | None:
    found = walk_type(schemas, body, items) if items else body
    return found.items if found is not None and found.kind == "array" else None


def _errors(op: ir.Operation, api: ir.Api) -> tuple[ir.ErrorResponse, ...]:
    """An operation's error bodies, the API's defaults filling the statuses it leaves out."""
    own = {e.status for e in op.errors}
    return op.errors + tuple(e for e in api.default_errors if e.status not in own)


def _flat(params: tuple[ir.Parameter, ...], schemas: dict[str, ir.Schema]) -> tuple[ir.Parameter, ...]:
    """Parameters as they go on the wire: an object sent dotted (``start_date.year``) or as a
    deep object (``sort_by[created_at]``) is one parameter per field."""
    out: list[ir.Parameter] = []
    for p in params:
        _, schema = ir.resolve_alias(schemas, p.type)
        if p.style == "form" or not isinstance(schema, ir.ObjectSchema) or not schema.fields:
            out.append(p)
            continue
        for f in schema.fields:
            wire = f"{p.wire_name}.{f.wire_name}" if p.style == "dotted" else f"{p.wire_name}[{f.wire_name}]"
            out.append(replace(
                p, wire_name=wire, py_name=f"{p.py_name}.{f.py_name}", type=f.type,
                required=p.required and f.required, style="form", constraints=f.constraints,
                default=f.default, deprecated=p.deprecated or f.deprecated,
            ))
    return tuple(out)


def conform(ours: ir.Api, published: ir.Api) -> tuple[list[Difference], list[OperationConformance]]:
    """The API-wide differences and, per operation of ours, its counterpart and differences."""
    return Conformance(ours, published).run_all()
