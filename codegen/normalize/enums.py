"""Enums: the values a schema lists, as an open enum class with one member per value.

A list of strings or of integers is an enum; booleans are a ``bool``; numbers that are not
all integers a ``float``. In an OpenAPI document, values that do not fit the declared type
(``[4.1, 4]`` under ``type: string``), an empty list and a value listed twice are warnings;
member names that come out alike (``ASC``/``asc``, ``created``/``-created``) are told apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from codegen import ir
from codegen.errors import Path
from codegen.naming import enum_member_name, spelled
from codegen.normalize.names import Candidate, numbered_attribute, settle
from codegen.normalize.values import ANY, origin, show, text

if TYPE_CHECKING:
    from codegen.normalize.schema import SchemaReader




def read_enum(
    reader: SchemaReader,
    schema: dict[str, Any],
    path: Path,
    name: str,
    nullable: bool,
    type_list: list[str],
) -> ir.TypeRef:
    values = schema["enum"]
    declared = type_list[0] if len(type_list) == 1 else None
    if not isinstance(values, list) or not values:
        if reader.strict:
            reader.error((*path, "enum"), "enum must be a non-empty list")
            return ANY
        without = {k: v for k, v in schema.items() if k != "enum"}
        reader.warn((*path, "enum"), "an empty enum allows no value; it is ignored")
        return reader.type_of(without, (*path, "enum"), name)
    if None in values:
        nullable = True
    values = [v for v in values if v is not None]
    if not values:
        return ir.TypeRef("any", nullable=True)
    kinds = {ir.json_type(v) for v in values}
    if reader.strict:
        base = _strict_base(reader, kinds, declared, path)
    else:
        base = _base(reader, kinds, declared, values, path)
    if base is None or base in ("boolean", "number", "any"):
        kind = "any" if base is None else base
        return ir.TypeRef(kind, nullable=nullable)  # type: ignore[arg-type]
    members = _members(reader, values, path, reader.schema_key(path))
    enum = ir.EnumSchema(
        name=name,
        origin=origin(path),
        base=base,  # type: ignore[arg-type]
        members=tuple(members),
        description=text(schema.get("description")),
    )
    ref = reader.register(enum, path)
    return ir.TypeRef("ref", ref=ref.ref, nullable=nullable)


def _strict_base(reader: SchemaReader, kinds: set[str], declared: str | None, path: Path) -> str | None:
    if kinds == {"integer"}:
        return "integer"
    if kinds == {"string"}:
        return "string"
    if declared in ("number", "boolean"):
        return declared
    reader.error((*path, "enum"), "enum values must be all strings or all integers")
    return None


def _base(reader: SchemaReader, kinds: set[str], declared: str | None, values: list[Any], path: Path) -> str:
    """What the values are read as: ``string`` or ``integer`` (an enum), ``boolean``,
    ``number``, or ``any`` when they do not agree with each other or with the type."""
    fits = {
        "string": kinds == {"string"},
        "integer": kinds == {"integer"},
        "number": kinds <= {"integer", "number"},
        "boolean": kinds == {"boolean"},
    }
    if declared is None:
        for base in ("string", "integer", "boolean", "number"):
            if fits[base]:
                return base
    elif fits.get(declared):
        return "integer" if declared == "number" and kinds == {"integer"} else declared
    what = f"type {declared}" if declared else "each other"
    reader.warn((*path, "enum"), f"enum values {show(values)} do not agree with {what}; "
                "the value is read as any value")
    return "any"


def _members(reader: SchemaReader, values: list[Any], path: Path, schema_key: str) -> list[ir.EnumMember]:
    unique: list[Any] = []
    for index, value in enumerate(values):
        if value in unique and type(value) in {type(u) for u in unique if u == value}:
            reader.problem((*path, "enum", index), f"enum value {value!r} is listed twice",
                           f"enum value {value!r} is listed twice; the repeat is ignored")
            continue
        unique.append(value)
    candidates = []
    for index, value in enumerate(unique):
        explicit = reader.renames.member(schema_key, value)
        if explicit is not None:
            candidates.append(Candidate(index, explicit, (0, str(value)), explicit=True))
            continue
        natural = enum_member_name(value)
        alternative = enum_member_name(spelled(value)) if isinstance(value, str) else natural
        rank = (1, natural != str(value).upper(), alternative != natural, str(value))
        alternatives = (alternative,) if alternative != natural else ()
        candidates.append(Candidate(index, natural, rank, alternatives=alternatives, spelled=True))
    if reader.strict:
        names: dict[Any, str] = {}
        taken: dict[str, Any] = {}
        for candidate in candidates:
            value = unique[candidate.key]
            if candidate.natural in taken:
                reader.error((*path, "enum", values.index(value)),
                             f"enum values {taken[candidate.natural]!r} and {value!r} both become "
                             f"{candidate.natural!r}")
                continue
            taken[candidate.natural] = value
            names[candidate.key] = candidate.natural
    else:
        names, clashes = settle(candidates, lambda n, k: numbered_attribute(n, k).upper())
        for clash in clashes:
            winner, loser = unique[clash.winner.key], unique[clash.loser.key]
            where = (*path, "enum", values.index(loser))
            if clash.assigned is None:
                reader.error(where, f"enum values {winner!r} and {loser!r} are both named {clash.natural!r}")
                names.pop(clash.loser.key, None)
            else:
                reader.warn(where, f"enum values {winner!r} and {loser!r} both become {clash.natural!r}; "
                            f"{loser!r} is named {clash.assigned!r}",
                            hint="rename it in codegen.yaml under names.enum_members")
    return [ir.EnumMember(value=value, py_name=names[i]) for i, value in enumerate(unique) if i in names]
