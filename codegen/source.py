"""Reading YAML (and JSON) documents while remembering where every value stands.

:func:`load` returns a :class:`SourceDoc`: the plain data, plus the line of every mapping key
and sequence item, so a diagnostic can point at ``file:line`` for any path in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from codegen.errors import Diagnostic, Path, SpecError

try:  # libyaml is bundled in PyYAML's wheels; the pure-Python parser is the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class SourceDoc:
    """A loaded document: ``data`` plus the 1-based line of each path in it."""

    file: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    text: str = ""

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def diagnostic(
        self, path: Path, message: str, *, hint: str | None = None, level: str = "error"
    ) -> Diagnostic:
        return Diagnostic(
            level="warning" if level == "warning" else "error",
            file=self.file,
            line=self.line(path),
            path=path,
            message=message,
            hint=hint,
        )

    def error(self, path: Path, message: str, *, hint: str | None = None) -> SpecError:
        return SpecError([self.diagnostic(path, message, hint=hint)])


def _construct(node: yaml.Node, path: Path, lines: dict[Path, int], doc: str) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SpecError(
                    [
                        Diagnostic(
                            "error",
                            doc,
                            key_node.start_mark.line + 1,
                            path,
                            "YAML merge keys ('<<') are not supported",
                        )
                    ]
                )
            key = _scalar(key_node, doc, path)
            if not isinstance(key, str | int | bool) and key is not None:
                raise SpecError(
                    [
                        Diagnostic(
                            "error",
                            doc,
                            key_node.start_mark.line + 1,
                            path,
                            "mapping keys must be strings or numbers",
                        )
                    ]
                )
            # YAML reads `200:` as an int and `null:` as None: keep them as written text.
            text_key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key)
            child = (*path, text_key)
            if text_key in result:
                raise SpecError(
                    [
                        Diagnostic(
                            "error",
                            doc,
                            key_node.start_mark.line + 1,
                            child,
                            f"duplicate key {text_key!r}",
                        )
                    ]
                )
            lines[child] = key_node.start_mark.line + 1
            result[text_key] = _construct(value_node, child, lines, doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, (*path, index), lines, doc) for index, item in enumerate(node.value)
        ]
    return _scalar(node, doc, path)


_SCALAR_LOADER = _Loader("")


def _scalar(node: yaml.Node, doc: str, path: Path) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise SpecError(
            [Diagnostic("error", doc, node.start_mark.line + 1, path, "expected a plain value")]
        )
    return _SCALAR_LOADER.construct_object(node, deep=True)


def parse(text: str, file: str) -> SourceDoc:
    """Parse YAML or JSON text; a syntax error becomes a :class:`SpecError` with its line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SpecError([Diagnostic("error", file, line, (), f"YAML syntax error: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Diagnostic("error", file, None, (), f"YAML error: {exc}")]) from None
    lines: dict[Path, int] = {}
    data = None if node is None else _construct(node, (), lines, file)
    return SourceDoc(file=file, data=data, lines=lines, text=text)


def load(file: str) -> SourceDoc:
    try:
        with open(file, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise SpecError([Diagnostic("error", file, None, (), f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise SpecError([Diagnostic("error", file, None, (), "not UTF-8 text")]) from None
    return parse(text, file)
