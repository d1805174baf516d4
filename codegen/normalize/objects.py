"""Objects: ``allOf`` merging, object schemas and their fields, value constraints, defaults.

Functions of one :class:`~codegen.normalize.schema.SchemaReader` (``reader``), which they call
back for the types of properties.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from codegen import ir
from codegen.errors import Path
from codegen.naming import NameProblem, attribute_name, explicit_name, pascal_case, spelled
from codegen.normalize.names import Candidate, numbered_attribute, settle
from codegen.normalize.values import ANY, is_scalar, origin, show, text

if TYPE_CHECKING:
    from codegen.normalize.schema import SchemaReader


def is_object(schema: dict[str, Any]) -> bool:
    return (
        schema.get("type") == "object"
        or "properties" in schema
        or "allOf" in schema
        or (isinstance(schema.get("type"), list) and "object" in schema["type"])
    )


def merge_all_of(
    reader: SchemaReader, schema: dict[str, Any], path: Path, merging: frozenset[Path] = frozenset()
) -> dict[str, Any] | None:
    """The members of an ``allOf`` (and the keys beside it) as one schema. ``merging`` holds
    the named schemas being merged on the way here: an ``allOf`` that comes back to one of them
    (A includes B, which includes A) leaves the repeated part out."""
    members = schema["allOf"]
    rest = {k: v for k, v in schema.items() if k != "allOf"}
    if not isinstance(members, list) or not members:
        if reader.strict:
            reader.error((*path, "allOf"), "allOf must be a non-empty list of schemas")
            return None
        reader.warn((*path, "allOf"), "allOf must be a non-empty list of schemas; it is ignored")
        return rest
    merging = merging | {path}
    lone_ref = len(members) == 1 and isinstance(members[0], dict) and "$ref" in members[0]
    if lone_ref and set(rest) <= {"description", "nullable", "title", "deprecated", "readOnly"}:
        return {**rest, "$ref": members[0]["$ref"]}
    merged: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for index, member in enumerate([*members, rest]):
        member_path = (*path, "allOf", index) if index < len(members) else path
        body, body_path = reader.raw(member, member_path)
        if body_path in merging and body_path != member_path:
            reader.warn(member_path, f"allOf comes back to {body_path[-1]!r}, which is being merged "
                        "already; that member is left out")
            continue
        if not isinstance(body, dict):
            if reader.strict:
                reader.error(member_path, "expected a schema (a mapping)")
                return None
            reader.warn(member_path, f"an allOf member must be a schema, got {show(body)}; it is left out")
            continue
        if "allOf" in body:
            inner = merge_all_of(reader, body, body_path, merging)
            if inner is None:
                return None
            body = inner
        for key, value in body.items():
            if key == "properties" and isinstance(value, dict):
                for prop, prop_schema in value.items():
                    if prop in properties and isinstance(prop_schema, dict):
                        previous, _ = reader.raw(properties[prop], member_path)
                        if isinstance(previous, dict):
                            properties[prop] = {**previous, **prop_schema}
                            continue
                    properties[prop] = prop_schema
            elif key == "required" and isinstance(value, list):
                required.extend(r for r in value if r not in required)
            elif key == "description" and "description" in merged:
                continue
            else:
                if key == "type" and key in merged and merged[key] != value:
                    reader.warn(
                        member_path,
                        f"allOf members disagree on the type ({show(merged[key])} and "
                        f"{show(value)}); the last one is used",
                    )
                merged[key] = value
    if properties:
        merged["properties"] = properties
        merged.setdefault("type", "object")
    if required:
        merged["required"] = required
    return merged


def read_object(
    reader: SchemaReader, schema: dict[str, Any], path: Path, name: str, nullable: bool, named: bool
) -> ir.TypeRef:
    properties = schema.get("properties")
    additional = schema.get("additionalProperties")
    if properties is None and not named:
        # A free-form map: {type: object} or {additionalProperties: {...}}.
        if isinstance(additional, dict) and additional:
            values = reader.type_of(additional, (*path, "additionalProperties"), name + "Value")
            return ir.TypeRef("map", items=values, nullable=nullable)
        return ir.TypeRef("map", items=ANY, nullable=nullable)
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        reader.error((*path, "properties"), "properties must be a mapping")
        return ANY
    with reader.class_scope():
        fields = read_fields(reader, schema, path, name)
        additional_type: ir.TypeRef | None = None
        if isinstance(additional, dict) and additional:
            additional_type = reader.type_of(additional, (*path, "additionalProperties"), name + "Value")
    obj = ir.ObjectSchema(
        name=name,
        origin=origin(path),
        fields=fields,
        description=text(schema.get("description")),
        additional=additional_type,
        closed=additional is False,
    )
    ref = reader.register(obj, path)
    return ir.TypeRef("ref", ref=ref.ref, nullable=nullable)


def read_fields(reader: SchemaReader, schema: dict[str, Any], path: Path, parent: str) -> tuple[ir.Field, ...]:
    properties = schema.get("properties") or {}
    required = schema.get("required") or []
    if not isinstance(required, list):
        reader.error((*path, "required"), "required must be a list of property names")
        required = []
    for index, item in enumerate(required):
        if item not in properties:
            reader.problem((*path, "required", index), f"required property {item!r} is not defined",
                           f"required property {item!r} is not defined; it is ignored")
    names = _field_names(reader, properties, path)
    fields: list[ir.Field] = []
    for wire, prop in properties.items():
        if wire not in names:
            continue
        prop_path = (*path, "properties", wire)
        body = reader.body(prop, prop_path)
        own = prop if isinstance(prop, dict) else {}
        field_type = reader.type_of(prop, prop_path, parent + pascal_case(wire))
        fields.append(
            ir.Field(
                wire_name=wire,
                py_name=names[wire],
                type=field_type,
                required=wire in required,
                description=text(own.get("description", body.get("description"))),
                default=default(reader, own, prop_path),
                constraints=constraints(reader, body, prop_path),
                deprecated=own.get("deprecated") is True,
            )
        )
    return tuple(fields)


def _field_names(reader: SchemaReader, properties: dict[Any, Any], path: Path) -> dict[str, str]:
    """The Python name of each property. Names derived from wire names that come out alike are
    told apart (``is_global`` keeps its name, ``isGlobal`` becomes ``is_global_2``); names set
    with ``x-python-name`` or the config may not collide."""
    schema_key = reader.schema_key(path)
    candidates: list[Candidate] = []
    for wire, prop in properties.items():
        prop_path = (*path, "properties", wire)
        if not isinstance(wire, str):
            reader.error(prop_path, "property names must be strings")
            continue
        explicit = _explicit_field_name(reader, wire, prop, prop_path, schema_key)
        if explicit is False:
            continue
        if isinstance(explicit, str):
            candidates.append(Candidate(wire, explicit, (0, wire), explicit=True))
            continue
        natural = _derived_field_name(reader, wire, prop_path)
        if natural is None:
            continue
        alternative = _spelled_name(wire)
        rank = (1, natural != wire, alternative != natural, wire)
        alternatives = (alternative,) if alternative and alternative != natural else ()
        candidates.append(Candidate(wire, natural, rank, alternatives=alternatives, spelled=True))
    if reader.strict:
        names: dict[str, str] = {}
        seen: dict[str, str] = {}
        for candidate in candidates:
            if candidate.natural in seen:
                reader.error(
                    (*path, "properties", candidate.key),
                    f"properties {seen[candidate.natural]!r} and {candidate.key!r} both become the "
                    f"Python name {candidate.natural!r}",
                    hint="set x-python-name on one of them",
                )
                continue
            seen[candidate.natural] = candidate.key
            names[candidate.key] = candidate.natural
        return names
    names, clashes = settle(candidates, numbered_attribute)
    for clash in clashes:
        where = (*path, "properties", clash.loser.key)
        if clash.assigned is None:
            reader.error(where, f"properties {clash.winner.key!r} and {clash.loser.key!r} both become the "
                         f"Python name {clash.natural!r}", hint="give one of them another name")
            names.pop(clash.loser.key, None)
        else:
            reader.warn(where, f"properties {clash.winner.key!r} and {clash.loser.key!r} both become the "
                        f"Python name {clash.natural!r}; {clash.loser.key!r} is named {clash.assigned!r}",
                        hint="rename it with x-python-name or names.properties in codegen.yaml")
    return names


def _explicit_field_name(
    reader: SchemaReader, wire: str, prop: Any, path: Path, schema_key: str
) -> str | bool | None:
    """A name set with ``x-python-name`` or the config; ``None`` if none; ``False`` if the one
    set is not usable (reported)."""
    configured = reader.renames.property(schema_key, wire)
    if configured is not None:
        return configured
    override = prop.get("x-python-name") if isinstance(prop, dict) else None
    if override is None:
        return None
    if not isinstance(override, str):
        reader.error((*path, "x-python-name"), "x-python-name must be a string")
        return False
    try:
        return explicit_name(override, "x-python-name")
    except NameProblem as problem:
        reader.error((*path, "x-python-name"), str(problem))
        return False


def _derived_field_name(reader: SchemaReader, wire: str, path: Path) -> str | None:
    try:
        return attribute_name(wire)
    except NameProblem as problem:
        if reader.strict:
            reader.error(path, str(problem))
            return None
    name = _spelled_name(wire) or "field"
    reader.warn(path, f"{wire!r} has no letters or digits to make a Python name from; it is named {name!r}")
    return name


def _spelled_name(wire: str) -> str | None:
    try:
        return attribute_name(spelled(wire))
    except NameProblem:
        return None


def default(reader: SchemaReader, schema: Mapping[str, Any], path: Path) -> ir.Default | None:
    if "default" not in schema:
        return None
    value = schema["default"]
    if not is_scalar(value):
        reader.warn((*path, "default"), "a default that is not a plain value is ignored")
        return None
    return ir.Default(value)


_NUMERIC = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
}
_COUNTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_items",
    "maxItems": "max_items",
}


def constraints(reader: SchemaReader, schema: Mapping[str, Any], path: Path) -> ir.Constraints:
    """The value constraints of a schema. A bound that is no bound (``.inf``) or not a number
    is ignored, with a warning (an error in strict mode)."""
    values: dict[str, Any] = {}
    for key, attr in _NUMERIC.items():
        value = schema.get(key)
        if value is None or (isinstance(value, bool) and key.startswith("exclusive")):
            # 3.0 spells exclusive bounds as booleans beside minimum/maximum.
            if value is True:
                bound = "minimum" if key == "exclusiveMinimum" else "maximum"
                if bound in values:
                    values[attr] = values.pop(bound)
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            reader.problem((*path, key), f"{key} must be a number, got {show(value)}",
                           f"{key} must be a number, got {show(value)}; it is ignored")
            continue
        if not is_scalar(value):
            reader.warn((*path, key), f"{key} {value} is no bound; it is ignored")
            continue
        values[attr] = value
    for key, attr in _COUNTS.items():
        value = schema.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            reader.problem((*path, key), f"{key} must be a whole number ≥ 0, got {show(value)}",
                           f"{key} must be a whole number ≥ 0, got {show(value)}; it is ignored")
            continue
        values[attr] = value
    pattern = schema.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            reader.problem((*path, "pattern"), "pattern must be a string", "pattern must be a string; it is ignored")
        else:
            try:
                re.compile(pattern)
                values["pattern"] = pattern
            except re.error as exc:
                reader.problem((*path, "pattern"), f"pattern is not a valid regular expression: {exc}",
                               f"pattern is not a regular expression Python reads ({exc}); it is not checked")
    # An exclusive bound equal to the inclusive one has the final word.
    if "exclusive_minimum" in values and values.get("minimum") == values["exclusive_minimum"]:
        values.pop("minimum")
    if "exclusive_maximum" in values and values.get("maximum") == values["exclusive_maximum"]:
        values.pop("maximum")
    return ir.Constraints(**values)
