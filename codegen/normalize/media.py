"""Media types: how a body travels, for both normalizers.

A request body or a success response is JSON, a form (``application/x-www-form-urlencoded``),
``multipart/form-data``, raw bytes or text (:data:`ir.MediaKind`). This module parses media
types (``+json`` suffixes, parameters such as ``charset``, wildcards), classifies them, picks
one when a document offers several, and reads how a form or multipart body writes each of
its fields (OpenAPI's Encoding Object: ``style``, ``explode``, ``contentType``).

Which one is picked when several are offered:

- a request body: JSON, then form, multipart, bytes, text (the first of a kind, in document
  order); every other type offered is named in a warning;
- a success response: JSON, then bytes, then text; but a JSON alternative whose schema is a
  bare scalar (a string, a number) gives way to bytes, since such an operation is a download
  and bytes can hold every representation. Every type of the chosen kind goes in ``Accept``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from codegen import ir
from codegen.errors import Path
from codegen.normalize.schema import SchemaReader

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_MEDIA_TYPE = re.compile(rf"^\s*({_TOKEN})/({_TOKEN})\s*((?:;.*)?)$")
_PARAM = re.compile(rf"^\s*({_TOKEN})\s*=\s*(\"(?:[^\"\\]|\\.)*\"|{_TOKEN})\s*$")
OCTET_STREAM = "application/octet-stream"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
STYLES: tuple[ir.EncodingStyle, ...] = ("form", "spaceDelimited", "pipeDelimited", "deepObject")
_REQUEST_ORDER: tuple[ir.MediaKind, ...] = ("json", "form", "multipart", "binary", "text")
_SCALARS = {"string", "integer", "number", "boolean"}

Report = Callable[[Path, str], None]


@dataclass(frozen=True)
class MediaType:
    """A parsed media type: ``essence`` is ``type/subtype`` in lower case."""

    main: str
    sub: str
    params: tuple[tuple[str, str], ...]
    text: str

    @property
    def essence(self) -> str:
        return f"{self.main}/{self.sub}"

    @property
    def wildcard(self) -> bool:
        return self.main == "*" or self.sub == "*"

    def param(self, name: str) -> str | None:
        return next((value for key, value in self.params if key == name), None)


def parse(text: str) -> MediaType | None:
    """``text`` as a media type (RFC 9110 §8.3.1), or ``None`` when it is not one."""
    match = _MEDIA_TYPE.match(text)
    if match is None:
        return None
    params: list[tuple[str, str]] = []
    for piece in match.group(3).split(";")[1:]:
        if not piece.strip():
            continue
        found = _PARAM.match(piece)
        if found is None:
            return None
        params.append((found.group(1).lower(), found.group(2).strip('"')))
    return MediaType(match.group(1).lower(), match.group(2).lower(), tuple(params), text.strip())


def is_json(media: MediaType) -> bool:
    return media.essence == ir.JSON_MEDIA_TYPE or media.sub.endswith("+json")


def kind_of(media: MediaType, structured: bool) -> ir.MediaKind | None:
    """How a body of this media type travels; ``None`` for a kind not modelled (another
    multipart subtype). ``structured``: the schema beside it describes an object or an array,
    which makes a wildcard (``*/*``, ``application/*``) JSON."""
    if is_json(media):
        return "json"
    if media.essence == FORM:
        return "form"
    if media.essence == MULTIPART:
        return "multipart"
    if media.main == "multipart":
        return None
    if media.essence in ("*/*", "application/*"):
        return "json" if structured else "binary"
    if media.main == "text" or media.essence == "application/xml" or media.sub.endswith("+xml"):
        return "text"
    return "binary"


@dataclass(frozen=True)
class Offer:
    """One entry of a ``content`` map."""

    key: str
    media: MediaType
    kind: ir.MediaKind | None
    schema: Any
    shape: str | None
    """``object``, ``array``, ``scalar`` or ``file`` for the schema beside it; ``None`` for none."""
    path: Path


@dataclass(frozen=True)
class Choice:
    """The media type a body uses: ``offer`` is the one read; ``media_type`` is sent (request)
    or accepted (response)."""

    offer: Offer
    kind: ir.MediaKind
    media_type: str


Shape = Callable[[Any, Path], str | None]


def offers(content: dict[str, Any], path: Path, shape: Shape, warn: Report) -> list[Offer]:
    """The entries of a ``content`` map that are media types, in document order."""
    found: list[Offer] = []
    for key, media in content.items():
        where: Path = (*path, key)
        parsed = parse(str(key))
        if parsed is None:
            warn(where, f"{key!r} is not a media type; skipped")
            continue
        schema = media.get("schema") if isinstance(media, dict) else None
        form = shape(schema, (*where, "schema")) if schema is not None else None
        found.append(Offer(str(key), parsed, kind_of(parsed, form in ("object", "array")), schema, form, where))
    return found


def choose_request(found: list[Offer], what: str, path: Path, warn: Report) -> Choice | None:
    """The media type a request body is sent as."""
    if not found:
        return None
    ranked = sorted(found, key=lambda o: _REQUEST_ORDER.index(o.kind) if o.kind else len(_REQUEST_ORDER))
    best = ranked[0]
    kind: ir.MediaKind = best.kind or "binary"
    sent = _plain_json(best.media)
    if best.kind is None:
        warn(best.path, f"{best.key} is not modelled; {what} is sent as raw bytes")
    elif best.media.wildcard:
        sent = ir.JSON_MEDIA_TYPE if kind == "json" else OCTET_STREAM
        warn(best.path, f"{best.key!r} is a wildcard; {what} is sent as {sent}")
    elif kind == "text" and best.media.main != "text":
        warn(best.path, f"{best.key} is not modelled; {what} is a str sent as {best.key}")
    others = [o.key for o in found if o is not best]
    if others:
        warn(path, f"{what} is also offered as {', '.join(others)}; the client sends {best.key}")
    return Choice(best, kind, sent)


def choose_response(found: list[Offer], what: str, path: Path, warn: Report) -> Choice | None:
    """The media type a success response is read as, and what ``Accept`` asks for."""
    if not found:
        return None
    has_binary = any(o.kind == "binary" for o in found)

    def rank(offer: Offer) -> int:
        if offer.kind == "json":
            return 2 if has_binary and offer.shape in ("scalar", "file") else 0
        return {"binary": 1, "text": 3}.get(offer.kind or "", 4)

    best = min(found, key=rank)
    kind: ir.MediaKind = best.kind if best.kind in ("json", "binary", "text") else "binary"
    if best.kind not in ("json", "binary", "text"):
        warn(best.path, f"{best.key} is not modelled; {what} is read as bytes")
    elif kind == "text" and best.media.main != "text":
        warn(best.path, f"{best.key} is not modelled; {what} is read as text")
    elif kind == "json" and best.media.wildcard:
        warn(best.path, f"{best.key!r} is a wildcard; {what} is read as JSON, as its schema describes one")
    same = [o for o in found if o.kind == best.kind and (kind != "json" or o is best)]
    accepted = ", ".join(_plain_json(o.media) for o in same)
    if kind == "json" and best.media.wildcard:
        accepted = ir.JSON_MEDIA_TYPE
    others = [o.key for o in found if o not in same]
    if others:
        warn(path, f"{what} is also offered as {', '.join(others)}; the client reads {accepted}")
    return Choice(best, kind, accepted)


def _plain_json(media: MediaType) -> str:
    """``application/json`` without parameters: JSON is UTF-8 (RFC 8259), so a ``charset``
    says nothing; a vendor's own JSON type (``application/vnd.api+json``) is kept as written."""
    return ir.JSON_MEDIA_TYPE if media.essence == ir.JSON_MEDIA_TYPE else media.text


def request_type(kind: ir.MediaKind) -> ir.TypeRef | None:
    """The type of a body sent whole, whatever its schema says: bytes or text; ``None`` for
    the kinds read from their schema."""
    if kind == "binary":
        return ir.TypeRef("binary")
    if kind == "text":
        return ir.TypeRef("string")
    return None


def text_media_type(media_type: str) -> str:
    """A text media type with its charset: ``text/plain`` is sent as UTF-8 and says so."""
    parsed = parse(media_type)
    if parsed is not None and parsed.param("charset") is None:
        return f"{media_type}; charset=utf-8"
    return media_type


def encodings(
    raw: Any,
    path: Path,
    kind: ir.MediaKind,
    fields: tuple[ir.Field, ...],
    report: Report,
    *,
    keys: dict[str, str],
    schemas: dict[str, ir.Schema],
) -> tuple[ir.Encoding, ...]:
    """One :class:`ir.Encoding` per field of a form or multipart body, from an ``encoding``
    map (field wire name → ``style``, ``explode``, content type). ``keys`` names the spelling
    of the three keys in the input format (``contentType`` in OpenAPI). A multipart part's
    content type is settled here (:func:`part_content_type`); a form field has none."""
    declared: dict[str, Any] = raw if isinstance(raw, dict) else {}
    if raw is not None and not isinstance(raw, dict):
        report(path, "encoding must be a mapping of field names")
    if kind not in ("form", "multipart"):
        if declared:
            report(path, "encoding applies only to form and multipart bodies")
        return ()
    names = {f.wire_name for f in fields}
    for key in declared:
        if key not in names:
            report((*path, key), f"encoding names {key!r}, which is not a field of the body")
    out: list[ir.Encoding] = []
    for f in fields:
        spec = declared.get(f.wire_name)
        coded = _encoding(f.wire_name, spec if isinstance(spec, dict) else {}, (*path, f.wire_name), report, keys)
        settled = None if kind == "form" or coded.styled else part_content_type(coded, f.type, schemas)
        out.append(replace(coded, content_type=settled, styled=coded.styled and kind == "multipart"))
    return tuple(out)


def _encoding(wire: str, spec: dict[str, Any], path: Path, report: Report, keys: dict[str, str]) -> ir.Encoding:
    style_key, explode_key, type_key = keys["style"], keys["explode"], keys["content_type"]
    style: ir.EncodingStyle = "form"
    given = spec.get(style_key)
    if given is not None:
        if given in STYLES:
            style = given
        else:
            report((*path, style_key), f"style {given!r} is not one of {', '.join(STYLES)}; the field is sent form-style")
    explode = spec.get(explode_key, style == "form")
    if not isinstance(explode, bool):
        report((*path, explode_key), "explode must be true or false")
        explode = True
    content_type = spec.get(type_key)
    if content_type is not None:
        items = [item.strip() for item in str(content_type).split(",")]
        if not all(parse(item) for item in items):
            report((*path, type_key), f"{content_type!r} is not a media type (or a comma-separated list of them)")
            content_type = None
        else:
            content_type = ", ".join(items)
    if "headers" in spec:
        report((*path, "headers"), "headers of a part are not modelled")
    return ir.Encoding(wire, style, explode, content_type, styled=style_key in spec or explode_key in spec)


def part_content_type(encoding: ir.Encoding, field_type: ir.TypeRef, schemas: dict[str, ir.Schema]) -> str | None:
    """The Content-Type one multipart part is sent with: the document's (the first of a list;
    a wildcard leaves it to the file name), else application/json for an object or a list of
    objects, else none (a text part; a file's type is then guessed from its name, else
    application/octet-stream, the OpenAPI default)."""
    declared = encoding.content_type.split(",")[0].strip() if encoding.content_type else None
    if declared is not None:
        parsed = parse(declared)
        return None if parsed is None or parsed.wildcard else declared
    inner = field_type.items if field_type.kind == "array" and field_type.items is not None else field_type
    ref, schema = ir.resolve_alias(schemas, inner)
    if isinstance(schema, ir.ObjectSchema | ir.UnionSchema) or ref.kind == "map":
        return ir.JSON_MEDIA_TYPE
    return None


def shape_of(schema: Any) -> str | None:
    """``object``, ``array``, ``file``, ``scalar`` for a resolved raw schema, ``None`` when it
    says nothing (``{}``)."""
    if not isinstance(schema, dict):
        return None
    kind = schema.get("type")
    kinds = set(kind) - {"null"} if isinstance(kind, list) else {kind} - {None}
    if kinds == {"string"} and schema.get("format") == "binary":
        return "file"
    if "object" in kinds or "properties" in schema or "additionalProperties" in schema:
        return "object"
    if "array" in kinds or "items" in schema:
        return "array"
    if any(key in schema for key in ("allOf", "oneOf", "anyOf")):
        return "object"
    if (kinds and kinds <= _SCALARS) or "enum" in schema or "const" in schema:
        return "scalar"
    return None


# -- bodies and responses, from a chosen media type ------------------------------------------

OPENAPI_KEYS = {"style": "style", "explode": "explode", "content_type": "contentType"}


def shape(reader: SchemaReader, schema: Any, path: Path) -> str | None:
    """:func:`shape_of` the schema a ``$ref`` chain ends at."""
    return shape_of(peek(reader, schema))


def peek(reader: SchemaReader, schema: Any) -> Any:
    """The schema a chain of local ``$ref`` s ends at, or ``None``; nothing is reported (the
    schema reader reports a bad reference when it reads the schema)."""
    seen: set[str] = set()
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref: str = schema["$ref"]
        if ref in seen or not ref.startswith("#/"):
            return None
        seen.add(ref)
        node: Any = reader.doc.data
        for raw in ref[2:].split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        schema = node
    return schema


def request_body(
    reader: SchemaReader,
    choice: Choice,
    name: str,
    *,
    required: bool,
    description: str | None,
    report: Report,
    keys: dict[str, str] = OPENAPI_KEYS,
    encoding: Any = None,
) -> ir.RequestBody | None:
    """The request body sent as ``choice`` says; ``None`` when it can carry nothing (a closed
    form object without properties, as Stripe declares for every GET)."""
    kind, offer = choice.kind, choice.offer
    schema_path: Path = (*offer.path, "schema")
    whole_type = request_type(kind)
    if whole_type is not None:
        media_type = text_media_type(choice.media_type) if kind == "text" else choice.media_type
        return ir.RequestBody(whole_type, required, (), description, kind, media_type, whole=True)
    if offer.schema is None:
        free = ir.TypeRef("map", items=ir.TypeRef("any")) if kind != "json" else ir.TypeRef("any")
        return ir.RequestBody(free, required, (), description, kind, choice.media_type, whole=True)
    if kind != "json" and _empty_object(peek(reader, offer.schema)):
        return None
    type_ = reader.type_of(offer.schema, schema_path, name)
    schema = reader.registry.get(type_.ref or "") if type_.kind == "ref" else None
    fields = schema.fields if isinstance(schema, ir.ObjectSchema) and not type_.nullable else ()
    if kind != "json" and not isinstance(schema, ir.ObjectSchema) and type_.kind != "map":
        report(schema_path, f"a {kind} body must be an object; it is sent from a mapping")
        type_ = ir.TypeRef("map", items=ir.TypeRef("any"))
    coded = encodings(encoding, (*offer.path, "encoding"), kind, fields, report, keys=keys, schemas=reader.registry)
    return ir.RequestBody(type_, required, fields, description, kind, choice.media_type, coded)


def response_type(reader: SchemaReader, choice: Choice, name: str) -> ir.TypeRef:
    """What a call returns when its success response is read as ``choice`` says."""
    if choice.kind == "binary":
        return ir.TypeRef("binary")
    if choice.kind == "text":
        return ir.TypeRef("string")
    if choice.offer.schema is None:
        return ir.TypeRef("any")
    return reader.type_of(choice.offer.schema, (*choice.offer.path, "schema"), name)


def _empty_object(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and schema.get("additionalProperties") is False
        and not schema.get("properties")
        and not any(key in schema for key in ("allOf", "oneOf", "anyOf"))
    )


VENDOR_KEYS = {"style": "style", "explode": "explode", "content_type": "content_type"}


def declared(
    text: Any, path: Path, error: Callable[[Path, str, str | None], None], *, request: bool
) -> tuple[ir.MediaKind, str] | None:
    """The kind and media type a vendor spec declares (``content_type``, default JSON): a
    concrete media type of a kind we model; ``None`` after reporting an error otherwise."""
    if text is None:
        return "json", ir.JSON_MEDIA_TYPE
    parsed = parse(str(text))
    kind = kind_of(parsed, structured=False) if parsed is not None else None
    if parsed is None:
        error(path, f"{text!r} is not a media type", None)
    elif parsed.wildcard:
        error(path, f"{text!r} is a wildcard", "name the media type the server sends or expects")
    elif kind is None or (not request and kind in ("form", "multipart")):
        error(path, f"{text!r} is not supported here", "use JSON, a form, multipart, bytes or text")
    else:
        return kind, parsed.text
    return None
