"""Comparing two types of two versions of an API, through their named schemas.

:meth:`SchemaDiff.compare` walks an old and a new :class:`~codegen.ir.TypeRef` side by side:
nullability, kind, array items, map values, enum values and union variants are compared where
they are used, so a change is reported at the field that holds it (``AutomationRun.status``).
Object schemas are compared once per pair and side and reached breadth-first, so recursive
schemas (a value that holds values) end, and an operation is told every change it reaches.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field

from codegen import ir
from codegen.drift.changes import Change, Side
from codegen.drift.constraints import constraint_changes

Pair = tuple[str, str, Side]  # old object schema, new object schema, side

_KIND_NAMES = {"datetime": "date-time"}
_SCALARS = frozenset({"string", "integer", "number", "boolean", "date", "datetime"})


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


def _literal_kind(value: ir.JsonScalar) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


class SchemaDiff:
    """Compares types of ``old`` with types of ``new``."""

    def __init__(self, old: ir.Api, new: ir.Api) -> None:
        self._old = {s.name: s for s in old.schemas}
        self._new = {s.name: s for s in new.schemas}
        self._nodes: dict[Pair, _Node] = {}

    # ---------------------------------------------------------------------------------------
    # Entry point
    # ---------------------------------------------------------------------------------------

    def compare(self, old: ir.TypeRef, new: ir.TypeRef, side: Side, location: str) -> list[Change]:
        """Every change between two types, including those in the schemas they reach."""
        changes: list[Change] = []
        pending = deque(self._types(old, new, side, location, changes))
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
                changes.append(Change("field_removed", side, where, "field removed"))
                continue
            if before.py_name != after.py_name:
                changes.append(
                    Change(
                        "field_renamed",
                        side,
                        where,
                        f"Python name {before.py_name} → {after.py_name}",
                        old=before.py_name,
                        new=after.py_name,
                    )
                )
            if before.required != after.required:
                kind = "field_required" if after.required else "field_optional"
                changes.append(
                    Change(
                        kind, side, where, "made required" if after.required else "made optional"
                    )
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
                        f"field added ({text}, {describe(after.type)})",
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
        if old.nullable != new.nullable:
            kind = "nullable_added" if new.nullable else "nullable_removed"
            out.append(
                Change(kind, side, where, "made nullable" if new.nullable else "no longer nullable")
            )
        if old.kind == "ref" and new.kind == "ref":
            return self._refs(old, new, side, where, out)
        if old.kind == new.kind and old.kind in ("array", "map") and old.items and new.items:
            if where:
                inner = where + ("[]" if old.kind == "array" else "{}")
            else:
                inner = "items" if old.kind == "array" else "values"
            return self._types(old.items, new.items, side, inner, out)
        if old.kind == new.kind and old.kind != "literal":
            if old.string_encoded != new.string_encoded:
                text = (
                    "now sent as a JSON string"
                    if new.string_encoded
                    else "now sent as a JSON number"
                )
                out.append(Change("encoding_changed", side, where, text))
            return []
        if old.kind == "literal" and new.kind == "literal" and old.literal == new.literal:
            return []
        kind = "type_" + self._compatibility(old, new)
        out.append(
            Change(
                kind,
                side,
                where,
                f"type {describe(old)} → {describe(new)}",
                old=describe(old),
                new=describe(new),
            )
        )
        return []

    def _scalar_kind(self, ref: ir.TypeRef, schemas: dict[str, ir.Schema]) -> str:
        """The kind of plain value a type holds: an enum counts as its base, a literal as its
        value's kind."""
        if ref.kind == "literal":
            return _literal_kind(ref.literal)
        schema = schemas.get(ref.ref or "") if ref.kind == "ref" else None
        if isinstance(schema, ir.EnumSchema):
            return schema.base
        return ref.kind

    def _compatibility(self, old: ir.TypeRef, new: ir.TypeRef) -> str:
        """``widened`` when every old value is a new value, ``narrowed`` the other way round."""
        before, after = self._scalar_kind(old, self._old), self._scalar_kind(new, self._new)
        restricted = ("literal", "ref")
        if after == "any" or (before, after) == ("integer", "number"):
            return "widened"
        if (before == "any" and after in _SCALARS) or (before, after) == ("number", "integer"):
            return "narrowed"
        if before == after and before in _SCALARS:
            # An enum or literal against its plain base type.
            if old.kind in restricted and new.kind not in restricted:
                return "widened"
            if new.kind in restricted and old.kind not in restricted:
                return "narrowed"
        return "changed"

    def _refs(
        self, old: ir.TypeRef, new: ir.TypeRef, side: Side, where: str, out: list[Change]
    ) -> list[Pair]:
        before, after = self._old.get(old.ref or ""), self._new.get(new.ref or "")
        if before is None or after is None:
            return []
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
        if before.name != after.name:
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
        if isinstance(before, ir.ObjectSchema) and isinstance(after, ir.ObjectSchema):
            return [(before.name, after.name, side)]
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
            out.append(
                Change(
                    "variant_added", side, where, "variants added: " + ", ".join(added), new=added
                )
            )
        if removed:
            out.append(
                Change(
                    "variant_removed",
                    side,
                    where,
                    "variants removed: " + ", ".join(removed),
                    old=removed,
                )
            )
        pairs: list[Pair] = []
        for tag, ref in old_tags.items():
            if tag in new_tags:
                pairs += self._types(
                    ir.TypeRef("ref", ref=ref),
                    ir.TypeRef("ref", ref=new_tags[tag]),
                    side,
                    where,
                    out,
                )
        return pairs

    def _node(self, pair: Pair) -> _Node:
        node = self._nodes.get(pair)
        if node is None:
            old, new, side = self._old[pair[0]], self._new[pair[1]], pair[2]
            assert isinstance(old, ir.ObjectSchema) and isinstance(new, ir.ObjectSchema)
            node = _Node()
            node.changes, node.children = self.fields(old.fields, new.fields, side, new.name)
            if (old.additional is None) != (new.additional is None):
                text = "extra keys allowed" if new.additional else "extra keys no longer described"
                node.changes.append(Change("additional_changed", side, f"{new.name}.*", text))
            elif old.additional is not None and new.additional is not None:
                node.children += self._types(
                    old.additional, new.additional, side, f"{new.name}.*", node.changes
                )
            self._nodes[pair] = node
        return node


def _discriminator(union: ir.UnionSchema) -> str:
    if union.discriminator == "property":
        return f"property {union.property!r}"
    return {"present_key": "the key present", "none": "trying each in turn"}[union.discriminator]


def _enum_changes(old: ir.EnumSchema, new: ir.EnumSchema, side: Side, where: str) -> list[Change]:
    if old.base != new.base:
        return [
            Change(
                "type_changed",
                side,
                where,
                f"enum of {old.base} → enum of {new.base}",
                old=old.base,
                new=new.base,
            )
        ]
    before = [m.value for m in old.members]
    after = [m.value for m in new.members]
    added = [str(v) for v in after if v not in before]
    removed = [str(v) for v in before if v not in after]
    changes = []
    if added:
        changes.append(
            Change(
                "enum_values_added",
                side,
                where,
                "enum values added: " + ", ".join(added),
                new=added,
            )
        )
    if removed:
        changes.append(
            Change(
                "enum_values_removed",
                side,
                where,
                "enum values removed: " + ", ".join(removed),
                old=removed,
            )
        )
    return changes


def _default_change(
    side: Side, where: str, old: ir.Default | None, new: ir.Default | None
) -> Change:
    def show(value: ir.Default | None) -> str:
        return "none" if value is None else json.dumps(value.value)

    return Change("default_changed", side, where, f"default {show(old)} → {show(new)}")
