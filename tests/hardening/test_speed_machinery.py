"""The machinery that makes generation fast must not change a byte of what it generates.

- Formatting in pieces (``codegen.render.formatting.chunks``) gives black's output for the
  whole module, cut at every place it may cut.
- The modules our templates print are already what black makes of them (so black formats them
  once, not twice, and does not split lines): a template change that breaks this costs time.
- The build cache gives back the package, its warnings, and ``--strict`` behaviour, and a
  change of input misses it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from codegen import pipeline
from codegen.normalize import load_files, load_vendor
from codegen.render import formatting, renderer
from tests.hardening.conftest import FIXTURES, ROOT, run_cli, tree

VENDORS = sorted(p.name for p in (ROOT / "specs").iterdir() if p.is_dir())


def _rendered() -> list[dict[str, str]]:
    apis = [load_vendor(str(ROOT / "specs" / vendor)).api for vendor in VENDORS]
    apis.append(load_files((str(FIXTURES / "petstore-3.0.yaml"),), name="petstore").api)
    return [renderer.render_files(api) for api in apis]


@pytest.fixture(scope="module")
def rendered() -> list[dict[str, str]]:
    return _rendered()


def test_formatting_in_pieces_is_formatting_the_whole(rendered: list[dict[str, str]]) -> None:
    checked = 0
    unique = {text: path for files in rendered for path, text in files.items() if path.endswith(".py")}
    for text, path in unique.items():  # the runtime modules are alike from vendor to vendor
        pieces = formatting.chunks(text, size=1)  # cut wherever a cut is allowed
        if len(pieces) == 1:
            continue
        whole = formatting.format_source(formatting.unmarked(text))
        assert formatting.join(formatting.format_source(p) for p in pieces) == whole, path
        checked += 1
    assert checked >= 10


def test_chunks_only_cut_between_top_level_definitions() -> None:
    source = (
        'class A:\n    x = 1\n\n\nX = """\nclass Hidden:\n    pass\n"""\n\n\n'
        "class B:\n    y = 2\n\n\n# about C\nclass C:\n    z = 3\n\n\n@decorator\nclass D:\n    pass\n"
    )
    pieces = formatting.chunks(source, size=1)
    # Not before X (an assignment), not inside the string, not before B (after a statement
    # that is not a block), not between the comment and C; before D (after C's body).
    assert [p.split("\n", 1)[0] for p in pieces] == ["class A:", "@decorator"]
    assert formatting.join(formatting.format_source(p) for p in pieces) == formatting.format_source(source)


def test_our_templates_print_what_black_would(rendered: list[dict[str, str]]) -> None:
    for files in rendered:
        for path, text in files.items():
            if path.endswith("/models.py") or "/resources/" in path:
                source = formatting.unmarked(text)
                assert formatting.format_source(source) == source, f"{path} is not black's output"


def test_a_regeneration_with_nothing_changed_renders_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path / "cache"))
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    first = run_cli(["generate", "--specs", str(specs), "--out", str(tmp_path / "a")], capsys)
    assert first.code == 0

    def no_rendering(*args: object) -> None:
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr(pipeline, "_load", no_rendering)
    second = run_cli(["generate", "--specs", str(specs), "--out", str(tmp_path / "b")], capsys)
    assert second.code == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")

    # A changed input misses the cache (and is rendered).
    monkeypatch.undo()
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path / "cache"))
    spec = specs / "fabro" / "spec.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1), encoding="utf-8")
    loads: list[object] = []
    real_load = pipeline._load
    monkeypatch.setattr(pipeline, "_load", lambda *a: loads.append(a) or real_load(*a))
    assert run_cli(["generate", "--specs", str(specs), "--out", str(tmp_path / "c")], capsys).code == 0
    assert len(loads) == 1


def test_cached_warnings_are_reported_and_strict_still_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path / "cache"))
    spec = str(FIXTURES / "petstore-3.0.yaml")
    args = ["generate", "--spec", spec, "--out", str(tmp_path / "out"), "--name", "pets"]
    first = run_cli(args, capsys)
    assert first.code == 0 and "warning:" in first.err
    monkeypatch.setattr(pipeline, "_load", lambda *a: pytest.fail("not from the cache"))
    again = run_cli(args, capsys)
    assert again.code == 0
    assert again.err == first.err
    strict = run_cli([*args, "--strict"], capsys)
    assert strict.code == 2
    assert strict.err.replace(": error: ", ": warning: ").splitlines()[:-1] == first.err.splitlines()
