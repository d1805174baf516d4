"""Reading YAML (and JSON) documents while remembering where every value stands.

:func:`load` returns a :class:`SourceDoc`: the plain data, plus the line of every mapping key
and sequence item, so a diagnostic can point at ``file:line`` for any path in the document.
"""

from __future__ import annotations

import sys
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import yaml

from codegen.errors import Diagnostic, Path, SpecError

try:  # libyaml is bundled in PyYAML's wheels; the pure-Python parser is the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class SourceDoc:
    """A loaded document: ``data`` plus the 1-based line of each path in it.

    ``lines`` is worked out from ``text`` the first time a diagnostic asks (a valid document
    never needs it, and for a large one it is a large table)."""

    file: str
    data: Any
    lines: dict[Path, int] | None = None
    text: str = ""

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        if self.lines is None:
            self.lines = _Reader(self.text, self.file, lines=True).lines_of() if self.text else {}
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
            level="warning" if level == "warning" else "note" if level == "note" else "error",
            file=self.file,
            line=self.line(path),
            path=path,
            message=message,
            hint=hint,
        )

    def error(self, path: Path, message: str, *, hint: str | None = None) -> SpecError:
        return SpecError([self.diagnostic(path, message, hint=hint)])


# A document whose aliases expand to more values than this (or than its length in characters,
# whichever is more) is refused: a "billion laughs" must not hang the generator.
MIN_VALUE_LIMIT = 100_000
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _error(file: str, mark: Any, path: Path, message: str) -> SpecError:
    line = mark.line + 1 if mark is not None else None
    return SpecError([Diagnostic("error", file, line, path, message)])


def _short(value: str) -> str:
    """Short strings repeat ("string", "date-time", a $ref): keep one copy of each."""
    return sys.intern(value) if len(value) <= 64 else value


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


class _Frame:
    """A mapping or list being read: its value, its path, and (for a mapping) the key whose
    value comes next."""

    __slots__ = ("anchor", "key", "path", "size", "value")

    def __init__(self, value: dict[str, Any] | list[Any], path: Path, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.key: str | None = None
        self.size = 1  # values inside, aliases expanded: a "billion laughs" shows here


class _Reader:
    """Builds plain data and the line of every path from libyaml's event stream.

    Events, not a composed node tree: the tree of a 4 MB document costs several times the
    memory of the data and most of the time. Keys are kept as written (``200:`` is ``"200"``),
    aliases share the value of their anchor (an alias inside its own anchor is an error), and
    the values aliases expand to are counted against a limit."""

    def __init__(self, text: str, file: str, *, lines: bool = False) -> None:
        self.loader: Any = _Loader(text)  # the stubs type events as optional
        self.file = file
        self.record = lines
        self.lines: dict[Path, int] = {(): 1}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.limit = max(MIN_VALUE_LIMIT, len(text))
        self.total = 0

    def lines_of(self) -> dict[Path, int]:
        """The line of every path (the document has been read once already, without error)."""
        with suppress(SpecError, yaml.YAMLError):  # it was read without error the first time
            self.read()
        return self.lines

    def read(self) -> Any:
        loader = self.loader
        try:
            loader.get_event()  # stream start
            if loader.check_event(yaml.StreamEndEvent):
                return None
            loader.get_event()  # document start
            data = self._document()
            loader.get_event()  # document end
            if not loader.check_event(yaml.StreamEndEvent):
                event = loader.get_event()
                raise _error(self.file, event.start_mark, (), "expected a single document in the stream")
            return data
        finally:
            loader.dispose()

    def _scalar(self, event: Any, path: Path) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if event.implicit[1] or not event.implicit[0] or tag == "!":
                return _short(event.value)  # quoted, or a non-specific tag: a string
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return _short(event.value)
        if tag == _MERGE_TAG:
            raise _error(self.file, event.start_mark, path, "YAML merge keys ('<<') are not supported")
        construct = self.loader.yaml_constructors.get(tag)
        if construct is None or tag.endswith((":map", ":omap", ":pairs", ":set", ":seq")):
            raise _error(self.file, event.start_mark, path, f"YAML tag {tag!r} is not supported")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return construct(self.loader, node)
        except yaml.YAMLError as exc:  # a bad !!binary, !!timestamp, …
            problem = getattr(exc, "problem", None) or str(exc)
            raise _error(self.file, event.start_mark, path, f"YAML error: {problem}") from None
        except ValueError as exc:
            raise _error(self.file, event.start_mark, path, f"YAML error: {exc}") from None

    def _document(self) -> Any:
        loader, lines = self.loader, self.lines
        stack: list[_Frame] = []
        value: Any
        while True:
            event = loader.get_event()
            frame = stack[-1] if stack else None
            # Where this event's value goes.
            if frame is None:
                path: Path = ()
            elif isinstance(frame.value, dict):
                if frame.key is None:  # this event is a key
                    if not isinstance(event, yaml.ScalarEvent):
                        if isinstance(event, yaml.MappingEndEvent):
                            value = self._close(stack)
                            if stack:
                                continue
                            return value
                        raise _error(self.file, event.start_mark, frame.path, "mapping keys must be strings or numbers")
                    key = self._scalar(event, frame.path)
                    if not isinstance(key, str | int | bool) and key is not None:
                        raise _error(self.file, event.start_mark, frame.path, "mapping keys must be strings or numbers")
                    text = sys.intern(event.value)  # keys repeat: "type", "description"…
                    path = (*frame.path, text)
                    if text in frame.value:
                        raise _error(self.file, event.start_mark, path, f"duplicate key {text!r}")
                    if self.record:
                        lines[path] = _line(event)
                    frame.key = text
                    continue
                path = (*frame.path, frame.key)
            else:
                if isinstance(event, yaml.SequenceEndEvent):
                    value = self._close(stack)
                    if stack:
                        continue
                    return value
                path = (*frame.path, len(frame.value))
                if self.record:
                    lines.setdefault(path, _line(event))

            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event, path)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                size = 1
                self.total += 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor in self.open_anchors:
                    raise _error(self.file, event.start_mark, path, "a YAML alias refers to a value that contains it")
                if event.anchor not in self.anchors:
                    raise _error(self.file, event.start_mark, path, f"YAML alias *{event.anchor} has no anchor")
                value, size = self.anchors[event.anchor]
                self.total += size
                if self.total > self.limit:
                    raise _error(self.file, event.start_mark, path, f"YAML aliases expand to more than {self.limit:,} values")
            else:
                container: dict[str, Any] | list[Any]
                if isinstance(event, yaml.MappingStartEvent):
                    container = {}
                elif isinstance(event, yaml.SequenceStartEvent):
                    container = []
                else:  # pragma: no cover - libyaml sends nothing else here
                    raise _error(self.file, event.start_mark, path, f"unexpected YAML {type(event).__name__}")
                if self.record:
                    lines.setdefault(path, _line(event))
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(container, path, event.anchor))
                self.total += 1
                continue
            if frame is None:
                return value
            self._add(frame, value, size)

    def _add(self, frame: _Frame, value: Any, size: int) -> None:
        if isinstance(frame.value, dict):
            assert frame.key is not None
            frame.value[frame.key] = value
            frame.key = None
        else:
            frame.value.append(value)
        frame.size += size

    def _close(self, stack: list[_Frame]) -> Any:
        """End the innermost mapping or sequence: record its anchor, add it to its parent."""
        done = stack.pop()
        if done.anchor is not None:
            self.open_anchors.discard(done.anchor)
            self.anchors[done.anchor] = (done.value, done.size)
        if stack:
            self._add(stack[-1], done.value, done.size)
        return done.value


def parse(text: str, file: str) -> SourceDoc:
    """Parse YAML or JSON text; a syntax error becomes a :class:`SpecError` with its line."""
    reader = _Reader(text, file)
    try:
        data = reader.read()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SpecError([Diagnostic("error", file, line, (), f"YAML syntax error: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Diagnostic("error", file, None, (), f"YAML error: {exc}")]) from None
    return SourceDoc(file=file, data=data, text=text)


def load(file: str) -> SourceDoc:
    try:
        with open(file, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise SpecError([Diagnostic("error", file, None, (), f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise SpecError([Diagnostic("error", file, None, (), "not UTF-8 text")]) from None
    return parse(text, file)
