"""What the resource templates need of an operation, worked out once in Python.

Templates stay declarative: they print names, types and literals prepared here. Every literal
is already passed through :func:`codegen.render.types.py`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from codegen import ir
from codegen.ir import BODY_ARGUMENT
from codegen.render.layout import (
    LINE_LENGTH,
    Group,
    Node,
    assign,
    flat,
    group,
    lay,
    tuple_of,
    typed_assign,
)
from codegen.render.types import Mode, doc, py, type_source


@dataclass(frozen=True)
class Arg:
    name: str
    annotation: str
    default: str | None
    doc: str


@dataclass(frozen=True)
class OperationView:
    op: ir.Operation
    name: str
    endpoint: str
    builder: str
    result: str
    result_type: str
    paginated: bool
    positional: tuple[Arg, ...]
    keywords: tuple[Arg, ...]
    path_values: str
    query: str
    headers: str
    body: str | None
    checks: tuple[str, ...]
    endpoint_args: tuple[tuple[str, str], ...]
    returns_doc: str
    docstring: str
    # The same, laid out as black will (codegen.render.layout), for the resource template.
    endpoint_lines: str = ""
    result_lines: str = ""
    request_lines: str = ""
    call_lines: str = ""
    call_assign: str = ""
    check_lines: str = ""
    raw_lines: str = ""
    async_raw_lines: str = ""
    whole_body: bool = False  # the request body is one ``body`` argument (not one per field)
    streams: bool = False  # a download: ``with_streaming_response`` offers it unread
    # A list operation's whole response body (``page.parsed``): its type and its Result.
    page_type: str = ""
    page_result: str = ""
    # The list operation's return annotations and the async pager, laid out as black will.
    sync_returns: str = ""
    async_returns: str = ""
    pager_lines: str = ""


def _const(name: str) -> str:
    return "_" + name.rstrip("_").upper()


def _describe(description: str | None, default: ir.Default | None, c: ir.Constraints) -> str:
    parts = [description.rstrip(".") + "." if description else ""]
    bounds = []
    if c.minimum is not None:
        bounds.append(f"≥ {c.minimum}")
    if c.exclusive_minimum is not None:
        bounds.append(f"> {c.exclusive_minimum}")
    if c.maximum is not None:
        bounds.append(f"≤ {c.maximum}")
    if c.exclusive_maximum is not None:
        bounds.append(f"< {c.exclusive_maximum}")
    if bounds:
        parts.append("Must be " + " and ".join(bounds) + ".")
    if c.pattern is not None:
        parts.append(f"Must match ``{c.pattern}``.")
    if default is not None:
        parts.append(f"The API's default is ``{default.value!r}``.")
    return " ".join(p for p in parts if p)


def _checks(name: str, wire: str, t: ir.TypeRef, c: ir.Constraints) -> list[str]:
    out: list[str] = []
    label = py(wire)
    numeric = {
        "minimum": c.minimum,
        "maximum": c.maximum,
        "exclusive_minimum": c.exclusive_minimum,
        "exclusive_maximum": c.exclusive_maximum,
    }
    given = {k: v for k, v in numeric.items() if v is not None}
    if given and t.kind in ("integer", "number"):
        args = ", ".join(f"{k}={py(v)}" for k, v in given.items())
        out.append(f"_request.check_range({label}, {name}, {args})")
    lengths = {"min_length": c.min_length, "max_length": c.max_length}
    if t.kind == "array":
        lengths = {"min_length": c.min_items, "max_length": c.max_items}
    given_len = {k: v for k, v in lengths.items() if v is not None}
    if given_len and t.kind in ("string", "array"):
        args = ", ".join(f"{k}={py(v)}" for k, v in given_len.items())
        out.append(f"_request.check_length({label}, {name}, {args})")
    if c.pattern is not None and t.kind == "string":
        out.append(f"_request.check_pattern({label}, {name}, {py(c.pattern)})")
    return out


def _member_checks(api: ir.Api, param: ir.Parameter) -> list[str]:
    """Checks of the fields of an object sent as query parameters (``start_date.month``)."""
    if param.type.kind != "ref" or param.type.ref is None:
        return []
    schema = api.schema(param.type.ref)
    if not isinstance(schema, ir.ObjectSchema):
        return []
    out: list[str] = []
    for field in schema.fields:
        value = f"{param.py_name}.{field.py_name} if {param.py_name} is not None else None"
        wire = f"{param.wire_name}[{field.wire_name}]" if param.style == "deepObject" else f"{param.wire_name}.{field.wire_name}"
        out += [
            check.replace(f", {field.py_name},", f", {value},", 1)
            for check in _checks(field.py_name, wire, field.type, field.constraints)
        ]
    return out


# Per IR pagination class: the runtime class, and its fields in order as (runtime name, IR
# attribute, always shown). A field not always shown is left out when it has the runtime's
# default, so that an endpoint constant says only what its style declares.
_RUNTIME_PAGINATION: dict[type, tuple[str, tuple[tuple[str, str, bool], ...]]] = {
    ir.CursorPagination: ("CursorPagination", (
        ("param", "param", True), ("next_cursor", "next_cursor", True), ("items", "items", True),
        ("has_more", "has_more", True), ("next_cursor_from_item", "next_cursor_from_item", False),
    )),
    ir.HeaderCursorPagination: ("HeaderCursorPagination", (
        ("param", "param", True), ("headers", "headers", True), ("items", "items", True),
    )),
    ir.OffsetPagination: ("OffsetPagination", (
        ("offset_param", "offset_param", True), ("limit_param", "limit_param", True),
        ("items", "items", True), ("has_more", "has_more", True), ("total", "total", False),
    )),
    ir.PageNumberPagination: ("PageNumberPagination", (
        ("param", "param", True), ("start", "start", True), ("size_param", "size_param", False),
        ("items", "items", True), ("has_more", "has_more", False), ("next", "next", False),
        ("total_pages", "total_pages", False), ("total_items", "total_items", False),
    )),
    ir.NextUrlPagination: ("NextUrlPagination", (
        ("next_url", "next_url", False), ("link_header", "link_header", False),
        ("items", "items", True), ("has_more", "has_more", False),
    )),
    ir.PageTokenPagination: ("PageTokenPagination", (
        ("param", "param", True), ("next_token", "next_token", True), ("items", "items", True),
    )),
}
_SHARED_FIELDS = (("stop_on_empty_page", False), ("max_empty_pages", ir.DEFAULT_MAX_EMPTY_PAGES))


def _pagination_fields(op: ir.Operation, integers: frozenset[str]) -> list[tuple[str, object]]:
    """The runtime style's keyword arguments for ``op``, in order."""
    p = op.pagination
    _, fields = _RUNTIME_PAGINATION[type(p)]
    out: list[tuple[str, object]] = []
    for name, attr, always in fields:
        value = getattr(p, attr)
        if isinstance(p, ir.CursorPagination) and name == "next_cursor" and p.next_cursor_from_item:
            value = None
        if always or value is not None:
            out.append((name, value))
    for name, default in _SHARED_FIELDS:
        if getattr(p, name) != default:
            out.append((name, getattr(p, name)))
    out.append(("arguments", _resume_arguments(op, integers)))
    return out


def _resume_arguments(op: ir.Operation, integers: frozenset[str]) -> tuple[tuple[str, str, bool], ...]:
    """The query parameters a next page sets, with the list call's argument for each: what
    ``page.next_page_params()`` gives back."""
    p = op.pagination
    if isinstance(p, ir.NextUrlPagination):
        wires = [q.wire_name for q in op.params if q.location == "query"]
    elif isinstance(p, ir.OffsetPagination):
        wires = [p.offset_param]
    elif isinstance(p, ir.NoPagination):
        wires = []
    else:
        wires = [p.param]
    by_wire = {q.wire_name: q for q in op.params if q.location == "query"}
    return tuple(
        (wire, by_wire[wire].py_name, wire in integers) for wire in wires if wire in by_wire
    )


def _integer_params(api: ir.Api, op: ir.Operation) -> frozenset[str]:
    schemas = {s.name: s for s in api.schemas}
    return frozenset(
        q.wire_name for q in op.params if ir.resolve_alias(schemas, q.type)[0].kind == "integer"
    )


def _pagination_source(api: ir.Api, op: ir.Operation) -> str | None:
    p = op.pagination
    if isinstance(p, ir.NoPagination):
        return None
    name, _ = _RUNTIME_PAGINATION[type(p)]
    fields = _pagination_fields(op, _integer_params(api, op))
    return f"{name}(" + ", ".join(f"{key}={py(value)}" for key, value in fields) + ")"


def _literal(name: str, value: tuple[str, ...] | None) -> Node:
    if value is None:
        return f"{name}=None"
    return Group(f"{name}=", tuple(py(part) for part in value), "()", one_tuple=len(value) == 1)


def _value_node(name: str, value: object) -> Node:
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        rows = [tuple_of([py(part) for part in row]) for row in value]
        return Group(f"{name}=", tuple(rows), "()", one_tuple=len(rows) == 1)
    if isinstance(value, tuple) or value is None:
        return _literal(name, value)
    return f"{name}={py(value)}"


def _pagination_group(api: ir.Api, op: ir.Operation) -> Group | None:
    p = op.pagination
    if isinstance(p, ir.NoPagination):
        return None
    name, _ = _RUNTIME_PAGINATION[type(p)]
    fields = _pagination_fields(op, _integer_params(api, op))
    return group("pagination=" + name, [_value_node(key, value) for key, value in fields])


def _errors_group(api: ir.Api, op: ir.Operation) -> Group:
    entries: dict[int | None, str] = {}
    for error in (*api.default_errors, *op.errors):
        if error.type is not None and error.type.kind == "ref" and error.type.ref:
            entries[error.status] = f"models.{error.type.ref}"
    ordered = sorted(entries.items(), key=lambda item: (item[0] is None, item[0] or 0))
    return group("errors=", [f"{py(status)}: {model}" for status, model in ordered], "{}")


def _layout(
    view: OperationView, api: ir.Api, resource: ir.Resource, path_params: list[ir.Parameter]
) -> OperationView:
    """The view's statements as black lays them out (see :mod:`codegen.render.layout`)."""
    op = view.op
    endpoint: list[Node] = [
        f"name={py(f'{resource.py_name}.{op.py_name}')}",
        f"method={py(op.method)}",
        f"path={py(op.path)}",
        _errors_group(api, op),
    ]
    if op.response.envelope:
        endpoint.append(_literal("envelope", op.response.envelope))
    pagination = _pagination_group(api, op)
    if pagination is not None:
        endpoint.append(pagination)
    if not op.idempotent:
        endpoint.append("idempotent=False")
    if op.fixed_headers:
        rows = [tuple_of([py(h.name), py(h.value)]) for h in op.fixed_headers]
        endpoint.append(Group("headers=", tuple(rows), "()", one_tuple=len(rows) == 1))
    if op.response.type is not None and op.response.media_type != ir.JSON_MEDIA_TYPE:
        endpoint.append(f"accept={py(op.response.media_type)}")
    if op.response.type is not None and op.response.media in _RETURNS:
        endpoint.append(f"returns={py(_RETURNS[op.response.media])}")
    result = view.result_type
    if view.paginated:
        result = f"builtins.list[{result}]"
    wrapped = f"{_safe_arg(resource.py_name)}.{view.name}"

    others = [p for p in op.params if p.location != "path"]
    request: list[Node] = [
        view.endpoint,
        group("_request.encode_path", [
            f"{view.endpoint}.path",
            group("", [f"{py(p.wire_name)}: {p.py_name}" for p in path_params], "{}"),
        ]),
    ]
    query = [tuple_of([py(p.wire_name), p.py_name, py(p.style)]) for p in others if p.location == "query"]
    if query:
        request.append(group("query=_request.query_params", query))
    headers = [tuple_of([py(p.wire_name), p.py_name]) for p in others if p.location == "header"]
    if headers:
        request.append(group("headers=_request.header_params", headers))
    if op.body is not None:
        request += _body_nodes(op.body)

    arguments = [a.name for a in view.positional] + [f"{a.name}={a.name}" for a in view.keywords]
    return replace(
        view,
        check_lines="\n".join(lay(_call_group(check), 4) for check in view.checks),
        endpoint_lines="\n".join(lay(node, 4, ",") for node in endpoint),
        result_lines="\n".join(
            typed_assign(name, group("_request.Result", [tp], "[]"), group("_request.Result", [tp]))
            for name, tp in ((view.result, result), (view.page_result, view.page_type))
            if name
        ),
        raw_lines=assign(f"self.{view.name}", group("to_raw_response_wrapper", [wrapped]), 8),
        async_raw_lines=assign(f"self.{view.name}", group("async_to_raw_response_wrapper", [wrapped]), 8),
        request_lines="\n".join(lay(node, 8, ",") for node in request),
        call_lines=lay(group(view.builder, arguments), 12, ","),
        call_assign=lay(group(f"request = {view.builder}", arguments), 8),
    )


_RETURNS = {"binary": "bytes", "text": "text"}


def _body_nodes(body: ir.RequestBody) -> list[Node]:
    """The ``_request.Request`` arguments that carry the body, by how it travels."""
    if body.media == "json" and body.media_type == ir.JSON_MEDIA_TYPE:
        if body.whole:
            required = body.required or body.type.nullable
            return [f"json=dump({BODY_ARGUMENT})",
                    "has_body=True" if required else f"has_body={BODY_ARGUMENT} is not None"]
        fields = [tuple_of([py(f.wire_name), f.py_name]) for f in body.fields]
        return [group("json=_request.json_body", fields), "has_body=True"]
    if body.whole:
        typed = body.media in ("json", "binary", "text")
        call = group(f"_content.{_WHOLE[body.media]}", [BODY_ARGUMENT] + ([py(body.media_type)] if typed else []))
        if body.required or body.type.nullable:
            return [group(f"content={call.head}", call.items)]
        optional = f"{flat(call)} if {BODY_ARGUMENT} is not None else None"
        if len(f"        content={optional},") <= LINE_LENGTH:
            return [f"content={optional}"]
        return [Group("content=", (optional,))]  # black puts a long value in parentheses
    if body.media == "json":
        fields = [tuple_of([py(f.wire_name), f.py_name]) for f in body.fields]
        return [group("content=_content.json_content", [group("_request.json_body", fields), py(body.media_type)])]
    items: list[Node] = []
    for f in body.fields:
        coded = body.encoding_of(f.wire_name)
        parts = [py(f.wire_name), f.py_name]
        joined = coded.style == "form" and not coded.explode  # explode matters for form only
        styled = coded.style != "form" or joined
        if body.media == "multipart":
            if coded.content_type is not None or coded.styled:
                parts.append(py(coded.content_type))
            styled = coded.styled
        if styled:
            parts.append(py(coded.style))
            if joined:
                parts.append("False")
        items.append(tuple_of(parts))
    return [group(f"content=_content.{'form_body' if body.media == 'form' else 'multipart_body'}", items)]


_WHOLE = {"json": "json_content", "form": "form_object", "multipart": "multipart_object",
          "binary": "binary_body", "text": "text_body"}


def _safe_arg(name: str) -> str:
    """The parameter that holds the wrapped resource (``runs_resource``)."""
    return f"{name}_resource"


def _call_group(source: str) -> Node:
    """A check call (``_request.check_range(...)``) as a layout group; the arguments are cut
    where Python's own parser says they are."""
    call = ast.parse(source, mode="eval").body
    if not isinstance(call, ast.Call):
        return source
    args = [ast.get_source_segment(source, arg) or "" for arg in call.args]
    args += [f"{kw.arg}={ast.get_source_segment(source, kw.value)}" for kw in call.keywords]
    return group(ast.get_source_segment(source, call.func) or "", args)


def pagination_class(p: ir.Pagination) -> str | None:
    return None if isinstance(p, ir.NoPagination) else _RUNTIME_PAGINATION[type(p)][0]


def error_models(api: ir.Api) -> list[str]:
    names: set[str] = set()
    for error in api.default_errors:
        if error.type is not None and error.type.kind == "ref" and error.type.ref:
            names.add(error.type.ref)
    for op in api.operations():
        for error in op.errors:
            if error.type is not None and error.type.kind == "ref" and error.type.ref:
                names.add(error.type.ref)
    return sorted(names)


def _errors_source(api: ir.Api, op: ir.Operation) -> str:
    entries: dict[int | None, str] = {}
    for error in (*api.default_errors, *op.errors):
        if error.type is not None and error.type.kind == "ref" and error.type.ref:
            entries[error.status] = f"models.{error.type.ref}"
    ordered = sorted(entries.items(), key=lambda item: (item[0] is None, item[0] or 0))
    return "{" + ", ".join(f"{py(status)}: {model}" for status, model in ordered) + "}"


def _keyword(item: ir.Parameter | ir.Field, api: ir.Api, mode: Mode = "input") -> Arg:
    """A keyword argument: optional ones default to ``None`` (left out of the request), a
    header parameter with a documented default to that value (sent unless the caller says
    otherwise; ``None`` leaves it out)."""
    annotation = type_source(item.type, mode, api)
    if not item.required and not item.type.nullable:
        annotation += " | None"
    sent = _sent_default(item, api)
    if sent is not None:
        assert item.default is not None
        text = _describe(item.description, None, item.constraints)
        shown = f"Sent as ``{item.default.value!r}`` (the API's default) unless given"
        shown += "." if item.required else "; ``None`` leaves the header out."
        return Arg(item.py_name, annotation, sent, f"{text} {shown}".strip())
    return Arg(
        item.py_name,
        annotation,
        None if item.required else "None",
        _describe(item.description, item.default, item.constraints),
    )


def _sent_default(item: ir.Parameter | ir.Field, api: ir.Api) -> str | None:
    """The literal a header parameter's argument defaults to: its documented default, when
    the argument's type holds it as it stands (a string, number or boolean, or a value of an
    enum). OpenAPI's ``default`` is what the server assumes when the header is left out;
    sending it pins the behaviour the client was generated for, should the server's own
    default move (an API version header)."""
    if not isinstance(item, ir.Parameter) or item.location != "header" or item.default is None:
        return None
    value = item.default.value
    resolved, schema = ir.resolve_alias({s.name: s for s in api.schemas}, item.type)
    kind = resolved.kind
    if isinstance(schema, ir.EnumSchema):
        kind = "integer" if schema.base == "integer" else "string"
    fits = {
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
    }.get(kind, False)
    return py(value) if fits else None


def operation_view(api: ir.Api, resource: ir.Resource, op: ir.Operation) -> OperationView:
    path_order = {name: index for index, name in enumerate(ir.path_params(op.path))}
    path_params = sorted(
        (p for p in op.params if p.location == "path"), key=lambda p: path_order.get(p.wire_name, 0)
    )
    other = [p for p in op.params if p.location != "path"]
    positional = tuple(
        Arg(p.py_name, type_source(p.type, "input", api), None, _describe(p.description, p.default, p.constraints))
        for p in path_params
    )
    body_fields = op.body.fields if op.body is not None else ()
    # Required keywords first, parameters before body fields.
    keywords = [_keyword(p, api) for p in sorted(other, key=lambda p: not p.required)]
    field_mode: Mode = "upload" if op.body is not None and op.body.media == "multipart" else "input"
    keywords += [_keyword(f, api, field_mode) for f in sorted(body_fields, key=lambda f: not f.required)]
    if op.body is not None and op.body.whole:
        annotation = type_source(op.body.type, "input", api)
        if op.body.media == "binary":
            annotation = "FileContent"
        if not op.body.required and not op.body.type.nullable:
            annotation += " | None"
        argument = Arg(BODY_ARGUMENT, annotation, None if op.body.required else "None", op.body.description or "The request body.")
        keywords.insert(sum(1 for a in keywords if a.default is None), argument)

    checks: list[str] = []
    for p in op.params:
        checks += _checks(p.py_name, p.wire_name, p.type, p.constraints)
        checks += _member_checks(api, p)
    for f in body_fields:
        checks += _checks(f.py_name, f.wire_name, f.type, f.constraints)

    query = ", ".join(
        f"({py(p.wire_name)}, {p.py_name}, {py(p.style)})" for p in other if p.location == "query"
    )
    headers = ", ".join(f"({py(p.wire_name)}, {p.py_name})" for p in other if p.location == "header")
    path_values = "{" + ", ".join(f"{py(p.wire_name)}: {p.py_name}" for p in path_params) + "}"
    body = None
    if op.body is not None:
        body = ", ".join(f"({py(f.wire_name)}, {f.py_name})" for f in body_fields)

    pagination = _pagination_source(api, op)
    endpoint_args: list[tuple[str, str]] = [
        ("name", py(f"{resource.py_name}.{op.py_name}")),
        ("method", py(op.method)),
        ("path", py(op.path)),
        ("errors", _errors_source(api, op)),
    ]
    if op.response.envelope:
        endpoint_args.append(("envelope", py(op.response.envelope)))
    if pagination:
        endpoint_args.append(("pagination", pagination))
    if not op.idempotent:
        endpoint_args.append(("idempotent", "False"))

    const = _const(op.py_name)
    paginated = not isinstance(op.pagination, ir.NoPagination)
    if paginated:
        item = type_source(op.pagination.item_type, "output")  # type: ignore[union-attr]
        result_type = item
        returns_doc = "A page; iterate it to walk every item of every page."
    elif op.response.type is None:
        result_type = "None"
        returns_doc = ""
    else:
        result_type = type_source(op.response.type, "output")
        returns_doc = doc(op.response.description or "", 12, 12)

    summary = op.summary or op.description or f"{op.method} {op.path}"
    description = op.description if op.description and op.description != summary else None
    docstring = doc(summary, 8)
    if description:
        docstring += "\n\n        " + doc(description, 8, 8)

    view = OperationView(
        op=op,
        name=op.py_name,
        endpoint=const,
        builder="_" + op.py_name.rstrip("_"),
        result=const + ("_ITEMS" if paginated else "_RESULT"),
        result_type=result_type,
        paginated=paginated,
        positional=positional,
        keywords=tuple(keywords),
        path_values=path_values,
        query=query,
        headers=headers,
        body=body,
        checks=tuple(checks),
        endpoint_args=tuple(endpoint_args),
        returns_doc=returns_doc,
        docstring=docstring,
    )
    view = replace(
        view,
        whole_body=op.body is not None and op.body.whole,
        streams=op.response.type is not None and op.response.media == "binary",
    )
    if paginated:
        body_type = op.response.type
        page_type = type_source(body_type, "output") if body_type is not None else f"builtins.list[{result_type}]"
        get_page = group("lambda: self._client.get_page", ["request", view.result, f"{const}_RESULT", "options"])
        view = replace(
            view,
            page_type=page_type,
            page_result=const + "_RESULT",
            sync_returns=lay(Group(") -> SyncPage", (result_type, page_type), "[]"), 4, ":"),
            async_returns=lay(Group(") -> AsyncPager", (result_type, page_type), "[]"), 4, ":"),
            pager_lines=lay(group("return AsyncPager", [get_page]), 8),
        )
    return _layout(view, api, resource, path_params)
