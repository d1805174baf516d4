"""Client packages generated from the media fixtures (``tests/fixtures/media``): real
documents by Stripe, OpenAI and AssemblyAI, trimmed, and one spec in our own format. They are
generated once per test session, into a temporary folder, and imported like the vendors'."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "media"
DOCUMENTS = {
    "stripe": "stripe-customers.json",
    "openai": "openai-files-audio.json",
    "assemblyai": "assemblyai-files.json",
    "mediashop": "vendor-spec.yaml",
    "okfiles": "vendor-success.yaml",
}


def generate(out: Path) -> dict[str, Path]:
    """Generate every media package under ``out``; the folder of each (to import from)."""
    from codegen.cli import main

    folders: dict[str, Path] = {}
    for name, document in DOCUMENTS.items():
        args = ["generate", "--spec", str(FIXTURES / document), "--out", str(out)]
        if document.endswith(".json"):
            args += ["--name", name]
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(args)
        assert code == 0, err.getvalue()
        folders[name] = out / name
    return folders


def folders(out: Path) -> dict[str, Path]:
    """The folder of each media package generated under ``out`` before."""
    return {name: out / name for name in DOCUMENTS}


def install(folders: dict[str, Path]) -> None:
    for folder in folders.values():
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
