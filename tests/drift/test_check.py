"""``codegen check``: a fresh tree passes; each way a package goes stale is reported with its
reason; the tree is never written. Every test works on a tmp_path copy of specs/ and of a tree
generated from them, never on the real generated/."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen import pipeline
from codegen.cli import main
from codegen.pipeline import MANIFEST
from codegen.render import renderer
from tests.drift.conftest import BLACK_CACHE, ROOT, Cli

VENDORS = ("basedash", "files_com")
MODELS = "files_com_client/models.py"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """specs/ for two vendors and the tree the generator makes of them now. Generated, like
    every check below, from inside the tree with relative paths, as `make` does: the README
    names the spec by the path it was given."""
    root = tmp_path_factory.mktemp("pristine")
    for vendor in VENDORS:
        shutil.copytree(ROOT / "specs" / vendor, root / "specs" / vendor)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("CODEGEN_CACHE_DIR", BLACK_CACHE)
        assert main(["generate", "--specs", "specs", "--out", "generated"]) == 0
    return root


@pytest.fixture
def tree(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(pristine, tmp_path / "tree")
    monkeypatch.chdir(tmp_path / "tree")
    return tmp_path / "tree"


def check(cli: Cli, tree: Path, *extra: str) -> tuple[int, dict[str, dict[str, Any]]]:
    code, report = cli.json("check", "--specs", "specs", "--out", "generated", *extra)
    return code, {p["vendor"]: p for p in report["packages"]}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    } | {p.relative_to(folder).as_posix() + "/": "" for p in folder.rglob("*") if p.is_dir()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_freshly_generated_tree_is_up_to_date(cli: Cli, tree: Path) -> None:
    code, out, _ = cli("check", "--specs", "specs", "--out", "generated")
    assert code == 0
    assert out.splitlines() == ["basedash: up to date", "files_com: up to date"]


def test_a_hand_edit_is_reported_with_its_diff(cli: Cli, tree: Path) -> None:
    edit(tree / "generated" / "files_com" / MODELS, '"""ID."""', '"""ID (edited)."""')
    code, packages = check(cli, tree)
    assert code == 1
    files_com = packages["files_com"]
    assert files_com["reasons"] == ["edited by hand"]
    assert files_com["details"] == {"edited by hand": [f"{MODELS} (modified)"]}
    assert list(files_com["changed"]) == [MODELS]
    diff = files_com["changed"][MODELS]
    assert '-    """ID (edited)."""' in diff and '+    """ID."""' in diff
    assert packages["basedash"]["clean"] is True


def test_a_spec_change_is_reported(cli: Cli, tree: Path) -> None:
    edit(
        tree / "specs" / "files_com" / "spec.yaml", "description: ID.", "description: The run's ID."
    )
    code, packages = check(cli, tree)
    assert code == 1
    files_com = packages["files_com"]
    assert files_com["reasons"] == ["spec changed"]
    assert files_com["details"] == {"spec changed": ["files_com/spec.yaml"]}
    assert set(files_com["changed"]) == {MODELS, MANIFEST}


def test_a_hand_edit_and_a_spec_change_are_both_reported(cli: Cli, tree: Path) -> None:
    edit(
        tree / "specs" / "files_com" / "spec.yaml", "description: ID.", "description: The run's ID."
    )
    edit(tree / "generated" / "files_com" / "README.md", "Files.com", "Files dot com")
    code, out, _ = cli("check", "--specs", "specs", "--out", "generated")
    assert code == 1
    assert "files_com: stale (spec changed, edited by hand)" in out
    assert "  edited by hand: README.md (modified)" in out
    assert "  changed: README.md" in out


def test_a_deleted_generated_file_is_missing(cli: Cli, tree: Path) -> None:
    (tree / "generated" / "files_com" / "files_com_client" / "py.typed").unlink()
    code, packages = check(cli, tree)
    assert code == 1
    files_com = packages["files_com"]
    assert files_com["missing"] == ["files_com_client/py.typed"]
    assert files_com["changed"] == {}
    assert files_com["details"] == {"edited by hand": ["files_com_client/py.typed (deleted)"]}


def test_an_added_file_is_extra_but_tool_caches_are_not(cli: Cli, tree: Path) -> None:
    package = tree / "generated" / "basedash"
    (package / "NOTES.md").write_text("mine\n", encoding="utf-8")
    for cache in (
        ".mypy_cache/3.11/x.json",
        "basedash_client/__pycache__/x.pyc",
        "x.egg-info/PKG-INFO",
    ):
        (package / cache).parent.mkdir(parents=True, exist_ok=True)
        (package / cache).write_text("cache", encoding="utf-8")
    code, packages = check(cli, tree)
    assert code == 1
    assert packages["basedash"]["extra"] == ["NOTES.md"]
    assert packages["basedash"]["details"] == {"edited by hand": ["NOTES.md (added)"]}


@pytest.fixture
def edited_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The renderer reads a copy of the templates with one line added to the README's."""
    copy = tmp_path / "templates"
    shutil.copytree(renderer.TEMPLATES, copy)
    readme = copy / "package" / "README.md.jinja"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA line from an edited template.\n")
    monkeypatch.setattr(renderer, "TEMPLATES", copy)
    monkeypatch.setattr(renderer, "PACKAGE_TEMPLATES", copy / "package")
    monkeypatch.setattr(pipeline, "TEMPLATES", copy)
    renderer.environment.cache_clear()
    pipeline.templates_hash.cache_clear()
    yield copy
    monkeypatch.undo()
    renderer.environment.cache_clear()
    pipeline.templates_hash.cache_clear()


def test_a_template_change_is_reported(cli: Cli, tree: Path, edited_templates: Path) -> None:
    code, packages = check(cli, tree)
    assert code == 1
    for vendor in VENDORS:
        assert packages[vendor]["reasons"] == ["templates changed"]
        assert set(packages[vendor]["changed"]) == {"README.md", MANIFEST}
        assert "+A line from an edited template." in packages[vendor]["changed"]["README.md"]


def test_a_generator_change_is_reported(
    cli: Cli, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "generator_hash", lambda: "0" * 64)
    code, packages = check(cli, tree)
    assert code == 1
    assert packages["files_com"]["reasons"] == ["generator changed"]
    assert packages["files_com"]["details"] == {
        "generator changed": ["the generator's source changed"]
    }
    assert list(packages["files_com"]["changed"]) == [MANIFEST]


def test_other_output_from_the_same_generator_blames_a_dependency(cli: Cli, tree: Path) -> None:
    # The file and its recorded hash agree, so nobody edited it; yet the generator writes other text.
    package = tree / "generated" / "files_com"
    edit(package / MODELS, '"""ID."""', '"""ID!"""')
    manifest = json.loads((package / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][MODELS] = hashlib.sha256((package / MODELS).read_bytes()).hexdigest()
    (package / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    code, packages = check(cli, tree, "files_com")
    assert code == 1
    assert packages["files_com"]["reasons"] == ["generator changed"]
    assert (
        "the manifest explains no change"
        in packages["files_com"]["details"]["generator changed"][0]
    )


def test_a_package_never_generated_and_one_without_a_spec(cli: Cli, tree: Path) -> None:
    shutil.rmtree(tree / "generated" / "basedash")
    shutil.copytree(tree / "generated" / "files_com", tree / "generated" / "retired")
    code, packages = check(cli, tree)
    assert code == 1
    assert packages["basedash"]["reasons"] == ["not generated yet"]
    assert MANIFEST in packages["basedash"]["missing"]
    assert packages["retired"]["reasons"] == ["spec removed"]
    assert MANIFEST in packages["retired"]["extra"]


def test_json_report_shape(cli: Cli, tree: Path) -> None:
    code, report = cli.json("check", "--specs", "specs", "--out", "generated")
    assert code == 0
    assert report["clean"] is True
    assert [p["vendor"] for p in report["packages"]] == list(VENDORS)
    assert set(report["packages"][0]) == {
        "vendor",
        "clean",
        "reasons",
        "details",
        "missing",
        "extra",
        "changed",
        "errors",
    }


def test_check_never_writes_to_the_tree(
    cli: Cli, tree: Path, edited_templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated = tree / "generated"
    edit(generated / "files_com" / MODELS, '"""ID."""', '"""ID (edited)."""')
    (generated / "basedash" / "README.md").unlink()
    before = snapshot(generated)
    for fmt in ("text", "json"):
        code, _, _ = cli("check", "--specs", "specs", "--out", "generated", "--format", fmt)
        assert code == 1
    assert snapshot(generated) == before


def test_a_bad_spec_is_bad_input_and_every_other_vendor_is_still_checked(
    cli: Cli, tree: Path
) -> None:
    edit(tree / "specs" / "files_com" / "spec.yaml", "format: codegen-vendor/1", "format: nope")
    edit(tree / "generated" / "basedash" / "README.md", "# ", "# (edited) ", )
    code, out, err = cli("check", "--specs", "specs", "--out", "generated")
    assert code == 2
    assert "specs/files_com/spec.yaml:13: error: format: unknown format 'nope'" in err
    assert err.rstrip().endswith("codegen: 1 error")
    assert "nothing was written" not in err  # check never writes, so it never says so
    lines = out.splitlines()
    assert lines[0] == "basedash: stale (edited by hand)"
    assert "files_com: not checked: its spec has 1 error (on stderr)" in lines
    code, report = cli.json("check", "--specs", "specs", "--out", "generated")
    assert code == 2
    packages = {p["vendor"]: p for p in report["packages"]}
    assert packages["basedash"]["reasons"] == ["edited by hand"]
    assert packages["files_com"]["clean"] is False
    assert "unknown format 'nope'" in packages["files_com"]["errors"][0]


def test_a_bad_spec_alone_is_bad_input(cli: Cli, tree: Path) -> None:
    edit(tree / "specs" / "files_com" / "spec.yaml", "format: codegen-vendor/1", "format: nope")
    code, out, err = cli("check", "files_com", "--specs", "specs", "--out", "generated")
    assert code == 2
    assert out.splitlines() == ["files_com: not checked: its spec has 1 error (on stderr)",
                                "1 of 1 specs do not load: files_com"]
    assert "unknown format 'nope'" in err
