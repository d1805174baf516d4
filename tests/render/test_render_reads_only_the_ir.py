"""Rendering depends on the IR only: nothing under ``codegen/render`` imports a normalizer, so
a new input format never changes what templates see."""

from __future__ import annotations

import ast
from pathlib import Path

RENDER = Path(__file__).resolve().parents[2] / "codegen" / "render"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            package = ["codegen", "render"][: max(0, 3 - node.level)] if node.level else []
            base = ".".join([*package, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_no_render_module_imports_a_normalizer() -> None:
    modules = sorted(RENDER.glob("*.py"))
    assert modules
    for module in modules:
        imported = _imports(module)
        assert not any(name.startswith("codegen.normalize") for name in imported), module.name
