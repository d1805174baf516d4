"""Unions as vendors write them: a discriminator whose tag is declared in an ``allOf`` member of
each variant (OpenAI's server events), and ``oneOf``/``anyOf`` mixing objects with free-form
maps and scalars (Box, Mistral)."""

from __future__ import annotations

import textwrap

from codegen import ir
from codegen.normalize.openapi import read_openapi
from codegen.source import parse

HEAD = """\
openapi: 3.1.0
info: {title: Unions, version: "1"}
paths:
  /events:
    get:
      operationId: listEvents
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}
components:
  schemas:
"""


def _read(schemas: str) -> tuple[ir.Api, list[str]]:
    document = HEAD + textwrap.indent(textwrap.dedent(schemas), "    ")
    api, warnings = read_openapi(parse(document, "openapi.yaml"), None)
    return api, [str(w) for w in warnings]


TAG_IN_ALL_OF = """\
Event:
  discriminator: {propertyName: type}
  anyOf:
    - title: AudioDeltaOnSocket
      allOf:
        - {$ref: '#/components/schemas/AudioDelta'}
        - {type: object, properties: {stream_id: {type: string}}}
    - allOf:
        - {$ref: '#/components/schemas/AudioDone'}
AudioDelta:
  type: object
  required: [type]
  properties:
    type: {type: string, const: response.audio.delta}
    delta: {type: string}
AudioDone:
  type: object
  properties:
    type: {type: string, enum: [response.audio.done]}
"""


def test_a_discriminator_tag_declared_in_an_all_of_of_each_variant_is_found() -> None:
    api, warnings = _read(TAG_IN_ALL_OF)
    assert warnings == []
    event = api.schema("Event")
    assert isinstance(event, ir.UnionSchema)
    assert event.discriminator == "property" and event.property == "type"
    assert [(v.tag, v.ref) for v in event.variants] == [
        ("response.audio.delta", "EventResponseAudioDelta"),
        ("response.audio.done", "AudioDone"),  # `allOf: [$ref]` alone is the schema itself
    ]
    delta = api.schema("EventResponseAudioDelta")
    assert isinstance(delta, ir.ObjectSchema)
    assert [f.wire_name for f in delta.fields] == ["type", "delta", "stream_id"]


def test_variants_that_share_a_tag_are_tried_in_order_with_a_warning() -> None:
    api, warnings = _read(
        """\
        Event:
          discriminator: {propertyName: type}
          oneOf:
            - {$ref: '#/components/schemas/InputMessage'}
            - {$ref: '#/components/schemas/OutputMessage'}
        InputMessage: {type: object, properties: {type: {const: message}, role: {type: string}}}
        OutputMessage: {type: object, properties: {type: {const: message}, id: {type: string}}}
        """
    )
    event = api.schema("Event")
    assert isinstance(event, ir.UnionSchema) and event.discriminator == "none"
    assert [v.ref for v in event.variants] == ["InputMessage", "OutputMessage"]
    assert warnings == [
        "openapi.yaml:17: warning: components.schemas.Event.oneOf[1]: two variants share the tag "
        "'message'; the union's variants are tried in order instead"
    ]


def test_a_union_of_an_object_a_free_form_object_and_a_string_is_a_union_type() -> None:
    api, warnings = _read(
        """\
        Event:
          type: object
          properties:
            output_file:
              oneOf:
                - {$ref: '#/components/schemas/File'}
                - {type: object, additionalProperties: true}
                - {type: string}
                - {type: "null"}
            value:
              anyOf: [{type: integer}, {type: string}, {type: array, items: {type: integer}}]
        File: {type: object, properties: {id: {type: string}}}
        """
    )
    assert warnings == []
    event = api.schema("Event")
    assert isinstance(event, ir.ObjectSchema)
    output, value = (f.type for f in event.fields)
    assert output == ir.TypeRef(
        "union",
        variants=(ir.TypeRef("ref", ref="File"), ir.TypeRef("map", items=ir.TypeRef("any")), ir.TypeRef("string")),
        nullable=True,
    )
    assert value == ir.TypeRef(
        "union",
        variants=(ir.TypeRef("integer"), ir.TypeRef("string"), ir.TypeRef("array", items=ir.TypeRef("integer"))),
    )


def test_a_named_mixed_union_is_a_type_alias() -> None:
    api, _ = _read(
        """\
        Event:
          type: object
          properties:
            filter: {$ref: '#/components/schemas/Filter'}
        Filter:
          oneOf:
            - {$ref: '#/components/schemas/FilterGroup'}
            - {type: string}
        FilterGroup:
          type: object
          properties:
            and: {type: array, items: {$ref: '#/components/schemas/Filter'}}
        """
    )
    alias = api.schema("Filter")
    assert isinstance(alias, ir.AliasSchema)
    assert alias.type == ir.TypeRef("union", variants=(ir.TypeRef("ref", ref="FilterGroup"), ir.TypeRef("string")))


def test_a_type_list_is_a_union_of_its_types() -> None:
    api, warnings = _read("Event: {type: object, properties: {id: {type: [string, integer, 'null']}}}\n")
    assert warnings == []
    event = api.schema("Event")
    assert isinstance(event, ir.ObjectSchema)
    assert event.fields[0].type == ir.TypeRef(
        "union", variants=(ir.TypeRef("string"), ir.TypeRef("integer")), nullable=True
    )
