"""The example packages are ordinary generated packages: they import and pass mypy --strict,
and so does user code reading their typed page state (``typing/``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.examples.build import EXAMPLES
from tests.hardening.conftest import check_package

USER_CODE = Path(__file__).resolve().parent / "typing"


def test_example_packages_pass_mypy_strict(example_packages: Path) -> None:
    for name in EXAMPLES:
        check_package(example_packages / name, f"{name}_client", mypy=False)
    # One mypy run over the packages, as a user's project would hold them.
    folders = [str(example_packages / name) for name in EXAMPLES]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         *[str(example_packages / name / f"{name}_client") for name in EXAMPLES],
         *sorted(str(path) for path in USER_CODE.glob("*.py"))],
        env={**os.environ, "MYPYPATH": os.pathsep.join(folders)},
        cwd=folders[0],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
