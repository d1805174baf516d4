"""OpenAPI 3.0/3.1 (plus an optional ``codegen.yaml``) → :class:`ir.Api`.

The document is first validated with openapi-pydantic (every problem becomes a diagnostic at
its path and line), then converted from the raw mapping: schemas through :class:`SchemaReader`,
everything else here. The config says what OpenAPI cannot (Python names, pagination, the
environment variable); its format is in ``docs/vendor-spec.md``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Any

from openapi_pydantic import OpenAPI as OpenAPI31
from openapi_pydantic import Reference as Reference31
from openapi_pydantic import Schema as Schema31
from openapi_pydantic.v3.v3_0 import OpenAPI as OpenAPI30
from openapi_pydantic.v3.v3_0 import Reference as Reference30
from openapi_pydantic.v3.v3_0 import Schema as Schema30
from pydantic import BaseModel, ValidationError

from codegen import ir
from codegen.errors import Diagnostic, Path, SpecError
from codegen.naming import (
    NameProblem,
    attribute_name,
    derived_name,
    explicit_name,
    pascal_case,
    snake_case,
)
from codegen.naming import upper_snake_case as upper_snake
from codegen.normalize import common, inference, media, protocol, security
from codegen.normalize.common import Context, walk_type
from codegen.normalize.schema import SchemaReader
from codegen.source import SourceDoc

CONFIG_FORMAT = "codegen-openapi-config/1"
_ANY = ir.TypeRef("any")
_METHODS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE"}
_PATH_ITEM_KEYS = {"$ref", "summary", "description", "servers", "parameters"}
# A part of a pydantic error location that names a union branch, not a key of the document.
_BRANCH = re.compile(r"^[A-Z][A-Za-z0-9]*$|\[|^(bool|str|int|float|none)$|^function-")
_SCALAR_BRANCH = re.compile(r"^(bool|str|int|float|none)$|^list\[")

# The config format, table-driven: a mapping is {key: shape}; a list [shape] is a mapping with
# any keys whose values have that shape; a tuple lists the allowed values; a type is the type.
_OPERATION_KEYS = {"resource": str, "name": str, "pagination": dict, "envelope": str,
                   "idempotent": bool, "headers": list, "research": str}
_CONFIG_KEYS = {
    "format": (CONFIG_FORMAT,),
    "vendor": {"id": str, "package": str, "client": str, "research": str},
    "auth": {"env": str, "scheme": str, "prefix": str, "password_env": str, "research": str},
    "headers": list,
    "rate_limit": dict,
    "success": dict,
    "request_id_header": str,
    "errors": {"retry_after": {"field": str, "unit": ("ms", "s"), "research": str}, "research": str},
    "operations": [_OPERATION_KEYS],
}
_REQUIRED = {"format", "field", "unit"}  # required wherever they may appear


def read_openapi(
    doc: SourceDoc, config: SourceDoc | None, *, name: str | None = None
) -> tuple[ir.Api, list[Diagnostic]]:
    """Normalize an OpenAPI document and its optional config: returns the API and the
    warnings; raises :class:`SpecError` with every error."""
    diagnostics: list[Diagnostic] = []
    ctx = Context(doc, diagnostics.append)
    if not isinstance(doc.data, dict):
        raise doc.error((), "an OpenAPI document must be a mapping")
    _validate(ctx, doc.data)
    cfg = Context(config or SourceDoc("codegen.yaml", {"format": CONFIG_FORMAT}), diagnostics.append)
    _check_shape(cfg, cfg.doc.data, _CONFIG_KEYS, ())
    _raise_errors(diagnostics, doc.file)  # the conversion trusts the shapes checked so far
    api = _Reader(ctx, cfg).api(name)
    _raise_errors(diagnostics, doc.file)
    return api, [d for d in _in_file_order(diagnostics, doc.file) if d.level != "error"]


def _in_file_order(diagnostics: list[Diagnostic], document: str) -> list[Diagnostic]:
    """The document's diagnostics by line, then the config's; each once."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=lambda d: (d.file != document, d.line or 0))


def _raise_errors(diagnostics: list[Diagnostic], document: str) -> None:
    errors = [d for d in _in_file_order(diagnostics, document) if d.level == "error"]
    if errors:
        raise SpecError(errors)


def _validate(ctx: Context, data: dict[str, Any]) -> None:
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
            path = _error_path(data, entry["loc"])
            if path is None or path in seen:
                continue
            seen.add(path)
            missing = entry["type"] == "missing" and path
            ctx.error(path, f"missing required key {path[-1]!r}" if missing else entry["msg"])
        return
    if walk == ():
        _unknown_keys(ctx, validated, ())
    elif walk is not None:
        _unknown_keys(ctx, getattr(validated, str(walk[0])), walk)


def _boolean_schema(entry: Any) -> bool:
    """A pydantic error that only says a boolean is not a Schema (or a Reference in its place)."""
    loc = entry["loc"]
    return isinstance(entry.get("input"), bool) and bool(loc) and loc[-1] in ("Schema", "Reference")


# Objects whose unknown keys are not mistakes: JSON Schema allows any keyword, and OpenAPI says
# the siblings of a $ref are ignored.
_OPEN_MODELS = (Schema30, Schema31, Reference30, Reference31)


def _unknown_keys(ctx: Context, value: Any, path: Path) -> None:
    """Report keys the OpenAPI specification does not define (extensions start with ``x-``):
    openapi-pydantic keeps them silently, and a misspelt ``operationid`` would otherwise be
    ignored."""
    if isinstance(value, BaseModel):
        if isinstance(value, _OPEN_MODELS):
            return
        fields = type(value).model_fields
        for key in value.model_extra or {}:
            if not key.startswith("x-"):
                known = [field.alias or name for name, field in fields.items()]
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "extensions start with 'x-'"
                ctx.error((*path, key), f"unknown key {key!r}", hint=hint)
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


def _check_shape(ctx: Context, value: Any, shape: Any, path: Path) -> None:
    if isinstance(shape, dict | list):
        if not isinstance(value, dict):
            ctx.error(path, "expected a mapping")
        elif isinstance(shape, list):
            for key, item in value.items():
                _check_shape(ctx, item, shape[0], (*path, key))
        else:
            for key in value:
                if key not in shape:
                    ctx.error((*path, key), f"unknown key {key!r}", hint="expected " + ", ".join(shape))
            for key, inner in shape.items():
                if key in value:
                    _check_shape(ctx, value[key], inner, (*path, key))
                elif key in _REQUIRED:
                    ctx.error(path, f"missing required key {key!r}")
    elif isinstance(shape, tuple):
        if value not in shape:
            ctx.error(path, f"expected {' or '.join(map(repr, shape))}, got {value!r}")
    elif shape is str and not (isinstance(value, str) and value):
        ctx.error(path, f"expected a non-empty string, got {value!r}")
    elif shape is not str and not isinstance(value, shape):
        what = {bool: "true or false", list: "a list"}.get(shape, "a mapping")
        ctx.error(path, f"expected {what}, got {value!r}")


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


class _Reader:
    def __init__(self, ctx: Context, cfg: Context) -> None:
        self.ctx, self.cfg = ctx, cfg
        self.data: dict[str, Any] = ctx.doc.data
        self.settings: dict[str, Any] = cfg.doc.data
        self.schemas = SchemaReader(ctx.doc, ("components", "schemas"), strict_keys=False, report=ctx.report)
        self.op_configs: dict[str, Any] = self.settings.get("operations") or {}
        self.used: set[str] = set()
        self.skipped: list[str] = []  # operations left out, for the message when none is left
        self.error_types: list[ir.TypeRef] = []

    def api(self, name: str | None) -> ir.Api:
        self.schemas.read_all_components()
        info = self.data.get("info") or {}
        vendor_id = self.vendor("id", snake_case(name or str(info.get("title"))), "vendor id")
        package = self.vendor("package", f"{vendor_id}_client", "package")
        client = self.vendor("client", pascal_case(vendor_id), "client")
        if "webhooks" in self.data:
            self.ctx.warn(("webhooks",), "webhooks are not modelled; skipped")
        operations = self.operations()
        if not operations:
            shown = ", ".join(self.skipped[:3]) + (", ..." if len(self.skipped) > 3 else "")
            skipped = f" (skipped: {shown})" if self.skipped else ""
            self.ctx.error(("paths",), f"the document has no operations to generate a client for{skipped}")
        resources = common.assemble(self.ctx, operations)
        for key in self.op_configs:
            if key not in self.used:
                self.cfg.error(("operations", key), f"{key!r} matches no operation of the document",
                               hint="use an operationId or 'METHOD /path'")
        env = (self.settings.get("auth") or {}).get("env") or f"{upper_snake(vendor_id)}_API_KEY"
        if not common.ENV_NAME.match(env):
            self.cfg.error(("auth", "env"), f"{env!r} is not an environment variable name",
                           hint="use letters, digits and underscores, e.g. VENDOR_API_KEY")
        request_id = self.settings.get("request_id_header")
        if request_id is not None and not common.HEADER_NAME.match(request_id):
            self.cfg.error(("request_id_header",), f"{request_id!r} is not a valid HTTP header name")
        auth = self.auth(env)
        taken = {auth.header.lower(): "the auth header"} if auth.header else {}
        fixed = protocol.fixed_headers(self.cfg, self.settings.get("headers"), ("headers",), taken)
        bodies = [op.response.type for _, _, op, _ in operations if op.response.type is not None]
        success = protocol.success(self.cfg, self.settings.get("success"), ("success",),
                                   self.schemas.registry, bodies)
        limits = protocol.rate_limit(self.cfg, self.settings.get("rate_limit"), ("rate_limit",))
        return ir.Api(
            vendor_id=vendor_id, package=package, class_prefix=client,
            title=str(info.get("title")), version=str(info.get("version")),
            description=_text(info.get("description")),
            base_url=self.base_url(), auth=auth, resources=resources,
            schemas=common.schemas_in_order(self.schemas.registry),
            request_id_header=self.settings.get("request_id_header"), retry_delay=self.retry_delay(),
            fixed_headers=fixed, rate_limit=limits, success=success,
        )

    # -- helpers ----------------------------------------------------------------------------

    def vendor(self, key: str, default: str, what: str) -> str:
        """A vendor name from the config, else derived from the document (or ``name``)."""
        vendor = self.settings.get("vendor") or {}
        value = vendor.get(key) or default
        try:
            if what != "client":
                return explicit_name(value, what)
            if value.isidentifier() and value[:1].isupper():
                return str(value)
            raise NameProblem(f"client prefix {value!r} is not a PascalCase identifier")
        except NameProblem as problem:
            if key in vendor:
                self.cfg.error(("vendor", key), str(problem))
            else:
                hint = f"set vendor.{key} in codegen.yaml" + (", or pass --name" if key == "id" else "")
                self.ctx.error(("info", "title"), str(problem), hint=hint)
            return "invalid"

    def deref(self, node: Any, path: Path, section: str) -> tuple[dict[str, Any], Path] | None:
        """Follow local ``$ref`` s into ``components.<section>``."""
        seen: set[str] = set()
        while isinstance(node, dict) and "$ref" in node:
            ref, prefix = node["$ref"], f"#/components/{section}/"
            if not isinstance(ref, str) or not ref.startswith(prefix):
                self.ctx.error((*path, "$ref"), f"$ref {ref!r} is not a local reference into "
                               f"components.{section}", hint=f"use {prefix}<Name>")
                return None
            key = ref[len(prefix):].replace("~1", "/").replace("~0", "~")
            target = ((self.data.get("components") or {}).get(section) or {}).get(key)
            if target is None or key in seen:
                problem = "does not exist" if target is None else "is circular"
                self.ctx.error((*path, "$ref"), f"$ref target {ref!r} {problem}")
                return None
            seen.add(key)
            node, path = target, ("components", section, key)
        return (node, path) if isinstance(node, dict) else None

    def offers(self, holder: dict[str, Any], path: Path) -> list[media.Offer]:
        """The media types of a request body's or a response's ``content``."""
        content = holder.get("content")
        if not isinstance(content, dict):
            return []
        return media.offers(content, (*path, "content"), self.shape, self.ctx.warn)

    def shape(self, schema: Any, path: Path) -> str | None:
        return media.shape(self.schemas, schema, path)

    # -- operations -------------------------------------------------------------------------

    def operations(self) -> list[tuple[str, str, ir.Operation, Path]]:
        result = []
        for template, item in (self.data.get("paths") or {}).items():
            item_path: Path = ("paths", template)
            if "$ref" in item:
                self.ctx.warn((*item_path, "$ref"), "a path item $ref is not supported; skipped")
                self.skipped.append(f"{template} ($ref)")
                continue
            if "servers" in item:
                self.ctx.warn((*item_path, "servers"), "per-path servers are ignored")
            for method, op in item.items():
                if method in _PATH_ITEM_KEYS or method.startswith("x-"):
                    continue
                if method not in _METHODS:
                    self.ctx.warn((*item_path, method), f"{method.upper()} operations are not supported; skipped")
                    self.skipped.append(f"{method.upper()} {template}")
                    continue
                result.append(self.operation(template, method, op, item.get("parameters") or []))
        return result

    def operation(
        self, template: str, method: str, op: dict[str, Any], shared: list[Any]
    ) -> tuple[str, str, ir.Operation, Path]:
        path: Path = ("paths", template, method)
        op_id, by_path = op.get("operationId"), f"{_METHODS[method]} {template}"
        literal = [s for s in template.split("/") if s and "{" not in s]
        derived = snake_case(op_id or op.get("summary") or "") or snake_case(
            f"{method} {literal[-1] if literal else ''}"
        )
        keys = [k for k in (op_id, by_path) if k in self.op_configs]
        if len(keys) > 1:
            self.cfg.error(("operations", keys[1]), f"this operation is also configured as {keys[0]!r}")
        self.used.update(keys)
        conf: dict[str, Any] = self.op_configs[keys[0]] if keys else {}
        conf_path: Path = ("operations", keys[0]) if keys else ()
        tags = op.get("tags") or []
        hint = f"set operations[{op_id or by_path!r}].{{}} in codegen.yaml"
        py_name = self.op_name(conf, conf_path, path, "name", derived, hint)
        resource = self.op_name(conf, conf_path, path, "resource",
                                snake_case(tags[0]) if tags else "default", hint)
        scope = pascal_case(op_id or "") or pascal_case(derived)
        for key in ("callbacks", "servers"):
            if key in op:
                self.ctx.warn((*path, key), f"{key} are not modelled; skipped")
        params = self.params(shared, op.get("parameters") or [], path, scope)
        body = self.body(op, path, scope)
        response, errors = self.responses(op, path, scope)
        body_type = response.type
        if "envelope" in conf:
            envelope = tuple(conf["envelope"].split("."))
            inner = walk_type(self.schemas.registry, body_type, envelope)
            if inner is None:
                self.cfg.error((*conf_path, "envelope"), f"the response has no field {conf['envelope']!r}")
            response = replace(response, type=inner, envelope=envelope)
        pagination = common.read_pagination(self.cfg, conf.get("pagination"), (*conf_path, "pagination"),
                                            params, body_type, self.schemas.registry)
        if "pagination" not in conf and method == "get":
            pagination = self.inferred(op, path, params, body_type, op_id or by_path) or pagination
        params, constant = self.constant_headers(params, path)
        taken = {p.wire_name.lower(): f"parameter {p.wire_name!r}" for p in params if p.location == "header"}
        constant += protocol.fixed_headers(self.cfg, conf.get("headers"), (*conf_path, "headers"), taken)
        body = common.settle_body(params, body, self.schemas.registry)
        common.check_path(self.ctx, template, params, path)
        common.check_signature(self.ctx, path, params, body)
        operation = ir.Operation(
            operation_id=op_id or derived, py_name=py_name, path=template,
            method=_METHODS[method],  # type: ignore[arg-type]
            params=params, response=response, errors=errors, body=body, pagination=pagination,
            idempotent=conf.get("idempotent", method not in ("post", "patch")),
            summary=_text(op.get("summary")), description=_text(op.get("description")),
            deprecated=op.get("deprecated") is True, origin=f"paths.{template}.{method}",
            fixed_headers=constant,
        )
        return resource, py_name, operation, path

    def inferred(self, op: dict[str, Any], path: Path, params: tuple[ir.Parameter, ...],
                 body: ir.TypeRef | None, key: str) -> ir.Pagination | None:
        """Pagination the document leaves no doubt about (:mod:`inference`), with a note."""
        headers: set[str] = set()
        codes = sorted(k for k in (op.get("responses") or {}) if re.fullmatch(r"2\d\d", k))
        if codes:
            found = self.deref(op["responses"][codes[0]], (*path, "responses", codes[0]), "responses")
            if found is not None and isinstance(found[0].get("headers"), dict):
                headers = {str(name).lower() for name in found[0]["headers"]}
        decl, doubt = inference.infer_pagination(params, body, self.schemas.registry, headers)
        hint = f"declare operations[{key!r}].pagination in codegen.yaml to override"
        if doubt is not None:
            self.ctx.note(path, doubt, hint=f"declare operations[{key!r}].pagination in codegen.yaml")
        if decl is None:
            return None
        problems: list[Diagnostic] = []
        quiet = Context(self.cfg.doc, problems.append)
        pagination = common.read_pagination(quiet, decl, (), params, body, self.schemas.registry)
        if isinstance(pagination, ir.NoPagination) or problems:
            return None
        self.ctx.note(path, f"inferred pagination {inference.describe(decl)}", hint=hint)
        return pagination

    def op_name(self, conf: dict[str, Any], conf_path: Path, path: Path, key: str,
                default: str, hint: str) -> str:
        what = "method name" if key == "name" else key
        if key in conf:
            return self.cfg.name(conf[key], (*conf_path, key), what) or "invalid"
        try:
            return derived_name(default, what)
        except NameProblem as problem:
            self.ctx.error(path, str(problem), hint=hint.format(key))
            return "invalid"

    def params(self, shared: list[Any], own: list[Any], path: Path, scope: str) -> tuple[ir.Parameter, ...]:
        """Path-item parameters, then the operation's; an operation parameter with the same
        name and location replaces the path-item one in place."""
        merged: dict[tuple[Any, Any], tuple[dict[str, Any], Path]] = {}
        for items, base in ((shared, (*path[:-1], "parameters")), (own, (*path, "parameters"))):
            local: set[tuple[Any, Any]] = set()
            for index, raw in enumerate(items):
                found = self.deref(raw, (*base, index), "parameters")
                if found is None:
                    continue
                key = (found[0].get("name"), found[0].get("in"))
                if key in local:
                    self.ctx.error((*base, index), f"parameter {key[0]!r} in {key[1]} is declared twice")
                merged[key] = found
                local.add(key)
        result = (self.param(param, where, scope) for param, where in merged.values())
        return tuple(p for p in result if p is not None)

    def param(self, param: dict[str, Any], path: Path, scope: str) -> ir.Parameter | None:
        wire, location = str(param.get("name")), param.get("in")
        ignored = location == "header" and wire.lower() in ("authorization", "accept", "content-type")
        if location == "cookie" or ignored:
            self.ctx.warn(path, f"{location} parameter {wire!r} is not modelled; skipped")
            return None
        try:
            override = param.get("x-python-name")
            py_name = explicit_name(override, "x-python-name") if override else attribute_name(wire)
        except NameProblem as problem:
            self.ctx.error(path, str(problem))
            return None
        schema_path: Path = (*path, "schema")
        if "schema" in param:
            kind = self.schemas.type_of(param["schema"], schema_path, scope + pascal_case(wire))
            body, _ = self.schemas.raw(param["schema"], schema_path)
        else:
            self.ctx.warn(path, f"parameter {wire!r} has no schema; it is read as any value")
            kind, body = _ANY, {}
        body = body if isinstance(body, dict) else {}
        style = param.get("style")
        if style not in (None, "form", "deepObject") and not (style == "simple" and location != "query"):
            self.ctx.warn((*path, "style"), f"style {style!r} is not supported; sent form-style")
        container = kind.kind in ("array", "map") or isinstance(
            self.schemas.registry.get(kind.ref or ""), ir.ObjectSchema
        )
        if param.get("explode") is False and location == "query" and container:
            self.ctx.warn((*path, "explode"), "explode: false (comma-separated values) is not "
                          "supported; values are sent exploded")
        return ir.Parameter(
            wire_name=wire, py_name=py_name, type=kind,
            location=location,  # type: ignore[arg-type]
            required=location == "path" or param.get("required") is True,
            style="deepObject" if style == "deepObject" else "form",
            description=_text(param.get("description")) or _text(body.get("description")),
            default=self.schemas.default(body, schema_path),
            constraints=self.schemas.constraints(body, schema_path),
            deprecated=param.get("deprecated") is True,
        )

    def body(self, op: dict[str, Any], path: Path, scope: str) -> ir.RequestBody | None:
        if "requestBody" not in op:
            return None
        found = self.deref(op["requestBody"], (*path, "requestBody"), "requestBodies")
        if found is None:
            return None
        raw, where = found
        what = "the request body"
        choice = media.choose_request(self.offers(raw, where), what, (*where, "content"), self.ctx.warn)
        if choice is None:
            self.ctx.warn(where, "a request body without content is ignored")
            return None
        offer = choice.offer.key
        return media.request_body(
            self.schemas, choice, scope + "Body",
            required=raw.get("required") is True, description=_text(raw.get("description")),
            report=self.ctx.warn, encoding=(raw["content"][offer] or {}).get("encoding"),
        )

    def responses(
        self, op: dict[str, Any], path: Path, scope: str
    ) -> tuple[ir.Response, tuple[ir.ErrorResponse, ...]]:
        """The lowest 2xx is the success; every 4xx, 5xx and ``default`` with a JSON body is an
        error type (any other error body reaches the exception as text). 1xx and 3xx are not
        modelled."""
        success: ir.Response | None = None
        errors: list[ir.ErrorResponse] = []
        entries: list[tuple[int | None, str]] = []
        for key in op.get("responses") or {}:
            if re.fullmatch(r"[1-5]\d\d", key) or key == "default":
                entries.append((None if key == "default" else int(key), key))
            else:
                self.ctx.warn((*path, "responses", key), f"status {key!r} is not modelled; "
                              "list the statuses one by one")
        codes = sorted(s for s, _ in entries if s is not None and 200 <= s < 300)
        for status, key in entries:
            is_error = status is None or status >= 400
            if not is_error and status != (codes[0] if codes else None):
                continue
            found = self.deref(op["responses"][key], (*path, "responses", key), "responses")
            if found is None:
                continue
            raw, where = found
            if "links" in raw:
                self.ctx.warn((*where, "links"), "links are not modelled; skipped")
            description = _text(raw.get("description"))
            if is_error:
                offer = next((o for o in self.offers(raw, where) if o.kind == "json"), None)
                if offer is not None:
                    error = media.Choice(offer, "json", offer.key)
                    kind = media.response_type(self.schemas, error, f"{scope}Error{status or ''}")
                    errors.append(ir.ErrorResponse(status, kind, description))
                    self.error_types.append(kind)
                continue
            assert status is not None
            if status == 204:
                success = ir.Response(status, None, (), description)
                continue
            choice = media.choose_response(self.offers(raw, where), "the response", (*where, "content"),
                                           self.ctx.warn)
            if choice is None:
                success = ir.Response(status, None, (), description)
                continue
            kind = media.response_type(self.schemas, choice, f"{scope}Response")
            success = ir.Response(status, kind, (), description, choice.kind, choice.media_type)
        if success is None:
            self.ctx.warn((*path, "responses"), "no 2xx response is declared; the call returns nothing")
            success = ir.Response(200, None)
        return success, tuple(errors)

    # -- the API ----------------------------------------------------------------------------

    def base_url(self) -> str | None:
        servers = self.data.get("servers") or []
        if not servers:
            return None
        url = str(servers[0].get("url"))
        for var, spec in (servers[0].get("variables") or {}).items():
            url = url.replace(f"{{{var}}}", str(spec.get("default")))
        if not re.match(r"https?://", url):
            self.ctx.warn(("servers", 0, "url"), f"server URL {url!r} is not absolute; the client "
                          "needs base_url as an argument")
            return None
        return url.rstrip("/")

    def constant_headers(
        self, params: tuple[ir.Parameter, ...], path: Path
    ) -> tuple[tuple[ir.Parameter, ...], tuple[ir.FixedHeader, ...]]:
        """Header parameters that can only take one value (``const``, or an enum of one) are
        sent on every request of the operation, not offered as arguments."""
        kept: list[ir.Parameter] = []
        fixed: list[ir.FixedHeader] = []
        for param in params:
            value: Any = None
            if param.location == "header" and param.type.kind == "literal":
                value = param.type.literal
            elif param.location == "header" and param.type.kind == "ref":
                schema = self.schemas.registry.get(param.type.ref or "")
                if isinstance(schema, ir.EnumSchema) and len(schema.members) == 1:
                    value = schema.members[0].value
            if value is None or isinstance(value, bool):
                kept.append(param)
                continue
            fixed.append(ir.FixedHeader(param.wire_name, str(value)))
        return tuple(kept), tuple(fixed)

    def auth(self, env: str) -> ir.Auth:
        return security.auth(self.ctx, self.cfg, env)

    def retry_delay(self) -> ir.BodyRetryDelay | None:
        retry = (self.settings.get("errors") or {}).get("retry_after")
        if retry is None:
            return None
        field = tuple(retry["field"].split("."))
        found = [walk_type(self.schemas.registry, kind, field) for kind in self.error_types]
        if not any(f is not None and f.kind in ("integer", "number") for f in found):
            self.cfg.error(("errors", "retry_after", "field"),
                           f"no error response has a numeric field {retry['field']!r}")
        return ir.BodyRetryDelay(field, retry["unit"])
