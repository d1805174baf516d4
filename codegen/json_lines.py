"""The line of every path of a JSON document, for diagnostics.

:func:`json.loads` reads the document; it keeps no positions. This scanner walks the same text
once more, token by token, only when a diagnostic needs a line (or to find where a duplicate
key stands). It trusts that the text is valid JSON.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any

from codegen.errors import Path

# A string, a structural character, or a run of anything else (a number, true, false, null).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)


class _Frame:
    __slots__ = ("is_map", "key", "keys", "path", "position")

    def __init__(self, path: Path, is_map: bool) -> None:
        self.path = path
        self.is_map = is_map
        self.key: Any = None  # the key whose value comes next; None while a key is expected
        self.keys: set[str] = set()
        self.position = 0  # the index of the next item of a list


def json_lines(text: str) -> tuple[dict[Path, int], tuple[Path, int] | None]:
    """The 1-based line of every mapping key and list item, and the first duplicate key (its
    path and line), if any."""
    newlines = [match.start() for match in re.finditer("\n", text)]
    lines: dict[Path, int] = {(): 1}
    stack: list[_Frame] = []

    def line(position: int) -> int:
        return bisect_right(newlines, position) + 1

    def value_path(position: int) -> Path:
        if not stack:
            return ()
        frame = stack[-1]
        if frame.is_map:
            return (*frame.path, frame.key)
        path = (*frame.path, frame.position)
        lines.setdefault(path, line(position))
        return path

    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        frame = stack[-1] if stack else None
        if first in "{[":
            stack.append(_Frame(value_path(match.start()), first == "{"))
        elif first in "}]":
            stack.pop()
        elif first == ",":
            if frame is not None and frame.is_map:
                frame.key = None
            elif frame is not None:
                frame.position += 1
        elif first == ":":
            continue
        elif frame is not None and frame.is_map and frame.key is None:
            key = json.loads(token)
            path = (*frame.path, key)
            if key in frame.keys:
                return lines, (path, line(match.start()))
            frame.keys.add(key)
            lines[path] = line(match.start())
            frame.key = key
        else:
            value_path(match.start())
    return lines, None
