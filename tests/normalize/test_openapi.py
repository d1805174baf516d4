"""The OpenAPI normalizer: the Basedash document and its config, and small documents for the
rules (3.0, $ref, content types, naming without config, config validation)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from codegen import ir
from codegen.errors import Diagnostic, SpecError
from codegen.normalize.openapi import read_openapi
from codegen.source import SourceDoc, load, parse

BASEDASH = Path(__file__).resolve().parents[2] / "specs" / "basedash"
RUNS_PATH = "/api/public/organizations/{orgId}/automations/{id}/runs"


def _doc(text: str, file: str = "openapi.yaml") -> SourceDoc:
    return parse(textwrap.dedent(text), file)


def _read(
    text: str, config: str | None = None, name: str | None = None
) -> tuple[ir.Api, list[Diagnostic]]:
    cfg = _doc(config, "codegen.yaml") if config is not None else None
    return read_openapi(_doc(text), cfg, name=name)


def _errors(text: str, config: str | None = None) -> list[str]:
    with pytest.raises(SpecError) as info:
        _read(text, config)
    return [str(d) for d in info.value.diagnostics]


MINIMAL = """\
openapi: 3.1.0
info: {title: Tiny, version: "1"}
paths:
  /things/{thing_id}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
"""


# --------------------------------------------------------------------------------------------
# Basedash
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def basedash() -> tuple[ir.Api, list[Diagnostic]]:
    return read_openapi(
        load(str(BASEDASH / "openapi.yaml")), load(str(BASEDASH / "codegen.yaml"))
    )


@pytest.fixture(scope="module")
def api(basedash: tuple[ir.Api, list[Diagnostic]]) -> ir.Api:
    return basedash[0]


def _runs_list(api: ir.Api) -> ir.Operation:
    (resource,) = api.resources
    (operation,) = resource.operations
    return operation


def test_basedash_reads_without_warnings(basedash: tuple[ir.Api, list[Diagnostic]]) -> None:
    assert basedash[1] == []


def test_basedash_vendor_auth_and_base_url(api: ir.Api) -> None:
    assert (api.vendor_id, api.package, api.class_prefix) == ("basedash", "basedash_client", "Basedash")
    assert api.client_name == "BasedashClient"
    assert api.title == "Basedash Public API"
    assert api.version == "0.0.0"
    assert api.base_url == "https://charts.basedash.com"
    assert api.auth.kind == "bearer"
    assert (api.auth.header, api.auth.prefix) == ("Authorization", "Bearer ")
    assert api.auth.env_var == "BASEDASH_API_KEY"
    assert api.retry_delay == ir.BodyRetryDelay(("error", "retryAfterMs"), "ms")
    assert api.request_id_header is None


def test_basedash_one_resource_one_operation(api: ir.Api) -> None:
    (resource,) = api.resources
    assert (resource.py_name, resource.class_name) == ("runs", "Runs")
    operation = _runs_list(api)
    assert operation.py_name == "list"
    assert operation.method == "GET"
    assert operation.path == RUNS_PATH
    assert operation.operation_id == "list_automation_runs"
    assert operation.summary == "List automation runs"
    assert operation.idempotent is True
    assert operation.body is None


def test_basedash_parameters(api: ir.Api) -> None:
    params = {p.wire_name: p for p in _runs_list(api).params}
    assert list(params) == ["orgId", "id", "limit", "cursor"]
    org_id = params["orgId"]
    assert (org_id.py_name, org_id.location, org_id.required) == ("org_id", "path", True)
    assert org_id.type == ir.TypeRef("string")
    assert org_id.description == "Organization ID"
    assert (params["id"].py_name, params["id"].location, params["id"].required) == ("id", "path", True)
    limit = params["limit"]
    assert (limit.location, limit.required, limit.type) == ("query", False, ir.TypeRef("integer"))
    assert limit.constraints == ir.Constraints(minimum=1, maximum=100)
    assert limit.default == ir.Default(50)
    cursor = params["cursor"]
    assert (cursor.location, cursor.required, cursor.type) == ("query", False, ir.TypeRef("string"))
    assert all(p.style == "form" for p in params.values())


def test_basedash_pagination(api: ir.Api) -> None:
    assert _runs_list(api).pagination == ir.CursorPagination(
        param="cursor",
        next_cursor=("pagination", "nextCursor"),
        has_more=("pagination", "hasMore"),
        items=("data",),
        item_type=ir.TypeRef("ref", ref="PublicAutomationRun"),
    )


def test_basedash_response_and_errors(api: ir.Api) -> None:
    operation = _runs_list(api)
    assert operation.response.status == 200
    assert operation.response.type == ir.TypeRef("ref", ref="PublicAutomationRunListResponse")
    assert operation.response.envelope == ()
    errors = {e.status: e.type for e in operation.errors}
    assert errors == {
        401: ir.TypeRef("ref", ref="ErrorResponse"),
        404: ir.TypeRef("ref", ref="ErrorResponse"),
        429: ir.TypeRef("ref", ref="RateLimitErrorResponse"),
        500: ir.TypeRef("ref", ref="ErrorResponse"),
    }


def test_basedash_run_schema(api: ir.Api) -> None:
    run = api.schema("PublicAutomationRun")
    assert isinstance(run, ir.ObjectSchema)
    fields = {f.py_name: f for f in run.fields}
    assert {name: f.wire_name for name, f in fields.items()} == {
        "id": "id",
        "automation_id": "automationId",
        "organization_id": "organizationId",
        "name": "name",
        "status": "status",
        "is_manual_run": "isManualRun",
        "member_id": "memberId",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    }
    assert all(f.required for f in run.fields)
    assert fields["status"].type == ir.TypeRef("ref", ref="PublicAutomationRunStatus", nullable=True)
    assert fields["member_id"].type == ir.TypeRef("string", nullable=True)
    assert fields["created_at"].type == ir.TypeRef("datetime")
    assert fields["is_manual_run"].type == ir.TypeRef("boolean")
    status = api.schema("PublicAutomationRunStatus")
    assert isinstance(status, ir.EnumSchema)
    assert [m.value for m in status.members] == ["GENERATING", "FINISHED"]


def test_basedash_rate_limit_error_merges_api_error(api: ir.Api) -> None:
    # Named RateLimitErrorBody: RateLimitError is the name of the exception.
    error = api.schema("RateLimitErrorBody")
    assert isinstance(error, ir.ObjectSchema)
    fields = {f.wire_name: f for f in error.fields}
    assert set(fields) == {"title", "detail", "retryAfterMs"}
    assert all(f.required for f in fields.values())
    assert fields["retryAfterMs"].type == ir.TypeRef("number")
    assert fields["retryAfterMs"].py_name == "retry_after_ms"
    envelope = api.schema("RateLimitErrorResponse")
    assert isinstance(envelope, ir.ObjectSchema)
    assert envelope.fields[0].type == ir.TypeRef("ref", ref="RateLimitErrorBody")


def test_basedash_schema_names(api: ir.Api) -> None:
    assert {s.name for s in api.schemas} >= {
        "ApiError",
        "ErrorResponse",
        "PaginationMeta",
        "PublicAutomationRun",
        "PublicAutomationRunListResponse",
        "PublicAutomationRunStatus",
        "RateLimitErrorBody",
        "RateLimitErrorResponse",
    }
    assert [s.name for s in api.schemas] == sorted(s.name for s in api.schemas)


# --------------------------------------------------------------------------------------------
# OpenAPI 3.0, $ref, content types
# --------------------------------------------------------------------------------------------

OPENAPI_30 = """\
openapi: 3.0.3
info: {title: Pets, version: "2"}
servers: [{url: "https://{region}.pets.example/v2/", variables: {region: {default: eu}}}]
security: [{key: []}]
paths:
  /pets/{pet_id}/visits:
    parameters:
      - {$ref: '#/components/parameters/PetId'}
      - {name: sort, in: query, schema: {type: string}}
    get:
      operationId: listVisits
      tags: [Pet Visits]
      parameters:
        - name: sort
          in: query
          description: Overrides the path-level parameter.
          schema: {type: string, enum: [asc, desc]}
        - name: filter
          in: query
          style: deepObject
          explode: true
          schema:
            type: object
            properties:
              vet: {type: string}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  note: {type: string, nullable: true}
                  vet: {$ref: '#/components/schemas/Vet'}
        "default":
          description: anything else
          content:
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
components:
  parameters:
    PetId:
      name: pet_id
      in: path
      required: true
      schema: {type: integer, minimum: 1, exclusiveMinimum: false}
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Pets-Key}
  schemas:
    Vet:
      type: object
      nullable: true
      properties:
        name: {type: string}
    Problem:
      type: object
      properties:
        title: {type: string}
"""


def test_openapi_30_document() -> None:
    api, warnings = _read(OPENAPI_30)
    assert warnings == []
    assert api.base_url == "https://eu.pets.example/v2"
    assert api.auth == ir.Auth("api_key", header="X-Pets-Key", prefix="", env_var="PETS_API_KEY")
    (resource,) = api.resources
    assert resource.py_name == "pet_visits"
    (operation,) = resource.operations
    assert operation.py_name == "list_visits"
    params = {p.wire_name: p for p in operation.params}
    assert list(params) == ["pet_id", "sort", "filter"]
    pet_id = params["pet_id"]
    assert (pet_id.location, pet_id.required, pet_id.type) == ("path", True, ir.TypeRef("integer"))
    assert pet_id.constraints == ir.Constraints(minimum=1)
    assert params["sort"].type == ir.TypeRef("ref", ref="ListVisitsSort")
    assert params["sort"].description == "Overrides the path-level parameter."
    assert params["filter"].style == "deepObject"
    assert params["filter"].type == ir.TypeRef("ref", ref="ListVisitsFilter")
    body = api.schema("ListVisitsResponse")
    assert isinstance(body, ir.ObjectSchema)
    types = {f.wire_name: f.type for f in body.fields}
    assert types == {
        "note": ir.TypeRef("string", nullable=True),
        "vet": ir.TypeRef("ref", ref="Vet", nullable=True),
    }
    assert operation.errors == (
        ir.ErrorResponse(None, ir.TypeRef("ref", ref="Problem"), "anything else"),
    )


def test_missing_ref_target_names_file_line_and_path() -> None:
    text = MINIMAL.replace(
        "- {name: thing_id, in: path, required: true, schema: {type: string}}",
        "- {$ref: '#/components/parameters/Nope'}",
    )
    errors = _errors(text)
    line = text.splitlines().index("        - {$ref: '#/components/parameters/Nope'}") + 1
    assert any(
        e.startswith(f"openapi.yaml:{line}: error: paths./things/{{thing_id}}.get.parameters[0].$ref:")
        and "'#/components/parameters/Nope' does not exist" in e
        for e in errors
    ), errors


def test_non_local_ref_is_an_error() -> None:
    text = MINIMAL.replace(
        "- {name: thing_id, in: path, required: true, schema: {type: string}}",
        "- {$ref: 'common.yaml#/components/parameters/ThingId'}",
    )
    assert any("is not a local reference into components.parameters" in e for e in _errors(text))


def test_missing_schema_ref_is_an_error() -> None:
    text = MINIMAL.replace(
        "schema: {type: object, properties: {id: {type: string}}}",
        "schema: {$ref: '#/components/schemas/Thing'}",
    )
    assert any("$ref target '#/components/schemas/Thing' does not exist" in e for e in _errors(text))


def test_xml_is_text_and_a_free_form_multipart_body_is_one_mapping() -> None:
    text = MINIMAL.replace("application/json:", "application/xml:") + textwrap.indent(
        textwrap.dedent(
            """\
            post:
              operationId: uploadThing
              parameters:
                - {name: thing_id, in: path, required: true, schema: {type: string}}
                - {name: session, in: cookie, schema: {type: string}}
              requestBody:
                content:
                  multipart/form-data:
                    schema: {type: object}
              responses:
                "204": {description: stored}
              callbacks:
                done: {}
            """
        ),
        "    ",
    )
    api, warnings = _read(text)
    operations = {op.py_name: op for op in api.operations()}
    thing = operations["get"].response
    assert (thing.type, thing.media, thing.media_type) == (ir.TypeRef("string"), "text", "application/xml")
    upload = operations["upload"]
    assert upload.body is not None
    assert upload.body.type == ir.TypeRef("map", items=ir.TypeRef("any"))
    assert (upload.body.media, upload.body.whole) == ("multipart", True)
    assert upload.response == ir.Response(204, None, (), "stored")
    assert upload.idempotent is False
    assert [p.wire_name for p in upload.params] == ["thing_id"]
    messages = [str(w) for w in warnings]
    assert all(w.level == "warning" for w in warnings)
    assert any("application/xml is not modelled; the response is read as text" in m for m in messages)
    assert any("cookie parameter 'session' is not modelled" in m for m in messages)
    assert any("callbacks are not modelled" in m for m in messages)


def test_unsupported_parameter_style_is_a_warning() -> None:
    text = MINIMAL.replace(
        "- {name: thing_id, in: path, required: true, schema: {type: string}}",
        "- {name: thing_id, in: path, required: true, schema: {type: string}}\n"
        "        - {name: tags, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}",
    )
    api, warnings = _read(text)
    (operation,) = api.operations()
    assert operation.params[1].style == "form"
    assert any("style 'pipeDelimited' is not supported" in str(w) for w in warnings)


def test_schema_validation_errors_have_lines() -> None:
    text = MINIMAL.replace("in: path, required: true", "in: body, required: true")
    errors = _errors(text)
    assert len(errors) == 1
    assert errors[0].startswith("openapi.yaml:9: error: paths./things/{thing_id}.get.parameters[0].in:")


def test_unsupported_version() -> None:
    assert any("unsupported OpenAPI version '2.9'" in e for e in _errors(MINIMAL.replace("3.1.0", "2.9")))


# --------------------------------------------------------------------------------------------
# Naming without a config
# --------------------------------------------------------------------------------------------


def test_names_without_config_come_from_operation_id_and_tags() -> None:
    api, _ = _read(MINIMAL)
    assert (api.vendor_id, api.package, api.class_prefix) == ("tiny", "tiny_client", "Tiny")
    assert api.auth == ir.Auth("none")
    assert api.base_url is None
    (resource,) = api.resources
    (operation,) = resource.operations
    # The method is the operationId without the resource's name: client.things.get
    assert (resource.py_name, operation.py_name, operation.operation_id) == ("things", "get", "getThing")
    assert operation.response.type == ir.TypeRef("ref", ref="GetThingResponse")


def test_name_argument_wins_over_title() -> None:
    api, _ = _read(MINIMAL, name="tiny-api")
    assert (api.vendor_id, api.package, api.class_prefix) == ("tiny_api", "tiny_api_client", "TinyApi")
    assert api.auth.kind == "none"


def test_names_without_operation_id_or_tags_come_from_the_method_and_path() -> None:
    text = MINIMAL.replace("      operationId: getThing\n      tags: [Things]\n", "")
    api, _ = _read(text)
    (resource,) = api.resources
    assert resource.py_name == "things"  # grouped by path, not under "default"
    assert resource.operations[0].py_name == "get"
    summary = MINIMAL.replace("operationId: getThing", "summary: Fetch one thing")
    api, _ = _read(summary.replace("      tags: [Things]\n", ""))
    assert api.operations()[0].py_name == "get"


def test_derived_method_names_that_collide_are_told_apart_with_a_warning() -> None:
    text = MINIMAL + textwrap.indent(
        textwrap.dedent(
            """\
            delete:
              operationId: get_thing
              tags: [things]
              parameters:
                - {name: thing_id, in: path, required: true, schema: {type: string}}
              responses:
                "204": {description: gone}
            """
        ),
        "    ",
    )
    api, warnings = _read(text)
    assert sorted(op.py_name for op in api.operations()) == ["get", "get_thing"]
    assert [str(w) for w in warnings] == [
        "openapi.yaml:16: warning: paths./things/{thing_id}.delete: paths./things/{thing_id}.get and "
        "this operation both become things.get; this one is named things.get_thing (set "
        "operations['get_thing'].name in codegen.yaml)"
    ]


def test_method_names_set_in_the_config_that_collide_are_an_error() -> None:
    text = MINIMAL + textwrap.indent(
        textwrap.dedent(
            """\
            delete:
              operationId: deleteThing
              tags: [things]
              parameters:
                - {name: thing_id, in: path, required: true, schema: {type: string}}
              responses:
                "204": {description: gone}
            """
        ),
        "    ",
    )
    config = "format: codegen-openapi-config/1\noperations:\n  getThing: {name: fetch}\n  deleteThing: {name: fetch}\n"
    assert any("things.fetch is defined twice" in e for e in _errors(text, config))


# --------------------------------------------------------------------------------------------
# The config
# --------------------------------------------------------------------------------------------

CONFIG = """\
format: codegen-openapi-config/1
vendor: {id: tiny, package: tiny_client, client: Tiny}
operations:
  getThing: {resource: items, name: fetch}
"""


def test_config_names_operations_by_id_or_method_and_path() -> None:
    api, _ = _read(MINIMAL, CONFIG)
    assert (api.resources[0].py_name, api.operations()[0].py_name) == ("items", "fetch")
    by_path = CONFIG.replace("getThing:", "GET /things/{thing_id}:")
    api, _ = _read(MINIMAL, by_path)
    assert (api.resources[0].py_name, api.operations()[0].py_name) == ("items", "fetch")


def test_config_key_matching_no_operation_is_an_error() -> None:
    config = CONFIG + "  POST /things: {name: create}\n"
    errors = _errors(MINIMAL, config)
    assert errors == [
        "codegen.yaml:5: error: operations.POST /things: 'POST /things' matches no operation "
        "of the document (use an operationId or 'METHOD /path')"
    ]


def test_unknown_config_key_is_an_error() -> None:
    config = CONFIG.replace("{resource: items, name: fetch}", "{resource: items, nmae: fetch}")
    errors = _errors(MINIMAL, config)
    assert len(errors) == 1
    assert errors[0].startswith("codegen.yaml:4: error: operations.getThing.nmae: unknown key 'nmae'")
    top = _errors(MINIMAL, CONFIG + "base_url: https://example.com\n")
    assert top[0].startswith("codegen.yaml:5: error: base_url: unknown key 'base_url'")


def test_config_format_is_checked() -> None:
    errors = _errors(MINIMAL, CONFIG.replace("codegen-openapi-config/1", "codegen-openapi-config/2"))
    assert errors[0].startswith("codegen.yaml:1: error: format: expected 'codegen-openapi-config/1'")


def test_config_envelope_and_bad_pagination() -> None:
    config = CONFIG.replace(
        "{resource: items, name: fetch}",
        "{resource: items, name: fetch, envelope: id, idempotent: false}",
    )
    api, _ = _read(MINIMAL, config)
    (operation,) = api.operations()
    assert operation.response.envelope == ("id",)
    assert operation.response.type == ir.TypeRef("string")
    assert operation.idempotent is False
    paged = CONFIG.replace(
        "{resource: items, name: fetch}",
        "{pagination: {style: cursor, param: cursor, next_cursor: next}}",
    )
    errors = _errors(MINIMAL, paged)
    assert any("operations.getThing.pagination.param: 'cursor' is not a query parameter" in e for e in errors)
    assert any("the response has no field 'next'" in e for e in errors)


def test_config_retry_after_must_exist_in_an_error_body() -> None:
    config = CONFIG + "errors: {retry_after: {field: error.retryAfterMs, unit: ms}}\n"
    assert any(
        "errors.retry_after.field: no error response has a numeric field 'error.retryAfterMs'" in e
        for e in _errors(MINIMAL, config)
    )
