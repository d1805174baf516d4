"""The runtime templates are plain Python, the same bytes in every package: they are kept in
black's own layout, so formatting them at generation time changes nothing."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from codegen.render.formatting import mode

PKG = Path(__file__).resolve().parents[2] / "templates" / "package" / "pkg"
STATIC = sorted(p for p in PKG.glob("_*.py.jinja") if "{{" not in p.read_text() and "{%" not in p.read_text())


def test_the_runtime_templates_are_found() -> None:
    assert {p.name for p in STATIC} >= {"_base_client.py.jinja", "_pagination.py.jinja", "_retry.py.jinja"}


@pytest.mark.parametrize("template", STATIC, ids=lambda p: p.name)
def test_a_runtime_template_is_already_in_blacks_layout(template: Path) -> None:
    source = template.read_text()
    assert black.format_str(source, mode=mode()) == source
