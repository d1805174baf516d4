"""The packages the tests generate from fixture specs (the example APIs, the media documents),
generated beforehand for the floor run, whose environment has no generator.

    python -m tests.floors.prebuilt DIR

With ``PREBUILT_PACKAGES=DIR`` set, the tests import them from ``DIR/examples`` and
``DIR/media`` instead of generating them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "PREBUILT_PACKAGES"


def folder(kind: str) -> Path | None:
    """Where the prebuilt packages of ``kind`` (``examples``, ``media``) are, if given."""
    given = os.environ.get(ENV)
    return Path(given) / kind if given else None


def build(out: Path) -> None:
    from tests.examples.build import generate as generate_examples
    from tests.runtime._media import generate as generate_media

    generate_examples(out / "examples")
    generate_media(out / "media")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m tests.floors.prebuilt DIR")
    build(Path(sys.argv[1]))
