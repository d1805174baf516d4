"""Hostile spec text changes nothing but string constants.

Descriptions, summaries, titles, enum values, defaults, examples, patterns, discriminator
tags, paths and property names full of quotes, triple quotes, backslashes, newlines, Jinja
(``{{ }}``, ``{% %}``), unicode, control characters and Python source are rendered, and:

- every generated module compiles;
- its AST, with every string constant replaced by one placeholder, is the AST of the same
  spec with all that text replaced by ``"x"`` (names built from property and parameter names
  are kept on both sides): spec text became data, never code;
- every identifier in it is a plain ASCII Python identifier.

About a hundred examples are rendered in-process, without black (black only reformats, and
checks itself that it keeps the AST). Three worst cases built from every fragment go through
the real command line: written as YAML, formatted, imported, and type-checked with
``mypy --strict``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from codegen.errors import SpecError
from codegen.naming import NameProblem, attribute_name, enum_member_name
from codegen.normalize.openapi import read_openapi
from codegen.render import formatting, renderer
from codegen.source import SourceDoc
from tests.hardening.conftest import check_package, run_cli

FRAGMENTS = (
    '"', "'", '"""', "'''", '""""', "\\", "\\\\", '\\"', "\\'", '\\"""', "\\n", "\\x00", "\\u00e9",
    "\\N{BULLET}", "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x7f", "\u2028", "\ufeff", "\u202e",
    "é", "☃", "\U0001d518\U0001d52b\U0001d526", "名前", "{{ api.title }}", "{{", "}}", "{%", "%}", "{% for x in y %}",
    "{# note #}", "{% raw %}", "${x}", "%s", "{0}", "`", "``", "|", "#", "# comment",
    "__import__('os').system('true')", "'); import os; ('", '"""; import os; """',
    "\nclass Evil:\n    pass\n", "def f():", "lambda: 0", ")", "]", "}", "(", "[", "{", ":", ",",
    "\\\n", " ", "  ", "x" * 120, "a" + " b" * 60,
)
# Names a spec may give to properties and parameters: each must become a safe identifier.
NAMES = (
    "class", "def", "import", "__init__", "model_config", "self", "None", "True", "lambda",
    "print", "list", "dict", "str", "int", "from", "async", "await", "match", "case",
    "model_dump", "Field", "Any", "builtins", "dt", "models", "request", "options", 'x"""y',
    "a'b", "{{x}}", "ÜberName", "2fast", "with space", "kebab-case", "camelCase", "UPPER",
    "json", "copy", "schema", "type", "id", "self_", "cls",
)
# Keyword arguments every call already has (a body field may not take them: that is an error).
_CALL_ARGUMENTS = {"extra_headers", "extra_query", "timeout", "max_retries", "self"}
CONFIG = {
    "format": "codegen-openapi-config/1",
    "vendor": {"id": "hostile", "package": "hostile_client", "client": "Hostile"},
}


@dataclass(frozen=True)
class Texts:
    """Every piece of spec text the document carries."""

    info_description: str
    summary: str
    description: str
    param_description: str
    param_default: str
    param_example: str
    pattern: str
    path_literal: str
    server_suffix: str
    response_description: str
    schema_description: str
    schema_title: str
    prop_description: str
    prop_example: str
    enum_values: tuple[str, ...]
    tags: tuple[str, str]
    discriminator: str
    query_name: str
    property_names: tuple[str, ...]


_NAME_FIELDS = {"query_name", "property_names", "discriminator"}


def plain(texts: Texts) -> Texts:
    """The same spec with every piece of text replaced by ``"x"`` (blank text stays blank, so
    the same docstrings exist on both sides); names are kept, and enum values become the
    lowercase of their member names, so the members keep their names."""
    values: dict[str, Any] = {}
    for item in fields(texts):
        value = getattr(texts, item.name)
        if item.name in _NAME_FIELDS:
            continue
        if item.name == "enum_values":
            values[item.name] = tuple(enum_member_name(v).lower() for v in value)
        elif item.name == "tags":
            values[item.name] = ("t0", "t1")
        elif item.name == "server_suffix":
            values[item.name] = "x"
        elif item.name == "path_literal":
            values[item.name] = "x" if value.strip("/") else value
        else:
            values[item.name] = "x" if value.strip() else value
    return replace(texts, **values)


def build(t: Texts) -> dict[str, Any]:
    """An OpenAPI 3.1 document with the text of ``t`` in every place text can stand."""
    ref = {"$ref": "#/components/schemas/Thing"}
    json = {"application/json": {"schema": ref}}
    props: dict[str, Any] = {
        name: {"type": "string", "description": t.prop_description, "example": t.prop_example}
        for name in t.property_names
    }
    thing = {
        "type": "object",
        "title": t.schema_title,
        "description": t.schema_description,
        "required": ["fixed_id"],
        "properties": {
            "fixed_id": {"type": "string", "description": t.prop_description, "default": t.param_default},
            "status": {"$ref": "#/components/schemas/Status"},
            "pet": {"$ref": "#/components/schemas/Pet"},
            "nested": {
                "type": "object",
                "description": t.schema_description,
                "properties": {"level": {"type": ["string", "null"], "enum": [*t.enum_values, None]}},
            },
            **props,
        },
    }
    variants = {
        name: {
            "type": "object",
            "description": t.schema_description,
            "required": [t.discriminator],
            "properties": {t.discriminator: {"type": "string", "const": tag}},
        }
        for name, tag in zip(("Cat", "Dog"), t.tags, strict=True)
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Hostile API", "version": "1", "description": t.info_description},
        "servers": [{"url": "https://api.example.com/" + t.server_suffix}],
        "security": [{"bearer": []}],
        "paths": {
            "/things/{thing_id}/" + t.path_literal: {
                "get": {
                    "operationId": "getThing",
                    "tags": ["things"],
                    "summary": t.summary,
                    "description": t.description,
                    "parameters": [
                        {
                            "name": "thing_id",
                            "in": "path",
                            "required": True,
                            "description": t.param_description,
                            "schema": {"type": "string", "pattern": t.pattern},
                        },
                        {
                            "name": t.query_name,
                            "in": "query",
                            "description": t.param_description,
                            "example": t.param_example,
                            "schema": {"type": "string", "default": t.param_default},
                        },
                        {
                            "name": "level",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 9, "default": 3},
                        },
                    ],
                    "responses": {
                        "200": {"description": t.response_description, "content": json},
                        "404": {"description": t.response_description, "content": json},
                    },
                }
            },
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "tags": ["things"],
                    "summary": t.summary,
                    "requestBody": {"required": True, "content": json},
                    "responses": {"201": {"description": t.response_description, "content": json}},
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": t.description}},
            "schemas": {
                "Thing": thing,
                "Status": {"type": "string", "description": t.schema_description, "enum": list(t.enum_values)},
                "Pet": {
                    "description": t.schema_description,
                    "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                    "discriminator": {
                        "propertyName": t.discriminator,
                        "mapping": {
                            t.tags[0]: "#/components/schemas/Cat",
                            t.tags[1]: "#/components/schemas/Dog",
                        },
                    },
                },
                **variants,
            },
        },
    }


def render(document: dict[str, Any]) -> dict[str, str]:
    """The package's Python modules as the templates write them (black is not needed: it only
    reformats, and refuses to change an AST)."""
    api, _ = read_openapi(SourceDoc("hostile.yaml", document), SourceDoc("codegen.yaml", CONFIG))
    files = renderer.render_files(api)
    return {path: formatting.unmarked(text) for path, text in files.items() if path.endswith(".py")}


class _Constants(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant("S"), node)
        return node


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def identifiers(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.arg) or (isinstance(node, ast.keyword) and node.arg is not None):
            yield node.arg
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
        elif isinstance(node, ast.alias):
            yield from (part for part in (node.name, node.asname or "") if part)


def shape(tree: ast.Module) -> str:
    return ast.dump(_Constants().visit(tree), include_attributes=False)


def assert_same_shape(hostile: dict[str, str], harmless: dict[str, str]) -> None:
    """Every hostile module compiles, names only ASCII identifiers, and has the harmless
    module's AST once string constants are alike. (A module both render alike is compared by
    its text: the runtime modules print no spec text here.)"""
    assert sorted(hostile) == sorted(harmless)
    for path, source in hostile.items():
        if source == harmless[path] and not path.endswith(("models.py", "_client.py")) and "/resources/" not in path:
            continue
        tree = ast.parse(source, path)
        compile(tree, path, "exec")
        bad = {name for name in identifiers(tree) if not _IDENTIFIER.match(name)}
        assert not bad, f"{path}: identifiers that are not plain ASCII: {bad}"
        if source != harmless[path]:
            assert shape(tree) == shape(ast.parse(harmless[path], path)), f"{path}: spec text changed the code"


# -- strategies ------------------------------------------------------------------------------

_piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6))
text = st.lists(_piece, min_size=1, max_size=6).map("".join)


def _attribute(name: str) -> str | None:
    try:
        return attribute_name(name)
    except NameProblem:
        return None


_name = st.one_of(st.sampled_from(NAMES), text).filter(
    lambda n: _attribute(n) not in (None, *_CALL_ARGUMENTS, "fixed_id", "status", "pet", "nested")
)
_enum_value = st.one_of(st.sampled_from(FRAGMENTS), text)


@st.composite
def texts(draw: st.DrawFn) -> Texts:
    values = {
        item.name: draw(text)
        for item in fields(Texts)
        if item.name not in ("enum_values", "tags", "discriminator", "query_name", "property_names", "pattern")
    }
    enum_values = draw(st.lists(_enum_value, min_size=1, max_size=5, unique_by=enum_member_name))
    tags = draw(st.lists(text, min_size=2, max_size=2, unique=True))
    names = draw(st.lists(_name, min_size=1, max_size=6, unique_by=_attribute))
    discriminator = draw(_name.filter(lambda n: _attribute(n) not in {_attribute(x) for x in names}))
    query = draw(_name.filter(lambda n: _attribute(n) not in ("thing_id", "level")))
    values["path_literal"] = values["path_literal"].replace("{", "(").replace("}", ")")
    return Texts(
        **values,
        pattern=re.escape(draw(text)),
        enum_values=tuple(enum_values),
        tags=(tags[0], tags[1]),
        discriminator=discriminator,
        query_name=query,
        property_names=tuple(names),
    )


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(texts())
def test_hostile_text_only_changes_string_constants(t: Texts) -> None:
    harmless = plain(t)
    assume(all(enum_member_name(a) == enum_member_name(b) for a, b in zip(t.enum_values, harmless.enum_values, strict=True)))
    try:
        hostile_files = render(build(t))
    except SpecError as exc:  # only a name problem may stop it, never a crash
        pytest.fail(f"hostile text was refused: {exc}")
    assert_same_shape(hostile_files, render(build(harmless)))


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(texts())
def test_hostile_text_is_laid_out_as_black_lays_it_out(t: Texts) -> None:
    """Pieces the generator takes without black (``CODEGEN_FORMAT=layout``) are black's
    layout even when spec text is long, wide, tabbed or quoted: black formats every piece and
    each one taken as laid out is compared with it (:class:`formatting.LayoutMismatch`)."""
    try:
        api, _ = read_openapi(SourceDoc("hostile.yaml", build(t)), SourceDoc("codegen.yaml", CONFIG))
    except SpecError as exc:
        pytest.fail(f"hostile text was refused: {exc}")
    with formatting.Formatter(workers=0, format_policy="verify") as formatter:
        formatter.format_files(renderer.render_files(api))


# -- three worst cases through the command line, black, import and mypy --strict ----------


def _worst(kind: int) -> Texts:
    """Every fragment at once (0), the Python- and Jinja-like ones (1), the unicode and
    control ones (2), in every slot."""
    chosen = [
        FRAGMENTS,
        [f for f in FRAGMENTS if any(c in f for c in "{}%#()'\"\\:=") or "import" in f],
        [f for f in FRAGMENTS if any(ord(c) < 32 or ord(c) > 126 for c in f)],
    ][kind]
    blob = "".join(chosen)
    names = list(dict.fromkeys(n for n in NAMES if _attribute(n) not in (None, *_CALL_ARGUMENTS)))
    unique: dict[str | None, str] = {}
    for name in names:
        unique.setdefault(_attribute(name), name)
    values = {item.name: blob for item in fields(Texts)}
    values.update(
        enum_values=tuple(dict((enum_member_name(f), f) for f in chosen).values()),
        tags=(blob, blob[::-1]),
        discriminator="kind-of",
        query_name="q" + blob[:40],
        property_names=tuple(unique.values()),
        pattern=re.escape(blob),
        path_literal=blob.replace("{", "(").replace("}", ")"),
    )
    return Texts(**values)


@pytest.mark.parametrize("kind", [0, 1, 2], ids=["all", "code-and-templates", "unicode-and-control"])
def test_worst_case_renders_the_same_shape(kind: int) -> None:
    t = _worst(kind)
    assert_same_shape(render(build(t)), render(build(plain(t))))


def test_worst_cases_import_and_pass_mypy_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CODEGEN_FORMAT", "verify")  # and what is taken without black is black's
    out = tmp_path / "out"
    packages = []
    for kind in range(3):
        spec = tmp_path / f"hostile{kind}.yaml"
        spec.write_text(yaml.safe_dump(build(_worst(kind)), allow_unicode=True), encoding="utf-8")
        config = tmp_path / f"codegen{kind}.yaml"
        package = f"hostile{kind}_client"
        vendor = {"id": f"hostile{kind}", "package": package, "client": f"Hostile{kind}"}
        config.write_text(yaml.safe_dump({**CONFIG, "vendor": vendor}), encoding="utf-8")
        result = run_cli(["generate", "--spec", str(spec), "--config", str(config), "--out", str(out)], capsys)
        assert result.code == 0, result.err
        assert yaml.safe_load(spec.read_text(encoding="utf-8")) == build(_worst(kind))
        packages.append((out / f"hostile{kind}", package))
    for folder, package in packages:
        check_package(folder, package, mypy=False)
    # One mypy run for the three packages (each on its own path).
    import os
    import subprocess
    import sys

    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(folder) for folder, _ in packages)}
    args = [arg for _, package in packages for arg in ("-p", package)]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_hostile_title_and_version_stay_in_docstrings() -> None:
    t = _worst(0)
    document = build(t)
    document["info"] = {**document["info"], "title": '"""Title\\', "version": '1"""; import os'}
    harmless = build(plain(t))
    harmless["info"] = {**harmless["info"], "title": "x", "version": "x"}
    assert_same_shape(render(document), render(harmless))
