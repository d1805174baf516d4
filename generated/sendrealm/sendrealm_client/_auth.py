"""Credentials: how they are sent, and how they are kept out of reprs, logs and messages.

An auth scheme is a small object that puts its credential on a request and says which header
names carry secrets. The client applies it to requests for its base URL's origin only.
Header values are checked when they are given (:func:`check_header`): a control character or
a non-ASCII character is a ``ValueError`` naming the argument, never showing the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import httpx

__all__ = ["HeaderAuth", "check_header", "mask_headers", "redact", "secret_header"]

_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_BAD_VALUE = re.compile(r"[^\t\x20-\x7e]")
_SECRET_NAME = re.compile(r"auth|key|token|secret|passw|cookie|signature|credential|session", re.I)
_TOKEN_CHARS = r"A-Za-z0-9_\-.~"


def check_header(argument: str, name: str, value: str) -> None:
    """Refuse a header ``name: value`` that cannot be sent as given. ``argument`` is how the
    caller named it (``api_key``, ``extra_headers['X-Trace']``); the value is never shown."""
    if not _TOKEN.match(name):
        raise ValueError(f"{argument}: {name[:40]!r} is not a valid header name")
    bad = _BAD_VALUE.search(value)
    if bad is None:
        if value != value.strip(" \t"):
            raise ValueError(f"{argument} starts or ends with whitespace, which HTTP does not keep")
        return
    char = bad.group()
    if char in "\r\n":
        what = "a line break"
    elif ord(char) < 0x20 or ord(char) == 0x7F:
        what = "a control character"
    else:
        what = "a non-ASCII character"
    raise ValueError(
        f"{argument} contains {what} (at position {bad.start()}); it cannot be sent in a header"
    )


def secret_header(name: str) -> bool:
    """Whether a header's value is masked wherever headers are shown."""
    return bool(_SECRET_NAME.search(name))


class _MaskedHeaders(httpx.Headers):
    """Headers whose repr masks every value that may be a secret (httpx masks only
    ``Authorization`` and ``Proxy-Authorization``)."""

    _secret: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        shown = [
            (name, "[secure]" if name.lower() in self._secret or secret_header(name) else value)
            for name, value in self.multi_items()
        ]
        return f"Headers({shown!r})"


def mask_headers(headers: httpx.Headers, secret: frozenset[str] = frozenset()) -> None:
    """Make ``headers`` mask secrets (and the header names in ``secret``) in its repr, in place."""
    headers.__class__ = _MaskedHeaders
    if secret:
        headers._secret = secret  # type: ignore[attr-defined]


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with each secret replaced by ``[redacted]`` where it stands as a whole token, so
    that a short credential never mangles the words it happens to be part of."""
    for secret in secrets:
        if secret and secret in text:
            pattern = rf"(?<![{_TOKEN_CHARS}]){re.escape(secret)}(?![{_TOKEN_CHARS}])"
            text = re.sub(pattern, "[redacted]", text)
    return text


@dataclass(frozen=True, repr=False)
class HeaderAuth:
    """A credential sent in one header: ``header: prefix + credential``
    (``Authorization: Bearer …``, ``X-FilesAPI-Key: …``)."""

    header: str
    prefix: str
    credential: str

    def __post_init__(self) -> None:
        if not self.credential:
            raise ValueError("api_key is empty")
        check_header("api_key", self.header, self.credential)

    def apply(self, headers: httpx.Headers) -> None:
        headers[self.header] = self.prefix + self.credential

    def strip(self, headers: httpx.Headers) -> None:
        """Remove the credential (a redirect to another origin)."""
        headers.pop(self.header, None)

    @property
    def secret_headers(self) -> frozenset[str]:
        return frozenset({self.header.lower()})

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.credential,)

    def __repr__(self) -> str:
        return f"HeaderAuth(header={self.header!r}, credential='[redacted]')"
