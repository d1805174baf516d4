"""Pieces that fit are taken as the templates laid them out; black has the last word on the
rest, and ``CODEGEN_FORMAT=verify`` proves the templates' layout is black's."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.normalize import load_vendor
from codegen.render import formatting, renderer

ROOT = Path(__file__).resolve().parents[2]


def test_a_fitting_file_is_taken_as_it_is_and_black_mode_formats_it() -> None:
    source = "x = [1,2]\n"  # fits, but is not black's layout
    with formatting.Formatter(workers=0, format_policy="layout") as formatter:
        assert formatter.format_files({"a.py": source})["a.py"] == source
    with formatting.Formatter(workers=0, format_policy="black") as formatter:
        assert formatter.format_files({"a.py": source})["a.py"] == "x = [1, 2]\n"


def test_verify_mode_names_the_file_and_line_black_would_change() -> None:
    with (
        formatting.Formatter(workers=0, format_policy="verify") as formatter,
        pytest.raises(formatting.LayoutMismatch, match=r"pkg/a\.py: line 2"),
    ):
        formatter.format_files({"pkg/a.py": "y = 1\nx = [1,2]\n"})


def test_a_long_line_still_goes_through_black() -> None:
    items = ", ".join(f"item_{n}" for n in range(30))
    with formatting.Formatter(workers=0, format_policy="layout") as formatter:
        out = formatter.format_files({"a.py": f"x = [{items}]\n"})["a.py"]
    assert out.startswith("x = [\n    item_0,\n")


@pytest.mark.parametrize(
    ("line", "fits"),
    [
        ("x" * 100, True),
        ("x" * 101, False),
        ("界" * 51, False),  # wide characters count two columns, as black counts them
        ("x = 1 ", False),
        ('    path="/' + "a" * 120 + '",', True),  # a string black cannot shorten
        ('    path = "/' + "a" * 120 + '",', False),
        # a docstring's long line black leaves alone: inside it, or one docstring on one line
        ('def f():\n    """Summary.\n\n    https://' + "u" * 120 + '\n    """', True),
        ('"""Operations on ' + "r" * 120 + '."""', True),
        # ... but not the last line of several, when the quotes end it: black moves them
        ('def f():\n    """Summary.\n\n    https://' + "u" * 120 + '"""', False),
        # a long string that is not a statement of its own, or quotes a docstring starts with
        ('x = """' + "s" * 120 + '"""', False),
        ('""""Quoted," it says."""', False),
    ],
)
def test_fits(line: str, fits: bool) -> None:
    assert formatting.fits(line) is fits


def test_static_templates_render_to_their_own_text() -> None:
    api = load_vendor(str(ROOT / "specs" / "fabro")).api
    env = renderer.environment()
    context = renderer._context(api)
    static = [t for t in renderer.template_files() if renderer.static_text(t) is not None]
    assert len(static) >= 10
    for template in static:
        assert env.get_template(f"package/{template}").render(context) == renderer.static_text(template)


@pytest.mark.parametrize("vendor", sorted(p.name for p in (ROOT / "specs").iterdir() if p.is_dir()))
def test_every_vendor_is_laid_out_as_black_lays_it_out(vendor: str) -> None:
    api = load_vendor(str(ROOT / "specs" / vendor)).api
    with formatting.Formatter(workers=0, format_policy="verify") as formatter:
        formatter.format_files(renderer.render_files(api))  # raises LayoutMismatch if not


@pytest.mark.parametrize("vendor", sorted(p.name for p in (ROOT / "specs").iterdir() if p.is_dir()))
def test_no_piece_of_a_vendor_package_needs_black(vendor: str) -> None:
    api = load_vendor(str(ROOT / "specs" / vendor)).api
    with formatting.Formatter(workers=0, format_policy="layout") as formatter:
        formatter.format_files(renderer.render_files(api))
    assert formatter.pieces_formatted == 0


def test_a_misspelt_policy_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from codegen.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CODEGEN_FORMAT", "blakc")
    out = tmp_path / "out"
    assert main(["generate", "--out", str(out)]) == 2
    assert "CODEGEN_FORMAT must be one of layout, black, verify, not 'blakc'" in capsys.readouterr().err
    assert not out.exists()


def test_no_piece_of_the_benchmarks_large_document_needs_black(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document ``make bench`` scales to 800 operations (``bench/make_large_spec.py``),
    at its smallest size: every piece laid out by construction, so large cold runs never
    start black."""
    monkeypatch.setenv("CODEGEN_CACHE_DIR", "")
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import make_large_spec

    from codegen.normalize import load_files

    document = tmp_path / "openapi.json"
    document.write_text(make_large_spec.dump(make_large_spec.build(100)), encoding="utf-8")
    api = load_files((str(document),), name="large").api
    with formatting.Formatter(workers=0, format_policy="layout") as formatter:
        formatter.format_files(renderer.render_files(api))
    assert formatter.pieces_formatted == 0
