"""JSON Schema (the OpenAPI 3.1 dialect, and 3.0's ``nullable``) → IR types and named schemas.

Both normalizers hand their schemas to one :class:`SchemaReader`, so a schema means the same
thing in an OpenAPI document and in a vendor spec. The reader

- follows local ``$ref`` s, to named schemas or to any JSON pointer (:mod:`.refs`), and
  reports missing targets and pure ``$ref`` cycles;
- merges ``allOf`` and reads objects and their fields (:mod:`.objects`), enums
  (:mod:`.enums`) and unions (:mod:`.unions`);
- folds ``null`` in a type list, in an ``enum``, in a ``oneOf``/``anyOf``, or 3.0's
  ``nullable: true`` into the single :attr:`TypeRef.nullable` flag;
- gives every inline object, enum and union a parent-scoped name
  (``PublicAutomationRun.status`` → ``PublicAutomationRunStatus``).

Schemas are registered under their place in the document and referred to by it while the
document is read; :meth:`SchemaReader.settle` then gives each its class name, telling apart
names that collide (:mod:`.names`), and rewrites every reference.

In ``strict`` mode (our vendor format) every doubtful construct is an error; otherwise (an
OpenAPI document someone else wrote) what can be read locally is read, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal, TypeVar

from codegen import ir
from codegen.errors import Diagnostic, Path, format_path
from codegen.naming import RESERVED_CLASS_NAMES, NameProblem, class_name, pascal_case
from codegen.normalize import enums, objects, refs, unions
from codegen.normalize.names import Renames, SchemaClaim, rename_refs, settle_schemas
from codegen.normalize.values import ANY, is_scalar, show
from codegen.normalize.values import nullable as nullable_
from codegen.source import SourceDoc

T = TypeVar("T")

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
# How deep types may nest inside one class (``list[list[...]]``): Python's parser, pydantic and
# mypy all have limits; past this a value is read as any value. Inline schemas inside inline
# schemas (each a class) may nest MAX_DEPTH deep before the reader stops descending.
MAX_NESTING = 32
MAX_DEPTH = 100


class SchemaReader:
    """Reads schemas of one document into a registry of named IR schemas."""

    def __init__(
        self,
        doc: SourceDoc,
        components: Path,
        *,
        strict_keys: bool,
        report: Callable[[Diagnostic], None],
        ref_siblings: Literal["ignore", "merge"] = "ignore",
        renames: Renames | None = None,
    ) -> None:
        self.doc = doc
        self.components = components
        self.strict = strict_keys
        self.ref_siblings = ref_siblings
        self.renames = renames or Renames()
        self._report = report
        self._reported: set[Diagnostic] = set()
        # While reading: schemas by origin (their place in the document); after settle(), by
        # class name.
        self.registry: dict[str, ir.Schema] = {}
        self._claims: dict[str, SchemaClaim] = {}
        self._places: dict[str, Path] = {}
        self._names_in_use: dict[str, str] = {}  # strict mode: class name → origin
        self._types: dict[Path, ir.TypeRef] = {}
        self._resolving: set[Path] = set()
        self._resolved: dict[str, ir.TypeRef] = {}  # by the origin of a $ref target
        self._recurring: dict[str, Path] = {}  # origins referred to while being read
        self.nesting = 0  # types inside the class being read
        self.depth = 0  # inline schemas inside the named schema being read
        self._components_data = refs.lookup(doc.data, components)
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

    def _warn(self, path: Path, message: str, hint: str | None = None) -> None:
        self.report(self.doc.diagnostic(path, message, hint=hint, level="warning"))

    def error(self, path: Path, message: str, hint: str | None = None) -> None:
        self._error(path, message, hint)

    def warn(self, path: Path, message: str, hint: str | None = None) -> None:
        self._warn(path, message, hint)

    def problem(self, path: Path, strict: str, sloppy: str, hint: str | None = None) -> None:
        """A doubtful construct: the error ``strict`` in strict mode, else the warning
        ``sloppy`` (what is read instead)."""
        if self.strict:
            self._error(path, strict, hint)
        else:
            self._warn(path, sloppy, hint)

    # -- the registry -----------------------------------------------------------------------

    def register(self, schema: ir.Schema, path: Path) -> ir.TypeRef:
        """Add a schema found at ``path``; the reference to it (by its place, until
        :meth:`settle`)."""
        origin = schema.origin
        if self.strict:
            if schema.name in RESERVED_CLASS_NAMES:  # an inline schema's parent-scoped name
                self._error(path, f"this schema would be named {schema.name!r}, a name the generated "
                            "module uses", hint="name it: move it to a named schema")
            else:
                existing = self._names_in_use.get(schema.name)
                if existing is not None and existing != origin:
                    self._error(
                        path,
                        f"the schema name {schema.name!r} is used twice: here and at {existing}",
                        hint="rename one of them",
                    )
                self._names_in_use[schema.name] = origin
        key = self.schema_key(path)
        explicit = self.renames.schema(key)
        if explicit is not None:
            schema = replace(schema, name=explicit)
        component = self.component_key(path)
        self._claims[origin] = SchemaClaim(
            explicit=explicit is not None,
            component=component is not None,
            exact=component is not None and schema.name == component,
        )
        self._places[origin] = path
        self.registry[origin] = schema
        return ir.TypeRef("ref", ref=origin)

    def place(self, origin: str) -> Path:
        """The path of a registered schema."""
        return self._places.get(origin, ())

    def component_key(self, path: Path) -> str | None:
        """The key of a named schema (``components.schemas.<key>``), or ``None``."""
        n = len(self.components)
        if len(path) == n + 1 and path[:n] == self.components and isinstance(path[-1], str):
            return path[-1]
        return None

    def schema_key(self, path: Path) -> str:
        """How the config names a schema: its key if it is a named schema, else its place."""
        return self.component_key(path) or format_path(path)

    def read_all_components(self) -> None:
        """Read every named schema, used or not, so the registry is complete."""
        for key in self._components_data:
            self.ref_type((*self.components, key), (*self.components, key))

    def ref_type(self, target: Path, path: Path) -> ir.TypeRef:
        """The type of the schema at ``target`` (a ``$ref`` from ``path``)."""
        origin = format_path(target)
        if origin in self._resolved:
            return self._resolved[origin]
        schema = refs.lookup(self.doc.data, target)
        if target in self._resolving:
            if isinstance(schema, dict) and self._may_recur(schema):
                self._recurring[origin] = target
                return ir.TypeRef("ref", ref=origin)  # settled once the schema is read
            self._error(path, f"circular $ref: {str(target[-1])!r} refers back to itself")
            return ANY
        self._resolving.add(target)
        depth, self.depth = self.depth, 0  # a named schema's own inline schemas count from here
        try:
            component = self.component_key(target)
            name = self._class_name(component, target) if component is not None else self._pointer_name(target)
            result = self.type_of(schema, target, name, named=component is not None)
        finally:
            self._resolving.discard(target)
            self.depth = depth
        self._resolved[origin] = result
        return result

    def _may_recur(self, schema: dict[str, Any]) -> bool:
        """Can a reference back to this schema, met while reading it, stand for it? A class
        can (a model refers to its own class); in an OpenAPI document anything but a bare
        ``$ref`` chain can (a type that is not a class is cut there, with a warning)."""
        if self.strict:
            return objects.is_object(schema) or any(k in schema for k in ("enum", "oneOf", "anyOf"))
        return not (set(schema) <= refs.ANNOTATIONS | {"nullable"} and "$ref" in schema)

    def _class_name(self, text: str, path: Path) -> str:
        """A schema's class name. In a vendor spec we wrote the name ourselves, so a name that
        would shadow a builtin or a name of the generated module is an error; an OpenAPI
        document's names are the vendor's, so such a name gets a trailing underscore
        (``Tag`` → ``Tag_``), as attribute names do."""
        try:
            return class_name(text, derived=not self.strict)
        except NameProblem as problem:
            if self.strict:
                self._error(path, str(problem))
                return "Invalid"
            return "Model"

    def _pointer_name(self, target: Path) -> str:
        """A name for a schema reached by a pointer into another schema
        (``#/components/schemas/Pet/properties/status`` → ``PetStatus``, the name it has
        when read in place)."""
        n = len(self.components)
        words: list[str] = []
        rest: Path = target
        if target[:n] == self.components and len(target) > n:
            words.append(self._class_name(str(target[n]), target))
            rest = target[n + 1 :]
        for part in rest:
            if part in ("properties", "schema", "content", "paths", "components"):
                continue
            words.append({"items": "Item", "additionalProperties": "Value"}.get(str(part), pascal_case(str(part))))
        return class_name("".join(words) or "Schema", derived=True)

    def follow_ref(self, ref: Any, path: Path) -> Path | None:
        """The place a ``$ref`` points at; ``None`` (reported) when it cannot be followed."""
        prefix = "#/" + "/".join(str(p) for p in self.components) + "/"
        if not isinstance(ref, str):
            self._error((*path, "$ref"), "$ref must be a string")
            return None
        if self.strict:
            key = refs.unescape(ref[len(prefix) :]) if ref.startswith(prefix) else None
            if key is not None and key in self._components_data:
                return (*self.components, key)
            if key is None:
                self._error((*path, "$ref"), f"$ref {ref!r} is not a local reference to a named schema",
                            hint=f"use {prefix}<Name>")
            else:
                self._error((*path, "$ref"), f"$ref target {ref!r} does not exist")
            return None
        if ref.startswith("#"):
            found = refs.resolve(self.doc.data, ref)
            if found is None:
                self._error((*path, "$ref"), f"$ref target {ref!r} does not exist")
                return None
            return found[0]
        self._warn((*path, "$ref"), f"$ref {ref!r} points outside this document; it is read as any value")
        return None

    def raw(self, schema: Any, path: Path, seen: frozenset[Path] = frozenset()) -> tuple[Any, Path]:
        """The schema a ``$ref`` chain ends at (for merging and peeking), with its path."""
        while isinstance(schema, dict) and "$ref" in schema:
            target = self.follow_ref(schema["$ref"], path)
            if target is None or target in seen:
                if target is not None:
                    self._error(path, f"circular $ref through {str(target[-1])!r}")
                return {}, path
            seen = seen | {target}
            path = target
            schema = refs.lookup(self.doc.data, target)
        return schema, path

    def body(self, schema: Any, path: Path) -> dict[str, Any]:
        """What a schema says of its value, for its constraints, default and description: the
        schema a ``$ref`` ends at, with the keys beside the ``$ref`` applied in 3.1."""
        if (isinstance(schema, dict) and "$ref" in schema and self.ref_siblings == "merge"
                and not self.strict and refs.type_changing_siblings(schema)):
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            merged = objects.merge_all_of(self, {"allOf": [{"$ref": schema["$ref"]}, rest]}, path)
            return merged or {}
        body, _ = self.raw(schema, path) if isinstance(schema, dict) else (schema, path)
        return body if isinstance(body, dict) else {}

    # -- conversion -------------------------------------------------------------------------

    def type_of(self, schema: Any, path: Path, name: str, *, named: bool = False) -> ir.TypeRef:
        """The IR type of the schema at ``path``; inline objects, enums and unions are
        registered as ``name`` (the parent-scoped name the caller chose). A place is read
        once: a schema reached twice (a shared parameter, a pointer into another schema) is
        one type."""
        cached = self._types.get(path)
        if cached is not None:
            return cached
        if self.nesting >= MAX_NESTING or self.depth >= MAX_DEPTH:
            what = f"types nest more than {MAX_NESTING}" if self.nesting >= MAX_NESTING else \
                f"schemas nest more than {MAX_DEPTH}"
            self.problem(path, f"{what} levels deep here", f"{what} levels deep here; the value is read as any value")
            return ANY
        self.nesting += 1
        self.depth += 1
        try:
            result = self._type_of(schema, path, name, named)
        finally:
            self.nesting -= 1
            self.depth -= 1
        self._types[path] = result
        return result

    def _type_of(self, schema: Any, path: Path, name: str, named: bool) -> ir.TypeRef:
        if schema is True or schema == {}:
            return ANY
        if schema is False:
            self._warn(path, "a `false` schema (no value is valid) is read as any value")
            return ANY
        if not isinstance(schema, dict):
            self._error(path, f"expected a schema (a mapping), got {show(schema)}")
            return ANY
        self._check_keys(schema, path)
        if "$ref" in schema:
            return self._ref(schema, path, name, named)

        nullable = schema.get("nullable") is True
        types = schema.get("type")
        type_list: list[Any] = [] if types is None else list(types) if isinstance(types, list) else [types]
        for item in type_list:
            if item not in _PRIMITIVES:
                self.problem((*path, "type"), f"unknown type {show(item)}",
                             f"unknown type {show(item)}; the value is read as any value")
                return ir.TypeRef("any", nullable=nullable)
        if "null" in type_list:
            nullable = True
            type_list = [t for t in type_list if t != "null"]

        for key in _UNSUPPORTED:
            if key in schema and not self.strict:  # strict: _check_keys said it is an error
                self._warn((*path, key), f"{key!r} is not supported; the value is not checked")

        if "allOf" in schema:
            merged = objects.merge_all_of(self, schema, path)
            if merged is None:
                return ANY
            if set(merged) <= {"$ref", "description", "nullable"} and "$ref" in merged:
                result = self._ref({"$ref": merged["$ref"]}, path, name, named)
            else:
                result = self._type_of(merged, path, name, named)
            return nullable_(result) if nullable or merged.get("nullable") is True else result

        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                result = unions.read_union(self, schema, combinator, path, name, named)
                return nullable_(result) if nullable else result

        if "const" in schema:
            value = schema["const"]
            if not is_scalar(value) or value is None:
                self.problem((*path, "const"), "const must be a string, number or boolean",
                             "const must be a string, number or boolean; the value is read as any value")
                return ANY
            return ir.TypeRef("literal", literal=value, nullable=nullable)

        if "enum" in schema:
            return enums.read_enum(self, schema, path, name, nullable, type_list)

        if len(type_list) > 1:
            if self.strict:
                self._warn((*path, "type"),
                           f"a value of several types ({', '.join(type_list)}) is read as any value")
                return ir.TypeRef("any", nullable=nullable)
            # `type: [string, integer]`: one of those, each read as if it were the only one.
            variants = tuple(
                self.type_of({**schema, "type": kind}, (*path, "type", index), name)
                for index, kind in enumerate(type_list)
            )
            return unions.union_of(variants, nullable)

        kind = type_list[0] if type_list else None
        if kind is None and ("properties" in schema or "additionalProperties" in schema):
            kind = "object"
        if kind is None and "items" in schema:
            kind = "array"

        if kind == "object":
            return objects.read_object(self, schema, path, name, nullable, named)
        if kind == "array":
            items = schema.get("items")
            if items is None or isinstance(items, list):  # `items: [...]` is a 2019 tuple
                return ir.TypeRef("array", items=ANY, nullable=nullable)
            item_type = self.type_of(items, (*path, "items"), name + "Item")
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

    def _ref(self, schema: dict[str, Any], path: Path, name: str, named: bool) -> ir.TypeRef:
        """A ``$ref``. Keys beside it are ignored in OpenAPI 3.0 (with a warning when they
        would change the value); in 3.1 they apply too, as if both stood in an ``allOf``."""
        siblings = refs.type_changing_siblings(schema) if not self.strict else []
        if siblings and self.ref_siblings == "merge":
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            return self._type_of({"allOf": [{"$ref": schema["$ref"]}, rest]}, path, name, named)
        if siblings:
            self._warn(path, f"keys beside $ref are ignored in OpenAPI 3.0: {', '.join(map(str, siblings))}")
        target = self.follow_ref(schema["$ref"], path)
        if target is None:
            return ANY
        result = self.ref_type(target, path)
        return nullable_(result) if schema.get("nullable") is True else result

    def _check_keys(self, schema: dict[str, Any], path: Path) -> None:
        if not self.strict:
            return
        for key in schema:
            if key in SCHEMA_KEYS:
                continue
            if key in _UNSUPPORTED:
                self._error((*path, key), f"{key!r} is not supported in this format",
                            hint="docs/vendor-spec.md lists the schema keywords it reads")
                continue
            self._error((*path, key), f"unknown schema keyword {key!r}")

    def class_scope(self) -> _ClassScope:
        """Inside a class, types nest from zero again (its fields are annotations of their own)."""
        return _ClassScope(self)

    def default(self, schema: dict[str, Any], path: Path) -> ir.Default | None:
        return objects.default(self, schema, path)

    def constraints(self, schema: dict[str, Any], path: Path) -> ir.Constraints:
        return objects.constraints(self, schema, path)

    # -- names ------------------------------------------------------------------------------

    def settle(self) -> Callable[[T], T]:
        """Give every schema its class name and rewrite the registry's references; returns the
        function that rewrites the references of anything else (the operations)."""
        unions.break_alias_cycles(self)
        if self.strict:
            names = {origin: schema.name for origin, schema in self.registry.items()}
        else:
            names, clashes = settle_schemas(self.registry, self._claims)
            for clash in clashes:
                where = self._places[clash.loser.key]
                if clash.assigned is None:
                    self._error(where, f"the class name {clash.natural!r} is given to two schemas: "
                                f"here and at {clash.winner.key}", hint="rename one of them (names.schemas)")
                else:
                    self._warn(where, f"schemas {clash.winner.key} and {clash.loser.key} both become the "
                               f"class name {clash.natural!r}; this one is named {clash.assigned!r}",
                               hint="rename it in codegen.yaml under names.schemas")
        cut: set[str] = set()

        def fallback(ref: ir.TypeRef) -> ir.TypeRef:
            """A reference to a schema being read, left when the schema turned out not to be a
            class of its own: the type it became, or (when that is no class either, a type
            that contains itself) any value."""
            target = self._resolved.get(ref.ref or "")
            if target is not None and target.kind == "ref" and target.ref in names:
                return replace(target, ref=names[target.ref], nullable=target.nullable or ref.nullable)
            origin = ref.ref or ""
            if origin not in cut:
                cut.add(origin)
                self._warn(self._recurring.get(origin, ()), "this schema contains itself, but is not an object: the inner "
                           "reference is read as any value")
            return ir.TypeRef("any", nullable=ref.nullable)

        settled: dict[str, ir.Schema] = {}
        for origin, schema in self.registry.items():
            settled[names[origin]] = rename_refs(replace(schema, name=names[origin]), names, fallback)
        self.registry = settled
        return lambda value: rename_refs(value, names, fallback)


class _ClassScope:
    def __init__(self, reader: SchemaReader) -> None:
        self.reader = reader
        self.saved = 0

    def __enter__(self) -> None:
        self.saved, self.reader.nesting = self.reader.nesting, 0

    def __exit__(self, *exc: object) -> None:
        self.reader.nesting = self.saved
