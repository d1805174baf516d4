"""Sloppy-but-common documents warn where every other tool does, and degrade locally: the rest
of the document generates. Each case is a construct found in a vendor's published document."""

from __future__ import annotations

import textwrap

import pytest

from codegen import ir
from codegen.errors import SpecError
from codegen.normalize.openapi import read_openapi
from codegen.source import parse


def _read(text: str, version: str = "3.1.0") -> tuple[ir.Api, list[str]]:
    document = textwrap.dedent(text).replace("VERSION", version)
    api, warnings = read_openapi(parse(document, "openapi.yaml"), None)
    return api, [str(w) for w in warnings]


HEAD = """\
openapi: VERSION
info: {title: Sloppy, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
"""
RESPONSES = """\
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
"""


def _with(schemas: str, version: str = "3.1.0", operation: str = "") -> tuple[ir.Api, list[str]]:
    document = (
        HEAD
        + textwrap.indent(textwrap.dedent(operation), "      ")
        + RESPONSES
        + textwrap.indent(textwrap.dedent(schemas), "    ")
    )
    return _read(document, version)


def _field(api: ir.Api, schema: str, wire: str) -> ir.Field:
    found = api.schema(schema)
    assert isinstance(found, ir.ObjectSchema)
    return next(f for f in found.fields if f.wire_name == wire)


def test_an_unknown_key_on_an_operation_is_a_warning() -> None:
    # openapi-python-client's own end-to-end document has `title` on an operation.
    api, warnings = _with("Thing: {type: object}\n", operation="title: Duplicate types\n")
    assert [op.py_name for op in api.operations()] == ["list"]
    assert warnings == [
        "openapi.yaml:7: warning: paths./things.get.title: unknown key 'title' is ignored "
        "(extensions start with 'x-')"
    ]


def test_ref_siblings_are_ignored_in_30_with_a_warning() -> None:
    api, warnings = _with(
        """\
        Thing:
          type: object
          properties:
            code: {$ref: '#/components/schemas/Code', maxLength: 3, description: "the code"}
        Code: {type: string}
        """,
        version="3.0.3",
    )
    code = _field(api, "Thing", "code")
    assert code.type == ir.TypeRef("string") and code.description == "the code"
    assert code.constraints == ir.Constraints()
    assert warnings == [
        "openapi.yaml:16: warning: components.schemas.Thing.properties.code: keys beside $ref are "
        "ignored in OpenAPI 3.0: maxLength"
    ]


def test_ref_siblings_apply_in_31() -> None:
    api, warnings = _with(
        """\
        Thing:
          type: object
          properties:
            code: {$ref: '#/components/schemas/Code', maxLength: 3}
            pet: {$ref: '#/components/schemas/Pet', required: [name]}
        Code: {type: string, minLength: 1}
        Pet: {type: object, properties: {name: {type: string}}}
        """
    )
    assert warnings == []
    assert _field(api, "Thing", "code").constraints == ir.Constraints(min_length=1, max_length=3)
    pet = _field(api, "Thing", "pet").type
    assert pet.ref == "ThingPet"  # Pet with `name` required: a schema of its own
    assert _field(api, "ThingPet", "name").required


def test_required_naming_an_undefined_property_is_a_warning() -> None:
    api, warnings = _with("Thing: {type: object, required: [id, call_id], properties: {id: {type: string}}}\n")
    assert _field(api, "Thing", "id").required
    assert warnings == [
        "openapi.yaml:13: warning: components.schemas.Thing.required[1]: required property "
        "'call_id' is not defined; it is ignored"
    ]


@pytest.mark.parametrize(
    ("schema", "kind", "warning"),
    [
        # Plaid: numbers under `type: string`.
        ("{type: string, enum: [4.1, 4, null]}", ir.TypeRef("any", nullable=True),
         "enum values [4.1, 4] do not agree with type string; the value is read as any value"),
        ("{enum: [1, one, true]}", ir.TypeRef("any"),
         "enum values [1, 'one', True] do not agree with each other; the value is read as any value"),
        ("{type: number, enum: [0.5, 1]}", ir.TypeRef("number"), None),
        ("{enum: [true, false]}", ir.TypeRef("boolean"), None),
        # Discord: an empty enum (openapi-pydantic refuses it; we read the type).
        ("{type: string, enum: []}", ir.TypeRef("string"),
         "an empty enum allows no value; it is ignored"),
    ],
)
def test_enums_that_do_not_fit_are_read_as_what_they_hold(schema: str, kind: ir.TypeRef, warning: str | None) -> None:
    api, warnings = _with(f"Thing: {{type: object, properties: {{v: {schema}}}}}\n")
    assert _field(api, "Thing", "v").type == kind
    expected = [] if warning is None else [f"openapi.yaml:13: warning: components.schemas.Thing.properties.v.enum: {warning}"]
    assert warnings == expected


def test_a_ref_into_another_schema_is_followed() -> None:
    api, warnings = _with(
        """\
        Thing:
          type: object
          properties:
            base: {$ref: '#/components/schemas/Tag/allOf/0'}
            status: {$ref: '#/components/schemas/Tag/properties/status'}
        Tag:
          allOf:
            - {type: object, properties: {id: {type: integer}}}
          properties:
            status: {type: string, enum: [on, off]}
        """
    )
    assert warnings == []
    base = _field(api, "Thing", "base").type
    assert base.ref is not None and [f.wire_name for f in api.schema(base.ref).fields] == ["id"]  # type: ignore[union-attr]
    status = _field(api, "Thing", "status").type
    assert status.ref == "TagStatus"  # the name it has in place, and one schema, not two
    assert [m.value for m in api.schema("TagStatus").members] == ["on", "off"]  # type: ignore[union-attr]
    tag = api.schema("Tag_")
    assert isinstance(tag, ir.ObjectSchema) and tag.fields[1].type.ref == "TagStatus"


def test_a_ref_to_nothing_is_still_an_error_and_the_warnings_are_shown_with_it() -> None:
    with pytest.raises(SpecError) as caught:
        _with(
            """\
            Thing:
              type: object
              required: [ghost]
              properties:
                other: {$ref: '#/components/schemas/Missing'}
            """
        )
    assert [str(d) for d in caught.value.diagnostics] == [
        "openapi.yaml:15: warning: components.schemas.Thing.required[0]: required property 'ghost' "
        "is not defined; it is ignored",
        "openapi.yaml:17: error: components.schemas.Thing.properties.other.$ref: $ref target "
        "'#/components/schemas/Missing' does not exist",
    ]


def test_a_bound_that_is_no_bound_is_ignored() -> None:
    api, warnings = _with("Thing: {type: object, properties: {n: {type: number, maximum: .inf, minimum: 0}}}\n")
    assert _field(api, "Thing", "n").constraints == ir.Constraints(minimum=0)
    assert warnings == ["openapi.yaml:13: warning: components.schemas.Thing.properties.n.maximum: maximum inf is no bound; it is ignored"]


def test_an_undeclared_path_parameter_is_a_string() -> None:
    api, warnings = _read(
        """\
        openapi: 3.1.0
        info: {title: Sloppy, version: "1"}
        paths:
          /export/{job_identifier}:
            get:
              operationId: getExport
              responses: {"204": {description: done}}
        """
    )
    (operation,) = api.operations()
    assert [(p.wire_name, p.py_name, p.location, p.type) for p in operation.params] == [
        ("job_identifier", "job_identifier", "path", ir.TypeRef("string"))
    ]
    assert warnings == [
        "openapi.yaml:5: warning: paths./export/{job_identifier}.get: the path names {job_identifier} "
        "but declares no parameter 'job_identifier'; it is read as a string"
    ]


def test_a_tag_that_makes_no_name_groups_the_operation_by_path() -> None:
    api, warnings = _with("Thing: {type: object}\n", operation="tags: [1]\n")
    assert [r.py_name for r in api.resources] == ["things"]
    assert warnings == [
        "openapi.yaml:7: warning: paths./things.get.tags[0]: Input should be a valid string; this key "
        "only describes the API and is read as it stands",
        "openapi.yaml:7: warning: paths./things.get.tags[0]: the tag 1 makes no Python name; the "
        "operation is grouped by its path, as 'things' (set operations['listThings'].resource in "
        "codegen.yaml)",
    ]


def test_a_security_requirement_naming_no_scheme_is_ignored() -> None:
    # Ory's published document requires `sessionToken` on one operation and defines no such scheme.
    api, warnings = _with(
        "Thing: {type: object}\n",
        operation="security: [{sessionToken: []}, {bearer: []}]\n",
    )
    assert warnings == [
        "openapi.yaml:7: warning: paths./things.get.security[0].sessionToken: security scheme "
        "'sessionToken' is not in components.securitySchemes; this requirement is ignored",
        "openapi.yaml:7: warning: paths./things.get.security[1].bearer: security scheme 'bearer' "
        "is not in components.securitySchemes; this requirement is ignored",
    ]
    assert api.auth.kind == "none"
