"""The generator never reports success for a package that does not work: constructs that used
to import with a ``NameError``, fail ``mypy --strict``, miss a model, overflow the parser or
end in a traceback give a package that imports, passes ``mypy --strict`` and validates; and a
package that would not compile is never written."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from codegen.cli import main
from codegen.render import renderer
from codegen.render.formatting import unmarked
from tests.hardening.conftest import check_package, run_cli, tree


def _nested_arrays(depth: int) -> dict[str, object]:
    schema: dict[str, object] = {"type": "string"}
    for _ in range(depth):
        schema = {"type": "array", "items": schema}
    return schema


DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "Working", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "tags": ["things"],
                "parameters": [
                    # check_length() used to get a Sequence where it took a list: mypy failed.
                    {"name": "ids", "in": "query",
                     "schema": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5}},
                    # `const` used to be a NameError: Literal was not imported.
                    {"name": "kind", "in": "query", "schema": {"const": "thing"}},
                    {"name": "limit", "in": "query", "schema": {"type": "number", "maximum": "INFINITY"}},
                ],
                "responses": {"200": {"description": "ok", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}}}},
            }
        }
    },
    "components": {
        "schemas": {
            "Holder": {
                "type": "object",
                "properties": {
                    "a": {"$ref": "#/components/schemas/A"},
                    "maybe": {"$ref": "#/components/schemas/Maybe"},
                    "deep": _nested_arrays(200),
                    "output": {"oneOf": [{"$ref": "#/components/schemas/B"},
                                         {"type": "object", "additionalProperties": True},
                                         {"type": "string"}]},
                    "mode": {"const": "fast"},
                },
            },
            # allOf cycle A → B → A: both models used to be missing.
            "A": {"allOf": [{"$ref": "#/components/schemas/B"},
                            {"type": "object", "properties": {"a": {"type": "string"}}}]},
            "B": {"allOf": [{"$ref": "#/components/schemas/A"},
                            {"type": "object", "properties": {"b": {"type": "integer"}}}]},
            # anyOf [self, null]: no class of its own, and it used to be referred to as one.
            "Maybe": {"anyOf": [{"$ref": "#/components/schemas/Maybe"}, {"type": "null"}]},
        }
    },
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, ModuleType]]:
    work = tmp_path_factory.mktemp("working")
    spec = work / "openapi.json"
    spec.write_text(json.dumps(DOCUMENT).replace('"INFINITY"', "1e999"), encoding="utf-8")
    code = main(["generate", "--spec", str(spec), "--out", str(work / "out")])
    assert code == 0
    folder = work / "out" / "working"
    sys.path.insert(0, str(folder))
    try:
        yield folder, "working_client", importlib.import_module("working_client.models")
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n.startswith("working_client")]:
            del sys.modules[name]


def test_the_package_imports_and_passes_mypy_strict(package: tuple[Path, str, ModuleType]) -> None:
    folder, name, _ = package
    check_package(folder, name)


def test_models_of_an_all_of_cycle_have_every_field(package: tuple[Path, str, ModuleType]) -> None:
    _, _, models = package
    assert set(models.A.model_fields) == {"a", "b"}
    assert set(models.B.model_fields) == {"a", "b"}
    holder = models.Holder.model_validate({"a": {"a": "x", "b": 1}, "maybe": {"anything": True}, "mode": "fast"})
    assert holder.a.b == 1 and holder.maybe == {"anything": True}


def test_a_mixed_union_validates_each_kind_of_value(package: tuple[Path, str, ModuleType]) -> None:
    _, _, models = package
    as_model = models.Holder.model_validate({"output": {"a": "x", "b": 2}}).output
    assert isinstance(as_model, models.B) and as_model.b == 2
    assert models.Holder.model_validate({"output": "a string"}).output == "a string"
    assert models.Holder.model_validate({"output": {"b": "not a number"}}).output == {"b": "not a number"}


def test_arrays_nested_too_deep_are_any_value_past_the_limit(package: tuple[Path, str, ModuleType]) -> None:
    folder, _, models = package
    source = (folder / "working_client" / "models.py").read_text(encoding="utf-8")
    assert "list[" * 32 + "Any" in source.replace(" ", "").replace("\n", "")
    value: object = {"anything": "at depth 32"}
    for _ in range(32):
        value = [value]
    assert models.Holder.model_validate({"deep": value}).deep == value


def test_warnings_say_what_was_degraded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(DOCUMENT).replace('"INFINITY"', "1e999"), encoding="utf-8")
    result = run_cli(["generate", "--spec", str(spec), "--out", str(tmp_path / "out")], capsys)
    assert result.code == 0
    messages = sorted(line.split(": warning: ", 1)[1] for line in result.err.splitlines())
    assert messages == [
        "components.schemas.A.allOf[0]: allOf comes back to 'B', which is being merged already; "
        "that member is left out",
        "components.schemas.B.allOf[0]: allOf comes back to 'A', which is being merged already; "
        "that member is left out",
        "components.schemas.Holder.properties.deep" + ".items" * 32 + ": types nest more than 32 "
        "levels deep here; the value is read as any value",
        "components.schemas.Maybe: this schema contains itself, but is not an object: the inner "
        "reference is read as any value",
        "paths./things.get.parameters[2].schema.maximum: maximum inf is no bound; it is ignored",
    ]
    assert result.out.splitlines() == [f"wrote {tmp_path / 'out' / 'working'}"]


def test_a_package_that_would_not_compile_is_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(DOCUMENT).replace('"INFINITY"', "1"), encoding="utf-8")
    out = tmp_path / "out"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "NOTES.md").write_text("ours\n")
    before = tree(out)
    real = renderer.iter_files
    models_lines = []

    def broken(api: object) -> Iterator[tuple[str, str]]:
        for path, text in real(api):  # type: ignore[arg-type]
            if path.endswith("/models.py"):
                # A module Python cannot parse though black can: too many nested brackets,
                # after the last of the parts it is compiled in.
                models_lines.append(unmarked(text).count("\n") + 2)
                text += "\nX = " + "[" * 250 + "]" * 250 + "\n"
            yield path, text

    monkeypatch.setattr(renderer, "iter_files", broken)
    monkeypatch.setenv("CODEGEN_CACHE_DIR", "")
    result = run_cli(["generate", "--spec", str(spec), "--out", str(out)], capsys)
    assert result.code == 2
    assert "wrote" not in result.out
    assert "error: (document): the generated package would not work: working_client/models.py:" in result.err
    assert f"working_client/models.py:{models_lines[0]}: too many nested parentheses" in result.err
    assert result.err.endswith("codegen: 1 error; nothing was written\n")
    assert tree(out) == before


def test_inline_objects_nested_too_deep_are_any_value_past_the_limit() -> None:
    from codegen.normalize.openapi import read_openapi
    from codegen.source import parse

    schema: dict[str, object] = {"type": "string"}
    for _ in range(150):
        schema = {"type": "object", "properties": {"p": schema}}
    document = {**DOCUMENT, "components": {"schemas": {"Holder": schema}}}
    document["paths"] = {"/deep": {"get": {"operationId": "getDeep", "responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}}}}}}}
    api, warnings = read_openapi(parse(json.dumps(document), "deep.json"), None)
    assert len(api.schemas) == 100  # Holder and 99 inline objects, the 100th level is any value
    assert [w.message for w in warnings] == [
        "schemas nest more than 100 levels deep here; the value is read as any value"
    ]
    assert warnings[0].path == ("components", "schemas", "Holder", *("properties", "p") * 100)
