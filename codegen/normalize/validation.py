"""Validating an OpenAPI document against the OpenAPI schema of its version.

openapi-pydantic's models of OpenAPI 3.0 and 3.1 say what a document may hold; every problem
they find becomes a diagnostic at its path (and line) in the document. Keys the specification
does not define are warnings: the conversion ignores them.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from openapi_pydantic import OpenAPI as OpenAPI31
from openapi_pydantic import Reference as Reference31
from openapi_pydantic import Schema as Schema31
from openapi_pydantic.v3.v3_0 import OpenAPI as OpenAPI30
from openapi_pydantic.v3.v3_0 import Reference as Reference30
from openapi_pydantic.v3.v3_0 import Schema as Schema30
from pydantic import BaseModel, ValidationError

from codegen.errors import Path
from codegen.normalize.common import Context

# A part of a pydantic error location that names a union branch, not a key of the document.
_BRANCH = re.compile(r"^[A-Z][A-Za-z0-9]*$|\[|^(bool|str|int|float|none)$|^function-")
_SCALAR_BRANCH = re.compile(r"^(bool|str|int|float|none)$|^list\[")


def validate(ctx: Context, data: dict[str, Any]) -> None:
    """Validate against openapi-pydantic's model of the document's version.

    The document is validated in slices: first without its paths and component schemas, then
    with one path item, then with one schema at a time. Error locations are the same as for
    the whole document, and the models of a large document are never all in memory at once
    (they would be several times the size of the data)."""
    version = str(data.get("openapi", ""))
    models: dict[str, type[OpenAPI30] | type[OpenAPI31]] = {"3.0": OpenAPI30, "3.1": OpenAPI31}
    model = models.get(version[:3])
    if model is None or version[3:4] not in ("", "."):
        ctx.error(("openapi",), f"unsupported OpenAPI version {version!r}", hint="use 3.0.x or 3.1.x")
        return
    seen: set[Path] = set()
    paths, components = data.get("paths"), data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(paths, dict) or not isinstance(schemas, dict) or not isinstance(components, dict):
        _validate_slice(ctx, model, data, data, (), seen)
        return
    shell = {**data, "paths": {}, "components": {**components, "schemas": {}}}
    _validate_slice(ctx, model, data, shell, (), seen)
    for template, item in paths.items():
        piece = {**shell, "paths": {template: item}}
        _validate_slice(ctx, model, data, piece, ("paths",), seen)
    for name, schema in schemas.items():
        piece = {**shell, "components": {**components, "schemas": {name: schema}}}
        _validate_slice(ctx, model, data, piece, None, seen)


def _validate_slice(
    ctx: Context,
    model: type[OpenAPI30] | type[OpenAPI31],
    data: dict[str, Any],
    piece: dict[str, Any],
    walk: Path | None,
    seen: set[Path],
) -> None:
    """Validate ``piece`` (the document, or a slice of it); report errors at their paths in
    ``data``, and unknown keys under ``walk`` (``()``: everywhere; ``None``: nowhere)."""
    try:
        validated = model.model_validate(piece)
    except ValidationError as exc:
        for entry in exc.errors():
            if model is OpenAPI31 and _boolean_schema(entry):
                continue  # JSON Schema's `true`/`false`: valid 3.1, read by SchemaReader
            if "Schema" in entry["loc"][:-1]:
                continue  # inside a schema: the schema reader reads what it can, and says so
            path = _error_path(data, entry["loc"])
            if path is None or path in seen:
                continue
            seen.add(path)
            missing = entry["type"] == "missing" and path
            if not missing and _descriptive(path):
                ctx.warn(path, f"{entry['msg']}; this key only describes the API and is read as it stands")
                continue
            ctx.error(path, f"missing required key {path[-1]!r}" if missing else entry["msg"])
        return
    if walk == ():
        _unknown_keys(ctx, validated, ())
    elif walk is not None:
        _unknown_keys(ctx, getattr(validated, str(walk[0])), walk)


# Keys that only describe the API (for people, or for grouping): a value of the wrong type there
# (`tags: [1]`, a number as a summary) does not keep a client from being generated.
_DESCRIPTIVE = frozenset(
    {"description", "summary", "title", "tags", "externalDocs", "contact", "license", "termsOfService",
     "example", "examples", "deprecated"}
)


def _descriptive(path: Path) -> bool:
    return any(part in _DESCRIPTIVE for part in path if isinstance(part, str))


def _boolean_schema(entry: Any) -> bool:
    """A pydantic error that only says a boolean is not a Schema (or a Reference in its place)."""
    loc = entry["loc"]
    return isinstance(entry.get("input"), bool) and bool(loc) and loc[-1] in ("Schema", "Reference")


# Objects whose unknown keys are not mistakes: JSON Schema allows any keyword, and OpenAPI says
# the siblings of a $ref are ignored.
_OPEN_MODELS = (Schema30, Schema31, Reference30, Reference31)


def _unknown_keys(ctx: Context, value: Any, path: Path) -> None:
    """Warn of keys the OpenAPI specification does not define (extensions start with ``x-``):
    openapi-pydantic keeps them silently, and a misspelt ``operationid`` would otherwise be
    ignored without a word. Published documents carry many (``title`` on an operation):
    they are warnings, never errors."""
    if isinstance(value, BaseModel):
        if isinstance(value, _OPEN_MODELS):
            return
        fields = type(value).model_fields
        for key in value.model_extra or {}:
            if not key.startswith("x-") and key != "$ref":  # a $ref is followed where it stands
                known = [field.alias or name for name, field in fields.items()]
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "extensions start with 'x-'"
                ctx.warn((*path, key), f"unknown key {key!r} is ignored", hint=hint)
        for name, field in fields.items():
            child = getattr(value, name)
            if child is not None and not isinstance(child, str | int | float | bool):
                _unknown_keys(ctx, child, (*path, field.alias or name))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel | dict | list):
                _unknown_keys(ctx, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel | dict | list):
                _unknown_keys(ctx, item, (*path, index))


def _error_path(data: Any, loc: tuple[str | int, ...]) -> Path | None:
    """The document path of a pydantic error, without union-branch names; ``None`` when the
    error comes from a branch the value plainly is not (``Reference`` for a non-``$ref``)."""
    node, path = data, []
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int):
            node = node[part] if part < len(node) else None
            path.append(part)
        elif isinstance(part, str) and _BRANCH.search(part):
            is_ref = isinstance(node, dict) and "$ref" in node
            if (part == "Reference") != is_ref:
                return None
            if isinstance(node, dict) and _SCALAR_BRANCH.search(part):
                return None
        else:
            path.append(part)
            node = None
    return tuple(path)
