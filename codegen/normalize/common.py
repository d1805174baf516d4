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
from codegen.ir import resolve_alias
from codegen.naming import NameProblem, explicit_name, pascal_case
from codegen.source import SourceDoc

# RFC 9110 token: what a header name may be made of.
HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ENDS = {"stop_on_empty_page", "max_empty_pages", "items"}
PAGINATION_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # style: (required keys, optional keys)
    "none": (set(), set()),
    "cursor": ({"param"}, {"next_cursor", "next_cursor_from_item", "has_more"} | _ENDS),
    "header_cursor": ({"param", "headers"}, _ENDS),
    "offset": ({"offset", "limit"}, {"has_more", "total"} | _ENDS),
    "page_number": ({"param"}, {"start", "size_param", "has_more", "next", "total_pages", "total_items"} | _ENDS),
    "next_url": ({"from"}, {"has_more"} | _ENDS),
    "page_token": ({"param", "next_token"}, _ENDS),
}
# The keys whose value is not a dotted path or a parameter name.
PAGINATION_BOOLEANS = frozenset({"stop_on_empty_page"})
PAGINATION_INTEGERS = frozenset({"start", "max_empty_pages"})
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

    def note(self, path: Path, message: str, hint: str | None = None) -> None:
        """Something the reader decided that the user should see (never an error, even with
        ``--strict``)."""
        self.report(self.doc.diagnostic(path, message, level="note", hint=hint))

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
    return _Declaration(ctx, decl, path, params, response, registry).read(style)


class _Declaration:
    """One pagination declaration being read: its keys checked against the operation."""

    def __init__(
        self,
        ctx: Context,
        decl: dict[str, Any],
        path: Path,
        params: tuple[ir.Parameter, ...],
        response: ir.TypeRef | None,
        registry: dict[str, ir.Schema],
    ) -> None:
        self.ctx, self.decl, self.path = ctx, decl, path
        self.response, self.registry = response, registry
        self.query = {p.wire_name: p for p in params if p.location == "query"}
        self.items = _dotted(ctx, decl.get("items"), (*path, "items")) or ()
        items_type = walk_type(registry, response, self.items) if self.items else response
        self.item_type = ir.TypeRef("any")
        if items_type is None or items_type.kind != "array" or items_type.items is None:
            where = repr(decl.get("items")) if self.items else "the response body"
            ctx.error((*path, "items"), f"{where} is not an array of items")
        else:
            self.item_type = items_type.items

    def param(self, key: str, integer: bool = False) -> str:
        wire = self.decl[key]
        found = self.query.get(wire)
        if found is None:
            self.ctx.error((*self.path, key), f"{wire!r} is not a query parameter of this operation")
        elif integer and resolve_alias(self.registry, found.type)[0].kind != "integer":
            self.ctx.error(
                (*self.path, key),
                f"{wire!r} must be an integer parameter to count pages or items, "
                f"got {resolve_alias(self.registry, found.type)[0].kind}",
                hint="a cursor or id that is not a number is style 'cursor'",
            )
        return str(wire)

    def field(self, key: str, expect: set[str] | None = None, start: ir.TypeRef | None = None) -> tuple[str, ...] | None:
        """A dotted path into the response (or into ``start``: an item), checked to exist."""
        if key not in self.decl:
            return None
        wire_path = _dotted(self.ctx, self.decl[key], (*self.path, key))
        if wire_path is None:
            return None
        found = walk_type(self.registry, start or self.response, wire_path)
        if found is None:
            where = "the items have" if start is not None else "the response has"
            self.ctx.error((*self.path, key), f"{where} no field {self.decl[key]!r}")
            return wire_path
        kind = resolve_alias(self.registry, found)[0].kind
        if expect is not None and kind not in expect and kind != "any":
            self.ctx.error((*self.path, key), f"{self.decl[key]!r} is a {kind}, expected {' or '.join(sorted(expect))}")
        return wire_path

    def ends(self, default_stop: bool) -> dict[str, Any]:
        """The end conditions every style may declare."""
        stop = self.decl.get("stop_on_empty_page", default_stop)
        if not isinstance(stop, bool):
            self.ctx.error((*self.path, "stop_on_empty_page"), "expected true or false")
            stop = default_stop
        limit = self.decl.get("max_empty_pages", ir.DEFAULT_MAX_EMPTY_PAGES)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            self.ctx.error((*self.path, "max_empty_pages"), "expected an integer ≥ 0")
            limit = ir.DEFAULT_MAX_EMPTY_PAGES
        return {"stop_on_empty_page": stop, "max_empty_pages": limit}

    def read(self, style: str) -> ir.Pagination:
        common: dict[str, Any] = {"items": self.items, "item_type": self.item_type}
        if style == "cursor":
            return self.cursor(common)
        if style == "header_cursor":
            headers = self.decl["headers"]
            if isinstance(headers, str):
                headers = [headers]
            if not isinstance(headers, list) or not headers or not all(isinstance(h, str) and h for h in headers):
                self.ctx.error((*self.path, "headers"), "headers must be a list of header names")
                headers = []
            return ir.HeaderCursorPagination(
                param=self.param("param"), headers=tuple(headers), **common, **self.ends(False)
            )
        if style == "offset":
            has_more, total = self.field("has_more", {"boolean"}), self.field("total", {"integer"})
            return ir.OffsetPagination(
                offset_param=self.param("offset", integer=True),
                limit_param=self.param("limit"),
                has_more=has_more,
                total=total,
                **common,
                **self.ends(has_more is None and total is None),
            )
        if style == "page_number":
            return self.page_number(common)
        if style == "next_url":
            return self.next_url(common)
        return ir.PageTokenPagination(
            param=self.param("param"),
            next_token=self.field("next_token", {"string"}) or (),
            **common,
            **self.ends(False),
        )

    def cursor(self, common: dict[str, Any]) -> ir.Pagination:
        has_more = self.field("has_more", {"boolean"})
        from_item = self.field("next_cursor_from_item", {"string", "integer"}, start=self.item_type)
        if ("next_cursor" in self.decl) == ("next_cursor_from_item" in self.decl):
            self.ctx.error(
                self.path,
                "pagination style 'cursor' needs exactly one of 'next_cursor' (a field of the body) "
                "and 'next_cursor_from_item' (a field of the last item)",
            )
        return ir.CursorPagination(
            param=self.param("param"),
            next_cursor=self.field("next_cursor", {"string", "integer"}) or (),
            next_cursor_from_item=from_item,
            has_more=has_more,
            **common,
            **self.ends(False),
        )

    def page_number(self, common: dict[str, Any]) -> ir.Pagination:
        start = self.decl.get("start", 1)
        if start not in (0, 1) or isinstance(start, bool):
            self.ctx.error((*self.path, "start"), f"the first page number is 0 or 1, got {start!r}")
            start = 1
        size = self.param("size_param", integer=True) if "size_param" in self.decl else None
        ends: dict[str, Any] = {
            "has_more": self.field("has_more", {"boolean"}),
            "next": self.field("next", {"string"}),
            "total_pages": self.field("total_pages", {"integer"}),
            "total_items": self.field("total_items", {"integer"}),
        }
        return ir.PageNumberPagination(
            param=self.param("param", integer=True),
            start=start,
            size_param=size,
            **ends,
            **common,
            **self.ends(all(value is None for value in ends.values())),
        )

    def next_url(self, common: dict[str, Any]) -> ir.Pagination:
        source = self.decl["from"]
        kind, _, rest = str(source).partition(".")
        has_more = self.field("has_more", {"boolean"})
        if kind == "header" and rest and HEADER_NAME.match(rest):
            return ir.NextUrlPagination(link_header=rest.lower(), has_more=has_more, **common, **self.ends(False))
        if kind == "body" and rest:
            found = walk_type(self.registry, self.response, tuple(rest.split(".")))
            if found is None:
                self.ctx.error((*self.path, "from"), f"the response has no field {rest!r}")
            elif resolve_alias(self.registry, found)[0].kind not in ("string", "any"):
                self.ctx.error((*self.path, "from"), f"{rest!r} is a {found.kind}, expected a string (a URL)")
            return ir.NextUrlPagination(next_url=tuple(rest.split(".")), has_more=has_more, **common, **self.ends(False))
        self.ctx.error(
            (*self.path, "from"),
            f"expected 'body.<field>' or 'header.<name>', got {source!r}",
            hint="from: body.next (a URL in the body) or from: header.link (the Link header's rel=\"next\")",
        )
        return ir.NoPagination()


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
