"""Schema names never take the name of an exception the package exports."""

from __future__ import annotations

import pytest

from codegen.naming import EXCEPTION_NAMES, NameProblem, class_name


def test_a_derived_schema_name_that_is_an_exception_name_gets_a_body_suffix() -> None:
    assert class_name("RateLimitError", derived=True) == "RateLimitErrorBody"
    assert class_name("not_found_error", derived=True) == "NotFoundErrorBody"


def test_a_schema_name_written_in_our_format_that_is_an_exception_name_is_refused() -> None:
    with pytest.raises(NameProblem, match="try 'RateLimitErrorBody'"):
        class_name("RateLimitError")


def test_the_exception_names_are_the_ones_the_template_exports() -> None:
    from pathlib import Path

    template = (Path(__file__).parent.parent / "templates/package/pkg/_exceptions.py.jinja").read_text()
    assert all(f"class {name}(" in template for name in EXCEPTION_NAMES)
