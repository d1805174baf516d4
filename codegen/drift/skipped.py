"""What a comparison cannot see: body schemas the IR does not read.

The drift checks compare IR types. A body schema the IR holds no shape for compares equal
whatever its fields are, so each one is named in the report's notes instead of passing in
silence:

- a media type a document offers beside the one the client uses (a request body offered as
  JSON and as a form: the client sends JSON, and only that schema is compared);
- a structured schema under a media type read as bytes or text (XML, a multipart subtype
  other than ``form-data``), or as "any value".

The test is on the IR: a body that the IR models (a form or multipart body with fields, a
binary download) is compared, and is not listed.
"""

from __future__ import annotations

import re
from typing import Any

from codegen import ir
from codegen.source import SourceDoc

_METHODS = ("get", "put", "post", "delete", "patch")
_TEMPLATE = re.compile(r"\{[^}]*\}")


def _deref(data: dict[str, Any], node: Any, section: str) -> Any:
    for _ in range(16):  # a chain of local references; a loop is the normalizer's to report
        ref = node.get("$ref") if isinstance(node, dict) else None
        prefix = f"#/components/{section}/"
        if not (isinstance(ref, str) and ref.startswith(prefix)):
            return node
        node = ((data.get("components") or {}).get(section) or {}).get(ref[len(prefix):])
    return node


def _essence(media_type: str) -> str:
    return media_type.split(";")[0].strip().lower()


def _json(essence: str) -> bool:
    return essence == ir.JSON_MEDIA_TYPE or essence.endswith("+json")


def _structured(schema: Any) -> bool:
    """Whether a raw schema describes fields or items (something a comparison could see)."""
    if not isinstance(schema, dict):
        return False
    if any(key in schema for key in ("$ref", "properties", "items", "allOf", "oneOf", "anyOf")):
        return True
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    return bool(kinds & {"object", "array"})


def _shapeless(ref: ir.TypeRef | None) -> bool:
    return ref is None or ref.kind in ("any", "binary", "string")


def _content(holder: Any) -> dict[str, Any]:
    content = holder.get("content") if isinstance(holder, dict) else None
    return content if isinstance(content, dict) else {}


def _unseen(
    content: dict[str, Any], used: set[str], shapeless: bool, where: str, what: str
) -> list[str]:
    notes = []
    for key, media in content.items():
        schema = media.get("schema") if isinstance(media, dict) else None
        if not _structured(schema):
            continue
        if _essence(str(key)) not in used:
            notes.append(f"{where}: {key} {what} not compared (the client uses {', '.join(sorted(used))})")
        elif shapeless:
            notes.append(f"{where}: {key} {what} not compared (read as bytes, text or any value)")
    return notes


def skipped_bodies(document: SourceDoc, api: ir.Api) -> list[str]:
    """Each body schema of an OpenAPI document that the comparison of ``api`` does not cover."""
    data = document.data
    if not isinstance(data, dict) or "openapi" not in data:
        return []
    by_shape: dict[tuple[str, str], ir.Operation] = {
        (op.method, _TEMPLATE.sub("{}", op.path)): op for op in api.operations()
    }
    notes: list[str] = []
    for template, item in (data.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in _METHODS:
            raw = item.get(method)
            op = by_shape.get((method.upper(), _TEMPLATE.sub("{}", str(template))))
            if not isinstance(raw, dict) or op is None:
                continue
            where = f"{document.file}: paths.{template}.{method}"
            content = _content(_deref(data, raw.get("requestBody"), "requestBodies"))
            if content:
                body = op.body
                used = {_essence(body.media_type)} if body is not None else set()
                shapeless = body is None or (_shapeless(body.type) and not body.fields)
                notes += _unseen(content, used, shapeless, f"{where}.requestBody", "body")
            errors = {e.status: e.type for e in op.errors}
            for status, response in (raw.get("responses") or {}).items():
                content = _content(_deref(data, response, "responses"))
                code = None if status == "default" else int(status) if str(status).isdigit() else -1
                if not content:
                    continue
                if code == op.response.status:
                    used = {_essence(t) for t in op.response.media_type.split(",")}
                    shapeless = op.response.type is None or _shapeless(op.response.type)
                elif code in errors:  # error bodies are read from JSON
                    used = {e for e in map(_essence, content) if _json(e)} or {"application/json"}
                    shapeless = _shapeless(errors[code])
                else:
                    continue  # a status the IR does not model at all
                notes += _unseen(content, used, shapeless, f"{where}.responses.{status}", "response")
    return notes
