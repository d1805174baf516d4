"""The lowest versions of httpx and pydantic that the generated packages declare, as pins.

    python -m tests.floors.pins            # prints e.g. "httpx==0.27.0 pydantic==2.11.0"
    python -m tests.floors.pins --tools    # and the test tools, as the root pyproject pins them

``make test`` installs these (with the test tools) into ``.venv-floor`` and runs the client
tests there, so that a declared floor is tested, not guessed. Every package declares the same
floors (their runtime is the same); a package that declares other ones is an error here.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FLOORED = ("httpx", "pydantic")
TEST_TOOLS = ("pytest", "pytest-httpserver", "hypothesis", "anyio")
_FLOOR = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*>=\s*(?P<version>[0-9][0-9.]*)")


def declared_floors(pyproject: Path) -> dict[str, str]:
    """``{"httpx": "0.27.0", ...}``: the ``>=`` bound of each floored dependency, padded to
    three parts (``0.27`` is ``0.27.0``)."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    floors: dict[str, str] = {}
    for requirement in data["project"]["dependencies"]:
        match = _FLOOR.match(requirement)
        if match and match["name"].lower() in FLOORED:
            parts = match["version"].split(".")
            floors[match["name"].lower()] = ".".join(parts + ["0"] * (3 - len(parts)))
    missing = [name for name in FLOORED if name not in floors]
    if missing:
        raise SystemExit(f"{pyproject}: no lower bound for {', '.join(missing)}")
    return floors


def pins(root: Path = ROOT) -> list[str]:
    found = {p: declared_floors(p) for p in sorted((root / "generated").glob("*/pyproject.toml"))}
    if not found:
        raise SystemExit("no generated packages")
    distinct = {tuple(sorted(f.items())) for f in found.values()}
    if len(distinct) != 1:
        listing = "\n".join(f"  {p.parent.name}: {f}" for p, f in found.items())
        raise SystemExit(f"the packages declare different floors; one test venv cannot hold them:\n{listing}")
    return [f"{name}=={version}" for name, version in distinct.pop()]


def test_tools(root: Path = ROOT) -> list[str]:
    """The dev requirements the client tests need, as the root pyproject writes them."""
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = []
    for requirement in data["project"]["optional-dependencies"]["dev"]:
        name = re.split(r"[<>=~!\[ ]", requirement, maxsplit=1)[0].lower()
        if name in TEST_TOOLS:
            wanted.append(requirement.replace(" ", ""))
    return wanted


def check_installed() -> str:
    """That this interpreter has exactly the floor versions installed."""
    from importlib.metadata import version

    wrong = [p for p in pins() if version(p.split("==")[0]) != p.split("==")[1]]
    if wrong:
        raise SystemExit(f"this environment does not have the floor versions: {', '.join(wrong)}")
    return "floor versions installed: " + ", ".join(pins())


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        print(check_installed())
    else:
        found = pins() + (test_tools() if "--tools" in sys.argv[1:] else [])
        print(" ".join(f"'{r}'" for r in found))
    sys.exit(0)
