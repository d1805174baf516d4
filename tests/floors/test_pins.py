"""The floor pins come from what the generated packages declare."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.floors.pins import declared_floors, pins


def _package(root: Path, name: str, dependencies: list[str]) -> None:
    folder = root / "generated" / name
    folder.mkdir(parents=True)
    listed = ", ".join(f'"{d}"' for d in dependencies)
    (folder / "pyproject.toml").write_text(f'[project]\nname = "{name}"\ndependencies = [{listed}]\n')


def test_the_pins_are_the_lower_bounds_padded_to_three_parts(tmp_path: Path) -> None:
    _package(tmp_path, "a", ["httpx>=0.27,<1", "pydantic>=2.11,<3"])
    _package(tmp_path, "b", ["pydantic >= 2.11.0, <3", "httpx>=0.27.0"])
    assert pins(tmp_path) == ["httpx==0.27.0", "pydantic==2.11.0"]


def test_packages_that_disagree_on_a_floor_are_an_error(tmp_path: Path) -> None:
    _package(tmp_path, "a", ["httpx>=0.27,<1", "pydantic>=2.11,<3"])
    _package(tmp_path, "b", ["httpx>=0.28,<1", "pydantic>=2.11,<3"])
    with pytest.raises(SystemExit, match="different floors"):
        pins(tmp_path)


def test_a_dependency_without_a_lower_bound_is_an_error(tmp_path: Path) -> None:
    _package(tmp_path, "a", ["httpx", "pydantic>=2.11"])
    with pytest.raises(SystemExit, match="no lower bound for httpx"):
        declared_floors(tmp_path / "generated" / "a" / "pyproject.toml")


def test_the_generated_packages_declare_one_set_of_floors() -> None:
    assert [p.split("==")[0] for p in pins()] == ["httpx", "pydantic"]
