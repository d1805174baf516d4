"""Shared test set-up: the generated packages are importable as if installed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for package in sorted((ROOT / "generated").glob("*/*_client")):
    path = str(package.parent)
    if path not in sys.path:
        sys.path.insert(0, path)
