"""The layout rules (``codegen/render/layout.py``) against black itself.

Each rule prints one shape of statement the way black would; black is the oracle. Every shape
is printed at many lengths, across each threshold where black changes its mind (fits on one
line; the opening line fits; the content fits on a line of its own; a union's members fit one
per line): whenever the rule's output is taken without black (:func:`formatting.fits`), it
must be exactly what black makes of the same statement written on one line.
"""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.render import formatting, layout, types

black = pytest.importorskip("black")
MODE = black.Mode(target_versions={black.TargetVersion.PY311}, line_length=layout.LINE_LENGTH)
LENGTHS = range(4, 120, 3)


def name(length: int, stem: str = "Name") -> str:
    return (stem + "X" * length)[:length] if length >= len(stem) else stem[:length]


def check(source: str, ours: str, wrapper: tuple[str, str] = ("", "")) -> bool:
    """Whether ``ours`` is taken as laid out; if so it must be black's ``source``. ``wrapper``
    puts both inside a block (a class or a signature), cut off again after black."""
    before, after = wrapper
    piece = before + ours + after
    if not formatting.fits(piece):
        return False
    assert black.format_str(before + source + after, mode=MODE) == piece
    return True


def test_annotated_model_fields() -> None:
    taken = 0
    for length in LENGTHS:
        for annotation in (
            f"models.{name(length, 'Model')}",
            f"{name(length // 2, 'Alpha')} | {name(length // 2, 'Beta')} | None",
            f"list[{name(length, 'Item')}] | None",
            f"Sequence[{name(length, 'Item')}]",
            f"{name(length // 3, 'A')} | {name(length // 3, 'B')} | {name(length // 3, 'C')} | str | None",
        ):
            for default in (
                None,
                "None",
                layout.group("Field", ["default=None", f'alias="{name(length // 3, "wire")}"']),
                layout.group("Field", [f'"{name(length, "x")}"']),
            ):
                ours = layout.annotated("field_name", annotation, default, 4)
                tail = "" if default is None else f" = {layout.flat(default)}"
                taken += check(f"    field_name: {annotation}{tail}\n", ours + "\n", ("class A:\n", ""))
    assert taken > 400  # most shapes are laid out, not left to black


def test_parameters() -> None:
    taken = 0
    for length in LENGTHS:
        for annotation in (
            f"models.{name(length, 'Model')}",
            f"{name(length // 2, 'Alpha')} | {name(length // 2, 'Beta')} | None",
            f"Sequence[{name(length // 2, 'Item')} | str] | None",
            f'Literal["{name(length // 3, "a")}"] | Literal["{name(length // 3, "b")}"] | None',
        ):
            for default in (None, "None", "NOT_GIVEN"):
                ours = layout.parameter("parameter_name", annotation, default, 8)
                tail = "" if default is None else f" = {default}"
                signature = ("class A:\n    def f(\n        self,\n        *,\n", "    ) -> None:\n        pass\n")
                taken += check(f"        parameter_name: {annotation}{tail},\n", ours + "\n", signature)
    assert taken > 200


def test_type_aliases() -> None:
    taken = 0
    for length in LENGTHS:
        for count in (2, 3, 6):
            annotation = " | ".join(f"models.{name(length // count + 4, 'Error')}{n}" for n in range(count))
            ours = layout.alias("ErrorBody", annotation)
            taken += check(f"ErrorBody: TypeAlias = {annotation}\n", ours + "\n")
    assert taken > 80


def test_typed_assignments_of_results() -> None:
    taken = 0
    for length in LENGTHS:
        for target in (f"_{name(length // 2, 'LIST')}_RESULT", "_GET_RESULT"):
            for tp in (f"models.{name(length, 'Response')}", f"builtins.list[models.{name(length, 'Item')}]"):
                annotation = layout.group("_request.Result", [tp], "[]")
                value = layout.group("_request.Result", [tp])
                ours = layout.typed_assign(target, annotation, value)
                source = f"{target}: _request.Result[{tp}] = _request.Result({tp})\n"
                taken += check(source, ours + "\n")
    assert taken > 100


def test_class_lines() -> None:
    taken = 0
    for length in range(60, 120):
        ours = layout.class_line(name(length, "Model"), "ApiModel")
        taken += check(f"class {name(length, 'Model')}(ApiModel):\n    x: int\n", ours + "\n    x: int\n")
    assert taken > 30


def test_calls_in_a_lambda_of_a_returned_call() -> None:
    """``return AsyncPager(lambda: self._client.get_page(...))``: the lambda's call is split
    like any other call, inside the single argument of the outer one."""
    taken = 0
    for length in LENGTHS:
        items = ["request", f"_{name(length, 'LIST')}_ITEMS", f"_{name(length, 'LIST')}_RESULT", "options"]
        inner = layout.group("lambda: self._client.get_page", items)
        ours = layout.lay(layout.group("return AsyncPager", [inner]), 8)
        source = f"        return AsyncPager({layout.flat(inner)})\n"
        taken += check(source, ours + "\n", ("def f():\n    if x:\n", ""))
    assert taken > 20


def test_displays_of_several_items_are_one_item_per_line() -> None:
    for count in range(2, 12):
        items = [f'"{name(12, "Resource")}{n}"' for n in range(count)]
        ours = layout.assign("__all__", layout.group("", items, "[]"))
        check(f"__all__ = [{', '.join(items)}]\n", ours + "\n")
        call = layout.lay(layout.group("f", items))
        check(f"f({', '.join(items)})\n", call + "\n")


def test_union_members_read_past_brackets_and_strings() -> None:
    assert layout.union_members('Literal["a | b"] | dict[str, int | None] | None') == [
        'Literal["a | b"]',
        "dict[str, int | None]",
        "None",
    ]
    assert layout.union_members("str") == ["str"]
    assert layout.union_members("Literal['\\' | ']") == ["Literal['\\' | ']"]


@pytest.mark.parametrize(
    "text",
    [
        'Error message, e.g. "Stage \'apply-changes\' exceeded maximum retries."',
        '"Quoted" at both ends, then a quote at the end: "done"',
        'A backslash before the final quote \\"',
        'A quote "',
    ],
)
def test_docstrings_that_end_in_a_quote(text: str) -> None:
    """The closing quotes of a docstring (a class's, where black pads a final quote, and an
    attribute's, which black leaves alone) follow text ending in a quote: at every length the
    layout is black's and is taken as it is, unless a line of it is left for black."""
    taken = 0
    for length in LENGTHS:
        prose = f"{name(length, 'Word')} {text}"
        for before, indent in (("class A:\n    ", 4), ("class A:\n    x: int\n    ", 4), ("", 0)):
            ours = f'{before}"""{types.doc(prose, indent, closes=True)}"""\n'
            if formatting.fits(ours):
                assert black.format_str(ours, mode=MODE) == ours
                taken += 1
    assert taken > len(LENGTHS)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(["'", '"', "\\", "\n", "a", " ", "é", "\x00", "\u3000"]), max_size=12))
def test_string_literals_are_in_blacks_quotes(value: str) -> None:
    """A literal is the string it stands for, in the quotes black chooses: black keeps it."""
    literal = types.py(value)
    assert ast.literal_eval(literal) == value
    source = f"x = {literal}\n"
    assert black.format_str(source, mode=MODE) == source
