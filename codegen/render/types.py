"""IR types as Python source text, and spec text as safe Python literals.

Everything a spec says reaches generated code through these functions: types are built from
IR names (already checked identifiers), literals go through :func:`py` (``repr``), and prose
through :func:`doc`, which escapes it for a docstring. Nothing from a spec is ever pasted into
code as it stands.
"""

from __future__ import annotations

import math
import re
import sys
import textwrap
import unicodedata
from typing import Any, Literal

from codegen import ir
from codegen.render.formatting import width as columns
from codegen.render.layout import LINE_LENGTH

Mode = Literal["model", "input", "output", "upload"]

_PRIMITIVES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "date": "dt.date",
    "datetime": "dt.datetime",
    "any": "Any",
}


def py(value: Any) -> str:
    """A Python literal for a plain value (str, int, float, bool, None, or tuples of them).

    Strings are ``repr`` in the quotes black would choose: double quotes unless that needs
    more escapes than single ones (a string with more ``"`` than ``'`` in it), so that black
    keeps the literal as it is."""
    if isinstance(value, str):
        text = repr(value)
        if text[0] == '"':  # repr chose double quotes: there is a ' and no " inside
            return text
        if '"' not in value:  # no quote inside: single only by habit
            return '"' + text[1:-1] + '"'
        if value.count('"') > value.count("'"):
            return text
        # Both quotes inside, no more " than ': black prefers double quotes, escaping each ".
        return '"' + "".join('\\"' if c == '"' else repr(c)[1:-1] for c in value) + '"'
    if value is None or isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be written as a Python literal")
        return repr(value)
    if isinstance(value, tuple | list):
        inner = ", ".join(py(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    raise TypeError(f"no literal for {type(value).__name__}")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def inline(text: Any) -> str:
    """A name, title or URL mentioned inside docstring prose: :func:`doc` on one line (any run
    of whitespace, a line break included, becomes one space), never wrapped here: the line it
    stands in is wrapped as a whole, at its own indentation."""
    return doc(" ".join(str(text).split()), width=sys.maxsize)


def doc(
    text: Any,
    indent: int = 0,
    first: int | None = None,
    width: int = LINE_LENGTH,
    closes: bool = False,
) -> str:
    """Prose for a docstring: backslashes and quotes escaped, control characters dropped,
    long lines wrapped, continuation lines indented; it can never end the docstring early.

    Lines are wrapped so that each fits in ``width`` columns with room for closing quotes
    after it: continuation lines start at ``indent``, the first line at ``first`` (default:
    after an opening ``\"\"\"`` at ``indent``). A line that cannot be wrapped (one long
    word, such as a URL) stays long; when ``closes`` (the closing quotes follow the text) and
    such a line is the last of several, a line break and ``indent`` follow it, so that the
    quotes go on a line of their own, as black puts them; and text that ends in a quote gets a
    space after it, as black pads such a docstring (without ``closes`` the quote is escaped)."""
    if first is None:
        first = indent + 3
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text)).strip()
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    backslashes = len(value[:-1]) - len(value[:-1].rstrip("\\"))
    quoted_end = value.endswith('"') and backslashes % 2 == 0
    if quoted_end and not closes:
        # A final quote would run into closing quotes that may follow: escape it, unless it
        # already is (an odd number of backslashes before it; the text's own come in pairs).
        value = value[:-1] + '\\"'
    pad = " " * indent
    lines: list[str] = []
    room = width - 3  # the closing quotes may follow any line
    for line in value.split("\n"):
        line = line.rstrip()
        lead = line[: len(line) - len(line.lstrip())]
        start = first if not lines else indent
        if columns(line) + start > room and not line.lstrip().startswith(("```", "|")):
            shift = " " * (start - indent)
            wrapped = textwrap.wrap(
                line,
                width=max(room - indent, 40),
                initial_indent=shift,
                subsequent_indent=lead,
                break_long_words=False,
                break_on_hyphens=False,
            ) or [""]
            lines += [wrapped[0][len(shift):], *wrapped[1:]]
        else:
            lines.append(line)
    if quoted_end and closes:
        lines[-1] += " "  # as black pads a docstring ending in a quote: ``"x" """``
    prose = "\n".join(pad + line if line and i else line for i, line in enumerate(lines))
    if closes and len(lines) > 1 and len(pad + lines[-1]) + 3 > width:
        prose += "\n" + pad  # black counts characters here, not columns
    return prose


def type_source(ref: ir.TypeRef, mode: Mode = "model", api: ir.Api | None = None) -> str:
    """The annotation for ``ref``.

    ``model``: inside ``models.py``; ``output``: elsewhere, naming models through ``models.``;
    ``input``: a call argument, which accepts any sequence or mapping, and a plain string
    where an enum is expected; ``upload``: an argument that is a multipart field, where bytes
    are a file (content, or a filename and content type with it).
    """
    text = _bare(ref, mode, api)
    return f"{text} | None" if ref.nullable else text


def _bare(ref: ir.TypeRef, mode: Mode, api: ir.Api | None) -> str:
    kind = ref.kind
    if kind == "binary":
        return "FileTypes" if mode == "upload" else "bytes"
    if kind == "integer" and ref.string_encoded and mode not in ("input", "upload"):
        return "StrInt" if mode == "model" else "int"
    if kind in _PRIMITIVES:
        return _PRIMITIVES[kind]
    if kind == "literal":
        return f"Literal[{py(ref.literal)}]"
    if kind == "union":
        return " | ".join(type_source(variant, mode, api) for variant in ref.variants)
    if kind == "array":
        assert ref.items is not None
        inner = type_source(ref.items, mode, api)
        if mode in ("input", "upload"):
            return f"Sequence[{inner}]"
        return f"builtins.list[{inner}]" if mode == "output" else f"list[{inner}]"
    if kind == "map":
        assert ref.items is not None
        inner = type_source(ref.items, "input" if mode == "upload" else mode, api)
        if mode in ("input", "upload"):
            return f"Mapping[str, {inner}]"
        return f"builtins.dict[str, {inner}]" if mode == "output" else f"dict[str, {inner}]"
    assert ref.ref is not None
    name = ref.ref if mode == "model" else f"models.{ref.ref}"
    if mode in ("input", "upload") and api is not None and isinstance(api.schema(ref.ref), ir.EnumSchema):
        base = "int" if api.schema(ref.ref).base == "integer" else "str"  # type: ignore[union-attr]
        return f"{name} | {base}"
    return name


def refs_of(ref: ir.TypeRef | None) -> set[str]:
    """The schema names a type mentions."""
    if ref is None:
        return set()
    if ref.kind == "ref" and ref.ref is not None:
        return {ref.ref}
    found = refs_of(ref.items)
    for variant in ref.variants:
        found |= refs_of(variant)
    return found


def schema_refs(schema: ir.Schema) -> set[str]:
    if isinstance(schema, ir.ObjectSchema):
        found: set[str] = set()
        for field in schema.fields:
            found |= refs_of(field.type)
        return found | refs_of(schema.additional)
    if isinstance(schema, ir.UnionSchema):
        return {variant.ref for variant in schema.variants}
    if isinstance(schema, ir.AliasSchema):
        return refs_of(schema.type)
    return set()


def ordered_schemas(api: ir.Api) -> tuple[list[ir.Schema], list[str]]:
    """Schemas in an order that defines each before its first use, where cycles allow; and the
    models that refer forward (they need ``model_rebuild()`` once the module is loaded)."""
    by_name = {schema.name: schema for schema in api.schemas}
    order: list[ir.Schema] = []
    state: dict[str, int] = {}

    def visit(name: str) -> None:
        if state.get(name) or name not in by_name:
            return
        state[name] = 1
        for dep in sorted(schema_refs(by_name[name])):
            visit(dep)
        state[name] = 2
        order.append(by_name[name])

    for name in sorted(by_name):
        visit(name)
    order = _aliases_after_their_parts(order)
    position = {schema.name: index for index, schema in enumerate(order)}
    forward = [
        schema.name
        for schema in order
        if isinstance(schema, ir.ObjectSchema)
        and any(position.get(dep, -1) >= position[schema.name] for dep in schema_refs(schema))
    ]
    return order, forward


def _aliases_after_their_parts(order: list[ir.Schema]) -> list[ir.Schema]:
    """A union or alias is evaluated when the module loads, so what it names must be defined
    before it; a class is not (its annotations are resolved by ``model_rebuild()``). In a cycle
    through a class (``FilterGroup.and_`` → ``FilterGroupAndItem`` → ``FilterGroup``) the
    depth-first order can put the union first: move each such one after its last part."""
    result = list(order)
    for _ in range(len(result) ** 2 + 1):  # each move puts one later; a handful in practice
        position = {schema.name: index for index, schema in enumerate(result)}
        late = next(
            (
                schema
                for schema in result
                if isinstance(schema, ir.UnionSchema | ir.AliasSchema)
                and any(position.get(dep, -1) > position[schema.name] for dep in schema_refs(schema))
            ),
            None,
        )
        if late is None:
            break
        last = max(position.get(dep, -1) for dep in schema_refs(late))
        result.remove(late)
        result.insert(last, late)  # the removal moved the last part one place up
    return result
