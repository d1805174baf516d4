"""Local references: JSON pointers into the document being read (``#/components/schemas/Tag``,
``#/components/schemas/Tag/allOf/0``, ``#/paths/~1pets/get/parameters/0``).

A pointer becomes the path of its target in the document, so a diagnostic at the target says
``components.schemas.Tag.allOf[0]`` and its line, like any other place.
"""

from __future__ import annotations

from typing import Any

from codegen.errors import Path

# Keys that only annotate a schema: beside a $ref they change nothing about the value.
ANNOTATIONS = frozenset(
    {
        "$ref",
        "$comment",
        "description",
        "summary",
        "title",
        "example",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "default",
        "externalDocs",
        "xml",
        "discriminator",
    }
)


def unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def pointer_parts(ref: str) -> list[str] | None:
    """The unescaped parts of a local pointer (``#/a/b~1c`` → ``["a", "b/c"]``), or ``None``
    for anything that is not a local JSON pointer."""
    if ref == "#":
        return []
    if not ref.startswith("#/"):
        return None
    return [unescape(part) for part in ref[2:].split("/")]


def resolve(data: Any, ref: str) -> tuple[Path, Any] | None:
    """The path and value a local pointer points at, or ``None`` when it points nowhere.
    List indices become ``int`` parts, as in every other path."""
    parts = pointer_parts(ref)
    if parts is None:
        return None
    node: Any = data
    path: list[str | int] = []
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
            path.append(int(part))
        else:
            return None
    return tuple(path), node


def lookup(data: Any, path: Path) -> Any:
    """The value at ``path``, or ``None``."""
    node = data
    for part in path:
        if isinstance(node, list):
            if not isinstance(part, int) or not 0 <= part < len(node):
                return None
            node = node[part]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def type_changing_siblings(schema: dict[str, Any]) -> list[str]:
    """The keys beside a ``$ref`` that would change the value it allows (not annotations,
    extensions or ``nullable``)."""
    return [
        key
        for key in schema
        if key not in ANNOTATIONS and key != "nullable" and not str(key).startswith("x-")
    ]
