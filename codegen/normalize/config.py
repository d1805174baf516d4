"""The OpenAPI config, ``codegen.yaml``: what an OpenAPI document cannot say.

Its format is table-driven (:data:`CONFIG_KEYS`) and checked as strictly as a vendor spec;
``docs/vendor-spec.md`` documents it. The ``names`` section renames what the generator would
otherwise derive from the document (kept verbatim): schemas, properties, parameters and enum
members; operations are renamed in ``operations``.
"""

from __future__ import annotations

import builtins
import keyword
from typing import Any

from codegen.errors import Path
from codegen.naming import RESERVED_CLASS_NAMES
from codegen.normalize.common import Context
from codegen.normalize.names import Renames

CONFIG_FORMAT = "codegen-openapi-config/1"

# A mapping is {key: shape}; a list [shape] is a mapping with any keys whose values have that
# shape; a tuple lists the allowed values; a type is the type.
OPERATION_KEYS = {"resource": str, "name": str, "pagination": dict, "envelope": str,
                  "idempotent": bool, "headers": list, "research": str}
NAME_KEYS = {
    "schemas": [str],
    "properties": [[str]],
    "parameters": [[str]],
    "enum_members": [[str]],
    "research": str,
}
CONFIG_KEYS = {
    "format": (CONFIG_FORMAT,),
    "vendor": {"id": str, "package": str, "client": str, "research": str},
    "auth": {"env": str, "scheme": str, "prefix": str, "password_env": str, "research": str},
    "headers": list,
    "rate_limit": dict,
    "success": dict,
    "request_id_header": str,
    "errors": {"retry_after": {"field": str, "unit": ("ms", "s"), "research": str}, "research": str},
    "names": NAME_KEYS,
    "operations": [OPERATION_KEYS],
}
REQUIRED = {"format", "field", "unit"}  # required wherever they may appear


def check_shape(ctx: Context, value: Any, shape: Any, path: Path) -> None:
    if isinstance(shape, dict | list):
        if not isinstance(value, dict):
            ctx.error(path, "expected a mapping")
        elif isinstance(shape, list):
            for key, item in value.items():
                check_shape(ctx, item, shape[0], (*path, key))
        else:
            for key in value:
                if key not in shape:
                    ctx.error((*path, key), f"unknown key {key!r}", hint="expected " + ", ".join(shape))
            for key, inner in shape.items():
                if key in value:
                    check_shape(ctx, value[key], inner, (*path, key))
                elif key in REQUIRED:
                    ctx.error(path, f"missing required key {key!r}")
    elif isinstance(shape, tuple):
        if value not in shape:
            ctx.error(path, f"expected {' or '.join(map(repr, shape))}, got {value!r}")
    elif shape is str and not (isinstance(value, str) and value):
        ctx.error(path, f"expected a non-empty string, got {value!r}")
    elif shape is not str and not isinstance(value, shape):
        what = {bool: "true or false", list: "a list"}.get(shape, "a mapping")
        ctx.error(path, f"expected {what}, got {value!r}")


def read_renames(cfg: Context) -> Renames:
    """The ``names`` section, each name checked (an unusable one is an error of the config)."""
    section = cfg.doc.data.get("names") if isinstance(cfg.doc.data, dict) else None
    renames = Renames()
    if not isinstance(section, dict):
        return renames
    for key, value in (section.get("schemas") or {}).items():
        name = _class_name(cfg, value, ("names", "schemas", key))
        if name is not None:
            renames.schemas[str(key)] = name
    nested = {"properties": renames.properties, "parameters": renames.parameters,
              "enum_members": renames.enum_members}
    for part, target in nested.items():
        for owner, names in (section.get(part) or {}).items():
            if not isinstance(names, dict):
                continue
            checked: dict[str, str] = {}
            for wire, value in names.items():
                where: Path = ("names", part, owner, wire)
                name = _member_name(cfg, value, where) if part == "enum_members" else cfg.name(value, where, "python name")
                if name is not None:
                    checked[str(wire).lower() if isinstance(wire, bool) else str(wire)] = name
            target[str(owner)] = checked
    return renames


def unused_renames(cfg: Context, renames: Renames) -> None:
    """A rename that matches nothing in the document is an error (a typo, or a document that
    changed)."""
    for key in renames.schemas:
        if ("schemas", key) not in renames.used:
            cfg.error(("names", "schemas", key), f"{key!r} matches no schema of the document",
                      hint="use a name under components.schemas, or the place of an inline schema")
    nested = {"properties": renames.properties, "parameters": renames.parameters,
              "enum_members": renames.enum_members}
    what = {"properties": "property", "parameters": "parameter", "enum_members": "enum value"}
    for part, table in nested.items():
        for owner, names in table.items():
            for wire in names:
                if (part, owner, wire) not in renames.used:
                    cfg.error(("names", part, owner, wire), f"{owner!r} has no {what[part]} {wire!r}")


def _class_name(cfg: Context, value: Any, path: Path) -> str | None:
    if not isinstance(value, str) or not value.isidentifier() or not value[:1].isupper():
        cfg.error(path, f"{value!r} is not a PascalCase class name")
        return None
    if value in RESERVED_CLASS_NAMES or value in dir(builtins) or keyword.iskeyword(value):
        cfg.error(path, f"class name {value!r} would hide a name the generated module uses; use {value + '_'!r}")
        return None
    return value


def _member_name(cfg: Context, value: Any, path: Path) -> str | None:
    if not isinstance(value, str) or not value.isidentifier() or value.startswith("_") or keyword.iskeyword(value):
        cfg.error(path, f"{value!r} is not a usable enum member name", hint="use UPPER_SNAKE_CASE")
        return None
    return value
