"""Shared helpers for the hardening tests: the CLI run in-process, file trees, and importing
and type-checking a freshly generated package."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from codegen.cli import main

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"
FIXTURES = HERE / "fixtures"
# black's content-addressed output cache, shared with `make generate` (gitignored).
BLACK_CACHE = str(ROOT / ".cache" / "codegen")


@pytest.fixture(autouse=True)
def _shared_black_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CODEGEN_CACHE_DIR", BLACK_CACHE)
    yield


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    capsys.readouterr()
    code = main(args)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (bytes hashed), so a test can say nothing changed."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def check_package(folder: Path, package: str, *, mypy: bool = True, timeout: float = 900) -> None:
    """Import the package in a fresh interpreter and, with ``mypy``, type-check it strictly."""
    env = {**os.environ, "PYTHONPATH": str(folder), "PYTHONDONTWRITEBYTECODE": "1"}
    imported = subprocess.run(
        [sys.executable, "-c", f"import {package}, {package}.models; print({package}.__all__[:1])"],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert imported.returncode == 0, imported.stderr
    if mypy:
        checked = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, package],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: a test that takes tens of seconds (deselect with -m 'not slow')"
    )
