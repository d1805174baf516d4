"""Build a large, realistic OpenAPI 3.1 document, deterministically (seeded).

Every resource has six operations (list, get, create, update, delete, list events) and the
schemas a real API has: an object with required and optional fields, ``allOf`` (a create body
that extends a base), ``oneOf`` with a discriminator (events) and without one (a target),
nullable fields (a type list with ``"null"`` and ``oneOf [$ref, null]``), string and integer
enums, maps, arrays of inline objects, and inline objects nested three deep.

    python bench/make_large_spec.py --operations 400 --out large.json

The default size (400 operations) is over 4 MB. The text is JSON, which is also YAML: both our
generator and openapi-python-client read it as it is. Tests import :func:`build` and
:func:`dump`.
"""

from __future__ import annotations

import argparse
import json
import random
from typing import Any

SEED = 20261126
OPERATIONS_PER_RESOURCE = 6

_WORD_LIST = (
    "account alert archive asset audit batch billing budget cache campaign channel charge "
    "checkout cluster comment contract coupon credential customer dashboard dataset deploy "
    "device discount document domain draft endpoint environment export feature feed folder "
    "form gateway group import incident invoice issue job journal key label layout ledger "
    "license listing location lock mailbox member message metric migration monitor note "
    "notice offer order package page partner payment payout permission pipeline plan policy "
    "portal price product profile project promotion queue quota receipt record refund region "
    "release report request reservation review role route rule schedule secret segment "
    "session shipment signal site snapshot source space stream subscription supplier survey "
    "task team template tenant ticket token topic transfer trigger upload usage vault "
    "vendor version view volume voucher warehouse webhook widget workflow workspace zone"
)
_WORDS = _WORD_LIST.split()
_PROSE_TEXT = (
    "the value is set by the server when the record is created and never changes afterwards; "
    "clients should treat it as opaque, compare it only for equality, and keep unknown values "
    "as they came, because new values appear without notice in minor versions of the API. "
    "Quotes (\"like these\") and apostrophes (it's) are part of the text, as are commas, "
    "colons: semicolons; and parentheses (a), [b], {c}."
)
_PROSE = _PROSE_TEXT.split()


def _prose(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(_PROSE))
    picked = [_PROSE[(start + i) % len(_PROSE)] for i in range(words)]
    text = " ".join(picked)
    return text[0].upper() + text[1:].rstrip(",;:") + "."


def _names(count: int) -> list[str]:
    """``count`` distinct resource names: words, then pairs of words."""
    names = list(_WORDS)
    for first in _WORDS:
        for second in _WORDS:
            if first != second:
                names.append(f"{first}_{second}")
            if len(names) >= count:
                return names[:count]
    return names[:count]


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _camel(name: str) -> str:
    pascal = _pascal(name)
    return pascal[0].lower() + pascal[1:]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _fillers(rng: random.Random, count: int, words: int) -> dict[str, Any]:
    kinds: list[dict[str, Any]] = [
        {"type": "string", "maxLength": 200},
        {"type": "integer", "minimum": 0, "maximum": 1_000_000},
        {"type": "number"},
        {"type": "boolean"},
        {"type": ["string", "null"], "format": "date-time"},
        {"type": "array", "items": {"type": "string"}},
    ]
    out: dict[str, Any] = {}
    for index in range(count):
        schema = dict(kinds[index % len(kinds)])
        schema["description"] = _prose(rng, words)
        out[f"attribute{index:02d}"] = schema
    return out


def _resource_schemas(rng: random.Random, name: str, fillers: int, words: int) -> dict[str, Any]:
    pascal = _pascal(name)
    status = {
        "type": ["string", "null"],
        "enum": ["pending", "active", "suspended", "archived", "deleted", None],
        "description": _prose(rng, words),
    }
    base = {
        "type": "object",
        "description": _prose(rng, words),
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 120, "description": _prose(rng, words)},
            "labels": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": _prose(rng, words),
            },
            "priority": {"type": "integer", "enum": [1, 2, 3, 5, 8], "description": _prose(rng, words)},
            **_fillers(rng, fillers // 2, words),
        },
    }
    owner = {
        "type": "object",
        "description": _prose(rng, words),
        "required": ["id"],
        "properties": {
            "id": {"type": "string"},
            "email": {"type": ["string", "null"], "format": "email"},
            "address": {
                "type": "object",
                "description": _prose(rng, words),
                "properties": {
                    "line1": {"type": "string"},
                    "city": {"type": "string"},
                    "country": {"type": "string", "enum": ["DE", "FR", "GB", "US", "JP"]},
                    "geo": {
                        "type": "object",
                        "properties": {"lat": {"type": "number"}, "lng": {"type": "number"}},
                    },
                },
            },
        },
    }
    item = {
        "type": "object",
        "properties": {
            "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"},
            "quantity": {"type": "integer", "minimum": 1},
            "unit": {"type": "string", "enum": ["piece", "kilogram", "litre"]},
        },
    }
    record = {
        "type": "object",
        "description": _prose(rng, words),
        "required": ["id", "name", "status", "created_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid", "description": _prose(rng, words)},
            "name": {"type": "string", "description": _prose(rng, words)},
            "status": status,
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": ["string", "null"], "format": "date-time"},
            "owner": owner,
            "items": {"type": "array", "items": item, "description": _prose(rng, words)},
            "parent": {"oneOf": [_ref(pascal), {"type": "null"}], "description": "The parent, if any."},
            "target": _ref(f"{pascal}Target"),
            "total": {"type": "string", "format": "int64"},
            **_fillers(rng, fillers, words),
        },
    }
    events = {}
    for kind in ("created", "updated", "deleted"):
        events[f"{pascal}{_pascal(kind)}Event"] = {
            "type": "object",
            "required": ["type", "at"],
            "description": _prose(rng, words),
            "properties": {
                "type": {"type": "string", "const": kind},
                "at": {"type": "string", "format": "date-time"},
                "actor": {"type": ["string", "null"]},
                "changes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "old": {}, "new": {}},
                    },
                },
            },
        }
    return {
        pascal: record,
        f"{pascal}Base": base,
        f"{pascal}Create": {
            "allOf": [
                _ref(f"{pascal}Base"),
                {
                    "type": "object",
                    "properties": {
                        "idempotency_key": {"type": "string", "maxLength": 64},
                        "owner_id": {"type": "string"},
                    },
                },
            ]
        },
        f"{pascal}Update": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "status": {"type": ["string", "null"], "enum": ["active", "suspended", None]},
                "labels": {"type": ["object", "null"], "additionalProperties": {"type": "string"}},
            },
        },
        f"{pascal}List": {
            "type": "object",
            "required": ["data", "has_more"],
            "properties": {
                "data": {"type": "array", "items": _ref(pascal)},
                "has_more": {"type": "boolean"},
                "next_cursor": {"type": ["string", "null"]},
            },
        },
        f"{pascal}Event": {
            "oneOf": [_ref(event) for event in events],
            "discriminator": {
                "propertyName": "type",
                "mapping": {
                    kind: f"#/components/schemas/{pascal}{_pascal(kind)}Event"
                    for kind in ("created", "updated", "deleted")
                },
            },
        },
        f"{pascal}Target": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["url"],
                    "properties": {"url": {"type": "string", "format": "uri"}, "secret": {"type": "string"}},
                },
                {
                    "type": "object",
                    "required": ["queue"],
                    "properties": {"queue": {"type": "string"}, "region": {"type": "string"}},
                },
            ],
        },
        **events,
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors() -> dict[str, Any]:
    return {
        "400": {"$ref": "#/components/responses/BadRequest"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "default": _json(_ref("Error"), "Any other error."),
    }


def _resource_paths(rng: random.Random, name: str, words: int) -> dict[str, Any]:
    pascal, camel, tag = _pascal(name), _camel(name), name
    plural = f"/v1/{name.replace('_', '-')}s"
    item = f"{plural}/{{{camel}Id}}"
    id_param = {
        "name": f"{camel}Id",
        "in": "path",
        "required": True,
        "description": _prose(rng, words),
        "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,64}$"},
    }
    return {
        plural: {
            "get": {
                "operationId": f"list{pascal}s",
                "tags": [tag],
                "summary": f"List {name.replace('_', ' ')}s",
                "description": _prose(rng, words * 2),
                "parameters": [
                    {"$ref": "#/components/parameters/Limit"},
                    {"$ref": "#/components/parameters/Cursor"},
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["pending", "active", "archived"]},
                    },
                    {"name": "created[gte]", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                    {"name": "X-Request-Tag", "in": "header", "schema": {"type": "string"}},
                ],
                "responses": {"200": _json(_ref(f"{pascal}List"), "A page."), **_errors()},
            },
            "post": {
                "operationId": f"create{pascal}",
                "tags": [tag],
                "summary": f"Create a {name.replace('_', ' ')}",
                "description": _prose(rng, words * 2),
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref(f"{pascal}Create")}}},
                "responses": {"201": _json(_ref(pascal), "Created."), **_errors()},
            },
        },
        item: {
            "parameters": [id_param],
            "get": {
                "operationId": f"get{pascal}",
                "tags": [tag],
                "summary": f"Get a {name.replace('_', ' ')}",
                "responses": {"200": _json(_ref(pascal), "The record."), **_errors()},
            },
            "patch": {
                "operationId": f"update{pascal}",
                "tags": [tag],
                "summary": f"Update a {name.replace('_', ' ')}",
                "requestBody": {"content": {"application/json": {"schema": _ref(f"{pascal}Update")}}},
                "responses": {"200": _json(_ref(pascal), "The record."), **_errors()},
            },
            "delete": {
                "operationId": f"delete{pascal}",
                "tags": [tag],
                "summary": f"Delete a {name.replace('_', ' ')}",
                "responses": {"204": {"description": "Deleted."}, **_errors()},
            },
        },
        f"{item}/events": {
            "get": {
                "operationId": f"list{pascal}Events",
                "tags": [tag],
                "summary": f"List the events of a {name.replace('_', ' ')}",
                "parameters": [id_param, {"$ref": "#/components/parameters/Limit"}],
                "responses": {
                    "200": _json({"type": "array", "items": _ref(f"{pascal}Event")}, "Events, newest first."),
                    **_errors(),
                },
            }
        },
    }


def build(operations: int = 400, *, fillers: int = 48, words: int = 76, seed: int = SEED) -> dict[str, Any]:
    """An OpenAPI 3.1 document with at least ``operations`` operations (a multiple of six)."""
    rng = random.Random(seed)
    resources = _names(-(-operations // OPERATIONS_PER_RESOURCE))
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "Error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "enum": ["invalid", "not_found", "conflict", "internal"]},
                "message": {"type": "string"},
                "retry_after_ms": {"type": ["integer", "null"]},
            },
        }
    }
    for name in resources:
        paths.update(_resource_paths(rng, name, words))
        schemas.update(_resource_schemas(rng, name, fillers, words))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Large Benchmark API",
            "version": "2026-11-26",
            "description": "A generated document for benchmarks: " + _prose(rng, words),
        },
        "servers": [{"url": "https://api.large.example.com"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
                "Limit": {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                },
                "Cursor": {"name": "cursor", "in": "query", "schema": {"type": "string"}},
            },
            "responses": {
                "BadRequest": _json(_ref("Error"), "The request is not valid."),
                "NotFound": _json(_ref("Error"), "No such record."),
            },
            "schemas": schemas,
        },
    }


def dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def operation_count(document: dict[str, Any]) -> int:
    methods = {"get", "post", "put", "patch", "delete"}
    return sum(1 for item in document["paths"].values() for key in item if key in methods)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--operations", type=int, default=400)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    document = build(args.operations)
    text = dump(document)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"{args.out}: {operation_count(document)} operations, {len(text.encode()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
