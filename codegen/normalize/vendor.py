"""Our vendor spec format (``codegen-vendor/1``, see docs/vendor-spec.md) → :class:`ir.Api`.

The format's own mappings are checked against one table, :data:`SHAPES` (the keys each mapping
allows, their types, which are required); every schema goes to the shared
:class:`SchemaReader` in strict mode. Errors are collected, not raised one by one: a run reports
every mistake it can find, in file order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from codegen import ir
from codegen.errors import Diagnostic, Path, SpecError, format_path
from codegen.naming import NameProblem, attribute_name, class_name, is_identifier, pascal_case
from codegen.normalize import common, media, protocol
from codegen.normalize.common import Context
from codegen.normalize.schema import SchemaReader
from codegen.source import SourceDoc

FORMAT = "codegen-vendor/1"
_HEADER = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_ENV = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_VENDOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https?://[^\s/]+\S*$")
# Client constructor arguments an extra header's python_name may not take.
_CLIENT_ARGS = frozenset({"api_key", "base_url", "timeout", "max_retries", "self"})
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})


@dataclass(frozen=True)
class Expect:
    what: str
    test: Callable[[Any], bool]


STR = Expect("a string", lambda v: isinstance(v, str))
BOOL = Expect("true or false", lambda v: isinstance(v, bool))
INT = Expect("an integer", lambda v: isinstance(v, int) and not isinstance(v, bool))
MAP = Expect("a mapping", lambda v: isinstance(v, dict))
LIST = Expect("a list", lambda v: isinstance(v, list))
URL = Expect("a URL, null or a mapping with 'url'", lambda v: v is None or isinstance(v, str | dict))
URL_VALUE = Expect("a URL or null", lambda v: v is None or isinstance(v, str))
CHECKED = Expect("a value", lambda v: True)  # schemas and pagination: checked by their readers

Rule = tuple[Expect, bool]  # (expected type, required)
Shape = dict[str, Rule]


def _shape(required: dict[str, Expect], optional: dict[str, Expect]) -> Shape:
    """Every mapping of the format may also carry a ``research`` note (a string)."""
    shape = {key: (expect, True) for key, expect in required.items()}
    return shape | {key: (expect, False) for key, expect in {**optional, "research": STR}.items()}


# The mappings of the format: which keys each one allows, of which type, which are required.
SHAPES: dict[str, Shape] = {
    "document": _shape(
        {"format": STR, "vendor": MAP, "base_url": URL, "auth": MAP, "operations": MAP},
        {
            "headers": LIST,
            "request_id_header": STR,
            "errors": MAP,
            "rate_limit": CHECKED,
            "success": CHECKED,
            "schemas": CHECKED,
        },
    ),
    "vendor": _shape(
        {"id": STR, "title": STR, "version": STR, "package": STR, "client": STR},
        {"description": STR},
    ),
    "base_url": _shape({"url": URL_VALUE}, {}),
    "auth": _shape(
        {"type": STR},
        {"header": STR, "query": STR, "prefix": STR, "env": STR, "password_env": STR, "description": STR},
    ),
    "header": _shape({"name": STR}, {"value": STR, "python_name": STR, "env": STR, "description": STR}),
    "errors": _shape({"schema": CHECKED}, {"retry_after": MAP, "description": STR}),
    "retry_after": _shape({"field": STR, "unit": STR}, {}),
    "operation": _shape(
        {"resource": STR, "name": STR, "method": STR, "path": STR, "response": MAP},
        {
            "summary": STR,
            "description": STR,
            "idempotent": BOOL,
            "deprecated": BOOL,
            "params": MAP,
            "body": MAP,
            "errors": MAP,
            "headers": CHECKED,
            "pagination": CHECKED,
        },
    ),
    "param": _shape(
        {"in": STR, "schema": CHECKED},
        {"required": BOOL, "python_name": STR, "style": STR, "description": STR, "deprecated": BOOL},
    ),
    "body": _shape(
        {}, {"schema": CHECKED, "required": BOOL, "description": STR, "content_type": STR, "encoding": MAP}
    ),
    "encoding": _shape({}, {"style": STR, "explode": BOOL, "content_type": STR}),
    "response": _shape(
        {}, {"status": INT, "envelope": STR, "description": STR, "schema": CHECKED, "content_type": STR}
    ),
    "error": _shape({}, {"description": STR, "schema": CHECKED}),
}

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
METHODS: tuple[Method, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE")
LOCATIONS: tuple[ir.ParamLocation, ...] = ("path", "query", "header")
STYLES: tuple[ir.ParamStyle, ...] = ("form", "deepObject", "dotted")
UNITS: tuple[Literal["ms", "s"], ...] = ("ms", "s")
AUTH_TYPES: tuple[Literal["bearer", "api_key", "basic"], ...] = ("bearer", "api_key", "basic")

T = TypeVar("T", bound=str)


# -- checking helpers -------------------------------------------------------------------------


def _read(ctx: Context, value: Any, path: Path, shape_name: str) -> dict[str, Any]:
    """Check one mapping of the format against its shape; return only its well-typed keys."""
    shape = SHAPES[shape_name]
    if not isinstance(value, dict):
        ctx.error(path, f"expected a mapping, got {_show(value)}")
        return {}
    clean: dict[str, Any] = {}
    for key, item in value.items():
        rule = shape.get(key)
        if rule is None:
            close = difflib.get_close_matches(str(key), list(shape), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "expected " + ", ".join(shape)
            ctx.error((*path, key), f"unknown key {key!r}", hint=hint)
        elif not rule[0].test(item):
            ctx.error((*path, key), f"expected {rule[0].what}, got {_show(item)}")
        else:
            clean[key] = item
    for key, (_, required) in shape.items():
        if required and key not in value:
            ctx.error(path, f"missing required key {key!r}")
    return clean


def _choice(ctx: Context, value: Any, path: Path, options: tuple[T, ...], what: str) -> T | None:
    """``value`` if it is one of ``options``; ``None`` (reported unless absent) otherwise."""
    if value is None:
        return None
    if value not in options:
        ctx.error(path, f"unknown {what} {value!r}", hint="one of " + ", ".join(options))
        return None
    return cast(T, value)


def _header_name(ctx: Context, value: Any, path: Path) -> str:
    if isinstance(value, str) and not _HEADER.match(value):
        ctx.error(path, f"{value!r} is not a valid HTTP header name")
    return str(value) if value is not None else ""


def _env(ctx: Context, mapping: dict[str, Any], path: Path) -> str | None:
    env = mapping.get("env")
    if env is not None and not _ENV.match(env):
        ctx.error((*path, "env"), f"{env!r} is not an environment variable name", hint="use UPPER_SNAKE_CASE")
    return env


def _attribute(ctx: Context, wire: str, path: Path) -> str:
    try:
        return attribute_name(wire)
    except NameProblem as problem:
        ctx.error(path, str(problem), hint="set python_name")
        return ""


def _py_name(ctx: Context, mapping: dict[str, Any], wire: str, path: Path) -> str:
    """``python_name`` when given (it must be a safe snake_case name), else from the wire name."""
    if "python_name" in mapping:
        return ctx.name(mapping["python_name"], (*path, "python_name"), "python_name") or ""
    return _attribute(ctx, wire, path)


def _dotted(ctx: Context, value: str | None, path: Path) -> tuple[str, ...]:
    if not value:
        return ()
    parts = tuple(value.split("."))
    if not all(parts):
        ctx.error(path, f"{value!r} is not a dotted path of wire names such as 'data' or 'meta.items'")
    return parts


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- the document -----------------------------------------------------------------------------


def read_vendor_spec(doc: SourceDoc) -> tuple[ir.Api, list[Diagnostic]]:
    """Normalize a vendor spec; raise :class:`SpecError` with every error found."""
    found: list[Diagnostic] = []
    ctx = Context(doc, found.append)
    reader = SchemaReader(doc, ("schemas",), strict_keys=True, report=found.append)
    top = _read(ctx, doc.data, (), "document")
    if "format" in top and top["format"] != FORMAT:
        ctx.error(("format",), f"unknown format {top['format']!r}", hint=f"this reader reads {FORMAT!r}")
    reader.read_all_components()  # first: inline names that clash are reported at the inline schema
    vendor = _vendor(ctx, top.get("vendor"))
    base_url = _base_url(ctx, top.get("base_url"))
    auth = _auth(ctx, top["auth"]) if "auth" in top else ir.Auth("none")
    taken: dict[str, str] = {}
    headers, fixed = _extra_headers(ctx, top.get("headers") or [], auth, taken)
    request_id = top.get("request_id_header")
    if request_id is not None:
        _header_name(ctx, request_id, ("request_id_header",))
    default_errors, retry_delay = _default_errors(ctx, reader, top.get("errors"))
    default_type = default_errors[0].type if default_errors else None
    resources = _operations(ctx, reader, top.get("operations"), default_type, taken)
    limits = protocol.rate_limit(ctx, top.get("rate_limit"), ("rate_limit",))
    bodies = [op.response.type for r in resources for op in r.operations if op.response.type is not None]
    success = protocol.success(ctx, top.get("success"), ("success",), reader.registry, bodies)

    errors = [d for d in dict.fromkeys(found) if d.level == "error"]  # the reader may repeat one
    if errors:
        raise SpecError(sorted(errors, key=lambda d: (d.line is None, d.line or 0)))
    api = ir.Api(
        vendor_id=vendor["id"],
        package=vendor["package"],
        class_prefix=vendor["client"],
        title=vendor["title"],
        version=vendor["version"],
        base_url=base_url,
        auth=auth,
        resources=resources,
        schemas=common.schemas_in_order(reader.registry),
        description=_text(vendor.get("description")),
        extra_headers=headers,
        request_id_header=request_id,
        retry_delay=retry_delay,
        default_errors=default_errors,
        fixed_headers=fixed,
        rate_limit=limits,
        success=success,
    )
    return api, [d for d in dict.fromkeys(found) if d.level == "warning"]


def _vendor(ctx: Context, raw: Any) -> dict[str, Any]:
    path: Path = ("vendor",)
    vendor = _read(ctx, raw, path, "vendor") if raw is not None else {}
    vendor_id = vendor.get("id")
    if vendor_id is not None and not _VENDOR_ID.match(vendor_id):
        ctx.error((*path, "id"), f"vendor id {vendor_id!r} is not snake_case (a-z, 0-9, _)")
    if "package" in vendor:
        ctx.name(vendor["package"], (*path, "package"), "package")
    prefix = vendor.get("client")
    if prefix is not None:
        try:
            wanted = class_name(prefix)
        except NameProblem as problem:
            ctx.error((*path, "client"), str(problem))
        else:
            if wanted != prefix:
                ctx.error((*path, "client"), f"client {prefix!r} is not a PascalCase class prefix; try {wanted!r}")
    return vendor


def _base_url(ctx: Context, value: Any) -> str | None:
    path: Path = ("base_url",)
    if isinstance(value, dict):
        value = _read(ctx, value, path, "base_url").get("url")
        path = (*path, "url")
    if isinstance(value, str) and not _URL.match(value):
        ctx.error(path, f"{value!r} is not an http(s) URL", hint="or null for a self-hosted vendor")
    return value if isinstance(value, str) else None


def _auth(ctx: Context, raw: dict[str, Any]) -> ir.Auth:
    path: Path = ("auth",)
    auth = _read(ctx, raw, path, "auth")
    kind = _choice(ctx, auth.get("type"), (*path, "type"), AUTH_TYPES, "auth type")
    env, description = _env(ctx, auth, path), _text(auth.get("description"))
    allowed = {"api_key": {"header", "query", "prefix"}, "basic": {"password_env"}}.get(kind or "", set())
    for key in ("header", "query", "prefix", "password_env"):
        if key in auth and key not in allowed:
            hint = {
                "bearer": "bearer always sends Authorization: Bearer <key>",
                "basic": "basic sends Authorization: Basic <key:password>",
            }.get(kind or "")
            ctx.error((*path, key), f"{key} is not for auth type {kind!r}", hint=hint)
    if kind == "api_key":
        if ("header" in auth) == ("query" in auth):
            ctx.error(path, "auth type 'api_key' needs exactly one of 'header' and 'query'")
        if "query" in auth:
            if "prefix" in auth:
                ctx.error((*path, "prefix"), "a prefix is only for a key sent in a header")
            if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+", auth["query"]):
                ctx.error((*path, "query"), f"{auth['query']!r} is not a query parameter name")
            return ir.Auth("api_key", header="", prefix="", env_var=env, description=description, query_param=auth["query"])
        header = _header_name(ctx, auth.get("header"), (*path, "header"))
        prefix = auth.get("prefix", "")
        if prefix and (not prefix.isprintable() or not prefix.isascii()):
            ctx.error((*path, "prefix"), "a prefix must be printable ASCII, such as 'Token '")
        return ir.Auth("api_key", header=header, prefix=prefix, env_var=env, description=description)
    if kind == "basic":
        password_env = auth.get("password_env")
        if password_env is not None and not _ENV.match(password_env):
            ctx.error((*path, "password_env"), f"{password_env!r} is not an environment variable name", hint="use UPPER_SNAKE_CASE")
        return ir.Auth("basic", prefix="Basic ", env_var=env, description=description, password_env=password_env)
    return ir.Auth("bearer", env_var=env, description=description)


def _extra_headers(
    ctx: Context, raw: list[Any], auth: ir.Auth, wires: dict[str, str]
) -> tuple[tuple[ir.ExtraHeader, ...], tuple[ir.FixedHeader, ...]]:
    """The client headers: those with a ``value`` are fixed; the others are client arguments.
    ``wires`` collects the lower-case names taken."""
    out: list[ir.ExtraHeader] = []
    fixed: list[ir.FixedHeader] = []
    if auth.header:
        wires[auth.header.lower()] = "the auth header"
    names: dict[str, str] = {}
    for index, item in enumerate(raw):
        path: Path = ("headers", index)
        header = _read(ctx, item, path, "header")
        if "name" not in header:
            continue
        if "value" in header:
            for key in ("python_name", "env"):
                if key in header:
                    ctx.error((*path, key), f"a header with a fixed value takes no {key}")
            fixed += protocol.fixed_headers(ctx, [{"name": header["name"], "value": header["value"]}], ("headers",), wires)
            continue
        wire = _header_name(ctx, header["name"], (*path, "name"))
        py_name = _py_name(ctx, header, wire, (*path, "name"))
        if wire.lower() in wires:
            ctx.error((*path, "name"), f"header {wire!r} is already set by {wires[wire.lower()]}")
        if py_name in _CLIENT_ARGS:
            ctx.error(path, f"header {wire!r} becomes {py_name!r}, which the client already uses", hint="set python_name")
        elif py_name in names:
            ctx.error(path, f"headers {names[py_name]!r} and {wire!r} both become the client argument {py_name!r}", hint="set python_name")
        wires[wire.lower()], names[py_name] = f"headers[{index}]", wire
        out.append(ir.ExtraHeader(wire, py_name, _env(ctx, header, path), _text(header.get("description"))))
    return tuple(out), tuple(fixed)


def _default_errors(
    ctx: Context, reader: SchemaReader, raw: Any
) -> tuple[tuple[ir.ErrorResponse, ...], ir.BodyRetryDelay | None]:
    if raw is None:
        return (), None
    path: Path = ("errors",)
    spec = _read(ctx, raw, path, "errors")
    if "schema" not in spec:
        return (), None
    error_type = reader.type_of(spec["schema"], (*path, "schema"), "ErrorBody")
    errors = (ir.ErrorResponse(status=None, type=error_type, description=_text(spec.get("description"))),)
    if "retry_after" not in spec:
        return errors, None
    rpath: Path = (*path, "retry_after")
    retry = _read(ctx, spec["retry_after"], rpath, "retry_after")
    unit = _choice(ctx, retry.get("unit"), (*rpath, "unit"), UNITS, "unit")
    field = _dotted(ctx, retry.get("field"), (*rpath, "field"))
    found = common.walk_type(reader.registry, error_type, field)
    if field and (found is None or found.kind not in ("integer", "number")):
        what = "no field" if found is None else f"a {found.kind} at"
        ctx.error((*rpath, "field"), f"the error schema has {what} {retry['field']!r}", hint="expected an integer or number")
    if unit is None or not field:
        return errors, None
    return errors, ir.BodyRetryDelay(path=field, unit=unit)


# -- operations -------------------------------------------------------------------------------


def _operations(
    ctx: Context, reader: SchemaReader, raw: Any, default_error: ir.TypeRef | None, taken: dict[str, str]
) -> tuple[ir.Resource, ...]:
    if raw is None:
        return ()
    if not raw:
        ctx.error(("operations",), "a vendor spec needs at least one operation")
    placed: list[tuple[str, str, ir.Operation, Path]] = []
    for op_id, spec in raw.items():
        path: Path = ("operations", op_id)
        if not is_identifier(op_id) or op_id != op_id.lower():
            ctx.error(path, f"operation id {op_id!r} is not a snake_case identifier")
        resource, name, operation = _operation(ctx, reader, op_id, spec, path, default_error, dict(taken))
        if resource and name:
            placed.append((resource, name, operation, path))
    return common.assemble(ctx, placed)


def _operation(
    ctx: Context,
    reader: SchemaReader,
    op_id: str,
    raw: Any,
    path: Path,
    default_error: ir.TypeRef | None,
    taken: dict[str, str],
) -> tuple[str | None, str | None, ir.Operation]:
    op = _read(ctx, raw, path, "operation")
    resource = ctx.name(op["resource"], (*path, "resource"), "resource name") if "resource" in op else None
    name = ctx.name(op["name"], (*path, "name"), "method name") if "name" in op else None
    method = _choice(ctx, op.get("method"), (*path, "method"), METHODS, "method")
    base = pascal_case(op_id)
    params = _params(ctx, reader, op.get("params") or {}, (*path, "params"), base)
    body = _body(ctx, reader, op["body"], (*path, "body"), base, method) if "body" in op else None
    response = _response(ctx, reader, op.get("response", {}), (*path, "response"), base)
    errors = _op_errors(ctx, reader, op.get("errors") or {}, (*path, "errors"), base, default_error)
    if "path" in op:
        common.check_path(ctx, op["path"], params, (*path, "path"))
    named = tuple(p for p in params if p.py_name)  # a bad name is reported already
    common.check_signature(ctx, path, named, body)
    if op.get("pagination") is not None and response.envelope:
        ctx.error(
            (*path, "response", "envelope"),
            "a paginated operation must not use envelope",
            hint="make the whole body the response schema and give pagination.items the path to the list",
        )
    decl = _pagination_types(ctx, op.get("pagination"), (*path, "pagination"))
    pagination = common.read_pagination(ctx, decl, (*path, "pagination"), params, response.type, reader.registry)
    for param in params:
        if param.location == "header":
            taken.setdefault(param.wire_name.lower(), f"parameter {param.wire_name!r}")
    fixed = protocol.fixed_headers(ctx, op.get("headers"), (*path, "headers"), taken)
    operation = ir.Operation(
        operation_id=op_id,
        py_name=name or "",
        method=method or "GET",
        path=op.get("path", ""),
        params=params,
        response=response,
        errors=errors,
        body=body,
        pagination=pagination,
        idempotent=op.get("idempotent", method in _IDEMPOTENT),
        summary=_text(op.get("summary")),
        description=_text(op.get("description")),
        deprecated=op.get("deprecated", False),
        origin=format_path(path),
        fixed_headers=fixed,
    )
    return resource, name, operation


def _pagination_types(ctx: Context, decl: Any, path: Path) -> Any:
    """The pagination declaration, or ``None`` when a value has the wrong type: its keys and
    their meaning are checked by :func:`common.read_pagination`, which expects strings."""
    if not isinstance(decl, dict):
        return decl
    wrong = False
    for key, value in decl.items():
        expect = LIST if key == "headers" and not isinstance(value, str) else STR
        if key in common.PAGINATION_BOOLEANS:
            expect = BOOL
        elif key in common.PAGINATION_INTEGERS:
            expect = INT
        if value is not None and not expect.test(value):
            ctx.error((*path, key), f"expected {expect.what}, got {_show(value)}")
            wrong = True
    return None if wrong else decl


def _params(
    ctx: Context, reader: SchemaReader, raw: dict[str, Any], path: Path, base: str
) -> tuple[ir.Parameter, ...]:
    out: list[ir.Parameter] = []
    for wire, spec in raw.items():
        ppath: Path = (*path, wire)
        param = _read(ctx, spec, ppath, "param")
        location = _choice(ctx, param.get("in"), (*ppath, "in"), LOCATIONS, "parameter location")
        if location == "path" and param.get("required") is False:
            ctx.error((*ppath, "required"), "a path parameter is always required", hint="remove 'required: false'")
        if location == "header":
            _header_name(ctx, wire, ppath)
        py_name = _py_name(ctx, param, wire, ppath)
        schema, spath = param.get("schema"), (*ppath, "schema")
        type_ = reader.type_of(schema, spath, base + pascal_case(wire)) if "schema" in param else ir.TypeRef("any")
        own = schema if isinstance(schema, dict) else {}
        resolved, _ = reader.raw(own, spath)
        resolved = resolved if isinstance(resolved, dict) else {}
        style = _choice(ctx, param.get("style", "form"), (*ppath, "style"), STYLES, "style")
        _check_style(ctx, reader, ppath, location, style, type_)
        out.append(
            ir.Parameter(
                wire_name=wire,
                py_name=py_name,
                location=location or "query",
                type=type_,
                required=location == "path" or param.get("required", False),
                style=style or "form",
                description=_text(param.get("description")) or _text(resolved.get("description")),
                default=reader.default(own, spath),
                constraints=reader.constraints(resolved, spath),
                deprecated=param.get("deprecated", False),
            )
        )
    return tuple(out)


def _check_style(
    ctx: Context, reader: SchemaReader, path: Path, location: str | None, style: str | None, type_: ir.TypeRef
) -> None:
    """deepObject and dotted spread an object over several query keys; nothing else can."""
    is_object = type_.kind == "ref" and isinstance(reader.registry.get(type_.ref or ""), ir.ObjectSchema)
    if style in ("deepObject", "dotted") and not (location == "query" and is_object):
        ctx.error((*path, "style"), f"style {style!r} is only for query parameters whose schema is an object")
    elif style == "form" and is_object and location == "query":
        ctx.error(path, "an object query parameter needs style 'deepObject' or 'dotted'")
    elif is_object and location in ("path", "header"):
        ctx.error((*path, "schema"), f"a {location} parameter cannot be an object")


def _body(
    ctx: Context, reader: SchemaReader, raw: Any, path: Path, base: str, method: str | None
) -> ir.RequestBody | None:
    body = _read(ctx, raw, path, "body")
    if method == "GET":
        ctx.error(path, "a GET request has no body")
    declared = media.declared(body.get("content_type"), (*path, "content_type"), ctx.error, request=True)
    if declared is None:
        return None
    kind, media_type = declared
    required, description = body.get("required", False), _text(body.get("description"))
    whole = media.request_type(kind)
    if whole is not None:
        for key in ("schema", "encoding"):
            if key in body:
                ctx.error((*path, key), f"a {media_type} body has no {key}", hint="the call takes the body as one argument")
        media_type = media.text_media_type(media_type) if kind == "text" else media_type
        return ir.RequestBody(whole, required, (), description, kind, media_type, whole=True)
    if "schema" not in body:
        ctx.error(path, "missing required key 'schema'")
        return None
    type_ = reader.type_of(body["schema"], (*path, "schema"), base + "Body")
    schema = reader.registry.get(type_.ref or "") if type_.kind == "ref" else None
    if not isinstance(schema, ir.ObjectSchema):
        ctx.error((*path, "schema"), "the body schema must be an object", hint="its fields become keyword arguments of the call")
        return None
    spec = body.get("encoding")
    if isinstance(spec, dict):
        spec = {key: _read(ctx, value, (*path, "encoding", key), "encoding") for key, value in spec.items()}
    coded = media.encodings(
        spec, (*path, "encoding"), kind, schema.fields, ctx.error, keys=media.VENDOR_KEYS, schemas=reader.registry
    )
    return ir.RequestBody(type_, required, schema.fields, description, kind, media_type, coded)


def _response(ctx: Context, reader: SchemaReader, raw: Any, path: Path, base: str) -> ir.Response:
    response = _read(ctx, raw, path, "response")
    status = response.get("status", 200)
    if not 200 <= status <= 299:
        ctx.error((*path, "status"), f"the success status must be 2xx, got {status}", hint="error statuses go under 'errors'")
    envelope = _dotted(ctx, response.get("envelope"), (*path, "envelope"))
    description = _text(response.get("description"))
    kind, media_type = media.declared(
        response.get("content_type"), (*path, "content_type"), ctx.error, request=False
    ) or ("json", ir.JSON_MEDIA_TYPE)
    if kind != "json":
        for key in ("schema", "envelope"):
            if key in response:
                ctx.error((*path, key), f"a {media_type} response has no {key}", hint="the call returns the body as it came")
        type_ = media.request_type(kind)
        return ir.Response(status=status, type=type_, description=description, media=kind, media_type=media_type)
    type_ = reader.type_of(response["schema"], (*path, "schema"), base + "Response") if "schema" in response else None
    if envelope and type_ is None:
        ctx.error((*path, "envelope"), "an envelope needs a schema (the value found at the envelope)")
    if type_ is not None and status in (204, 205):
        ctx.error((*path, "schema"), f"status {status} has no body; remove the schema")
    return ir.Response(status=status, type=type_, envelope=envelope, description=description)


def _op_errors(
    ctx: Context,
    reader: SchemaReader,
    raw: dict[str, Any],
    path: Path,
    base: str,
    default_error: ir.TypeRef | None,
) -> tuple[ir.ErrorResponse, ...]:
    out: list[ir.ErrorResponse] = []
    for key, spec in raw.items():
        epath: Path = (*path, key)
        if key != "default" and not re.fullmatch(r"[45][0-9][0-9]", key):
            ctx.error(epath, f"an error status is an integer from 400 to 599 or 'default', got {key!r}")
            continue
        error = _read(ctx, spec, epath, "error")
        name = base + "Error" + pascal_case(key)
        type_ = reader.type_of(error["schema"], (*epath, "schema"), name) if "schema" in error else default_error
        status = None if key == "default" else int(key)
        out.append(ir.ErrorResponse(status=status, type=type_, description=_text(error.get("description"))))
    return tuple(out)
