"""Small types shared by the client modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Literal, TypeAlias

import httpx

__all__ = [
    "NOT_GIVEN",
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "NotGiven",
    "Query",
    "Timeout",
]


class NotGiven:
    """The type of :data:`NOT_GIVEN`: "use the client's setting", as opposed to ``None``.

    ``timeout=None`` means no timeout; leaving ``timeout`` out (``NOT_GIVEN``) keeps the
    client's timeout.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, str | int | float | bool]
Timeout: TypeAlias = float | httpx.Timeout | None
Body: TypeAlias = Mapping[str, object]

FileContent: TypeAlias = bytes | IO[bytes]
"""Bytes to upload: ``bytes``, or a file opened in binary mode (read in chunks as it is sent,
and from its start position again when the request is retried)."""
FileTypes: TypeAlias = (
    FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]
)
"""A file part of a multipart body: its content, or ``(filename, content)``, or
``(filename, content, content_type)``. Without a filename the part is named after the file
object (``upload`` for bytes); without a content type it is the document's, else guessed from
the filename."""
