"""The example packages, generated from the spec files beside this file: once per test
session (``conftest.py``), or beforehand for the floor run (``tests/floors/prebuilt.py``)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = {
    "github_actions": ["--spec", str(HERE / "github_actions" / "spec.yaml")],
    "stripe_charges": ["--spec", str(HERE / "stripe_charges" / "spec.yaml")],
    "slack_conversations": ["--spec", str(HERE / "slack_conversations" / "spec.yaml")],
    "drf_inventory": [
        "--spec", str(HERE / "drf_list" / "openapi.yaml"),
        "--config", str(HERE / "drf_list" / "codegen.yaml"),
    ],
    # A published document, trimmed (intercom_me/README.md): a header parameter with a default.
    "intercom": ["--spec", str(HERE / "intercom_me" / "openapi.yaml"), "--name", "intercom"],
}


def generate(out: Path) -> None:
    """Generate the example packages into ``out``."""
    from codegen.cli import main

    for args in EXAMPLES.values():
        if main(["generate", *args, "--out", str(out)]) != 0:
            raise SystemExit(f"could not generate the example package from {args[1]}")
