"""Media types in the IR: which one an operation uses when a document offers several, how a
form or multipart body writes its fields, and the warnings and errors that name what is not
modelled. Real documents first (``tests/fixtures/media``), then small ones for each rule."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from codegen import ir
from codegen.errors import SpecError
from codegen.normalize import Loaded, load_files, load_text
from codegen.normalize.media import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def _operations(loaded: Loaded) -> dict[str, ir.Operation]:
    return {op.operation_id: op for op in loaded.api.operations()}


def _openapi(paths: str, components: str = "") -> Loaded:
    text = "openapi: 3.1.0\ninfo: {title: Shop, version: '1'}\npaths:\n" + textwrap.indent(
        textwrap.dedent(paths), "  "
    )
    if components:
        text += "components:\n" + textwrap.indent(textwrap.dedent(components), "  ")
    return load_text((("openapi.yaml", text),), name="shop")


def _messages(loaded: Loaded) -> list[str]:
    return [str(d) for d in loaded.warnings]


def _body(content: str, *, required: bool = True) -> Loaded:
    """One ``POST /things`` whose request body has ``content`` (YAML lines)."""
    lines = textwrap.indent(textwrap.dedent(content).rstrip("\n") + "\n", " " * 8)
    return _openapi(
        "/things:\n  post:\n    operationId: createThing\n    requestBody:\n"
        f"      required: {str(required).lower()}\n      content:\n{lines}"
        '    responses:\n      "204": {description: done}\n'
    )


def _response(content: str) -> Loaded:
    """One ``GET /things/{id}`` whose success response has ``content`` (YAML lines)."""
    lines = textwrap.indent(textwrap.dedent(content).rstrip("\n") + "\n", " " * 10)
    return _openapi(
        "/things/{id}:\n  get:\n    operationId: getThing\n"
        "    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n"
        '    responses:\n      "200":\n        description: the thing\n        content:\n' + lines
    )


# -- real documents ----------------------------------------------------------------------------


def test_stripe_customer_update_is_a_form_object_with_deep_object_fields() -> None:
    loaded = load_files((str(FIXTURES / "stripe-customers.json"),), name="stripe")
    update = _operations(loaded)["PostCustomersCustomer"]
    body = update.body
    assert body is not None
    assert (body.media, body.media_type, body.whole) == ("form", "application/x-www-form-urlencoded", False)
    assert body.type == ir.TypeRef("ref", ref="PostCustomersCustomerBody")
    schema = loaded.api.schema("PostCustomersCustomerBody")
    assert isinstance(schema, ir.ObjectSchema) and body.fields == schema.fields
    deep = {e.wire_name for e in body.encoding if e.style == "deepObject"}
    assert deep == {"address", "expand", "invoice_settings", "metadata", "preferred_locales", "shipping", "trial_end"}
    assert body.encoding_of("email") == ir.Encoding("email")
    assert [e.wire_name for e in body.encoding] == [f.wire_name for f in body.fields]


def test_stripe_get_with_an_empty_closed_form_body_has_no_body_and_no_model() -> None:
    loaded = load_files((str(FIXTURES / "stripe-customers.json"),), name="stripe")
    assert _operations(loaded)["GetCustomersCustomer"].body is None
    assert "GetCustomersCustomerBody" not in {s.name for s in loaded.api.schemas}


def test_openai_file_upload_is_multipart_with_a_file_and_a_json_part() -> None:
    loaded = load_files((str(FIXTURES / "openai-files-audio.json"),), name="openai")
    operations = _operations(loaded)
    body = operations["createFile"].body
    assert body is not None and body.media == "multipart"
    types = {f.wire_name: f.type for f in body.fields}
    assert types["file"] == ir.TypeRef("binary")
    assert [(e.wire_name, e.content_type) for e in body.encoding] == [
        ("file", None), ("purpose", None), ("expires_after", "application/json"),
    ]
    speech = operations["createSpeech"].response
    assert (speech.type, speech.media, speech.media_type) == (ir.TypeRef("binary"), "binary", "application/octet-stream")
    video = operations["RetrieveVideoContent"].response
    assert (video.media, video.media_type) == ("binary", "video/mp4, image/webp")
    assert [m.split(": warning: ", 1)[1] for m in _messages(loaded) if "responses.200.content:" in m] == [
        "paths./audio/speech.post.responses.200.content: the response is also offered as "
        "text/event-stream; the client reads application/octet-stream",
        "paths./videos/{video_id}/content.get.responses.200.content: the response is also offered as "
        "application/json; the client reads video/mp4, image/webp",
    ]


def test_assemblyai_upload_is_bytes_and_subtitles_are_text() -> None:
    loaded = load_files((str(FIXTURES / "assemblyai-files.json"),), name="assemblyai")
    operations = _operations(loaded)
    upload = operations["uploadFile"].body
    assert upload is not None
    assert (upload.type, upload.media, upload.media_type, upload.whole, upload.required) == (
        ir.TypeRef("binary"), "binary", "application/octet-stream", True, False,
    )
    subtitles = operations["getSubtitles"].response
    assert (subtitles.type, subtitles.media, subtitles.media_type) == (ir.TypeRef("string"), "text", "text/plain, text/html")
    assert [w for w in loaded.warnings if ".content" in str(w)] == []  # both media types are modelled


# -- which media type ----------------------------------------------------------------------------


def test_media_types_parse_with_parameters_suffixes_and_wildcards() -> None:
    parsed = parse('Application/Vnd.API+JSON; charset="UTF-8"; ext=bulk')
    assert parsed is not None
    assert (parsed.essence, parsed.param("charset"), parsed.param("ext")) == ("application/vnd.api+json", "UTF-8", "bulk")
    assert parse("image/*") is not None and parse("image/*").wildcard  # type: ignore[union-attr]
    assert parse("not a media type") is None
    assert parse("text/plain; charset") is None


def test_json_is_preferred_and_the_other_types_are_named() -> None:
    loaded = _body(
        """\
        application/xml: {schema: {type: object, properties: {name: {type: string}}}}
        application/x-www-form-urlencoded: {schema: {type: object, properties: {name: {type: string}}}}
        application/json; charset=utf-8: {schema: {type: object, properties: {name: {type: string}}}}
        """
    )
    body = _operations(loaded)["createThing"].body
    assert body is not None and (body.media, body.media_type) == ("json", "application/json")  # UTF-8 anyway
    assert [m.split(": warning: ", 1)[1] for m in _messages(loaded)] == [
        "paths./things.post.requestBody.content: the request body is also offered as application/xml, "
        "application/x-www-form-urlencoded; the client sends application/json; charset=utf-8"
    ]


def test_form_is_preferred_to_multipart_and_bytes() -> None:
    loaded = _body(
        """\
        application/octet-stream: {}
        multipart/form-data: {schema: {type: object, properties: {name: {type: string}}}}
        application/x-www-form-urlencoded: {schema: {type: object, properties: {name: {type: string}}}}
        """
    )
    body = _operations(loaded)["createThing"].body
    assert body is not None and body.media == "form"
    assert [f.wire_name for f in body.fields] == ["name"]


def test_a_vendor_json_type_is_sent_as_declared() -> None:
    loaded = _body("application/merge-patch+json: {schema: {type: object, properties: {name: {type: string}}}}")
    body = _operations(loaded)["createThing"].body
    assert body is not None and (body.media, body.media_type) == ("json", "application/merge-patch+json")
    assert loaded.warnings == ()


@pytest.mark.parametrize(
    ("content", "media", "sent", "warning"),
    [
        ("'*/*': {schema: {type: string, format: binary}}", "binary", "application/octet-stream",
         "paths./things.post.requestBody.content.*/*: '*/*' is a wildcard; the request body is sent as "
         "application/octet-stream"),
        ("'image/*': {}", "binary", "application/octet-stream",
         "paths./things.post.requestBody.content.image/*: 'image/*' is a wildcard; the request body is sent as "
         "application/octet-stream"),
        ("'*/*': {schema: {type: object, properties: {name: {type: string}}}}", "json", "application/json",
         "paths./things.post.requestBody.content.*/*: '*/*' is a wildcard; the request body is sent as "
         "application/json"),
        ("multipart/mixed: {}", "binary", "multipart/mixed",
         "paths./things.post.requestBody.content.multipart/mixed: multipart/mixed is not modelled; the request "
         "body is sent as raw bytes"),
        ("application/xml: {schema: {type: object}}", "text", "application/xml; charset=utf-8",
         "paths./things.post.requestBody.content.application/xml: application/xml is not modelled; the request "
         "body is a str sent as application/xml"),
    ],
)
def test_wildcards_and_types_not_modelled_degrade_with_a_warning(
    content: str, media: str, sent: str, warning: str
) -> None:
    loaded = _body(content)
    body = _operations(loaded)["createThing"].body
    assert body is not None and (body.media, body.media_type) == (media, sent)
    assert [m.split(": warning: ", 1)[1] for m in _messages(loaded)] == [warning]


def test_a_response_offering_json_and_a_file_is_json_when_the_json_is_structured() -> None:
    loaded = _response(
        """\
        application/pdf: {schema: {type: string, format: binary}}
        application/json: {schema: {type: object, properties: {id: {type: string}}}}
        """
    )
    response = _operations(loaded)["getThing"].response
    assert (response.media, response.media_type) == ("json", "application/json")
    assert [m.split(": warning: ", 1)[1] for m in _messages(loaded)] == [
        "paths./things/{id}.get.responses.200.content: the response is also offered as application/pdf; "
        "the client reads application/json"
    ]


def test_a_wildcard_response_with_a_structured_schema_is_json() -> None:
    loaded = _response("'*/*': {schema: {type: object, properties: {id: {type: string}}}}")
    response = _operations(loaded)["getThing"].response
    assert (response.media, response.media_type) == ("json", "application/json")
    assert response.type == ir.TypeRef("ref", ref="GetThingResponse")
    assert [m.split(": warning: ", 1)[1] for m in _messages(loaded)] == [
        "paths./things/{id}.get.responses.200.content.*/*: '*/*' is a wildcard; the response is read as JSON, "
        "as its schema describes one"
    ]


def test_error_bodies_are_modelled_from_their_json_only() -> None:
    loaded = _openapi(
        """\
        /things:
          get:
            operationId: listThings
            responses:
              "200": {description: ok, content: {text/csv: {schema: {type: string}}}}
              "404": {description: gone, content: {text/html: {schema: {type: string}}}}
              "500":
                description: broken
                content:
                  text/plain: {schema: {type: string}}
                  application/problem+json: {schema: {type: object, properties: {title: {type: string}}}}
        """
    )
    operation = _operations(loaded)["listThings"]
    assert operation.response.media == "text"
    assert [(e.status, e.type) for e in operation.errors] == [(500, ir.TypeRef("ref", ref="ListThingsError500"))]
    assert loaded.warnings == ()


# -- encoding -------------------------------------------------------------------------------------


def test_encoding_styles_explode_and_part_content_types() -> None:
    loaded = _body(
        """\
        multipart/form-data:
          schema:
            type: object
            properties:
              photo: {type: string, format: binary}
              scans: {type: array, items: {type: string, format: binary}}
              meta: {type: object, properties: {a: {type: string}}}
              tags: {type: array, items: {type: string}}
              note: {type: string}
          encoding:
            photo: {contentType: 'image/png, image/jpeg'}
            scans: {contentType: 'image/*'}
            tags: {style: form, explode: false}
            note: {contentType: text/markdown}
        """
    )
    body = _operations(loaded)["createThing"].body
    assert body is not None
    assert body.encoding == (
        ir.Encoding("photo", content_type="image/png"),
        ir.Encoding("scans"),
        ir.Encoding("meta", content_type="application/json"),
        ir.Encoding("tags", explode=False, styled=True),
        ir.Encoding("note", content_type="text/markdown"),
    )
    assert loaded.warnings == ()


def test_encoding_mistakes_are_warnings_naming_the_place() -> None:
    loaded = _body(
        """\
        application/x-www-form-urlencoded:
          schema: {type: object, properties: {ids: {type: array, items: {type: string}}}}
          encoding:
            ids: {style: matrix, headers: {X-Rate: {schema: {type: string}}}}
            missing: {style: form}
        """
    )
    body = _operations(loaded)["createThing"].body
    assert body is not None and body.encoding == (ir.Encoding("ids"),)
    assert [m.split(": warning: ", 1)[1] for m in _messages(loaded)] == [
        "paths./things.post.requestBody.content.application/x-www-form-urlencoded.encoding.ids.style: style "
        "'matrix' is not one of form, spaceDelimited, pipeDelimited, deepObject; the field is sent form-style",
        "paths./things.post.requestBody.content.application/x-www-form-urlencoded.encoding.ids.headers: headers "
        "of a part are not modelled",
        "paths./things.post.requestBody.content.application/x-www-form-urlencoded.encoding.missing: encoding "
        "names 'missing', which is not a field of the body",
    ]


def test_a_form_body_that_is_not_an_object_is_one_mapping() -> None:
    loaded = _body("application/x-www-form-urlencoded: {schema: {type: array, items: {type: string}}}")
    body = _operations(loaded)["createThing"].body
    assert body is not None and (body.type, body.whole) == (ir.TypeRef("map", items=ir.TypeRef("any")), True)
    assert [m.split(": warning: ", 1)[1] for m in _messages(loaded)] == [
        "paths./things.post.requestBody.content.application/x-www-form-urlencoded.schema: a form body must be "
        "an object; it is sent from a mapping"
    ]


def test_form_fields_that_collide_with_parameters_make_one_body_argument() -> None:
    loaded = _openapi(
        """\
        /things/{id}:
          put:
            operationId: putThing
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            requestBody:
              content:
                application/x-www-form-urlencoded:
                  schema: {type: object, properties: {id: {type: string}, name: {type: string}}}
            responses: {"204": {description: done}}
        """
    )
    body = _operations(loaded)["putThing"].body
    assert body is not None and (body.fields, body.whole, body.media) == ((), True, "form")


# -- the vendor format ---------------------------------------------------------------------------


def test_our_spec_format_declares_the_same_media_and_encodings() -> None:
    loaded = load_files((str(FIXTURES / "vendor-spec.yaml"),))
    operations = _operations(loaded)
    intent = operations["create_payment_intent"].body
    assert intent is not None and intent.media == "form"
    assert intent.encoding_of("statement_tags") == ir.Encoding("statement_tags", explode=False)
    assert intent.encoding_of("metadata").style == "deepObject"
    upload = operations["upload_file"].body
    assert upload is not None and upload.encoding_of("file").content_type == "image/png"
    assert upload.encoding_of("file_link_data").styled
    download = operations["download_file"].response
    assert (download.type, download.media, download.media_type) == (ir.TypeRef("binary"), "binary", "application/pdf")
    text = operations["import_prices"]
    assert text.body is not None and (text.body.media, text.body.media_type) == ("text", "text/csv; charset=utf-8")
    assert (text.response.media, text.response.media_type) == ("text", "text/plain; charset=utf-8")
    assert loaded.warnings == ()


VENDOR_HEAD = """\
format: codegen-vendor/1
vendor: {id: demo, title: Demo, version: "1", package: demo_client, client: Demo}
base_url: https://api.example.com
auth: {type: bearer}
operations:
  send:
    resource: things
    name: send
    method: POST
    path: /things
"""


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        ("    body: {content_type: '*/*'}\n    response: {}\n",
         "spec.yaml:11: error: operations.send.body.content_type: '*/*' is a wildcard (name the media type "
         "the server sends or expects)"),
        ("    body: {content_type: application/octet-stream, schema: {type: string}}\n    response: {}\n",
         "spec.yaml:11: error: operations.send.body.schema: a application/octet-stream body has no schema ("
         "the call takes the body as one argument)"),
        ("    body: {content_type: multipart/mixed, schema: {type: object}}\n    response: {}\n",
         "spec.yaml:11: error: operations.send.body.content_type: 'multipart/mixed' is not supported here ("
         "use JSON, a form, multipart, bytes or text)"),
        ("    response: {content_type: text/plain, envelope: data}\n",
         "spec.yaml:11: error: operations.send.response.envelope: a text/plain response has no envelope ("
         "the call returns the body as it came)"),
        ("    body:\n      content_type: application/x-www-form-urlencoded\n"
         "      schema: {type: object, properties: {a: {type: string}}}\n      encoding: {b: {style: deepObject}}\n"
         "    response: {}\n",
         "spec.yaml:14: error: operations.send.body.encoding.b: encoding names 'b', which is not a field of the body"),
        ("    body:\n      content_type: application/x-www-form-urlencoded\n"
         "      schema: {type: object, properties: {a: {type: string}}}\n      encoding: {a: {stlye: deepObject}}\n"
         "    response: {}\n",
         "spec.yaml:14: error: operations.send.body.encoding.a.stlye: unknown key 'stlye' (did you mean "
         "'style'?)"),
    ],
)
def test_our_spec_format_rejects_what_it_cannot_send(operation: str, error: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_text((("spec.yaml", VENDOR_HEAD + operation),))
    assert [str(d) for d in caught.value.diagnostics] == [error]
