"""Reading documents: YAML as YAML 1.2 (the version OpenAPI 3 names, core schema), JSON with
the JSON parser, and the line of every path for diagnostics either way."""

from __future__ import annotations

import math

import pytest

from codegen.errors import SpecError
from codegen.source import parse

YAML_11_TRAPS = """\
enum: [verify, no_verify, off]
answers: [yes, no, on, Off, y, n]
tolerance: 1e-08
ratio: 0.5e+3
released: 2024-01-01
sexagesimal: 1:30
octal_11: 012
octal_12: 0o12
hex: 0x1F
bound: .inf
low: -.Inf
nothing: ~
empty:
literal_true: True
"""


def test_yaml_is_read_with_the_yaml_12_core_schema() -> None:
    data = parse(YAML_11_TRAPS, "openapi.yaml").data
    # YAML 1.1 would read these as booleans (Fabro's `enum: [verify, no_verify, off]`).
    assert data["enum"] == ["verify", "no_verify", "off"]
    assert data["answers"] == ["yes", "no", "on", "Off", "y", "n"]
    # ... and this as a string (a Mistral bound), these as a date and a base-60 number.
    assert data["tolerance"] == 1e-08
    assert data["ratio"] == 500.0
    assert data["released"] == "2024-01-01"
    assert data["sexagesimal"] == "1:30"
    assert data["octal_11"] == 12  # YAML 1.2 has no leading-zero octal
    assert (data["octal_12"], data["hex"]) == (10, 31)
    assert data["bound"] == math.inf and data["low"] == -math.inf
    assert data["nothing"] is None and data["empty"] is None
    assert data["literal_true"] is True


def test_quoted_and_tagged_scalars_keep_their_meaning() -> None:
    data = parse("a: 'off'\nb: \"1e-08\"\nc: !!str 12\nd: !!int '7'\n", "x.yaml").data
    assert data == {"a": "off", "b": "1e-08", "c": "12", "d": 7}


def test_json_is_read_by_the_json_parser_with_every_escape() -> None:
    # libyaml rejects a surrogate pair; JSON allows it (Twilio's example messages have one).
    text = '{\n  "example": {\n    "body": "Hello! \\ud83d\\udc4d",\n    "n": 1e-08\n  }\n}\n'
    doc = parse(text, "openapi.json")
    assert doc.format == "json"
    assert doc.data == {"example": {"body": "Hello! \N{THUMBS UP SIGN}", "n": 1e-08}}
    assert doc.line(("example", "body")) == 3
    assert doc.line(("example", "n")) == 4


def test_json_lines_cover_list_items_and_nested_values() -> None:
    text = '{"paths": {\n "/a": {\n  "get": {"parameters": [\n   {"name": "x"},\n   {"name": "y"}\n  ]}\n }\n}}'
    doc = parse(text, "doc.json")
    assert doc.line(("paths", "/a", "get", "parameters", 1, "name")) == 5
    assert doc.line(("paths", "/a", "get", "parameters", 0)) == 4
    assert doc.line(("paths", "/missing")) == 1  # the nearest ancestor that has one


def test_a_json_syntax_error_names_its_line() -> None:
    with pytest.raises(SpecError) as caught:
        parse('{\n  "a": 1\n  "b": 2\n}', "doc.json")
    assert str(caught.value) == "doc.json:3: error: (document): JSON syntax error: Expecting ',' delimiter"


def test_a_duplicate_json_key_is_an_error_at_its_line() -> None:
    with pytest.raises(SpecError) as caught:
        parse('{"info": {\n  "title": "a",\n  "title": "b"\n}}', "doc.json")
    assert str(caught.value) == "doc.json:3: error: info.title: duplicate key 'title'"


def test_a_json_file_that_only_yaml_reads_loads_with_a_warning() -> None:
    # openapi-python-client's end-to-end document once had a trailing comma.
    doc = parse('{\n  "openapi": "3.0.2",\n  "info": {"title": "x",},\n}\n', "openapi.json")
    assert doc.data == {"openapi": "3.0.2", "info": {"title": "x"}}
    assert [str(w) for w in doc.warnings] == [
        "openapi.json:3: warning: (document): JSON syntax error: Expecting property name enclosed "
        "in double quotes; the document is read as YAML, which accepts it"
    ]


def test_a_yaml_flow_mapping_is_yaml() -> None:
    doc = parse("{openapi: 3.1.0, info: {title: t, version: off}}", "openapi.yaml")
    assert doc.format == "yaml"
    assert doc.data == {"openapi": "3.1.0", "info": {"title": "t", "version": "off"}}


def test_yaml_merge_keys_are_still_refused() -> None:
    with pytest.raises(SpecError, match=r"YAML merge keys \('<<'\) are not supported"):
        parse("base: &b {a: 1}\nother:\n  <<: *b\n", "x.yaml")
