"""Unions: ``oneOf`` and ``anyOf``.

A union of object schemas is a named :class:`ir.UnionSchema`: selected by a discriminator
property (its tag may be declared in the variant itself or in an ``allOf`` member of it), by
the one key present (``x-union: present-key``, a protobuf ``oneof``), or tried in order. A
union that mixes objects with free-form maps, arrays or scalars is a plain union type
(``Model | dict[str, Any] | str``) that pydantic validates by trying each; a named one
becomes a type alias.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from codegen import ir
from codegen.errors import Path
from codegen.naming import pascal_case
from codegen.normalize import objects, refs
from codegen.normalize.values import ANY, nullable, origin, show, text

if TYPE_CHECKING:
    from codegen.normalize.schema import SchemaReader


def union_of(variants: tuple[ir.TypeRef, ...] | list[ir.TypeRef], is_nullable: bool) -> ir.TypeRef:
    """The plain union of ``variants``: nested unions flattened, repeats and ``null`` folded;
    any value if one of them is any value."""
    flat: list[ir.TypeRef] = []
    for variant in variants:
        parts = variant.variants if variant.kind == "union" else (variant,)
        is_nullable = is_nullable or variant.nullable
        for part in parts:
            is_nullable = is_nullable or part.nullable
            part = replace(part, nullable=False)
            if part.kind == "any":
                return ir.TypeRef("any", nullable=is_nullable)
            if part not in flat:
                flat.append(part)
    if len(flat) == 1:
        return replace(flat[0], nullable=is_nullable)
    return ir.TypeRef("union", variants=tuple(flat), nullable=is_nullable)


def _is_model(reader: SchemaReader, member: Any, body: Any) -> bool:
    """Does this variant become a model class (an object with properties, or a named object)?"""
    if not isinstance(body, dict):
        return False
    if "properties" in body or "allOf" in body:
        return True
    if isinstance(member, dict) and "$ref" in member:
        return objects.is_object(body) and "oneOf" not in body and "anyOf" not in body
    return False


def read_union(
    reader: SchemaReader, schema: dict[str, Any], combinator: str, path: Path, name: str, named: bool
) -> ir.TypeRef:
    members = schema[combinator]
    if not isinstance(members, list) or not members:
        reader.problem((*path, combinator), f"{combinator} must be a non-empty list of schemas",
                       f"{combinator} must be a non-empty list of schemas; the value is read as any value")
        return ANY
    is_nullable = False
    variants: list[tuple[Any, Path]] = []
    for index, member in enumerate(members):
        member_path = (*path, combinator, index)
        if isinstance(member, dict) and (member.get("type") == "null" or member.get("enum") == [None]):
            is_nullable = True
            continue
        variants.append((member, member_path))
    if not variants:
        return ir.TypeRef("any", nullable=True)
    if len(variants) == 1:
        result = reader.type_of(variants[0][0], variants[0][1], name)
        return nullable(result) if is_nullable else result
    bodies = [reader.raw(member, member_path) for member, member_path in variants]
    if schema.get("x-union") is not None or all(_is_model(reader, m, b) for (m, _), (b, _) in zip(variants, bodies, strict=True)):
        result = _object_union(reader, schema, combinator, path, name, variants, bodies)
    elif reader.strict:
        reader.warn((*path, combinator), f"a {combinator} of values that are not all objects is read as any value")
        result = ANY
    else:
        result = _mixed_union(reader, path, name, named, variants)
    return nullable(result) if is_nullable else result


def _mixed_union(
    reader: SchemaReader, path: Path, name: str, named: bool, variants: list[tuple[Any, Path]]
) -> ir.TypeRef:
    types = [reader.type_of(member, member_path, name + str(index)) for index, (member, member_path) in enumerate(variants)]
    result = union_of(types, False)
    if named and result.kind == "union":
        alias = ir.AliasSchema(name=name, origin=origin(path), type=result)
        return reader.register(alias, path)
    return result


def _merged(reader: SchemaReader, body: Any, path: Path) -> dict[str, Any]:
    """A variant with its ``allOf`` merged, where its properties (the tag) may be declared."""
    if isinstance(body, dict) and "allOf" in body:
        merged = objects.merge_all_of(reader, body, path) or {}
        if "$ref" in merged:  # a lone `allOf: [$ref]`
            merged, _ = reader.raw(merged, path)
        return _merged(reader, merged, path) if isinstance(merged, dict) and "allOf" in merged else merged
    return body if isinstance(body, dict) else {}


def _object_union(
    reader: SchemaReader,
    schema: dict[str, Any],
    combinator: str,
    path: Path,
    name: str,
    variants: list[tuple[Any, Path]],
    bodies: list[tuple[Any, Path]],
) -> ir.TypeRef:
    # Properties beside the oneOf belong to every variant (a protobuf oneof's siblings).
    shared = {k: schema[k] for k in ("properties", "required") if k in schema}
    discriminator = schema.get("discriminator")
    mode = schema.get("x-union")
    prop: str | None = None
    if mode == "present-key":
        kind = "present_key"
    elif mode is not None:
        reader.error((*path, "x-union"), f"x-union must be 'present-key', got {show(mode)}")
        return ANY
    elif isinstance(discriminator, dict):
        kind = "property"
        prop = discriminator.get("propertyName")
        if not isinstance(prop, str):
            reader.error((*path, "discriminator"), "discriminator needs a propertyName")
            return ANY
    else:
        kind = "none"
    reverse = _mapping(reader, discriminator, path)

    tags: list[Any] = []
    problems: list[tuple[Path, str]] = []
    for index, ((member, member_path), (body, body_path)) in enumerate(zip(variants, bodies, strict=True)):
        if kind == "none":
            tags.append(str(index))
            continue
        tag, problem = _tag(reader, kind, prop, member, _merged(reader, body, body_path), member_path, reverse)
        if problem is None and tag is not None and any(str(t) == str(tag) for t in tags if t is not None):
            problem = f"two variants share the tag {tag!r}"
        if problem is not None:
            problems.append((member_path, problem))
            tag = None
        tags.append(tag)
    if problems and not reader.strict:
        where, first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        reader.warn(where, f"{first}{more}; the union's variants are tried in order instead")
        kind, prop, tags = "none", None, [str(i) for i in range(len(variants))]
    else:
        for where, problem in problems:
            reader.error(where, problem)

    union_variants: list[ir.UnionVariant] = []
    types: list[ir.TypeRef] = []
    for (member, member_path), tag in zip(variants, tags, strict=True):
        if tag is None:
            continue
        is_ref = isinstance(member, dict) and "$ref" in member
        if is_ref and not shared:
            variant_type = reader.type_of(member, member_path, name)
        elif shared:
            merged = objects.merge_all_of(reader, {"allOf": [member, dict(shared)]}, member_path)
            variant_type = reader.type_of(merged, member_path, name + pascal_case(str(tag))) if merged else ANY
        else:
            variant_type = reader.type_of(member, member_path, name + pascal_case(str(tag)))
        types.append(variant_type)
        if variant_type.kind != "ref" or variant_type.ref is None:
            if reader.strict:
                reader.error(member_path, "a union variant must be an object schema")
            continue
        union_variants.append(ir.UnionVariant(tag=str(tag), ref=variant_type.ref))
    if not reader.strict and len(union_variants) < len(types):
        return union_of(types, False)  # a variant turned out not to be a model
    union = ir.UnionSchema(
        name=name,
        origin=origin(path),
        variants=tuple(union_variants),
        discriminator=kind,  # type: ignore[arg-type]
        property=prop,
        description=text(schema.get("description")),
    )
    return reader.register(union, path)


def _mapping(reader: SchemaReader, discriminator: Any, path: Path) -> dict[str, str]:
    """The discriminator's mapping, from the reference of a variant to its tag."""
    mapping = discriminator.get("mapping", {}) if isinstance(discriminator, dict) else {}
    reverse: dict[str, str] = {}
    prefix = "#/" + "/".join(str(p) for p in reader.components) + "/"
    for tag_value, target in (mapping.items() if isinstance(mapping, dict) else ()):
        # A mapping value is a reference or, as OpenAPI also allows, a bare schema name.
        where = (*path, "discriminator", "mapping", tag_value)
        if not isinstance(target, str):
            reader.error(where, "a discriminator mapping value must be a reference")
            continue
        ref = target if target.startswith("#") else prefix + target
        if refs.resolve(reader.doc.data, ref) is None or (reader.strict and not ref.startswith(prefix)):
            reader.problem(where, f"the discriminator maps {tag_value!r} to {target!r}, which does not exist",
                           f"the discriminator maps {tag_value!r} to {target!r}, which does not exist; "
                           "the entry is ignored")
            continue
        reverse[ref] = str(tag_value)
    return reverse


def _tag(
    reader: SchemaReader,
    kind: str,
    prop: str | None,
    member: Any,
    body: dict[str, Any],
    member_path: Path,
    reverse: dict[str, str],
) -> tuple[Any, str | None]:
    """The tag that selects a variant, or the problem that keeps it from having one."""
    if kind == "present_key":
        required = body.get("required") or []
        if len(required) != 1:
            return None, "a present-key variant must require exactly one property"
        return required[0], None
    if isinstance(member, dict) and "$ref" in member and member["$ref"] in reverse:
        return reverse[member["$ref"]], None
    tag: Any = None
    prop_schema, _ = reader.raw((body.get("properties") or {}).get(prop, {}), member_path)
    if isinstance(prop_schema, dict):
        tag = prop_schema.get("const")
        enum = prop_schema.get("enum")
        if tag is None and isinstance(enum, list) and len(enum) == 1:
            tag = enum[0]
    if tag is None and isinstance(member, dict) and "$ref" in member:
        tag = str(member["$ref"]).rsplit("/", 1)[-1]
    if tag is None:
        return None, f"cannot tell which {prop!r} value selects this variant"
    return tag, None


def break_alias_cycles(reader: SchemaReader) -> None:
    """A type alias that contains itself (``Json = str | list[Json]``) cannot be written as a
    plain alias: the inner reference becomes any value, with a warning."""
    aliases = {o: s for o, s in reader.registry.items() if isinstance(s, ir.AliasSchema)}

    def reaches(start: str, ref: ir.TypeRef, seen: frozenset[str]) -> bool:
        if ref.kind == "ref":
            if ref.ref == start:
                return True
            if ref.ref in aliases and ref.ref not in seen:
                return reaches(start, aliases[ref.ref].type, seen | {ref.ref})
            return False
        inner = [*ref.variants, *([ref.items] if ref.items is not None else [])]
        return any(reaches(start, r, seen) for r in inner)

    def cut(start: str, ref: ir.TypeRef) -> ir.TypeRef:
        if ref.kind == "ref" and (ref.ref == start or (ref.ref in aliases and reaches(start, ref, frozenset()))):
            return ir.TypeRef("any", nullable=ref.nullable)
        if ref.items is not None:
            ref = replace(ref, items=cut(start, ref.items))
        if ref.variants:
            ref = replace(ref, variants=tuple(cut(start, v) for v in ref.variants))
        return ref

    for key, alias in aliases.items():
        if reaches(key, alias.type, frozenset({key})):
            place = reader.place(key)
            reader.warn(place, "this union contains itself; the inner reference is read as any value")
            aliases[key] = replace(alias, type=cut(key, alias.type))
            reader.registry[key] = aliases[key]
