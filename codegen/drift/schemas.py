"""Comparing two types of two versions of an API, through their named schemas.

:meth:`SchemaDiff.compare` walks an old and a new :class:`~codegen.ir.TypeRef` side by side:
nullability, kind, array items, map values, enum values and union variants are compared where
they are used, so a change is reported at the field that holds it (``AutomationRun.status``).
Object schemas are compared once per pair and side and reached breadth-first, so recursive
schemas (a value that holds values) end, and an operation is told every change it reaches.

A change of type is one change, nullability included: ``{}`` becoming ``["object", "null"]``
narrows ``Any`` to ``dict[str, Any] | None``, and the old and new sets of values decide whether
it widened, narrowed or changed. Narrowing from ``Any`` counts only when the client still hands
out the same Python value (a string, a number, a dict): a value that becomes a model, a date or
an int parsed from a string is another type for code that read the raw value.

With ``structural=True`` (``codegen conform``: our hand-written spec against a vendor's
document) names do not matter, only what travels: renamed models and Python names are not
reported, and a present-key union is compared as the object with every key optional that it
reads from the wire.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Literal

from codegen import ir
from codegen.drift.changes import Change, Side
from codegen.drift.constraints import constraint_changes

Pair = tuple[str, str, Side]  # old object schema, new object schema, side
Relation = Literal["same", "widened", "narrowed", "changed"]

_KIND_NAMES = {"datetime": "date-time", "binary": "bytes"}
_SCALARS = frozenset({"string", "integer", "number", "boolean", "date", "datetime"})
# Kinds the client hands out as the decoded JSON value itself.
_RAW = frozenset({"string", "integer", "number", "boolean", "any", "literal"})


@dataclass
class _Node:
    changes: list[Change] = field(default_factory=list)
    children: list[Pair] = field(default_factory=list)


def describe(ref: ir.TypeRef) -> str:
    """A type as a reader of the spec would name it, without its nullability."""
    if ref.kind == "ref":
        return str(ref.ref)
    if ref.kind == "literal":
        return json.dumps(ref.literal)
    if ref.kind in ("array", "map") and ref.items is not None:
        inner = describe(ref.items) + (" | null" if ref.items.nullable else "")
        return f"{'array' if ref.kind == 'array' else 'map'} of {inner}"
    if ref.kind == "integer" and ref.string_encoded:
        return "integer (as a string)"
    if ref.kind == "union":
        return " | ".join(describe(variant) for variant in ref.variants)
    return _KIND_NAMES.get(ref.kind, ref.kind)


def _shown(ref: ir.TypeRef) -> str:
    """:func:`describe` with nullability (``Any`` includes null already)."""
    return describe(ref) + (" | null" if ref.nullable and ref.kind != "any" else "")




def _combine(kind: Relation, null: Relation) -> Relation:
    if null == "same" or kind == null:
        return kind
    if kind == "same":
        return null
    return "changed"


class SchemaDiff:
    """Compares types of ``old`` with types of ``new``."""

    def __init__(self, old: ir.Api, new: ir.Api, *, structural: bool = False) -> None:
        self._old = {s.name: s for s in old.schemas}
        self._new = {s.name: s for s in new.schemas}
        self.structural = structural
        self._nodes: dict[Pair, _Node] = {}
        self._flat: dict[tuple[bool, str], ir.ObjectSchema | None] = {}

    # ---------------------------------------------------------------------------------------
    # Entry point
    # ---------------------------------------------------------------------------------------

    def compare(
        self, old: ir.TypeRef, new: ir.TypeRef, side: Side, location: str
    ) -> list[Change]:
        """Every change between two types, including those in the schemas they reach. Changes
        inside named schemas are marked ``shared``."""
        changes: list[Change] = []
        return self._walk(changes, self._types(old, new, side, location, changes))

    def compare_fields(
        self, old: tuple[ir.Field, ...], new: tuple[ir.Field, ...], owner: str,
        side: Side = "request",
    ) -> list[Change]:
        """Every change between two field lists that belong to no named schema (a request
        body's), including those in the schemas they reach."""
        changes, children = self.fields(old, new, side, owner)
        return self._walk(changes, children)

    def _walk(self, changes: list[Change], start: list[Pair]) -> list[Change]:
        pending = deque(start)
        seen: set[Pair] = set()
        while pending:
            pair = pending.popleft()
            if pair in seen:
                continue
            seen.add(pair)
            node = self._node(pair)
            changes += node.changes
            pending.extend(node.children)
        return changes

    def fields(
        self, old: tuple[ir.Field, ...], new: tuple[ir.Field, ...], side: Side, owner: str
    ) -> tuple[list[Change], list[Pair]]:
        """Changes between two field lists (an object's, or a request body's)."""
        changes: list[Change] = []
        children: list[Pair] = []
        old_by, new_by = {f.wire_name: f for f in old}, {f.wire_name: f for f in new}
        for name, before in old_by.items():
            where = f"{owner}.{name}"
            after = new_by.get(name)
            if after is None:
                changes.append(Change("field_removed", side, where, "field removed", old=name))
                continue
            if before.py_name != after.py_name and not self.structural:
                text = f"Python name {before.py_name} → {after.py_name}"
                changes.append(
                    Change("field_renamed", side, where, text, old=before.py_name, new=after.py_name)
                )
            if before.required != after.required:
                kind = "field_required" if after.required else "field_optional"
                text = "made required" if after.required else "made optional"
                changes.append(
                    Change(kind, side, where, text, old=before.required, new=after.required)
                )
            if after.deprecated and not before.deprecated:
                changes.append(Change("field_deprecated", side, where, "deprecated"))
            if before.default != after.default:
                changes.append(_default_change(side, where, before.default, after.default))
            changes += constraint_changes(before.constraints, after.constraints, side, where)
            children += self._types(before.type, after.type, side, where, changes)
        for name, after in new_by.items():
            if name not in old_by:
                kind = "field_added_required" if after.required else "field_added_optional"
                text = "required" if after.required else "optional"
                changes.append(
                    Change(
                        kind,
                        side,
                        f"{owner}.{name}",
                        f"field added ({text}, {_shown(after.type)})",
                        new=name,
                    )
                )
        return changes, children

    # ---------------------------------------------------------------------------------------
    # Types
    # ---------------------------------------------------------------------------------------

    def _types(
        self, old: ir.TypeRef, new: ir.TypeRef, side: Side, where: str, out: list[Change]
    ) -> list[Pair]:
        """Append the changes at ``where`` to ``out``; return the object pairs to walk next."""
        old, new = ir.resolve_alias(self._old, old)[0], ir.resolve_alias(self._new, new)[0]
        same_shape = (
            (old.kind == new.kind and old.kind not in ("literal", "ref"))
            or (old.kind == new.kind == "literal" and old.literal == new.literal)
            or (old.kind == new.kind == "ref" and self._comparable_refs(old, new))
        )
        if not same_shape:
            self._retyped(old, new, side, where, out)
            return []
        if old.nullable != new.nullable:
            kind = "nullable_added" if new.nullable else "nullable_removed"
            text = "made nullable" if new.nullable else "no longer nullable"
            out.append(Change(kind, side, where, text, old=old.nullable, new=new.nullable))
        if old.kind == "ref":
            return self._refs(old, new, side, where, out)
        if old.kind in ("array", "map") and old.items and new.items:
            if where:
                inner = where + ("[]" if old.kind == "array" else "{}")
            else:
                inner = "items" if old.kind == "array" else "values"
            return self._types(old.items, new.items, side, inner, out)
        if old.string_encoded != new.string_encoded:
            text = "now sent as a JSON string" if new.string_encoded else "now sent as a JSON number"
            out.append(Change("encoding_changed", side, where, text))
        return []

    def _retyped(
        self, old: ir.TypeRef, new: ir.TypeRef, side: Side, where: str, out: list[Change]
    ) -> None:
        """One change for a new type, its nullability included."""
        old_null, new_null = old.nullable or old.kind == "any", new.nullable or new.kind == "any"
        null: Relation = (
            "same" if old_null == new_null else "widened" if new_null else "narrowed"
        )
        relation = _combine(self._compatibility(old, new), null)
        # Nullability is shown when it is part of the change.
        a, b = (describe(old), describe(new)) if null == "same" else (_shown(old), _shown(new))
        before, after = self._old.get(old.ref or ""), self._new.get(new.ref or "")
        if old.kind == new.kind == "ref" and before is not None and after is not None:
            a = a.replace(before.name, f"{before.name} ({before.kind})", 1)
            b = b.replace(after.name, f"{after.name} ({after.kind})", 1)
        out.append(Change(f"type_{relation}", side, where, f"type {a} → {b}", old=a, new=b))

    def _scalar_kind(self, ref: ir.TypeRef, schemas: dict[str, ir.Schema]) -> str:
        """The kind of plain value a type holds: an enum counts as its base, a literal as its
        value's kind."""
        if ref.kind == "literal":
            return ir.json_type(ref.literal)
        schema = schemas.get(ref.ref or "") if ref.kind == "ref" else None
        if isinstance(schema, ir.EnumSchema):
            return schema.base
        return ref.kind

    def _raw(self, ref: ir.TypeRef, schemas: dict[str, ir.Schema]) -> bool:
        """Whether the client hands out the decoded JSON value itself (an enum member is a
        ``str`` or ``int`` too)."""
        ref = ir.resolve_alias(schemas, ref)[0]
        if ref.kind in ("array", "map"):
            return ref.items is None or self._raw(ref.items, schemas)
        if ref.kind == "ref":
            return isinstance(schemas.get(ref.ref or ""), ir.EnumSchema)
        return ref.kind in _RAW and not ref.string_encoded

    def _compatibility(self, old: ir.TypeRef, new: ir.TypeRef) -> Relation:
        """``widened`` when every old value is a new value, ``narrowed`` the other way round;
        nullability aside."""
        before, after = self._scalar_kind(old, self._old), self._scalar_kind(new, self._new)
        restricted = ("literal", "ref")
        if after == "any" or (before, after) == ("integer", "number"):
            return "widened"
        if before == "any":
            if self.structural or self._raw(new, self._new):
                return "narrowed"
            return "changed"
        if (before, after) == ("number", "integer"):
            return "narrowed"
        if before == after and before in _SCALARS:
            # An enum or literal against its plain base type.
            if old.kind in restricted and new.kind not in restricted:
                return "widened"
            if new.kind in restricted and old.kind not in restricted:
                return "narrowed"
        return "changed"

    # ---------------------------------------------------------------------------------------
    # Named schemas
    # ---------------------------------------------------------------------------------------

    def _comparable_refs(self, old: ir.TypeRef, new: ir.TypeRef) -> bool:
        before, after = self._old.get(old.ref or ""), self._new.get(new.ref or "")
        if before is None or after is None or before.kind == after.kind:
            return True
        return self._object(True, before) is not None and self._object(False, after) is not None

    def _object(self, is_old: bool, schema: ir.Schema) -> ir.ObjectSchema | None:
        """The object a schema reads from the wire: itself, or (structurally) a present-key
        union as one object whose keys are all optional."""
        if isinstance(schema, ir.ObjectSchema):
            return schema
        if not (self.structural and isinstance(schema, ir.UnionSchema)):
            return None
        if schema.discriminator != "present_key":
            return None
        key = (is_old, schema.name)
        if key not in self._flat:
            schemas = self._old if is_old else self._new
            variants = [schemas.get(v.ref) for v in schema.variants]
            objects = [v for v in variants if isinstance(v, ir.ObjectSchema)]
            merged: dict[str, ir.Field] = {}
            for variant in objects:
                for f in variant.fields:
                    merged.setdefault(f.wire_name, f)
            required = {
                name for name in merged if all(
                    any(f.wire_name == name and f.required for f in v.fields) for v in objects
                )
            }
            fields = tuple(replace(f, required=f.wire_name in required) for f in merged.values())
            self._flat[key] = (
                ir.ObjectSchema(schema.name, schema.origin, fields)
                if len(objects) == len(variants)
                else None
            )
        return self._flat[key]

    def _refs(
        self, old: ir.TypeRef, new: ir.TypeRef, side: Side, where: str, out: list[Change]
    ) -> list[Pair]:
        before, after = self._old.get(old.ref or ""), self._new.get(new.ref or "")
        if before is None or after is None:
            return []
        if before.name != after.name and not self.structural:
            out.append(
                Change(
                    "schema_renamed",
                    side,
                    where,
                    f"model {before.name} → {after.name}",
                    old=before.name,
                    new=after.name,
                )
            )
        old_object, new_object = self._object(True, before), self._object(False, after)
        if old_object is not None and new_object is not None:
            return [(before.name, after.name, side)]
        if before.kind != after.kind:
            out.append(
                Change(
                    "type_changed",
                    side,
                    where,
                    f"type {before.name} ({before.kind}) → {after.name} ({after.kind})",
                    old=before.name,
                    new=after.name,
                )
            )
            return []
        if isinstance(before, ir.EnumSchema) and isinstance(after, ir.EnumSchema):
            out.extend(_enum_changes(before, after, side, where))
        if isinstance(before, ir.UnionSchema) and isinstance(after, ir.UnionSchema):
            return self._unions(before, after, side, where, out)
        return []

    def _unions(
        self, old: ir.UnionSchema, new: ir.UnionSchema, side: Side, where: str, out: list[Change]
    ) -> list[Pair]:
        if (old.discriminator, old.property) != (new.discriminator, new.property):
            out.append(
                Change(
                    "discriminator_changed",
                    side,
                    where,
                    f"variant chosen by {_discriminator(old)} → {_discriminator(new)}",
                )
            )
        old_tags = {v.tag: v.ref for v in old.variants}
        new_tags = {v.tag: v.ref for v in new.variants}
        added = [tag for tag in new_tags if tag not in old_tags]
        removed = [tag for tag in old_tags if tag not in new_tags]
        if added:
            text = "variants added: " + ", ".join(added)
            out.append(Change("variant_added", side, where, text, new=added))
        if removed:
            text = "variants removed: " + ", ".join(removed)
            out.append(Change("variant_removed", side, where, text, old=removed))
        pairs: list[Pair] = []
        for tag, ref in old_tags.items():
            if tag in new_tags:
                pairs += self._types(
                    ir.TypeRef("ref", ref=ref), ir.TypeRef("ref", ref=new_tags[tag]), side, where, out
                )
        return pairs

    def _node(self, pair: Pair) -> _Node:
        node = self._nodes.get(pair)
        if node is None:
            old = self._object(True, self._old[pair[0]])
            new = self._object(False, self._new[pair[1]])
            side = pair[2]
            assert old is not None and new is not None
            node = _Node()
            # Structurally (our spec against the vendor's), places are named as we name them.
            owner = old.name if self.structural else new.name
            changes, node.children = self.fields(old.fields, new.fields, side, owner)
            if (old.additional is None) != (new.additional is None):
                text = "extra keys allowed" if new.additional else "extra keys no longer described"
                changes.append(Change("additional_changed", side, f"{owner}.*", text))
            elif old.additional is not None and new.additional is not None:
                node.children += self._types(
                    old.additional, new.additional, side, f"{owner}.*", changes
                )
            node.changes = [replace(c, shared=True) for c in changes]
            self._nodes[pair] = node
        return node


def _discriminator(union: ir.UnionSchema) -> str:
    if union.discriminator == "property":
        return f"property {union.property!r}"
    return {"present_key": "the key present", "none": "trying each in turn"}[union.discriminator]


def _enum_changes(old: ir.EnumSchema, new: ir.EnumSchema, side: Side, where: str) -> list[Change]:
    if old.base != new.base:
        text = f"enum of {old.base} → enum of {new.base}"
        return [Change("type_changed", side, where, text, old=old.base, new=new.base)]
    before = [m.value for m in old.members]
    after = [m.value for m in new.members]
    added = [str(v) for v in after if v not in before]
    removed = [str(v) for v in before if v not in after]
    changes = []
    if added:
        text = "enum values added: " + ", ".join(added)
        changes.append(Change("enum_values_added", side, where, text, new=added))
    if removed:
        text = "enum values removed: " + ", ".join(removed)
        changes.append(Change("enum_values_removed", side, where, text, old=removed))
    return changes


def _default_change(
    side: Side, where: str, old: ir.Default | None, new: ir.Default | None
) -> Change:
    def show(value: ir.Default | None) -> str:
        return "none" if value is None else json.dumps(value.value)

    def raw(value: ir.Default | None) -> ir.JsonScalar:
        return None if value is None else value.value

    text = f"default {show(old)} → {show(new)}"
    return Change("default_changed", side, where, text, old=raw(old), new=raw(new))
