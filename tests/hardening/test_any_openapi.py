"""Any OpenAPI document, no config: ``codegen generate --spec PATH --out DIR [--name NAME]``.

The public Petstore documents (3.0 and 3.1, in ``fixtures/``) and a large generated document
(``bench/make_large_spec.py``: over 400 operations and 4 MB, with allOf, oneOf with and without
a discriminator, nullable fields, enums and nested inline objects) each give a package that
imports and passes ``mypy --strict``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from tests.hardening.conftest import FIXTURES, ROOT, check_package, run_cli


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_large_spec", ROOT / "bench" / "make_large_spec.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_large_spec", module)
    spec.loader.exec_module(module)
    return module


make_large_spec = _builder()


@pytest.mark.parametrize(
    ("version", "name", "package"),
    [
        ("3.0", None, "swagger_petstore_open_api_3_0_client"),
        ("3.1", "petstore", "petstore_client"),
    ],
)
def test_petstore_gives_an_importable_package_that_passes_mypy_strict(
    version: str, name: str | None, package: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["generate", "--spec", str(FIXTURES / f"petstore-{version}.yaml"), "--out", str(tmp_path)]
    result = run_cli(args + (["--name", name] if name else []), capsys)

    assert result.code == 0, result.err
    # What OpenAPI can say but a JSON client cannot: warnings, never errors.
    assert "error" not in result.err
    assert "oauth2 is read as a bearer token" in result.err
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    check_package(folder, package)


def test_petstore_names_need_no_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = FIXTURES / "petstore-3.0.yaml"
    assert run_cli(["generate", "--spec", str(spec), "--out", str(tmp_path), "--name", "pets"], capsys).code == 0
    package = tmp_path / "pets" / "pets_client"
    models = ast.parse((package / "models.py").read_text(encoding="utf-8"))
    classes = {node.name for node in models.body if isinstance(node, ast.ClassDef)}
    # `Tag` would hide pydantic's Tag in models.py: a name from someone else's document gets an
    # underscore, as attribute names do.
    assert {"Pet", "Tag_", "Category", "Order", "User", "ApiResponse", "Error"} <= classes
    assert sorted(p.stem for p in (package / "resources").glob("*.py")) == ["__init__", "pet", "store", "user"]
    user = (package / "resources" / "user.py").read_text(encoding="utf-8")
    # `username` is a path parameter and a field of the body: the body is one argument.
    assert "def update_user(\n        self,\n        username: str,\n        *,\n        body: models.User | None = None," in user
    # An array body is one argument too (it used to be sent as an empty object).
    assert "body: Sequence[models.User] | None = None," in user


def test_large_document_is_large() -> None:
    document = make_large_spec.build()
    text = make_large_spec.dump(document)
    assert make_large_spec.operation_count(document) >= 400
    assert len(text.encode()) >= 4_000_000
    assert make_large_spec.dump(make_large_spec.build()) == text, "the builder is not deterministic"
    schemas = json.dumps(document["components"]["schemas"])
    for construct in ('"allOf"', '"oneOf"', '"discriminator"', '"null"', '"enum"', '"additionalProperties"'):
        assert construct in schemas


@pytest.mark.slow
def test_large_document_gives_an_importable_package_that_passes_mypy_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "large.json"
    spec.write_text(make_large_spec.dump(make_large_spec.build()), encoding="utf-8")
    started = time.perf_counter()
    result = run_cli(["generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "--name", "large"], capsys)
    generated = time.perf_counter() - started
    assert result.code == 0, result.err
    # Its list operations page with a cursor the document makes plain: notes, nothing else.
    notes = result.err.splitlines()
    assert notes and all(": note: " in line and "inferred pagination {style: cursor" in line for line in notes)
    package = tmp_path / "out" / "large" / "large_client"
    resources = list((package / "resources").glob("*.py"))
    assert len(resources) > 60
    check_package(package.parent, "large_client", timeout=1800)
    print(f"large document: generated in {generated:.1f} s, checked in {time.perf_counter() - started - generated:.1f} s")
