"""Pagination inferred from an OpenAPI document that has no ``codegen.yaml`` saying it.

Only where the document leaves no doubt: a ``GET`` whose success body is an object with exactly
one array field, and exactly one of these patterns of a request parameter with the response
field (or header) that answers it. The result is the same mapping a ``codegen.yaml`` would
hold, so it is checked by the same reader; the caller prints it as a note.

| pattern | style |
| --- | --- |
| ``page_token`` → ``next_page_token`` (string) | ``page_token`` |
| ``starting_after`` → ``has_more`` (boolean), items with an ``id`` | ``cursor`` from the last item |
| ``cursor`` / ``after`` → ``next_cursor`` / ``nextCursor`` (string, at most one level deep) | ``cursor`` |
| ``page`` (integer) → ``next`` (string) | ``page_number`` ending on a null ``next`` |
| ``page`` (integer) and a ``Link`` response header | ``next_url`` from the header |
| ``offset`` and ``limit`` (integers) → ``has_more`` (boolean) | ``offset`` |
"""

from __future__ import annotations

from typing import Any

from codegen import ir
from codegen.ir import resolve_alias

_CURSOR_PARAMS = ("cursor", "after")
_CURSOR_FIELDS = ("next_cursor", "nextCursor")
_HAS_MORE = ("has_more", "hasMore")
_SIZE_PARAMS = ("page_size", "per_page", "pageSize", "limit")
_TOTALS = ("count", "total", "total_count", "totalCount")


def _object(registry: dict[str, ir.Schema], ref: ir.TypeRef | None) -> ir.ObjectSchema | None:
    if ref is None:
        return None
    resolved, schema = resolve_alias(registry, ref)
    return schema if isinstance(schema, ir.ObjectSchema) and resolved.kind == "ref" else None


def _kind(registry: dict[str, ir.Schema], ref: ir.TypeRef) -> str:
    return resolve_alias(registry, ref)[0].kind


def _fields(registry: dict[str, ir.Schema], schema: ir.ObjectSchema, depth: int = 2) -> list[tuple[str, str]]:
    """``(dotted wire path, kind)`` of every field, nested objects included up to ``depth``."""
    out: list[tuple[str, str]] = []
    for field in schema.fields:
        out.append((field.wire_name, _kind(registry, field.type)))
        inner = _object(registry, field.type)
        if inner is not None and depth > 1 and inner is not schema:
            out += [(f"{field.wire_name}.{path}", kind) for path, kind in _fields(registry, inner, depth - 1)]
    return out


def _one(found: list[str]) -> str | None:
    return found[0] if len(found) == 1 else None


def infer_pagination(
    params: tuple[ir.Parameter, ...],
    response: ir.TypeRef | None,
    registry: dict[str, ir.Schema],
    response_headers: set[str],
) -> tuple[dict[str, Any] | None, str | None]:
    """A pagination declaration, or ``None``; and, when several patterns match, why none
    was taken."""
    body = _object(registry, response)
    if body is None:
        return None, None
    arrays = [f for f in body.fields if _kind(registry, f.type) == "array"]
    if len(arrays) != 1:
        return None, None
    items = arrays[0]
    query = {p.wire_name: _kind(registry, p.type) for p in params if p.location == "query"}
    fields = _fields(registry, body)
    top = {f.wire_name: _kind(registry, f.type) for f in body.fields}

    def field(names: tuple[str, ...], kind: str) -> str | None:
        return _one([path for path, k in fields if path.rsplit(".", 1)[-1] in names and k == kind])

    found: list[dict[str, Any]] = []
    token = field(("next_page_token", "nextPageToken"), "string")
    param = next((p for p in ("page_token", "pageToken") if query.get(p) == "string"), None)
    if token and param:
        found.append({"style": "page_token", "param": param, "next_token": token})
    has_more = field(_HAS_MORE, "boolean")
    item = _object(registry, items.type.items) if items.type.items else None
    if "starting_after" in query and has_more and item and any(f.wire_name == "id" for f in item.fields):
        found.append({"style": "cursor", "param": "starting_after", "next_cursor_from_item": "id", "has_more": has_more})
    cursor_param = _one([p for p in _CURSOR_PARAMS if query.get(p) == "string"])
    cursor = field(_CURSOR_FIELDS, "string")
    if cursor_param and cursor:
        decl: dict[str, Any] = {"style": "cursor", "param": cursor_param, "next_cursor": cursor}
        if has_more:
            decl["has_more"] = has_more
        found.append(decl)
    if query.get("page") == "integer":
        size = _one([p for p in _SIZE_PARAMS if query.get(p) == "integer"])
        if top.get("next") == "string":
            decl = {"style": "page_number", "param": "page", "next": "next"}
            total = _one([t for t in _TOTALS if top.get(t) == "integer"])
            if total:
                decl["total_items"] = total
            if size:
                decl["size_param"] = size
            found.append(decl)
        elif "link" in response_headers:
            found.append({"style": "next_url", "from": "header.link"})
    if query.get("offset") == "integer" and query.get("limit") == "integer" and has_more:
        found.append({"style": "offset", "offset": "offset", "limit": "limit", "has_more": has_more})
    if len(found) > 1:
        styles = " and ".join(sorted({str(d["style"]) for d in found}))
        return None, f"pagination not inferred: the operation fits {styles}"
    if not found:
        return None, None
    return {**found[0], "items": items.wire_name}, None


def describe(decl: dict[str, Any]) -> str:
    """The declaration as a reader would write it in ``codegen.yaml``."""
    return "{" + ", ".join(f"{key}: {value}" for key, value in decl.items()) + "}"
