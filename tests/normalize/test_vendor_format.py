"""The vendor spec format (codegen-vendor/1): every kind of mistake is reported with its file,
line and path, and a valid spec becomes the expected IR."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from codegen import ir
from codegen.errors import SpecError
from codegen.normalize import Loaded, load_files, load_vendor

# Four lines every small spec starts with; the text a test adds begins on line 5.
HEAD = """\
format: codegen-vendor/1
vendor: {id: demo, title: Demo, version: "1", package: demo_client, client: Demo}
base_url: https://api.example.com
auth: {type: bearer}
"""

# One plain operation, for specs whose mistake is elsewhere (lines 5-11).
GET_RUN = """\
operations:
  get_run:
    resource: runs
    name: get
    method: GET
    path: /runs
    response: {schema: {type: object, properties: {id: {type: string}}}}
"""


def write(tmp_path: Path, text: str) -> str:
    file = tmp_path / "spec.yaml"
    file.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(file)


def load(tmp_path: Path, text: str) -> Loaded:
    return load_files((write(tmp_path, text),))


def errors(tmp_path: Path, text: str) -> list[str]:
    file = write(tmp_path, text)
    with pytest.raises(SpecError) as caught:
        load_files((file,))
    return [str(d).replace(file, "spec.yaml") for d in caught.value.diagnostics]


# -- mistakes ---------------------------------------------------------------------------------


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = HEAD + GET_RUN + "schemas:\n  Run: {type: object\n  Other: {}\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:14: error: (document): YAML syntax error: did not find expected ',' or '}'"
    ]


def test_wrong_format(tmp_path: Path) -> None:
    text = HEAD.replace("codegen-vendor/1", "codegen-vendor/2") + GET_RUN
    assert errors(tmp_path, text) == [
        "spec.yaml:1: error: format: unknown format 'codegen-vendor/2' "
        "(this reader reads 'codegen-vendor/1')"
    ]


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = HEAD + GET_RUN.replace("operations:", "operation:")
    assert errors(tmp_path, text) == [
        "spec.yaml:1: error: (document): missing required key 'operations'",
        "spec.yaml:5: error: operation: unknown key 'operation' (did you mean 'operations'?)",
    ]


def test_unknown_key_in_operation(tmp_path: Path) -> None:
    text = HEAD + GET_RUN + "    sumary: Get a run\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:12: error: operations.get_run.sumary: unknown key 'sumary' "
        "(did you mean 'summary'?)"
    ]


def test_unknown_schema_keyword(tmp_path: Path) -> None:
    text = HEAD + GET_RUN + "schemas:\n  Name: {type: string, maxLenght: 3}\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:13: error: schemas.Name.maxLenght: unknown schema keyword 'maxLenght'"
    ]


def test_wrong_types(tmp_path: Path) -> None:
    text = (
        HEAD.replace("auth: {type: bearer}", "auth: bearer")
        + GET_RUN.replace("response: {", "response: {status: ok, ")
        + "    idempotent: yes please\n"
    )
    assert errors(tmp_path, text) == [
        "spec.yaml:4: error: auth: expected a mapping, got 'bearer'",
        "spec.yaml:11: error: operations.get_run.response.status: expected an integer, got 'ok'",
        "spec.yaml:12: error: operations.get_run.idempotent: expected true or false, "
        "got 'yes please'",
    ]


def test_missing_required_keys(tmp_path: Path) -> None:
    text = HEAD.replace(" package: demo_client,", "") + GET_RUN.replace("    path: /runs\n", "")
    assert errors(tmp_path, text) == [
        "spec.yaml:2: error: vendor: missing required key 'package'",
        "spec.yaml:6: error: operations.get_run: missing required key 'path'",
    ]


def test_bad_ref_target(tmp_path: Path) -> None:
    text = HEAD + GET_RUN.replace(
        "{schema: {type: object, properties: {id: {type: string}}}}",
        "{schema: {$ref: '#/schemas/Rnu'}}",
    ) + "schemas:\n  Run: {type: object}\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:11: error: operations.get_run.response.schema.$ref: "
        "$ref target '#/schemas/Rnu' does not exist"
    ]


PATH_PARAMS = """\
operations:
  get_run:
    resource: runs
    name: get
    method: GET
    path: /automations/{automation_id}/runs/{run_id}
    params:
      automation_id: {in: path, schema: {type: string}}
      id: {in: path, schema: {type: string}}
    response: {}
"""


def test_path_parameter_not_declared_and_declared_but_unused(tmp_path: Path) -> None:
    assert errors(tmp_path, HEAD + PATH_PARAMS) == [
        "spec.yaml:10: error: operations.get_run.path: the path names {run_id} but no path "
        "parameter 'run_id' is declared",
        "spec.yaml:10: error: operations.get_run.path: path parameter 'id' does not appear in "
        "the path '/automations/{automation_id}/runs/{run_id}'",
    ]


def test_path_parameter_cannot_be_optional(tmp_path: Path) -> None:
    text = HEAD + PATH_PARAMS.replace("  id: {in: path,", "  run_id: {in: path, required: false,")
    assert errors(tmp_path, text) == [
        "spec.yaml:13: error: operations.get_run.params.run_id.required: a path parameter is "
        "always required (remove 'required: false')"
    ]


def test_duplicate_operation(tmp_path: Path) -> None:
    text = HEAD + GET_RUN + GET_RUN.replace("operations:\n", "").replace("get_run:", "fetch_run:")
    assert errors(tmp_path, text) == [
        "spec.yaml:12: error: operations.fetch_run: runs.get is defined twice "
        "(the other is at operations.get_run)"
    ]


LIST_RUNS = """\
operations:
  list_runs:
    resource: runs
    name: list
    method: GET
    path: /runs
    params:
      cursor: {in: query, schema: {type: string}}
      X-Cursor: {in: header, schema: {type: string}}
    response:
      schema:
        type: object
        properties:
          data: {type: array, items: {type: string}}
          next: {type: string}
    pagination:
      style: cursor
      param: cursor
      next_cursor: next
      items: data
"""


def test_unknown_pagination_field(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS + "      has_next: more\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:25: error: operations.list_runs.pagination.has_next: unknown pagination "
        "field 'has_next' for style 'cursor'"
    ]


def test_unknown_pagination_style(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("style: cursor", "style: cursors")
    assert errors(tmp_path, text) == [
        "spec.yaml:21: error: operations.list_runs.pagination.style: unknown pagination style "
        "'cursors' (one of none, cursor, header_cursor, offset, page_number, next_url, page_token)"
    ]


def test_pagination_param_must_be_a_query_parameter(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("param: cursor", "param: X-Cursor")
    assert errors(tmp_path, text) == [
        "spec.yaml:22: error: operations.list_runs.pagination.param: 'X-Cursor' is not a query "
        "parameter of this operation"
    ]


def test_paginated_operation_has_no_envelope(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("    response:\n", "    response:\n      envelope: page\n")
    assert errors(tmp_path, text) == [
        "spec.yaml:15: error: operations.list_runs.response.envelope: a paginated operation must "
        "not use envelope (make the whole body the response schema and give pagination.items the "
        "path to the list)"
    ]


def test_python_name_that_is_a_keyword(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace(
        "cursor: {in: query, schema", "cursor: {in: query, python_name: from, schema"
    ).replace("X-Cursor: {in: header, schema", "X-Cursor: {in: header, python_name: match, schema")
    assert errors(tmp_path, text) == [
        "spec.yaml:12: error: operations.list_runs.params.cursor.python_name: python_name 'from' "
        "is not a snake_case Python identifier; try 'from_'",
        "spec.yaml:13: error: operations.list_runs.params.X-Cursor.python_name: python_name "
        "'match' is a Python keyword; use 'match_'",
    ]


def test_parameters_colliding_after_snake_casing(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("X-Cursor: {in: header", "X_Cursor: {in: query")
    text = text.replace("cursor: {in: query, schema: {type: string}}", "x-cursor: {in: query}")
    assert errors(tmp_path, text) == [
        "spec.yaml:6: error: operations.list_runs: parameter 'x-cursor' and parameter 'X_Cursor' "
        "both become the keyword argument 'x_cursor' (give one of them a python_name)",
        "spec.yaml:12: error: operations.list_runs.params.x-cursor: missing required key 'schema'",
        "spec.yaml:22: error: operations.list_runs.pagination.param: 'cursor' is not a query "
        "parameter of this operation",
    ]


def test_enum_values_colliding_after_sanitizing(tmp_path: Path) -> None:
    text = HEAD + GET_RUN + "schemas:\n  Mode:\n    type: string\n    enum: [fast-path, fast_path]\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:15: error: schemas.Mode.enum[1]: enum values 'fast-path' and 'fast_path' both "
        "become 'FAST_PATH'"
    ]


def test_parameter_location_method_and_style(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("method: GET", "method: get").replace(
        "cursor: {in: query, schema: {type: string}}",
        "cursor: {in: query, style: deepObject, schema: {type: string}}",
    ).replace("X-Cursor: {in: header", "X-Cursor: {in: body")
    assert errors(tmp_path, text) == [
        "spec.yaml:9: error: operations.list_runs.method: unknown method 'get' "
        "(one of GET, POST, PUT, PATCH, DELETE)",
        "spec.yaml:12: error: operations.list_runs.params.cursor.style: style 'deepObject' is "
        "only for query parameters whose schema is an object",
        "spec.yaml:13: error: operations.list_runs.params.X-Cursor.in: unknown parameter "
        "location 'body' (one of path, query, header)",
    ]


def test_object_query_parameter_needs_a_spreading_style(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace(
        "X-Cursor: {in: header, schema: {type: string}}",
        "sort: {in: query, schema: {$ref: '#/schemas/Sort'}}",
    ) + "schemas:\n  Sort: {type: object, properties: {name: {type: string}}}\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:13: error: operations.list_runs.params.sort: an object query parameter needs "
        "style 'deepObject' or 'dotted'"
    ]


def test_body_must_be_an_object(tmp_path: Path) -> None:
    text = HEAD + GET_RUN.replace("method: GET", "method: POST") + "    body: {schema: {type: string}}\n"
    assert errors(tmp_path, text) == [
        "spec.yaml:12: error: operations.get_run.body.schema: the body schema must be an object "
        "(its fields become keyword arguments of the call)"
    ]


def test_every_mistake_of_one_run_is_reported_in_file_order(tmp_path: Path) -> None:
    text = """\
    format: codegen-vendor/1
    vendor: {id: Demo, title: Demo, version: 1, package: demo_client, client: demo}
    base_url: api.example.com
    auth: {type: api_key, env: demo-key}
    headers:
      - {name: X-Workspace, python_name: timeout}
    operations:
      get_run:
        resource: runs
        name: get
        method: GET
        path: runs
        response: {status: 404}
        errors:
          4xx: {}
    """
    assert errors(tmp_path, text) == [
        "spec.yaml:2: error: vendor.version: expected a string, got 1",
        "spec.yaml:2: error: vendor.id: vendor id 'Demo' is not snake_case (a-z, 0-9, _)",
        "spec.yaml:2: error: vendor.client: client 'demo' is not a PascalCase class prefix; "
        "try 'Demo'",
        "spec.yaml:3: error: base_url: 'api.example.com' is not an http(s) URL "
        "(or null for a self-hosted vendor)",
        "spec.yaml:4: error: auth.env: 'demo-key' is not an environment variable name "
        "(use UPPER_SNAKE_CASE)",
        "spec.yaml:4: error: auth: auth type 'api_key' needs exactly one of 'header' and 'query'",
        "spec.yaml:6: error: headers[0]: header 'X-Workspace' becomes 'timeout', which the client "
        "already uses (set python_name)",
        "spec.yaml:12: error: operations.get_run.path: the path 'runs' must start with '/'",
        "spec.yaml:13: error: operations.get_run.response.status: the success status must be 2xx, "
        "got 404 (error statuses go under 'errors')",
        "spec.yaml:15: error: operations.get_run.errors.4xx: an error status is an integer from "
        "400 to 599 or 'default', got '4xx'",
    ]


# -- a valid spec -----------------------------------------------------------------------------

VALID = """\
format: codegen-vendor/1
research: a note on the document itself
vendor:
  id: example
  title: Example Runs API
  version: "1"
  package: example_client
  client: Example
  description: Runs, paused and listed.
base_url:
  url: https://api.example.com
  research: RESEARCH.md §9 — the SDK's default.
auth:
  type: api_key
  header: X-Api-Key
  env: EXAMPLE_API_KEY
headers:
  - name: X-Workspace-Id
    python_name: workspace_id
    env: EXAMPLE_WORKSPACE_ID
    description: Scope every request to one workspace.
  - name: X-Trace
request_id_header: x-request-id
errors:
  schema: {$ref: '#/schemas/ErrorResponse'}
  retry_after: {field: error.retry_after_ms, unit: ms}
  description: The error envelope.
operations:
  list_runs:
    resource: runs
    name: list
    method: GET
    path: /automations/{automation_id}/runs
    summary: List runs
    params:
      automation_id:
        in: path
        schema: {type: string, pattern: '^[a-z0-9-]+$'}
      page[size]:
        in: query
        python_name: page_size
        description: Items per page.
        schema: {type: integer, minimum: 1, maximum: 1000, default: 50}
      page_token: {in: query, schema: {type: string}}
      sort_by: {in: query, style: deepObject, schema: {$ref: '#/schemas/SortBy'}}
      start_date: {in: query, style: dotted, schema: {$ref: '#/schemas/Date'}}
      X-Dry-Run: {in: header, schema: {type: boolean}, research: a header parameter}
    response:
      schema: {$ref: '#/schemas/ListRunsResponse'}
    pagination:
      style: page_token
      param: page_token
      next_token: next_page_token
      items: runs
      research: AIP-158
  pause_run:
    resource: runs
    name: pause
    method: POST
    path: /automations/{automation_id}/runs/{run_id}:pause
    params:
      automation_id: {in: path, required: true, schema: {type: string}}
      run_id: {in: path, schema: {type: string}}
    body:
      required: true
      schema:
        type: object
        properties:
          reason: {type: string, description: Why the run is paused., maxLength: 200}
        required: [reason]
    response:
      status: 202
      envelope: data
      schema: {$ref: '#/schemas/Run'}
    errors:
      404: {description: No such run.}
      409: {schema: {type: object, properties: {state: {type: string}}}}
      default: {}
  delete_run:
    resource: history
    name: delete
    method: DELETE
    path: /runs/{run_id}
    idempotent: false
    deprecated: true
    params:
      run_id: {in: path, schema: {type: string, format: int64}}
    response: {status: 204}
schemas:
  ErrorResponse:
    type: object
    properties:
      error:
        type: object
        properties:
          message: {type: string}
          retry_after_ms: {type: integer}
  ListRunsResponse:
    type: object
    properties:
      runs: {type: array, items: {$ref: '#/schemas/Run'}}
      next_page_token: {type: string}
  SortBy:
    type: object
    properties:
      created_at: {type: string, enum: [asc, desc]}
  Date:
    type: object
    properties:
      year: {type: integer}
      month: {type: integer}
      day: {type: integer}
  Run:
    type: object
    required: [id]
    properties:
      id: {type: string}
      status:
        type: [string, "null"]
        enum: [running, done, null]
      total: {type: string, format: int64, x-research: "int64 as a JSON string"}
      state: {$ref: '#/schemas/RunState'}
      trigger: {$ref: '#/schemas/Trigger'}
  RunState:
    type: object
    x-union: present-key
    properties:
      update_time: {type: string, format: date-time}
    oneOf:
      - {type: object, required: [pending], properties: {pending: {type: object, properties: {}}}}
      - {type: object, required: [failed], properties: {failed: {type: object, properties: {why: {type: string}}}}}
  Trigger:
    oneOf:
      - {$ref: '#/schemas/ManualTrigger'}
      - {$ref: '#/schemas/ScheduleTrigger'}
    discriminator:
      propertyName: kind
  ManualTrigger:
    type: object
    required: [kind]
    properties:
      kind: {type: string, const: manual}
  ScheduleTrigger:
    type: object
    required: [kind, cron]
    properties:
      kind: {type: string, const: schedule}
      cron: {type: string}
"""


@pytest.fixture
def api(tmp_path: Path) -> ir.Api:
    loaded = load(tmp_path, VALID)
    assert loaded.warnings == ()
    return loaded.api


def test_valid_spec_api_level(api: ir.Api) -> None:
    assert (api.vendor_id, api.package, api.class_prefix, api.title, api.version) == (
        "example",
        "example_client",
        "Example",
        "Example Runs API",
        "1",
    )
    assert api.client_name == "ExampleClient"
    assert api.description == "Runs, paused and listed."
    assert api.base_url == "https://api.example.com"
    assert api.auth == ir.Auth("api_key", header="X-Api-Key", prefix="", env_var="EXAMPLE_API_KEY")
    assert api.extra_headers == (
        ir.ExtraHeader(
            "X-Workspace-Id",
            "workspace_id",
            env_var="EXAMPLE_WORKSPACE_ID",
            description="Scope every request to one workspace.",
        ),
        ir.ExtraHeader("X-Trace", "x_trace"),
    )
    assert api.request_id_header == "x-request-id"
    error_type = ir.TypeRef("ref", ref="ErrorResponse")
    assert api.default_errors == (ir.ErrorResponse(None, error_type, "The error envelope."),)
    assert api.retry_delay == ir.BodyRetryDelay(("error", "retry_after_ms"), "ms")
    # Resources in order of first appearance, operations in file order.
    assert [(r.py_name, r.class_name, [o.py_name for o in r.operations]) for r in api.resources] == [
        ("runs", "Runs", ["list", "pause"]),
        ("history", "History", ["delete"]),
    ]


def test_valid_spec_list_operation(api: ir.Api) -> None:
    op = api.operations()[0]
    assert (op.operation_id, op.method, op.path, op.summary, op.idempotent, op.origin) == (
        "list_runs",
        "GET",
        "/automations/{automation_id}/runs",
        "List runs",
        True,
        "operations.list_runs",
    )
    automation_id, page_size, page_token, sort_by, start_date, dry_run = op.params
    assert automation_id == ir.Parameter(
        "automation_id",
        "automation_id",
        "path",
        ir.TypeRef("string"),
        required=True,
        constraints=ir.Constraints(pattern="^[a-z0-9-]+$"),
    )
    assert page_size == ir.Parameter(
        "page[size]",
        "page_size",
        "query",
        ir.TypeRef("integer"),
        required=False,
        description="Items per page.",
        default=ir.Default(50),
        constraints=ir.Constraints(minimum=1, maximum=1000),
    )
    assert (page_token.wire_name, page_token.py_name, page_token.required) == (
        "page_token",
        "page_token",
        False,
    )
    assert (sort_by.style, sort_by.type) == ("deepObject", ir.TypeRef("ref", ref="SortBy"))
    assert (start_date.style, start_date.type) == ("dotted", ir.TypeRef("ref", ref="Date"))
    assert (dry_run.wire_name, dry_run.py_name, dry_run.location, dry_run.style) == (
        "X-Dry-Run",
        "x_dry_run",
        "header",
        "form",
    )
    assert op.response == ir.Response(200, ir.TypeRef("ref", ref="ListRunsResponse"))
    assert op.pagination == ir.PageTokenPagination(
        param="page_token",
        next_token=("next_page_token",),
        items=("runs",),
        item_type=ir.TypeRef("ref", ref="Run"),
    )
    assert op.body is None and op.errors == ()


def test_valid_spec_body_envelope_and_errors(api: ir.Api) -> None:
    op = api.operations()[1]
    assert op.path == "/automations/{automation_id}/runs/{run_id}:pause"  # kept literal
    assert (op.method, op.idempotent) == ("POST", False)
    assert [(p.wire_name, p.required) for p in op.params] == [
        ("automation_id", True),
        ("run_id", True),
    ]
    reason = ir.Field(
        "reason",
        "reason",
        ir.TypeRef("string"),
        required=True,
        description="Why the run is paused.",
        constraints=ir.Constraints(max_length=200),
    )
    assert op.body == ir.RequestBody(ir.TypeRef("ref", ref="PauseRunBody"), True, (reason,))
    assert api.schema("PauseRunBody") == ir.ObjectSchema(
        "PauseRunBody", "operations.pause_run.body.schema", (reason,)
    )
    assert op.response == ir.Response(202, ir.TypeRef("ref", ref="Run"), envelope=("data",))
    assert op.errors == (
        ir.ErrorResponse(404, ir.TypeRef("ref", ref="ErrorResponse"), "No such run."),
        ir.ErrorResponse(409, ir.TypeRef("ref", ref="PauseRunError409")),
        ir.ErrorResponse(None, ir.TypeRef("ref", ref="ErrorResponse")),
    )
    assert op.pagination == ir.NoPagination()


def test_valid_spec_no_body_response_and_overrides(api: ir.Api) -> None:
    op = api.operations()[2]
    assert (op.method, op.idempotent, op.deprecated) == ("DELETE", False, True)
    assert op.response == ir.Response(204, None)
    assert op.params[0].type == ir.TypeRef("integer", string_encoded=True)


def test_valid_spec_schemas(api: ir.Api) -> None:
    names = [s.name for s in api.schemas]
    assert names == sorted(names)
    run = api.schema("Run")
    assert isinstance(run, ir.ObjectSchema)
    fields = {f.wire_name: f for f in run.fields}
    assert fields["id"].required and not fields["status"].required
    # null in the type list and in the enum: ONE nullable flag, no null member.
    assert fields["status"].type == ir.TypeRef("ref", ref="RunStatus", nullable=True)
    status = api.schema("RunStatus")
    assert isinstance(status, ir.EnumSchema)
    assert [(m.value, m.py_name) for m in status.members] == [
        ("running", "RUNNING"),
        ("done", "DONE"),
    ]
    assert fields["total"].type == ir.TypeRef("integer", string_encoded=True)

    state = api.schema("RunState")
    assert isinstance(state, ir.UnionSchema)
    assert state.discriminator == "present_key"
    assert [v.tag for v in state.variants] == ["pending", "failed"]
    pending = api.schema(state.variants[0].ref)
    assert isinstance(pending, ir.ObjectSchema)
    assert {f.wire_name for f in pending.fields} == {"pending", "update_time"}

    trigger = api.schema("Trigger")
    assert isinstance(trigger, ir.UnionSchema)
    assert (trigger.discriminator, trigger.property) == ("property", "kind")
    assert trigger.variants == (
        ir.UnionVariant("manual", "ManualTrigger"),
        ir.UnionVariant("schedule", "ScheduleTrigger"),
    )


def test_research_is_accepted_and_ignored(tmp_path: Path, api: ir.Api) -> None:
    lines = [line for line in VALID.splitlines() if not line.lstrip().startswith("research:")]
    without = "\n".join(lines).replace(", research: a header parameter}", "}")
    assert "research: " not in without.replace("x-research: ", "")
    assert load(tmp_path, without).api == api


def test_the_annotated_example_of_the_format_doc_is_valid(tmp_path: Path) -> None:
    doc = Path(__file__).parents[2] / "docs" / "vendor-spec.md"
    example = doc.read_text(encoding="utf-8").split("## A complete annotated example")[1]
    api = load(tmp_path, example.split("```yaml\n")[1].split("```")[0]).api
    assert [(o.operation_id, o.pagination.style) for o in api.operations()] == [
        ("list_runs", "page_token"),
        ("pause_run", "none"),
    ]
    assert api.auth == ir.Auth("api_key", header="X-Api-Key", prefix="", env_var="EXAMPLE_API_KEY")


# -- the vendor specs in this repository --------------------------------------------------------

SPECS = os.path.join(os.path.dirname(__file__), "..", "..", "specs")


def vendor(name: str) -> ir.Api:
    folder = os.path.join(SPECS, name)
    if not os.path.exists(os.path.join(folder, "spec.yaml")):
        pytest.skip(f"specs/{name}/spec.yaml is not written yet")
    loaded = load_vendor(folder)
    assert [str(w) for w in loaded.warnings] == []
    return loaded.api


def operation(api: ir.Api, resource: str, name: str) -> ir.Operation:
    found = next(r for r in api.resources if r.py_name == resource)
    return next(o for o in found.operations if o.py_name == name)


def test_fabro_spec() -> None:
    api = vendor("fabro")
    assert api.base_url is None
    assert api.auth.kind == "bearer"
    runs_list = operation(api, "runs", "list")
    assert runs_list.pagination == ir.OffsetPagination(
        offset_param="page[offset]",
        limit_param="page[limit]",
        has_more=("meta", "has_more"),
        items=("data",),
        item_type=ir.TypeRef("ref", ref="Run"),
        stop_on_empty_page=False,  # has_more says when the list ends
    )
    automation_id = runs_list.params[0]
    assert automation_id.wire_name == "id" and automation_id.location == "path"
    assert automation_id.constraints.pattern == "^[a-z0-9][a-z0-9-]{0,62}$"
    status = api.schema("RunStatus")
    assert isinstance(status, ir.UnionSchema) and status.property == "kind"


def test_files_com_spec() -> None:
    api = vendor("files_com")
    assert api.auth == ir.Auth(
        "api_key",
        header="X-FilesAPI-Key",
        prefix="",
        env_var="FILES_COM_API_KEY",
        description="Files.com API key, sent as the X-FilesAPI-Key header.",
    )
    assert [h.py_name for h in api.extra_headers] == ["workspace_id"]
    runs_list = operation(api, "runs", "list")
    assert runs_list.pagination == ir.HeaderCursorPagination(
        param="cursor",
        headers=("X-Files-Cursor-Next", "X-Files-Cursor"),
        items=(),
        item_type=ir.TypeRef("ref", ref="AutomationRun"),
    )
    sort_by = next(p for p in runs_list.params if p.wire_name == "sort_by")
    assert sort_by.style == "deepObject"


def test_sendrealm_spec() -> None:
    api = vendor("sendrealm")
    assert api.auth.kind == "bearer"
    assert operation(api, "runs", "list").pagination.style != "none"


def test_kognitos_spec() -> None:
    api = vendor("kognitos")
    for name in ("list", "list_events"):
        assert isinstance(operation(api, "runs", name).pagination, ir.PageTokenPagination)
    state = api.schema("RunState")
    assert isinstance(state, ir.UnionSchema) and state.discriminator == "present_key"
    daily = operation(api, "runs", "daily_aggregates")
    start_date = next(p for p in daily.params if p.wire_name == "start_date")
    assert start_date.style == "dotted"
    pause = operation(api, "runs", "pause")
    assert pause.path.endswith("/runs/{run_id}:pause")


@pytest.mark.parametrize(
    ("pagination", "message"),
    [
        ("      next_cursor_from_item: id\n",
         "pagination style 'cursor' needs exactly one of 'next_cursor' (a field of the body) and "
         "'next_cursor_from_item' (a field of the last item)"),
        ("      max_empty_pages: -1\n", "max_empty_pages: expected an integer ≥ 0"),
    ],
)
def test_pagination_end_conditions_are_checked(tmp_path: Path, pagination: str, message: str) -> None:
    found = errors(tmp_path, HEAD + LIST_RUNS + pagination)
    assert any(message in line for line in found), found


def test_a_page_number_parameter_must_be_an_integer(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("style: cursor", "style: page_number").replace("      next_cursor: next\n", "")
    (found,) = errors(tmp_path, text)
    assert "'cursor' must be an integer parameter to count pages or items, got string" in found


def test_an_offset_parameter_must_be_an_integer(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("      param: cursor\n      next_cursor: next\n", "      offset: cursor\n      limit: cursor\n")
    text = text.replace("style: cursor", "style: offset")
    (found,) = errors(tmp_path, text)
    assert "'cursor' must be an integer parameter" in found


def test_next_url_names_a_body_field_or_a_header(tmp_path: Path) -> None:
    text = HEAD + LIST_RUNS.replace("      param: cursor\n      next_cursor: next\n", "      from: next\n")
    text = text.replace("style: cursor", "style: next_url")
    (found,) = errors(tmp_path, text)
    assert "expected 'body.<field>' or 'header.<name>', got 'next'" in found


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("headers:\n  - {name: X-Version, value: '1', python_name: version}\n",
         "a header with a fixed value takes no python_name"),
        ("headers:\n  - {name: Authorization, value: x}\n", "header 'Authorization' is already set by the auth header"),
        ("rate_limit:\n  signals: [{status: 200, header: retry-after}]\n", "expected an error status from 400 to 599"),
        ("rate_limit:\n  signals: [{status: 403, header: x-remaining, value: 0}]\n", "quote it"),
        ("success: {field: okay, value: true}\n", "no success response has a field 'okay'"),
        ("success: {field: next, value: true, statuses: {bad: 401}}\n", "statuses need 'code'"),
    ],
)
def test_protocol_declarations_are_checked(tmp_path: Path, extra: str, message: str) -> None:
    found = errors(tmp_path, HEAD + extra + LIST_RUNS)
    assert len(found) == 1 and message in found[0], found


def test_auth_schemes_of_the_vendor_format(tmp_path: Path) -> None:
    for auth, expected in [
        ("{type: api_key, header: Authorization, prefix: 'Token '}", ir.Auth("api_key", prefix="Token ")),
        ("{type: api_key, query: key}", ir.Auth("api_key", header="", prefix="", query_param="key")),
        ("{type: basic, password_env: DEMO_PASSWORD}", ir.Auth("basic", prefix="Basic ", password_env="DEMO_PASSWORD")),
    ]:
        file = write(tmp_path, HEAD.replace("{type: bearer}", auth) + LIST_RUNS)
        assert load_files((file,)).api.auth == expected
    assert "prefix is not for auth type 'bearer'" in errors(tmp_path, HEAD.replace("{type: bearer}", "{type: bearer, prefix: x}") + LIST_RUNS)[0]
