"""Shared helpers: the CLI run in-process, and the paths of the real specs and fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from codegen.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "drift"
PAYLOADS = ROOT / "tests" / "fixtures" / "payloads"
# black's output cache, shared with `make generate` (content-addressed and gitignored), so
# that the tests which generate or check a tree do not format every file again.
BLACK_CACHE = str(ROOT / ".cache" / "codegen")


@pytest.fixture(autouse=True)
def _shared_black_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEGEN_CACHE_DIR", BLACK_CACHE)


class Cli:
    """``codegen`` run in-process: exit status, stdout and stderr."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def __call__(self, *argv: str | Path) -> tuple[int, str, str]:
        self._capsys.readouterr()
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = self._capsys.readouterr()
        return code, captured.out, captured.err

    def json(self, *argv: str | Path) -> tuple[int, Any]:
        code, out, err = self(*argv, "--format", "json")
        assert out, err
        return code, json.loads(out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)
