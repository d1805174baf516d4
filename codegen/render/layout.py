"""Laying out long calls and collections the way black will, before black sees them.

black stays the judge of every generated file (and is pinned); this module only saves it work.
black formats a module twice when its first pass changed anything, so a source that already
is black's output costs one pass instead of two, and splitting long lines is its slowest part.
The rules here are black's for the shapes templates print — a call, a subscript or a literal
whose items are plain text or shapes themselves:

- it fits on its line: one line;
- else the items on one line of their own between the brackets ("right-hand split");
- else one item per line, each laid out again, with a trailing comma.

When a guess is wrong, black corrects it and the output is the same; only time is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LINE_LENGTH = 100
INDENT = 4


@dataclass(frozen=True)
class Group:
    """``head`` + ``open`` + items + ``close``: ``f(a, b)``, ``{k: v}``, ``Union[A, B]``.

    ``one_tuple`` prints a single item with its comma (``("runs",)``)."""

    head: str
    items: tuple[Node, ...]
    brackets: str = "()"
    one_tuple: bool = False

    @property
    def display(self) -> bool:
        """A list, dict, set or tuple written out (``[a, b]``, ``x = {k: v}``, ``f(a=(b, c))``),
        not a call or subscript: its head does not end in a name or a closing bracket."""
        return not self.head or not (self.head[-1].isalnum() or self.head[-1] in "_)]")


Node = str | Group


def group(head: str, items: Sequence[Node], brackets: str = "()") -> Group:
    return Group(head, tuple(items), brackets)


def tuple_of(items: Sequence[Node]) -> Group:
    """A tuple literal: ``(a,)`` for one item, ``(a, b)`` for more."""
    return Group("", tuple(items), "()", one_tuple=len(items) == 1)


def flat(node: Node) -> str:
    if isinstance(node, str):
        return node
    inner = ", ".join(flat(item) for item in node.items)
    if node.one_tuple:
        inner += ","
    return f"{node.head}{node.brackets[0]}{inner}{node.brackets[1]}"


def lay(node: Node, indent: int = 0, suffix: str = "") -> str:
    """``node`` at ``indent`` columns followed by ``suffix`` (``","``, ``" = None"``), as
    lines without a final newline."""
    return "\n".join(_lines(node, indent, suffix))


def _lines(node: Node, indent: int, suffix: str) -> list[str]:
    pad = " " * indent
    one = pad + flat(node) + suffix
    if len(one) <= LINE_LENGTH or isinstance(node, str) or not node.items:
        return [one]
    open_, close = node.brackets[0], node.brackets[1]
    head = pad + node.head + open_
    inner = " " * (indent + INDENT)
    body = ", ".join(flat(item) for item in node.items) + ("," if node.one_tuple else "")
    # black keeps the items on one line of their own only in a call or subscript; a display of
    # several items it always writes one item per line.
    if len(inner) + len(body) <= LINE_LENGTH and not (node.display and len(node.items) > 1):
        return [head, inner + body, pad + close + suffix]
    if len(node.items) == 1 and not node.one_tuple and not node.head.startswith("def "):
        # one argument too long for a line of its own: black adds no comma after it (it
        # does in a signature), and lays the argument out in turn
        return [head, *_lines(node.items[0], indent + INDENT, ""), pad + close + suffix]
    lines = [head]
    for item in node.items:
        lines += _lines(item, indent + INDENT, ",")
    return [*lines, pad + close + suffix]


def union_members(annotation: str) -> list[str]:
    """The members of ``annotation``'s top-level ``|`` union (one member when it is not one),
    read past brackets and string literals (``Literal["a | b"]`` is one member)."""
    members, depth, quote, start, index = [], 0, "", 0, 0
    while index < len(annotation):
        char = annotation[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and annotation.startswith(" | ", index):
            members.append(annotation[start:index])
            start = index + 3
            index += 2
        index += 1
    return [*members, annotation[start:]]


def _parenthesizes(annotation: str) -> bool:
    """Whether black, splitting ``name: annotation``, puts the annotation in parentheses of its
    own: when it is a union, or an atom without brackets to split at instead."""
    return len(union_members(annotation)) > 1 or not any(c in annotation for c in "([{")


def annotated(name: str, annotation: str, default: Node | None, indent: int) -> str:
    """``name: annotation = default`` (a model field): a long default call is split first;
    a long annotation goes in parentheses of its own, as black does. Shapes black splits
    otherwise are printed on one line, for black to lay out."""
    pad = " " * indent
    tail = "" if default is None else f" = {flat(default)}"
    line = f"{pad}{name}: {annotation}{tail}"
    if len(line) <= LINE_LENGTH:
        return line
    if isinstance(default, Group) and len(f"{pad}{name}: {annotation} = {default.head}(") <= LINE_LENGTH:
        return lay(Group(f"{name}: {annotation} = {default.head}", default.items), indent)
    if default is not None and len(f"{pad}{name}: {annotation} = (") <= LINE_LENGTH:
        # black splits the right-hand side first: the default in parentheses of its own
        return f"{pad}{name}: {annotation} = (\n{lay(default, indent + INDENT)}\n{pad})"
    inside = _in_parentheses(annotation, indent + INDENT)
    if inside is None or not _parenthesizes(annotation):
        return line
    if default is None:
        end = f"{pad})"
    elif isinstance(default, Group):
        end = lay(
            Group(f") = {default.head}", default.items, default.brackets, default.one_tuple), indent
        )
    else:
        end = f"{pad}) = {default}"
    return f"{pad}{name}: (\n{inside}\n{end}"


def _in_parentheses(annotation: str, indent: int) -> str | None:
    """``annotation`` as black writes it inside parentheses of its own at ``indent``: on one
    line, else a union one member per line (``| B``); ``None`` when neither fits."""
    pad = " " * indent
    if indent + len(annotation) <= LINE_LENGTH:
        return pad + annotation
    members = union_members(annotation)
    if len(members) < 2 or any(indent + 2 + len(member) > LINE_LENGTH for member in members):
        return None
    return "\n".join([pad + members[0], *(f"{pad}| {member}" for member in members[1:])])


def parameter(name: str, annotation: str, default: str | None, indent: int) -> str:
    """``name: annotation = default,``, a parameter of a signature printed one per line: a
    long union annotation goes in parentheses of its own, as black does (other long
    annotations black leaves or splits otherwise: they are printed on one line)."""
    pad = " " * indent
    tail = "" if default is None else f" = {default}"
    line = f"{pad}{name}: {annotation}{tail},"
    inside = _in_parentheses(annotation, indent + INDENT)
    if len(line) <= LINE_LENGTH or inside is None or len(union_members(annotation)) < 2:
        return line
    return f"{pad}{name}: (\n{inside}\n{pad}){tail},"


def alias(name: str, annotation: str) -> str:
    """``name: TypeAlias = annotation``: a long union in parentheses, on one line of its own
    when it fits there, else one member per line, as black does."""
    line = f"{name}: TypeAlias = {annotation}"
    members = union_members(annotation)
    if len(line) <= LINE_LENGTH or len(members) < 2:
        return line
    inside = _in_parentheses(annotation, INDENT)
    return line if inside is None else f"{name}: TypeAlias = (\n{inside}\n)"


def typed_assign(name: str, annotation: Group, value: Group) -> str:
    """``name: annotation = value`` at the top level, both with brackets: split as
    :func:`assign` does when ``name: annotation = (`` fits, else inside the annotation's
    brackets, as black does."""
    line = f"{name}: {flat(annotation)} = {flat(value)}"
    if len(line) <= LINE_LENGTH:
        return line
    target = f"{name}: {flat(annotation)}"
    if len(f"{target} = (") <= LINE_LENGTH:
        return assign(target, value)
    body = ", ".join(flat(item) for item in annotation.items)
    head = f"{name}: {annotation.head}{annotation.brackets[0]}"
    if len(head) > LINE_LENGTH or INDENT + len(body) > LINE_LENGTH:
        return line
    tail = lay(Group(f"{annotation.brackets[1]} = {value.head}", value.items, value.brackets))
    return f"{head}\n{' ' * INDENT}{body}\n{tail}"


def class_line(name: str, base: str) -> str:
    """``class name(base):``; when too long, the base on a line of its own, as black does."""
    line = f"class {name}({base}):"
    if (
        len(line) <= LINE_LENGTH
        or INDENT + len(base) > LINE_LENGTH
        or len(f"class {name}(") > LINE_LENGTH
    ):
        return line
    return f"class {name}(\n{' ' * INDENT}{base}\n):"


def assign(target: str, value: Node, indent: int = 0) -> str:
    """``target = value``: split inside the value's brackets when its opening line fits, else
    the value goes in parentheses of its own, as black does with a long right-hand side."""
    pad = " " * indent
    line = f"{pad}{target} = {flat(value)}"
    if len(line) <= LINE_LENGTH or isinstance(value, str):
        return line
    if len(f"{pad}{target} = {value.head}{value.brackets[0]}") <= LINE_LENGTH:
        return lay(Group(f"{target} = {value.head}", value.items, value.brackets, value.one_tuple), indent)
    return f"{pad}{target} = (\n{lay(value, indent + INDENT)}\n{pad})"


def parenthesized(target: str, value: str, indent: int = 0) -> str:
    """``target = value`` for a value with no brackets of its own (a conditional expression):
    in parentheses on lines of their own when it is too long, as black does."""
    pad = " " * indent
    line = f"{pad}{target} = {value}"
    if len(line) <= LINE_LENGTH or len(pad) + INDENT + len(value) > LINE_LENGTH:
        return line  # too long either way: black lays it out
    return f"{pad}{target} = (\n{pad}{' ' * INDENT}{value}\n{pad})"


def from_import(module: str, names: Sequence[str]) -> str:
    """``from module import a, b``; when too long, one name per line, as black does."""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"from {module} import (", *(f"{' ' * INDENT}{name}," for name in names), ")"])
