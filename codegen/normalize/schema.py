"""JSON Schema (the OpenAPI 3.1 dialect, and 3.0's ``nullable``) → IR types and named schemas.

Both normalizers hand their schemas to one :class:`SchemaReader`, so a schema means the same
thing in an OpenAPI document and in a vendor spec. The reader

- resolves local ``$ref`` s (and reports missing targets and pure ``$ref`` cycles);
- merges ``allOf``;
- folds ``null`` in a type list, in an ``enum``, in a ``oneOf``/``anyOf``, or 3.0's
  ``nullable: true`` into the single :attr:`TypeRef.nullable` flag;
- gives every inline object, enum and union a stable, parent-scoped name
  (``PublicAutomationRun.status`` → ``PublicAutomationRunStatus``) and reports collisions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from codegen import ir
from codegen.errors import Diagnostic, Path
from codegen.naming import (
    RESERVED_CLASS_NAMES,
    NameProblem,
    attribute_name,
    class_name,
    enum_member_name,
    explicit_name,
    pascal_case,
)
from codegen.source import SourceDoc

_ANY = ir.TypeRef("any")

# Keys a schema may carry. Anything else is an error in strict mode (our vendor format) and
# ignored otherwise (OpenAPI documents in the wild carry all sorts of extensions).
SCHEMA_KEYS = frozenset(
    {
        "$ref",
        "type",
        "format",
        "enum",
        "const",
        "properties",
        "required",
        "items",
        "additionalProperties",
        "allOf",
        "oneOf",
        "anyOf",
        "discriminator",
        "nullable",
        "default",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "description",
        "title",
        "deprecated",
        "readOnly",
        "writeOnly",
        "example",
        "examples",
        "x-union",
        "x-python-name",
        "x-research",
    }
)
_UNSUPPORTED = ("not", "if", "then", "else", "patternProperties", "$dynamicRef", "dependentSchemas")
_PRIMITIVES = {"string", "integer", "number", "boolean", "object", "array", "null"}


class SchemaReader:
    """Reads schemas of one document into a registry of named IR schemas."""

    def __init__(
        self,
        doc: SourceDoc,
        components: Path,
        *,
        strict_keys: bool,
        report: Callable[[Diagnostic], None],
    ) -> None:
        self.doc = doc
        self.components = components
        self.strict_keys = strict_keys
        self._report = report
        self._reported: set[Diagnostic] = set()
        self.registry: dict[str, ir.Schema] = {}
        self._origins: dict[str, tuple[str, Path]] = {}
        self._resolving: set[str] = set()
        self._resolved: dict[str, ir.TypeRef] = {}
        self._components_data = self._lookup(components)
        if self._components_data is None:
            self._components_data = {}
        elif not isinstance(self._components_data, dict):
            self._error(components, "expected a mapping of schema names to schemas")
            self._components_data = {}

    # -- diagnostics ------------------------------------------------------------------------

    def report(self, diagnostic: Diagnostic) -> None:
        """Pass a diagnostic on once: a schema is looked at from several places (a ``$ref``
        chain followed for merging and again for its type)."""
        if diagnostic not in self._reported:
            self._reported.add(diagnostic)
            self._report(diagnostic)

    def _error(self, path: Path, message: str, hint: str | None = None) -> None:
        self.report(self.doc.diagnostic(path, message, hint=hint))

    def _warn(self, path: Path, message: str) -> None:
        self.report(self.doc.diagnostic(path, message, level="warning"))

    def _lookup(self, path: Path) -> Any:
        node: Any = self.doc.data
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return None
        return node

    # -- the registry -----------------------------------------------------------------------

    def _register(self, schema: ir.Schema, path: Path) -> None:
        if schema.name in RESERVED_CLASS_NAMES:  # an inline schema's parent-scoped name
            self._error(path, f"this schema would be named {schema.name!r}, a name the generated "
                        "module uses", hint="name it: move it to a named schema")
            return
        existing = self._origins.get(schema.name)
        if existing is not None and existing[0] != schema.origin:
            self._error(
                path,
                f"the schema name {schema.name!r} is used twice: here and at {existing[0]}",
                hint="rename one of them",
            )
            return
        self._origins[schema.name] = (schema.origin, path)
        self.registry[schema.name] = schema

    def read_all_components(self) -> None:
        """Read every named schema, used or not, so the registry is complete."""
        for key in self._components_data:
            self.ref_type(key, (*self.components, key))

    def ref_type(self, key: str, path: Path) -> ir.TypeRef:
        if key in self._resolved:
            return self._resolved[key]
        target_path: Path = (*self.components, key)
        schema = self._components_data.get(key)
        if key in self._resolving:
            if isinstance(schema, dict) and _is_structural(schema):
                return ir.TypeRef("ref", ref=self._class_name(key, target_path))
            self._error(path, f"circular $ref: {key!r} refers back to itself")
            return _ANY
        self._resolving.add(key)
        try:
            name = self._class_name(key, target_path)
            result = self.type_of(schema, target_path, name, named=True)
        finally:
            self._resolving.discard(key)
        self._resolved[key] = result
        return result

    def _class_name(self, text: str, path: Path) -> str:
        """A schema's class name. In a vendor spec we wrote the name ourselves, so a name that
        would shadow a builtin or a name of the generated module is an error; an OpenAPI
        document's names are the vendor's, so such a name gets a trailing underscore
        (``Tag`` → ``Tag_``), as attribute names do."""
        try:
            return class_name(text, derived=not self.strict_keys)
        except NameProblem as problem:
            self._error(path, str(problem))
            return "Invalid"

    def _follow_ref(self, ref: Any, path: Path) -> str | None:
        prefix = "#/" + "/".join(str(p) for p in self.components) + "/"
        if not isinstance(ref, str):
            self._error((*path, "$ref"), "$ref must be a string")
            return None
        key = ref[len(prefix) :].replace("~1", "/").replace("~0", "~") if ref.startswith(prefix) else None
        if key is not None and key in self._components_data:
            return key
        if self.strict_keys or (key is not None and "/" not in ref[len(prefix) :]):
            if key is None:
                self._error(
                    (*path, "$ref"),
                    f"$ref {ref!r} is not a local reference to a named schema",
                    hint=f"use {prefix}<Name>",
                )
            else:
                self._error((*path, "$ref"), f"$ref target {ref!r} does not exist")
            return None
        # Valid OpenAPI we do not follow: another document, a URL, a JSON Schema $id, or a
        # pointer inside a schema. The value is kept as it comes; a dangling pointer is an error.
        if ref.startswith("#"):
            if self._pointer(ref) is None:
                self._error((*path, "$ref"), f"$ref target {ref!r} does not exist")
                return None
            self._warn((*path, "$ref"), f"$ref {ref!r} does not name a schema of "
                       f"{prefix[2:-1]}; it is read as any value")
        else:
            self._warn((*path, "$ref"), f"$ref {ref!r} points outside this document; it is read as any value")
        return None

    def _pointer(self, ref: str) -> Any:
        """The value a local JSON pointer (``#/a/b~1c/0``) points at, or ``None``."""
        node: Any = self.doc.data
        for raw in ref[2:].split("/") if ref.startswith("#/") else []:
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def raw(self, schema: Any, path: Path, seen: frozenset[str] = frozenset()) -> tuple[Any, Path]:
        """The schema a ``$ref`` chain ends at (for merging and peeking), with its path."""
        while isinstance(schema, dict) and "$ref" in schema:
            key = self._follow_ref(schema["$ref"], path)
            if key is None or key in seen:
                if key is not None:
                    self._error(path, f"circular $ref through {key!r}")
                return {}, path
            seen = seen | {key}
            path = (*self.components, key)
            schema = self._components_data[key]
        return schema, path

    # -- conversion -------------------------------------------------------------------------

    def type_of(self, schema: Any, path: Path, name: str, *, named: bool = False) -> ir.TypeRef:
        """The IR type of ``schema``; inline objects, enums and unions are registered as
        ``name`` (the parent-scoped name the caller chose)."""
        if schema is True or schema == {}:
            return _ANY
        if schema is False:
            self._warn(path, "a `false` schema (no value is valid) is read as any value")
            return _ANY
        if not isinstance(schema, dict):
            self._error(path, f"expected a schema (a mapping), got {_show(schema)}")
            return _ANY
        self._check_keys(schema, path)
        if "$ref" in schema:
            key = self._follow_ref(schema["$ref"], path)
            if key is None:
                return _ANY
            result = self.ref_type(key, path)
            if schema.get("nullable") is True:
                result = _nullable(result)
            return result

        nullable = schema.get("nullable") is True
        types = schema.get("type")
        type_list: list[Any]
        if types is None:
            type_list = []
        elif isinstance(types, list):
            type_list = list(types)
        else:
            type_list = [types]
        for item in type_list:
            if item not in _PRIMITIVES:
                self._error((*path, "type"), f"unknown type {_show(item)}")
                return _ANY
        if "null" in type_list:
            nullable = True
            type_list = [t for t in type_list if t != "null"]

        for key in _UNSUPPORTED:
            if key in schema:
                self._warn((*path, key), f"{key!r} is not supported; the value is not checked")

        if "allOf" in schema:
            merged = self._merge_all_of(schema, path)
            if merged is None:
                return _ANY
            if set(merged) <= {"$ref", "description", "nullable"} and "$ref" in merged:
                result = self.type_of({"$ref": merged["$ref"]}, path, name)
            else:
                result = self.type_of(merged, path, name, named=named)
            return _nullable(result) if nullable or merged.get("nullable") is True else result

        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                result = self._union(schema, combinator, path, name)
                return _nullable(result) if nullable else result

        if "const" in schema:
            value = schema["const"]
            if not _is_scalar(value) or value is None:
                self._error((*path, "const"), "const must be a string, number or boolean")
                return _ANY
            return ir.TypeRef("literal", literal=value, nullable=nullable)

        if "enum" in schema:
            return self._enum(schema, path, name, nullable, type_list)

        if len(type_list) > 1:
            self._warn(
                (*path, "type"),
                f"a value of several types ({', '.join(type_list)}) is read as any value",
            )
            return ir.TypeRef("any", nullable=nullable)

        kind = type_list[0] if type_list else None
        if kind is None and ("properties" in schema or "additionalProperties" in schema):
            kind = "object"
        if kind is None and "items" in schema:
            kind = "array"

        if kind == "object":
            return self._object(schema, path, name, nullable, named)
        if kind == "array":
            items = schema.get("items")
            if items is None:
                return ir.TypeRef("array", items=_ANY, nullable=nullable)
            item_type = self.type_of(items, (*path, "items"), _item_name(name))
            return ir.TypeRef("array", items=item_type, nullable=nullable)
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "date-time":
                return ir.TypeRef("datetime", nullable=nullable)
            if fmt == "date":
                return ir.TypeRef("date", nullable=nullable)
            if fmt in ("int64", "uint64"):
                return ir.TypeRef("integer", nullable=nullable, string_encoded=True)
            if fmt == "binary":  # a file part, an upload, a download: bytes, not text
                return ir.TypeRef("binary", nullable=nullable)
            return ir.TypeRef("string", nullable=nullable)
        if kind in ("integer", "number", "boolean"):
            return ir.TypeRef(kind, nullable=nullable)
        return ir.TypeRef("any", nullable=nullable)

    def _check_keys(self, schema: dict[str, Any], path: Path) -> None:
        if not self.strict_keys:
            return
        for key in schema:
            if key in SCHEMA_KEYS:
                continue
            if key in _UNSUPPORTED:
                self._error((*path, key), f"{key!r} is not supported in this format",
                            hint="docs/vendor-spec.md lists the schema keywords it reads")
                continue
            self._error((*path, key), f"unknown schema keyword {key!r}")

    def _merge_all_of(self, schema: dict[str, Any], path: Path) -> dict[str, Any] | None:
        members = schema["allOf"]
        if not isinstance(members, list) or not members:
            self._error((*path, "allOf"), "allOf must be a non-empty list of schemas")
            return None
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        lone_ref = len(members) == 1 and isinstance(members[0], dict) and "$ref" in members[0]
        if lone_ref and set(rest) <= {"description", "nullable", "title", "deprecated", "readOnly"}:
            return {**rest, "$ref": members[0]["$ref"]}
        merged: dict[str, Any] = {}
        properties: dict[str, Any] = {}
        required: list[str] = []
        for index, member in enumerate([*members, rest]):
            member_path = (*path, "allOf", index) if index < len(members) else path
            body, _ = self.raw(member, member_path)
            if not isinstance(body, dict):
                self._error(member_path, "expected a schema (a mapping)")
                return None
            if "allOf" in body:
                inner = self._merge_all_of(body, member_path)
                if inner is None:
                    return None
                body = inner
            for key, value in body.items():
                if key == "properties" and isinstance(value, dict):
                    for prop, prop_schema in value.items():
                        if prop in properties and isinstance(prop_schema, dict):
                            previous, _ = self.raw(properties[prop], member_path)
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
                        self._warn(
                            member_path,
                            f"allOf members disagree on the type ({_show(merged[key])} and "
                            f"{_show(value)}); the last one is used",
                        )
                    merged[key] = value
        if properties:
            merged["properties"] = properties
            merged.setdefault("type", "object")
        if required:
            merged["required"] = required
        return merged

    def _enum(
        self,
        schema: dict[str, Any],
        path: Path,
        name: str,
        nullable: bool,
        type_list: list[str],
    ) -> ir.TypeRef:
        values = schema["enum"]
        if not isinstance(values, list) or not values:
            self._error((*path, "enum"), "enum must be a non-empty list")
            return _ANY
        if None in values:
            nullable = True
        values = [v for v in values if v is not None]
        if not values:
            return ir.TypeRef("any", nullable=True)
        base = "integer" if all(isinstance(v, int) and not isinstance(v, bool) for v in values) else "string"
        if base == "string" and not all(isinstance(v, str) for v in values):
            if type_list and type_list[0] in ("number", "boolean"):
                return ir.TypeRef(type_list[0], nullable=nullable)  # type: ignore[arg-type]
            self._error((*path, "enum"), "enum values must be all strings or all integers")
            return _ANY
        members: list[ir.EnumMember] = []
        taken: dict[str, Any] = {}
        for index, value in enumerate(values):
            if value in [m.value for m in members]:
                self._error((*path, "enum", index), f"enum value {value!r} is listed twice")
                continue
            member = enum_member_name(value)
            if member in taken:
                self._error(
                    (*path, "enum", index),
                    f"enum values {taken[member]!r} and {value!r} both become {member!r}",
                )
                continue
            taken[member] = value
            members.append(ir.EnumMember(value=value, py_name=member))
        enum = ir.EnumSchema(
            name=name,
            origin=_origin(path),
            base=base,  # type: ignore[arg-type]
            members=tuple(members),
            description=_text(schema.get("description")),
        )
        self._register(enum, path)
        return ir.TypeRef("ref", ref=name, nullable=nullable)

    def _object(
        self, schema: dict[str, Any], path: Path, name: str, nullable: bool, named: bool
    ) -> ir.TypeRef:
        properties = schema.get("properties")
        additional = schema.get("additionalProperties")
        if properties is None and not named:
            # A free-form map: {type: object} or {additionalProperties: {...}}.
            if isinstance(additional, dict) and additional:
                values = self.type_of(additional, (*path, "additionalProperties"), _item_name(name, "Value"))
                return ir.TypeRef("map", items=values, nullable=nullable)
            return ir.TypeRef("map", items=_ANY, nullable=nullable)
        if properties is None:
            properties = {}
        if not isinstance(properties, dict):
            self._error((*path, "properties"), "properties must be a mapping")
            return _ANY
        fields = self.fields(schema, path, name)
        additional_type: ir.TypeRef | None = None
        if isinstance(additional, dict) and additional:
            additional_type = self.type_of(
                additional, (*path, "additionalProperties"), _item_name(name, "Value")
            )
        obj = ir.ObjectSchema(
            name=name,
            origin=_origin(path),
            fields=fields,
            description=_text(schema.get("description")),
            additional=additional_type,
            closed=additional is False,
        )
        self._register(obj, path)
        return ir.TypeRef("ref", ref=name, nullable=nullable)

    def fields(self, schema: dict[str, Any], path: Path, parent: str) -> tuple[ir.Field, ...]:
        properties = schema.get("properties") or {}
        required = schema.get("required") or []
        if not isinstance(required, list):
            self._error((*path, "required"), "required must be a list of property names")
            required = []
        for index, item in enumerate(required):
            if item not in properties:
                self._error((*path, "required", index), f"required property {item!r} is not defined")
        fields: list[ir.Field] = []
        seen: dict[str, str] = {}
        for wire, prop in properties.items():
            prop_path = (*path, "properties", wire)
            py_name = self._field_name(wire, prop, prop_path)
            if py_name is None:
                continue
            if py_name in seen:
                self._error(
                    prop_path,
                    f"properties {seen[py_name]!r} and {wire!r} both become the Python name {py_name!r}",
                    hint="set x-python-name on one of them",
                )
                continue
            seen[py_name] = wire
            body, _ = self.raw(prop, prop_path) if isinstance(prop, dict) else (prop, prop_path)
            body = body if isinstance(body, dict) else {}
            own = prop if isinstance(prop, dict) else {}
            field_type = self.type_of(prop, prop_path, parent + pascal_case(wire))
            fields.append(
                ir.Field(
                    wire_name=wire,
                    py_name=py_name,
                    type=field_type,
                    required=wire in required,
                    description=_text(own.get("description", body.get("description"))),
                    default=self.default(own, prop_path),
                    constraints=self.constraints(body, prop_path),
                    deprecated=own.get("deprecated") is True,
                )
            )
        return tuple(fields)

    def _field_name(self, wire: Any, prop: Any, path: Path) -> str | None:
        if not isinstance(wire, str):
            self._error(path, "property names must be strings")
            return None
        override = prop.get("x-python-name") if isinstance(prop, dict) else None
        try:
            if override is not None:
                if not isinstance(override, str):
                    self._error((*path, "x-python-name"), "x-python-name must be a string")
                    return None
                try:
                    return explicit_name(override, "x-python-name")
                except NameProblem as problem:
                    self._error((*path, "x-python-name"), str(problem))
                    return None
            return attribute_name(wire)
        except NameProblem as problem:
            self._error(path, str(problem))
            return None

    def default(self, schema: Mapping[str, Any], path: Path) -> ir.Default | None:
        if "default" not in schema:
            return None
        value = schema["default"]
        if not _is_scalar(value):
            self._warn((*path, "default"), "a default that is not a plain value is ignored")
            return None
        return ir.Default(value)

    def constraints(self, schema: Mapping[str, Any], path: Path) -> ir.Constraints:
        values: dict[str, Any] = {}
        numeric = {
            "minimum": "minimum",
            "maximum": "maximum",
            "exclusiveMinimum": "exclusive_minimum",
            "exclusiveMaximum": "exclusive_maximum",
        }
        counts = {
            "minLength": "min_length",
            "maxLength": "max_length",
            "minItems": "min_items",
            "maxItems": "max_items",
        }
        for key, attr in numeric.items():
            value = schema.get(key)
            if value is None or (isinstance(value, bool) and key.startswith("exclusive")):
                # 3.0 spells exclusive bounds as booleans beside minimum/maximum.
                if value is True:
                    bound = "minimum" if key == "exclusiveMinimum" else "maximum"
                    values[attr] = schema.get(bound)
                    values.pop(bound, None)
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                self._error((*path, key), f"{key} must be a number, got {_show(value)}")
                continue
            values[attr] = value
        for key, attr in counts.items():
            value = schema.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self._error((*path, key), f"{key} must be a whole number ≥ 0, got {_show(value)}")
                continue
            values[attr] = value
        pattern = schema.get("pattern")
        if pattern is not None:
            if not isinstance(pattern, str):
                self._error((*path, "pattern"), "pattern must be a string")
            else:
                try:
                    re.compile(pattern)
                    values["pattern"] = pattern
                except re.error as exc:
                    self._error((*path, "pattern"), f"pattern is not a valid regular expression: {exc}")
        # Re-order so exclusive bounds that replaced 3.0's booleans keep the final word.
        if "exclusive_minimum" in values and values.get("minimum") == values["exclusive_minimum"]:
            values.pop("minimum")
        if "exclusive_maximum" in values and values.get("maximum") == values["exclusive_maximum"]:
            values.pop("maximum")
        return ir.Constraints(**values)

    def _union(self, schema: dict[str, Any], combinator: str, path: Path, name: str) -> ir.TypeRef:
        members = schema[combinator]
        if not isinstance(members, list) or not members:
            self._error((*path, combinator), f"{combinator} must be a non-empty list of schemas")
            return _ANY
        nullable = False
        variants: list[tuple[Any, Path]] = []
        for index, member in enumerate(members):
            member_path = (*path, combinator, index)
            if isinstance(member, dict) and (member.get("type") == "null" or member.get("enum") == [None]):
                nullable = True
                continue
            variants.append((member, member_path))
        if len(variants) == 1:
            result = self.type_of(variants[0][0], variants[0][1], name)
            return _nullable(result) if nullable else result
        # Properties beside the oneOf belong to every variant (a protobuf oneof's siblings).
        shared = {k: schema[k] for k in ("properties", "required") if k in schema}
        bodies = [self.raw(member, member_path)[0] for member, member_path in variants]
        if not all(isinstance(b, dict) and _is_object(b) for b in bodies):
            self._warn(
                (*path, combinator),
                f"a {combinator} of values that are not all objects is read as any value",
            )
            return ir.TypeRef("any", nullable=nullable)

        discriminator = schema.get("discriminator")
        mode = schema.get("x-union")
        union_variants: list[ir.UnionVariant] = []
        prop: str | None = None
        if mode == "present-key":
            kind = "present_key"
        elif mode is not None:
            self._error((*path, "x-union"), f"x-union must be 'present-key', got {_show(mode)}")
            return _ANY
        elif isinstance(discriminator, dict):
            kind = "property"
            prop = discriminator.get("propertyName")
            if not isinstance(prop, str):
                self._error((*path, "discriminator"), "discriminator needs a propertyName")
                return _ANY
        else:
            kind = "none"
        mapping = discriminator.get("mapping", {}) if isinstance(discriminator, dict) else {}
        reverse: dict[str, str] = {}
        prefix = "#/" + "/".join(str(p) for p in self.components) + "/"
        for tag_value, target in (mapping.items() if isinstance(mapping, dict) else ()):
            # A mapping value is a reference or, as OpenAPI also allows, a bare schema name.
            where = (*path, "discriminator", "mapping", tag_value)
            if not isinstance(target, str):
                self._error(where, "a discriminator mapping value must be a reference")
                continue
            ref = target if target.startswith("#") else prefix + target
            key = ref[len(prefix) :].replace("~1", "/").replace("~0", "~")
            if not ref.startswith(prefix) or key not in self._components_data:
                self._error(where, f"the discriminator maps {tag_value!r} to {target!r}, which does not exist")
                continue
            reverse[ref] = str(tag_value)

        for (member, member_path), body in zip(variants, bodies, strict=True):
            tag: Any = None
            if kind == "present_key":
                req = body.get("required") or []
                if len(req) != 1:
                    self._error(member_path, "a present-key variant must require exactly one property")
                    continue
                tag = req[0]
            elif kind == "property":
                if isinstance(member, dict) and "$ref" in member and member["$ref"] in reverse:
                    tag = reverse[member["$ref"]]
                else:
                    prop_schema, _ = self.raw((body.get("properties") or {}).get(prop, {}), member_path)
                    if isinstance(prop_schema, dict):
                        tag = prop_schema.get("const")
                        enum = prop_schema.get("enum")
                        if tag is None and isinstance(enum, list) and len(enum) == 1:
                            tag = enum[0]
                    if tag is None and isinstance(member, dict) and "$ref" in member:
                        tag = str(member["$ref"]).rsplit("/", 1)[-1]
                if tag is None:
                    self._error(member_path, f"cannot tell which {prop!r} value selects this variant")
                    continue
            else:
                tag = str(len(union_variants))
            if any(v.tag == str(tag) for v in union_variants):
                self._error(member_path, f"two variants share the tag {tag!r}")
                continue
            variant_name = name + pascal_case(str(tag)) if not (isinstance(member, dict) and "$ref" in member and not shared) else None
            if variant_name is not None and shared:
                merged = self._merge_all_of({"allOf": [member, {k: v for k, v in shared.items()}]}, member_path)
                variant_type = self.type_of(merged, member_path, variant_name) if merged else _ANY
            elif variant_name is not None:
                variant_type = self.type_of(member, member_path, variant_name)
            else:
                variant_type = self.type_of(member, member_path, name)
            if variant_type.kind != "ref" or variant_type.ref is None:
                self._error(member_path, "a union variant must be an object schema")
                continue
            union_variants.append(ir.UnionVariant(tag=str(tag), ref=variant_type.ref))
        union = ir.UnionSchema(
            name=name,
            origin=_origin(path),
            variants=tuple(union_variants),
            discriminator=kind,  # type: ignore[arg-type]
            property=prop,
            description=_text(schema.get("description")),
        )
        self._register(union, path)
        return ir.TypeRef("ref", ref=name, nullable=nullable)


def _nullable(ref: ir.TypeRef) -> ir.TypeRef:
    from dataclasses import replace

    return replace(ref, nullable=True)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _is_object(schema: dict[str, Any]) -> bool:
    return (
        schema.get("type") == "object"
        or "properties" in schema
        or "allOf" in schema
        or (isinstance(schema.get("type"), list) and "object" in schema["type"])
    )


def _is_structural(schema: dict[str, Any]) -> bool:
    """True when a schema becomes a named class (so a reference back to it is a real type)."""
    return _is_object(schema) or "enum" in schema or "oneOf" in schema or "anyOf" in schema


def _item_name(name: str, suffix: str = "Item") -> str:
    return name + suffix


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _origin(path: Path) -> str:
    from codegen.errors import format_path

    return format_path(path)
