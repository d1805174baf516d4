"""What both normalizers share once they have read their input: naming checks, the
pagination declaration, path templates, and the assembly of resources into an :class:`ir.Api`.

The pagination declaration is the same mapping in a vendor spec and in an OpenAPI document's
``codegen.yaml``, so it is read here, once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from codegen import ir
from codegen.errors import Diagnostic, Path
from codegen.naming import NameProblem, explicit_name, pascal_case
from codegen.source import SourceDoc

# RFC 9110 token: what a header name may be made of.
HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
PAGINATION_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # style: (required keys, optional keys)
    "none": (set(), set()),
    "cursor": ({"param", "next_cursor"}, {"has_more", "items"}),
    "header_cursor": ({"param", "headers"}, {"items"}),
    "offset": ({"offset", "limit"}, {"has_more", "items"}),
    "page_token": ({"param", "next_token"}, {"items"}),
}
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

Report = Callable[[Diagnostic], None]


class Context:
    """One document being normalized: where diagnostics go, and what they point at."""

    def __init__(self, doc: SourceDoc, report: Report) -> None:
        self.doc = doc
        self.report = report

    def error(self, path: Path, message: str, hint: str | None = None) -> None:
        self.report(self.doc.diagnostic(path, message, hint=hint))

    def warn(self, path: Path, message: str) -> None:
        self.report(self.doc.diagnostic(path, message, level="warning"))

    def name(self, value: Any, path: Path, what: str) -> str | None:
        if not isinstance(value, str):
            self.error(path, f"{what} must be a string")
            return None
        try:
            return explicit_name(value, what)
        except NameProblem as problem:
            self.error(path, str(problem))
            return None


def check_path(ctx: Context, template: str, params: tuple[ir.Parameter, ...], path: Path) -> None:
    """Every ``{name}`` in the path is a path parameter, and every path parameter is used."""
    in_path = ir.path_params(template)
    declared = [p.wire_name for p in params if p.location == "path"]
    for name in in_path:
        if name not in declared:
            ctx.error(path, f"the path names {{{name}}} but no path parameter {name!r} is declared")
    for name in declared:
        if name not in in_path:
            ctx.error(path, f"path parameter {name!r} does not appear in the path {template!r}")
    if len(set(in_path)) != len(in_path):
        ctx.error(path, f"the path {template!r} names a parameter twice")
    if not template.startswith("/"):
        ctx.error(path, f"the path {template!r} must start with '/'")


CALL_ARGUMENTS = frozenset({"extra_headers", "extra_query", "timeout", "max_retries", "self"})


def settle_body(
    params: tuple[ir.Parameter, ...], body: ir.RequestBody | None, registry: dict[str, ir.Schema]
) -> ir.RequestBody | None:
    """The body with :attr:`ir.RequestBody.whole` decided: its fields become keyword arguments,
    unless they would collide with the parameters or with the arguments every call has (then
    the body is one argument), or it has none to give (an array, a map, a union, bytes, text).
    An object without fields is neither: nothing to pass, an empty object is sent."""
    if body is None:
        return None
    taken = {p.py_name for p in params} | CALL_ARGUMENTS
    if any(f.py_name in taken for f in body.fields):
        body = replace(body, fields=())
    if body.fields:
        return replace(body, whole=False)
    schema = registry.get(body.type.ref or "") if body.type.kind == "ref" else None
    return replace(body, whole=not (isinstance(schema, ir.ObjectSchema) and not schema.fields))


def check_signature(
    ctx: Context,
    op_path: Path,
    params: tuple[ir.Parameter, ...],
    body: ir.RequestBody | None,
) -> None:
    """Keyword arguments of one call must not collide after snake_casing."""
    seen: dict[str, str] = {}
    reserved = CALL_ARGUMENTS
    names = [(p.py_name, f"parameter {p.wire_name!r}") for p in params]
    if body is not None:
        names += [(f.py_name, f"body field {f.wire_name!r}") for f in body.fields]
        if body.whole:
            names.append((ir.BODY_ARGUMENT, "the request body"))
    for py_name, what in names:
        if py_name in reserved:
            ctx.error(op_path, f"{what} becomes {py_name!r}, which every call already uses")
        elif py_name in seen:
            ctx.error(
                op_path,
                f"{seen[py_name]} and {what} both become the keyword argument {py_name!r}",
                hint="give one of them a python_name",
            )
        else:
            seen[py_name] = what


def _dotted(ctx: Context, value: Any, path: Path) -> tuple[str, ...] | None:
    if value is None or value == "":
        return ()
    if not isinstance(value, str):
        ctx.error(path, "expected a dotted path such as 'meta.has_more'")
        return None
    return tuple(value.split("."))


def walk_type(
    registry: dict[str, ir.Schema], start: ir.TypeRef | None, wire_path: tuple[str, ...]
) -> ir.TypeRef | None:
    """The type found at ``wire_path`` inside ``start``, or ``None`` when there is no such field."""
    current = start
    for part in wire_path:
        if current is None or current.kind != "ref" or current.ref not in registry:
            return None
        schema = registry[current.ref]
        if not isinstance(schema, ir.ObjectSchema):
            return None
        found = next((f for f in schema.fields if f.wire_name == part), None)
        if found is None:
            return None
        current = found.type
    return current


def read_pagination(
    ctx: Context,
    decl: Any,
    path: Path,
    params: tuple[ir.Parameter, ...],
    response: ir.TypeRef | None,
    registry: dict[str, ir.Schema],
) -> ir.Pagination:
    """The pagination declaration of one operation, checked against its parameters and its
    response type."""
    if decl is None:
        return ir.NoPagination()
    if not isinstance(decl, dict):
        ctx.error(path, "pagination must be a mapping with a 'style'")
        return ir.NoPagination()
    style = decl.get("style")
    if style not in PAGINATION_KEYS:
        ctx.error(
            (*path, "style"),
            f"unknown pagination style {style!r}",
            hint="one of " + ", ".join(PAGINATION_KEYS),
        )
        return ir.NoPagination()
    required, optional = PAGINATION_KEYS[style]
    for key in decl:
        if key not in required | optional | {"style", "research"}:
            ctx.error((*path, key), f"unknown pagination field {key!r} for style {style!r}")
    for key in sorted(required - set(decl)):
        ctx.error(path, f"pagination style {style!r} needs {key!r}")
    if style == "none" or not required <= set(decl):
        return ir.NoPagination()

    query = {p.wire_name: p for p in params if p.location == "query"}

    def request_param(key: str) -> str:
        wire = decl[key]
        if wire not in query:
            ctx.error((*path, key), f"{wire!r} is not a query parameter of this operation")
        return str(wire)

    def body_path(key: str, expect: set[str] | None = None) -> tuple[str, ...] | None:
        if key not in decl:
            return None
        wire_path = _dotted(ctx, decl[key], (*path, key))
        if wire_path is None:
            return None
        found = walk_type(registry, response, wire_path)
        if found is None:
            ctx.error((*path, key), f"the response has no field {decl[key]!r}")
        elif expect is not None and found.kind not in expect and found.kind != "any":
            ctx.error((*path, key), f"{decl[key]!r} is a {found.kind}, expected {' or '.join(sorted(expect))}")
        return wire_path

    items_path = _dotted(ctx, decl.get("items"), (*path, "items")) or ()
    items_type = walk_type(registry, response, items_path) if items_path else response
    item_type = ir.TypeRef("any")
    if items_type is None or items_type.kind != "array" or items_type.items is None:
        where = repr(decl.get("items")) if items_path else "the response body"
        ctx.error((*path, "items"), f"{where} is not an array of items")
    else:
        item_type = items_type.items

    if style == "cursor":
        return ir.CursorPagination(
            param=request_param("param"),
            next_cursor=body_path("next_cursor", {"string", "integer"}) or (),
            has_more=body_path("has_more", {"boolean"}),
            items=items_path,
            item_type=item_type,
        )
    if style == "header_cursor":
        headers = decl["headers"]
        if isinstance(headers, str):
            headers = [headers]
        if not isinstance(headers, list) or not headers or not all(isinstance(h, str) and h for h in headers):
            ctx.error((*path, "headers"), "headers must be a list of header names")
            headers = []
        return ir.HeaderCursorPagination(
            param=request_param("param"),
            headers=tuple(headers),
            items=items_path,
            item_type=item_type,
        )
    if style == "offset":
        return ir.OffsetPagination(
            offset_param=request_param("offset"),
            limit_param=request_param("limit"),
            has_more=body_path("has_more", {"boolean"}),
            items=items_path,
            item_type=item_type,
        )
    return ir.PageTokenPagination(
        param=request_param("param"),
        next_token=body_path("next_token", {"string"}) or (),
        items=items_path,
        item_type=item_type,
    )


def assemble(
    ctx: Context,
    operations: list[tuple[str, str, ir.Operation, Path]],
) -> tuple[ir.Resource, ...]:
    """Group ``(resource, method name, operation, path)`` into resources, reporting duplicates."""
    grouped: dict[str, list[ir.Operation]] = {}
    seen: dict[tuple[str, str], Path] = {}
    for resource, name, operation, path in operations:
        key = (resource, name)
        if key in seen:
            ctx.error(
                path,
                f"{resource}.{name} is defined twice",
                hint=f"the other is at {'.'.join(str(p) for p in seen[key])}",
            )
            continue
        seen[key] = path
        grouped.setdefault(resource, []).append(operation)
    return tuple(
        ir.Resource(py_name=name, class_name=pascal_case(name), operations=tuple(ops))
        for name, ops in grouped.items()
    )


def schemas_in_order(registry: dict[str, ir.Schema]) -> tuple[ir.Schema, ...]:
    """Named schemas sorted by name: the order of the generated module is stable whatever the
    order of the input (the renderer orders classes by dependency from this)."""
    return tuple(registry[name] for name in sorted(registry))
