"""Names that collide: derived ones are told apart deterministically and stably, with a warning
naming both places; explicit ones are errors; codegen.yaml renames what a document (kept
verbatim) would otherwise make."""

from __future__ import annotations

import textwrap

import pytest

from codegen import ir
from codegen.errors import SpecError
from codegen.normalize.openapi import read_openapi
from codegen.source import parse

HEAD = """\
openapi: 3.1.0
info: {title: Names, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      tags: [things]
"""


def _read(text: str, config: str | None = None) -> tuple[ir.Api, list[str]]:
    cfg = parse(textwrap.dedent(config), "codegen.yaml") if config else None
    api, warnings = read_openapi(parse(textwrap.dedent(text), "openapi.yaml"), cfg)
    return api, [str(w) for w in warnings]


def _errors(text: str, config: str | None = None) -> list[str]:
    with pytest.raises(SpecError) as caught:
        _read(text, config)
    return [str(d) for d in caught.value.errors]


def _document(schemas: str, parameters: str = "") -> str:
    return (
        HEAD
        + (f"      parameters:\n{textwrap.indent(textwrap.dedent(parameters), '        ')}" if parameters else "")
        + """\
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Options'}}}
components:
  schemas:
"""
        + textwrap.indent(textwrap.dedent(schemas), "    ")
    )


# Stripe: `payment_intent_payment_method_options.acss_debit` is an inline anyOf, and a named
# schema `payment_intent_payment_method_options_acss_debit` exists too.
STRIPE_LIKE = """\
Options:
  type: object
  properties:
    acss_debit:
      anyOf:
        - {$ref: '#/components/schemas/options_acss_debit'}
        - {$ref: '#/components/schemas/options_client'}
options_acss_debit:
  type: object
  properties: {mandate: {type: string}}
options_client:
  type: object
  properties: {capture: {type: string}}
"""


def _class_names(api: ir.Api) -> set[str]:
    return {schema.name for schema in api.schemas}


def test_an_inline_schema_named_like_a_component_gets_a_number_and_a_warning() -> None:
    api, warnings = _read(_document(STRIPE_LIKE))
    assert _class_names(api) == {"Options", "OptionsAcssDebit", "OptionsAcssDebit2", "OptionsClient"}
    union = api.schema("OptionsAcssDebit2")
    assert isinstance(union, ir.UnionSchema) and union.origin == "components.schemas.Options.properties.acss_debit"
    assert isinstance(api.schema("OptionsAcssDebit"), ir.ObjectSchema)  # the component keeps its name
    options = api.schema("Options")
    assert isinstance(options, ir.ObjectSchema) and options.fields[0].type.ref == "OptionsAcssDebit2"
    assert warnings == [
        "openapi.yaml:17: warning: components.schemas.Options.properties.acss_debit: schemas "
        "components.schemas.options_acss_debit and components.schemas.Options.properties.acss_debit "
        "both become the class name 'OptionsAcssDebit'; this one is named 'OptionsAcssDebit2' "
        "(rename it in codegen.yaml under names.schemas)"
    ]


@pytest.mark.parametrize("unrelated", ["Aardvark", "OptionsAcssDebit3", "zebra"])
def test_adding_an_unrelated_schema_renames_nothing(unrelated: str) -> None:
    before, _ = _read(_document(STRIPE_LIKE))
    after, _ = _read(_document(STRIPE_LIKE + f"{unrelated}: {{type: object, properties: {{a: {{type: string}}}}}}\n"))
    added = {s.name for s in after.schemas} - {s.name for s in before.schemas}
    assert len(added) == 1
    assert {s.origin: s.name for s in before.schemas}.items() <= {s.origin: s.name for s in after.schemas}.items()


def test_the_same_document_gives_the_same_names_in_any_order() -> None:
    reordered = STRIPE_LIKE.split("options_acss_debit:\n")
    swapped = "options_acss_debit:\n" + reordered[1] + reordered[0]
    first, _ = _read(_document(STRIPE_LIKE))
    second, _ = _read(_document(swapped))
    assert {s.origin: s.name for s in first.schemas} == {s.origin: s.name for s in second.schemas}


def test_enum_values_that_sanitize_alike_are_told_apart() -> None:
    api, warnings = _read(_document("""\
        Options:
          type: object
          properties:
            order: {type: string, enum: [ASC, asc, DESC]}
            sort: {type: string, enum: [created, -created]}
            zone: {type: string, enum: [Etc/GMT+0, Etc/GMT-0, Etc/GMT]}
        """))
    members = {
        schema.name: {m.value: m.py_name for m in schema.members}
        for schema in api.schemas
        if isinstance(schema, ir.EnumSchema)
    }
    assert members == {
        "OptionsOrder": {"ASC": "ASC", "asc": "ASC_2", "DESC": "DESC"},
        "OptionsSort": {"created": "CREATED", "-created": "MINUS_CREATED"},
        "OptionsZone": {"Etc/GMT+0": "ETC_GMT_PLUS_0", "Etc/GMT-0": "ETC_GMT_MINUS_0", "Etc/GMT": "ETC_GMT"},
    }
    assert warnings == [
        "openapi.yaml:17: warning: components.schemas.Options.properties.order.enum[1]: enum values "
        "'ASC' and 'asc' both become 'ASC'; 'asc' is named 'ASC_2' (rename it in codegen.yaml under "
        "names.enum_members)",
        "openapi.yaml:18: warning: components.schemas.Options.properties.sort.enum[1]: enum values "
        "'created' and '-created' both become 'CREATED'; '-created' is named 'MINUS_CREATED' (rename "
        "it in codegen.yaml under names.enum_members)",
        "openapi.yaml:19: warning: components.schemas.Options.properties.zone.enum[0]: enum values "
        "'Etc/GMT-0' and 'Etc/GMT+0' both become 'ETC_GMT_0'; 'Etc/GMT+0' is named 'ETC_GMT_PLUS_0' "
        "(rename it in codegen.yaml under names.enum_members)",
        "openapi.yaml:19: warning: components.schemas.Options.properties.zone.enum[1]: enum values "
        "'Etc/GMT+0' and 'Etc/GMT-0' both become 'ETC_GMT_0'; 'Etc/GMT-0' is named 'ETC_GMT_MINUS_0' "
        "(rename it in codegen.yaml under names.enum_members)",
    ]


PARAMETERS = """\
- {name: frontendApi, in: query, schema: {type: string}}
- {name: frontend_api, in: query, schema: {type: string}}
- {name: StartTime, in: query, schema: {type: string}}
- {name: StartTime<, in: query, schema: {type: string}}
- {name: StartTime>, in: query, schema: {type: string}}
- {name: param, in: query, schema: {type: string}}
- {name: param, in: header, schema: {type: string}}
- {name: timeout, in: query, schema: {type: integer}}
"""


def test_parameters_that_snake_case_alike_are_told_apart() -> None:
    api, warnings = _read(_document("Options: {type: object}\n", PARAMETERS))
    (operation,) = api.operations()
    assert [(p.wire_name, p.location, p.py_name) for p in operation.params] == [
        ("frontendApi", "query", "frontend_api_2"),
        ("frontend_api", "query", "frontend_api"),
        ("StartTime", "query", "start_time"),
        ("StartTime<", "query", "start_time_lt"),
        ("StartTime>", "query", "start_time_gt"),
        ("param", "query", "param"),
        ("param", "header", "param_header"),
        ("timeout", "query", "timeout_"),  # every call has a `timeout` argument
    ]
    hint = " (rename it with x-python-name or names.parameters in codegen.yaml)"
    assert warnings == [
        "openapi.yaml:9: warning: paths./things.get.parameters[0]: parameters 'frontend_api' in query "
        "and 'frontendApi' in query both become 'frontend_api'; 'frontendApi' is named 'frontend_api_2'" + hint,
        "openapi.yaml:12: warning: paths./things.get.parameters[3]: parameters 'StartTime' in query and "
        "'StartTime<' in query both become 'start_time'; 'StartTime<' is named 'start_time_lt'" + hint,
        "openapi.yaml:13: warning: paths./things.get.parameters[4]: parameters 'StartTime' in query and "
        "'StartTime>' in query both become 'start_time'; 'StartTime>' is named 'start_time_gt'" + hint,
        "openapi.yaml:15: warning: paths./things.get.parameters[6]: parameters 'param' in query and "
        "'param' in header both become 'param'; 'param' is named 'param_header'" + hint,
    ]


def test_properties_that_snake_case_alike_are_told_apart() -> None:
    api, warnings = _read(_document("""\
        Options:
          type: object
          properties:
            isGlobal: {type: boolean}
            is_global: {type: boolean}
        """))
    options = api.schema("Options")
    assert isinstance(options, ir.ObjectSchema)
    assert [(f.wire_name, f.py_name) for f in options.fields] == [("isGlobal", "is_global_2"), ("is_global", "is_global")]
    assert warnings == [
        "openapi.yaml:17: warning: components.schemas.Options.properties.isGlobal: properties "
        "'is_global' and 'isGlobal' both become the Python name 'is_global'; 'isGlobal' is named "
        "'is_global_2' (rename it with x-python-name or names.properties in codegen.yaml)"
    ]


def test_names_written_explicitly_that_collide_are_errors() -> None:
    errors = _errors(_document("""\
        Options:
          type: object
          properties:
            a: {type: string, x-python-name: same}
            b: {type: string, x-python-name: same}
        """))
    assert errors == [
        "openapi.yaml:18: error: components.schemas.Options.properties.b: properties 'a' and 'b' both "
        "become the Python name 'same' (give one of them another name)"
    ]


CONFIG_RENAMES = """\
format: codegen-openapi-config/1
operations:
  listThings: {name: all}
names:
  schemas:
    options_acss_debit: AcssDebitOptions
    components.schemas.Options.properties.acss_debit: AcssDebit
  properties:
    Options: {acss_debit: debit}
  parameters:
    listThings: {"StartTime<": started_before, "header:param": param_in_header}
  enum_members:
    components.schemas.Options.properties.order: {asc: ASCENDING}
"""


def test_codegen_yaml_renames_schemas_properties_parameters_enum_members_and_operations() -> None:
    schemas = STRIPE_LIKE.replace("  properties:\n", "  properties:\n    order: {type: string, enum: [ASC, asc]}\n", 1)
    api, warnings = _read(_document(schemas, PARAMETERS), CONFIG_RENAMES)
    assert not [w for w in warnings if "both become" in w and "frontend" not in w and "StartTime>" not in w]
    assert _class_names(api) >= {"AcssDebitOptions", "AcssDebit", "Options", "OptionsClient"}
    (operation,) = api.operations()
    assert operation.py_name == "all"
    params = {(p.wire_name, p.location): p.py_name for p in operation.params}
    assert params[("StartTime<", "query")] == "started_before"
    assert params[("param", "header")] == "param_in_header"
    options = api.schema("Options")
    assert isinstance(options, ir.ObjectSchema)
    assert {f.wire_name: f.py_name for f in options.fields} == {"order": "order", "acss_debit": "debit"}
    order = api.schema("OptionsOrder")
    assert isinstance(order, ir.EnumSchema)
    assert [(m.value, m.py_name) for m in order.members] == [("ASC", "ASC"), ("asc", "ASCENDING")]


def test_a_rename_that_matches_nothing_is_an_error_of_the_config() -> None:
    config = """\
        format: codegen-openapi-config/1
        names:
          schemas: {Nothing: Something}
          properties: {Options: {missing: gone}}
        """
    errors = _errors(_document("Options: {type: object}\n"), config)
    assert errors == [
        "codegen.yaml:3: error: names.schemas.Nothing: 'Nothing' matches no schema of the document "
        "(use a name under components.schemas, or the place of an inline schema)",
        "codegen.yaml:4: error: names.properties.Options.missing: 'Options' has no property 'missing'",
    ]


def test_a_rename_must_be_a_usable_name() -> None:
    config = """\
        format: codegen-openapi-config/1
        names:
          schemas: {Options: not a class}
          properties: {Options: {a: class}}
        """
    errors = _errors(_document("Options: {type: object, properties: {a: {type: string}}}\n"), config)
    assert errors == [
        "codegen.yaml:3: error: names.schemas.Options: 'not a class' is not a PascalCase class name",
        "codegen.yaml:4: error: names.properties.Options.a: python name 'class' is not a snake_case "
        "Python identifier; try 'class_'",
    ]

