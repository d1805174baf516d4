"""The media fixture packages import and pass ``mypy --strict``, as the vendors' do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_media_packages_pass_mypy_strict(media_packages: dict[str, Path]) -> None:
    packages = [folder / f"{name}_client" for name, folder in media_packages.items()]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         *map(str, packages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"in {sum(1 for p in packages for _ in p.rglob('*.py'))} source files" in checked.stdout
