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
    if len(inner) + len(body) <= LINE_LENGTH:
        return [head, inner + body, pad + close + suffix]
    lines = [head]
    for item in node.items:
        lines += _lines(item, indent + INDENT, ",")
    return [*lines, pad + close + suffix]


def annotated(name: str, annotation: str, default: Node | None, indent: int) -> str:
    """``name: annotation = default`` (a model field): a long default call is split first;
    a long annotation goes in parentheses of its own, as black does."""
    pad = " " * indent
    tail = "" if default is None else f" = {flat(default)}"
    line = f"{pad}{name}: {annotation}{tail}"
    if len(line) <= LINE_LENGTH:
        return line
    if isinstance(default, Group) and len(f"{pad}{name}: {annotation} = {default.head}(") <= LINE_LENGTH:
        return lay(Group(f"{name}: {annotation} = {default.head}", default.items), indent)
    end = "" if default is None else f" = {flat(default)}"
    return f"{pad}{name}: (\n{pad}{' ' * INDENT}{annotation}\n{pad}){end}"


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
