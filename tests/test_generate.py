"""`codegen generate`: byte-identical output, and nothing written when any input is bad."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.cli import main

ROOT = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_two_generations_give_identical_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["generate", "--out", str(tmp_path / "first")]) == 0
    # The second run goes through another process, another hash seed and no format cache.
    env = {**os.environ, "PYTHONHASHSEED": "12345", "CODEGEN_CACHE_DIR": ""}
    subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--out", str(tmp_path / "second")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    first, second = tree(tmp_path / "first"), tree(tmp_path / "second")
    assert first == second
    assert first == tree(ROOT / "generated"), "generated/ is stale: run `make generate`"


def test_a_bad_spec_leaves_generated_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "specs"
    out = tmp_path / "generated"
    shutil.copytree(ROOT / "specs", specs)
    shutil.copytree(ROOT / "generated", out)
    spec = specs / "fabro" / "spec.yaml"
    spec.write_text(spec.read_text().replace("method: GET", "method: FETCH", 1))
    (specs / "basedash" / "openapi.yaml").write_text("openapi: 3.1.0\ninfo: [\n")
    before = tree(out)

    code = main(["generate", "--specs", str(specs), "--out", str(out)])

    assert code == 2
    assert tree(out) == before
    err = capsys.readouterr().err
    assert f"{specs / 'basedash' / 'openapi.yaml'}:3: error: (document): YAML syntax error" in err
    assert f"{spec}:" in err and "FETCH" in err
    assert "nothing was written" in err


def test_a_file_the_generator_did_not_write_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", out)
    notes = out / "fabro" / "NOTES.md"
    notes.write_text("ours\n")
    (out / "fabro" / "fabro_client" / "models.py").write_text("# edited\n")

    assert main(["generate", "--out", str(out)]) == 0

    assert notes.read_text() == "ours\n"
    assert (out / "fabro" / "fabro_client" / "models.py").read_bytes() == (
        ROOT / "generated" / "fabro" / "fabro_client" / "models.py"
    ).read_bytes()
