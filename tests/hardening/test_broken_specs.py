"""Broken specs of every kind: exit status 2, one message per problem naming the file, the line
and the path in the document, and the output folder left byte for byte as it was.

Each case is ``broken/<case>.yaml`` (an OpenAPI document, ``oa_*``, or a vendor spec, ``vs_*``),
with an optional ``broken/<case>.codegen.yaml``; ``broken/<case>.expected`` is the exact stderr
of ``codegen generate --spec`` with the temporary folder written ``<tmp>``. A first line
``# args: ...`` adds command-line arguments. A case whose stderr does not end with "nothing was
written" is valid input that must still generate (warnings only), and its package must import.

``UPDATE_SNAPSHOTS=1 pytest tests/hardening`` rewrites the ``.expected`` files; review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.hardening.conftest import BROKEN, ROOT, check_package, run_cli, tree

CASES = sorted(p.name[: -len(".yaml")] for p in BROKEN.glob("*.yaml") if not p.name.endswith(".codegen.yaml"))
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
PLACEHOLDER = "<tmp>"


def _args(spec_text: str) -> list[str]:
    first = spec_text.split("\n", 1)[0]
    return first.removeprefix("# args:").split() if first.startswith("# args:") else []


def _generate(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    work = tmp_path / "work"
    work.mkdir()
    spec = work / f"{case}.yaml"
    shutil.copyfile(BROKEN / f"{case}.yaml", spec)
    args = ["generate", "--spec", str(spec), "--out", str(tmp_path / "out")]
    config = BROKEN / f"{case}.codegen.yaml"
    if config.exists():
        shutil.copyfile(config, work / "codegen.yaml")
        args += ["--config", str(work / "codegen.yaml")]
    args += _args(spec.read_text(encoding="utf-8"))
    result = run_cli(args, capsys)
    return result.code, result.err.replace(str(work), PLACEHOLDER), tmp_path / "out"


def test_every_case_has_a_snapshot() -> None:
    snapshots = {p.name[: -len(".expected")] for p in BROKEN.glob("*.expected")}
    assert len(CASES) >= 60
    assert snapshots == set(CASES) or UPDATE, "cases and .expected files differ"


@pytest.mark.parametrize("case", CASES)
def test_broken_spec_message(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    # An output folder with a previous package and a file of the user's: neither may change.
    shutil.copytree(ROOT / "generated" / "basedash", out / "basedash")
    (out / "notes").mkdir()
    (out / "notes" / "NOTES.md").write_text("ours\n")
    before = tree(out)

    code, err, _ = _generate(case, tmp_path, capsys)

    assert "Traceback" not in err
    expected_file = BROKEN / f"{case}.expected"
    if UPDATE:
        expected_file.write_text(err, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    assert err == expected
    if err.endswith("nothing was written\n"):
        assert code == 2
        assert tree(out) == before
    else:
        assert code == 0
        assert err, "a case without errors must at least warn"
        for line in err.splitlines():
            assert line.startswith(f"{PLACEHOLDER}/{case}.yaml:") and ": warning: " in line, line


def test_every_error_names_file_line_and_path(capsys: pytest.CaptureFixture[str]) -> None:
    """``<file>:<line>: error: <path>: <message>`` for every error of every snapshot."""
    for case in CASES:
        for line in (BROKEN / f"{case}.expected").read_text(encoding="utf-8").splitlines():
            if line.startswith("codegen: "):
                assert line.endswith("nothing was written"), (case, line)
                continue
            where, _, rest = line.partition(": ")
            file, _, number = where.rpartition(":")
            assert file.startswith(f"{PLACEHOLDER}/"), (case, line)
            assert number.isdigit(), (case, line)
            level, _, rest = rest.partition(": ")
            assert level in ("error", "warning"), (case, line)
            assert rest.partition(": ")[2], (case, line)


def test_warnings_only_case_generates_an_importable_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, out = _generate("oa_warn_unsupported_constructs", tmp_path, capsys)
    assert code == 0
    check_package(out / "broken", "broken_client", mypy=False)
