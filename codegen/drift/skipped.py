"""What a comparison cannot see: bodies the IR holds no shape for.

The drift checks compare IR types. A request or response body the normalizer could not give a
shape to (a form, a multipart upload, a binary download, read as "any value") compares equal
whatever its fields are, so each one is named in the report's notes instead of passing in
silence. The test is on the IR, not on a list of media types: a body that a future IR models
(a form body with fields) stops being listed by itself.
"""

from __future__ import annotations

import re
from typing import Any

from codegen import ir
from codegen.source import SourceDoc

_JSON = re.compile(r"^application/([\w.-]+\+)?json\s*(;.*)?$", re.IGNORECASE)
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


def _media(holder: Any) -> list[str] | None:
    """The media types of a body that has content and no JSON among them."""
    content = holder.get("content") if isinstance(holder, dict) else None
    if not isinstance(content, dict) or not content:
        return None
    types = [str(t) for t in content]
    return None if any(_JSON.match(t) for t in types) else types


def _shapeless(ref: ir.TypeRef | None) -> bool:
    return ref is None or ref.kind == "any"


def skipped_bodies(document: SourceDoc, api: ir.Api) -> list[str]:
    """Each body of an OpenAPI document that the comparison of ``api`` does not cover."""
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
            media = _media(_deref(data, raw.get("requestBody"), "requestBodies"))
            if media and (op.body is None or (_shapeless(op.body.type) and not op.body.fields)):
                notes.append(f"{where}.requestBody: {', '.join(media)} body not compared")
            errors = {e.status: e.type for e in op.errors}
            for status, response in (raw.get("responses") or {}).items():
                media = _media(_deref(data, response, "responses"))
                if not media:
                    continue
                code = None if status == "default" else int(status) if str(status).isdigit() else -1
                if code == op.response.status:
                    shapeless = _shapeless(op.response.type)
                elif code in errors:
                    shapeless = _shapeless(errors[code])
                else:
                    continue  # a status the IR does not model at all
                if shapeless:
                    text = f"{where}.responses.{status}: {', '.join(media)} response not compared"
                    notes.append(text)
    return notes
