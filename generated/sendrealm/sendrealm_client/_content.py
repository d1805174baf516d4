"""Request bodies other than plain JSON: forms, multipart, bytes, files and text, encoded
as the API document says (OpenAPI's ``style``/``explode`` and part content types).

Each helper returns a :class:`Content`, which says what :class:`httpx.Request` takes; nothing
here sends anything, so the sync and async clients share it. A file object is read in chunks
as it is sent, by either client, and from its start position again on a retry or a redirect.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath
from typing import IO, Any, Literal
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel

from ._request import param_text
from ._types import FileContent

FormStyle = Literal["form", "spaceDelimited", "pipeDelimited", "deepObject"]
FormField = tuple[str, Any] | tuple[str, Any, FormStyle] | tuple[str, Any, FormStyle, bool]
"""``(wire name, value)``, optionally with a style and whether it explodes (default: form,
exploded)."""
Part = (
    tuple[str, Any]
    | tuple[str, Any, str | None]
    | tuple[str, Any, str | None, FormStyle]
    | tuple[str, Any, str | None, FormStyle, bool]
)
"""``(wire name, value)``, optionally with the part's content type, and a style when the value
is spread over form names (``name[key]``), one text part each, instead of making one part."""
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
_CHUNK = 64 * 1024


class Content:
    """A request body other than plain JSON, as :class:`httpx.Request` takes it."""

    @property
    def replayable(self) -> bool:
        """Whether the body can be sent again, whole, after it has been read once (for a retry
        or a redirect). A stream that cannot seek back cannot: such a request is retried only
        when the connection failed before anything was read."""
        return True

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments of :class:`httpx.Request` (``content``, ``stream`` or ``files``)."""
        raise NotImplementedError

    def headers(self) -> dict[str, str]:
        raise NotImplementedError


@dataclass(frozen=True)
class BytesContent(Content):
    data: bytes
    content_type: str

    def arguments(self) -> dict[str, Any]:
        return {"content": self.data}

    def headers(self) -> dict[str, str]:
        return {"Content-Type": self.content_type}


class FileContentStream(Content):
    """A file object sent in chunks. Each attempt starts where the file stood when the call
    was made; a file that cannot seek back can be sent once only."""

    def __init__(self, file: IO[bytes], content_type: str) -> None:
        self.file = file
        self.content_type = content_type
        self.start: int | None = None
        self.length: int | None = None
        self.sent = False
        if _seekable(file):
            self.start = file.tell()
            self.length = file.seek(0, io.SEEK_END) - self.start
            file.seek(self.start)

    @property
    def replayable(self) -> bool:
        return self.start is not None

    def arguments(self) -> dict[str, Any]:
        return {"stream": _FileStream(self)}

    def headers(self) -> dict[str, str]:
        if self.length is None:
            return {"Content-Type": self.content_type, "Transfer-Encoding": "chunked"}
        return {"Content-Type": self.content_type, "Content-Length": str(self.length)}

    def chunks(self) -> Iterator[bytes]:
        if self.start is not None:
            self.file.seek(self.start)
        elif self.sent:
            raise httpx.StreamConsumed()
        self.sent = True
        while chunk := self.file.read(_CHUNK):
            yield chunk


class _FileStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """One attempt's stream over a :class:`FileContentStream`, for either client."""

    def __init__(self, content: FileContentStream) -> None:
        self._content = content

    def __iter__(self) -> Iterator[bytes]:
        yield from self._content.chunks()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._content.chunks():
            yield chunk


@dataclass(frozen=True)
class MultipartContent(Content):
    """``multipart/form-data``; httpx writes the boundary, and streams file objects."""

    parts: tuple[tuple[str, tuple[str | None, FileContent, str | None]], ...]

    @property
    def replayable(self) -> bool:
        # httpx reads a file part again from its start, and a pipe has no start to go back to.
        return all(
            isinstance(content, bytes) or _seekable(content) for _, (_, content, _) in self.parts
        )

    def arguments(self) -> dict[str, Any]:
        return {"files": list(self.parts)}

    def headers(self) -> dict[str, str]:
        return {}


def _seekable(file: IO[bytes]) -> bool:
    try:
        return bool(file.seekable())
    except (AttributeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    """A model as the JSON it stands for (wire names, no unset fields); an enum as its value."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, Enum):
        return value.value
    return value


def _json(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    """A form value as text: scalars as parameters are sent, anything nested as JSON."""
    value = _plain(value)
    if isinstance(value, Mapping | list | tuple):
        return json.dumps(_json(value), separators=(",", ":"))
    return param_text(value)


def _container(value: Any) -> bool:
    return isinstance(value, Mapping | list | tuple)


def _deep(name: str, value: Any) -> list[tuple[str, str]]:
    """deepObject, nested: ``name[key]=value``, ``name[key][inner]=value``, ``name[]=item``,
    and ``name[0][key]=value`` for a list of objects."""
    value = _plain(value)
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [pair for key, item in value.items() for pair in _deep(f"{name}[{key}]", item)]
    if isinstance(value, list | tuple):
        items = [_plain(item) for item in value if item is not None]
        if any(_container(item) for item in items):
            return [
                pair for index, item in enumerate(items) for pair in _deep(f"{name}[{index}]", item)
            ]
        return [(f"{name}[]", _text(item)) for item in items]
    return [(name, _text(value))]


def form_pairs(
    name: str, value: Any, style: FormStyle = "form", explode: bool = True
) -> list[tuple[str, str]]:
    """One field as form names and values; ``None`` (here or nested) is left out.

    ``form``: ``name=value``; a list repeats the name (``name=a,b`` when not exploded); an
    object gives its own keys (``key=value``; ``name=key,value`` when not exploded).
    ``spaceDelimited`` / ``pipeDelimited``: list items joined. ``deepObject``: see
    :func:`_deep`.
    """
    value = _plain(value)
    if value is None:
        return []
    if style == "deepObject":
        return _deep(name, value)
    if isinstance(value, Mapping):
        items = [(str(key), item) for key, item in value.items() if item is not None]
        if explode and style == "form":
            return [(key, _text(item)) for key, item in items]
        return [
            (name, _DELIMITERS[style].join(t for key, item in items for t in (key, _text(item))))
        ]
    if isinstance(value, list | tuple):
        texts = [_text(item) for item in value if item is not None]
        if explode and style == "form":
            return [(name, text) for text in texts]
        return [(name, _DELIMITERS[style].join(texts))]
    return [(name, _text(value))]


def form_body(*fields: FormField) -> BytesContent:
    """An ``application/x-www-form-urlencoded`` body from ``(wire name, value[, style[,
    explode]])`` fields, in order; ``None`` values are left out."""
    pairs: list[tuple[str, str]] = []
    for spec in fields:
        style: FormStyle = spec[2] if len(spec) > 2 else "form"
        explode: bool = spec[3] if len(spec) > 3 else True
        pairs.extend(form_pairs(spec[0], spec[1], style, explode))
    return BytesContent(urlencode(pairs).encode("ascii"), "application/x-www-form-urlencoded")


def form_object(value: Mapping[str, Any] | BaseModel | None) -> BytesContent:
    """A form body from one mapping (or model): each key a field, sent form-style."""
    fields = _plain(value) or {}
    return form_body(*((str(key), item) for key, item in fields.items()))


def _is_file_content(value: Any) -> bool:
    return isinstance(value, bytes | bytearray | memoryview) or callable(
        getattr(value, "read", None)
    )


def _is_file(value: Any) -> bool:
    """Bytes, a binary file, or a ``(filename, content[, content_type])`` tuple."""
    if isinstance(value, tuple):
        return (
            len(value) in (2, 3)
            and (value[0] is None or isinstance(value[0], str))
            and _is_file_content(value[1])
        )
    return _is_file_content(value)


def _file_part(value: Any, content_type: str | None) -> tuple[str | None, FileContent, str | None]:
    if isinstance(value, tuple):
        return (value[0], _binary(value[1]), value[2] if len(value) > 2 else content_type)
    name = getattr(value, "name", None)
    filename = PurePath(name).name if isinstance(name, str) and name else "upload"
    return (filename, _binary(value), content_type)


def _binary(value: Any) -> FileContent:
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    if isinstance(value, io.TextIOBase):
        raise TypeError("files must be opened in binary mode ('rb'), not text mode")
    content: FileContent = value
    return content


def _is_json_type(content_type: str) -> bool:
    essence = content_type.split(";")[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def _parts(
    name: str, value: Any, content_type: str | None
) -> list[tuple[str, tuple[str | None, FileContent, str | None]]]:
    if value is None:
        return []
    if _is_file(value):
        return [(name, _file_part(value, content_type))]
    value = _plain(value)
    if isinstance(value, list | tuple):
        return [part for item in value for part in _parts(name, item, content_type)]
    if content_type is not None and _is_json_type(content_type):
        data = json.dumps(_json(value), separators=(",", ":")).encode()
        return [(name, (None, data, content_type))]
    charset = _charset(content_type) if content_type else None
    return [(name, (None, _text(value).encode(charset or "utf-8"), content_type))]


def multipart_body(*parts: Part) -> MultipartContent:
    """A ``multipart/form-data`` body from ``(wire name, value[, content type[, style[,
    explode]]])``, one part per value (a list gives one part per item), in order; ``None``
    values are left out. Files are file parts (:data:`FileTypes`); objects are JSON parts
    when their content type is JSON; anything else a text part."""
    out: list[tuple[str, tuple[str | None, FileContent, str | None]]] = []
    for spec in parts:
        name, value = spec[0], spec[1]
        content_type: str | None = spec[2] if len(spec) > 2 else None
        if len(spec) > 3:
            style: FormStyle = spec[3]
            explode: bool = spec[4] if len(spec) > 4 else True
            out += [
                (key, (None, text.encode(), None))
                for key, text in form_pairs(name, value, style, explode)
            ]
        else:
            out += _parts(name, value, content_type)
    return MultipartContent(tuple(out))


def multipart_object(value: Mapping[str, Any] | BaseModel | None) -> MultipartContent:
    """A multipart body from one mapping (or model): each key a part."""
    fields = _plain(value) or {}
    return multipart_body(*((str(key), item) for key, item in fields.items()))


def binary_body(value: FileContent, content_type: str) -> Content:
    """Raw bytes, or a binary file object read in chunks as it is sent."""
    if isinstance(value, bytes | bytearray | memoryview):
        return BytesContent(bytes(value), content_type)
    if isinstance(value, io.TextIOBase):
        raise TypeError("files must be opened in binary mode ('rb'), not text mode")
    return FileContentStream(value, content_type)


def text_body(value: str, content_type: str) -> BytesContent:
    """Text, encoded in the content type's charset (UTF-8 when it names none)."""
    return BytesContent(value.encode(_charset(content_type) or "utf-8"), content_type)


def json_content(value: Any, content_type: str) -> BytesContent:
    """JSON sent with a media type of its own (``application/merge-patch+json``)."""
    return BytesContent(json.dumps(_json(value), separators=(",", ":")).encode(), content_type)


def _charset(content_type: str) -> str | None:
    found = re.search(r";\s*charset\s*=\s*\"?([^\";\s]+)", content_type, re.IGNORECASE)
    return found.group(1) if found else None
