"""Credentials: how they go on a request, and how they are kept out of reprs, logs and messages.

An auth scheme is a small strategy the client holds. :class:`HeaderAuth` sends
``<header>: <prefix><key>`` (``Authorization: Bearer …``, ``Authorization: Token …``,
``X-Api-Key: …``); :class:`QueryAuth` adds the key as a query parameter; :class:`BasicAuth`
sends HTTP Basic with the key as the user name and an optional password. The client attaches
it only to requests for its own base URL's origin, and strips it from a redirect that leaves
it.

Header values are checked where they are given (:func:`check_header`): a control character or
a non-ASCII character is a ``ValueError`` naming the argument, never showing the value. Header
reprs mask the scheme's headers and every secret-looking name (:func:`mask_headers`), and
messages have every form of the credential replaced as a whole token (:func:`redact`).
"""

from __future__ import annotations

import base64
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

import httpx

__all__ = [
    "Auth",
    "BasicAuth",
    "HeaderAuth",
    "NoAuth",
    "QueryAuth",
    "check_header",
    "check_value",
    "mask_headers",
    "redact",
    "secret_header",
]

_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_BAD_VALUE = re.compile(r"[^\t\x20-\x7e]")
_SECRET_NAME = re.compile(r"auth|key|token|secret|passw|cookie|signature|credential|session", re.I)
_TOKEN_CHARS = r"A-Za-z0-9_\-.~"


class Auth(ABC):
    """Where a credential is sent."""

    @abstractmethod
    def headers(self, credential: str, password: str | None) -> dict[str, str]:
        """The headers that carry the credential."""

    def query(self, credential: str) -> tuple[str, str] | None:
        """The query parameter that carries the credential, if it goes in the query."""
        return None

    def header_names(self) -> tuple[str, ...]:
        """The headers that carry the credential: masked wherever headers are shown, and
        stripped from a request that leaves the base URL's origin."""
        return ()

    def secrets(self, credential: str, password: str | None) -> tuple[str, ...]:
        """Every form of the credential that must never be shown."""
        return tuple(s for s in (credential, password) if s)

    def check(self, credential: str) -> None:
        """Refuse a credential that cannot be sent as given (the value is never shown)."""
        check_value("api_key", credential)


@dataclass(frozen=True)
class NoAuth(Auth):
    """The API takes no credential."""

    def headers(self, credential: str, password: str | None) -> dict[str, str]:
        return {}


@dataclass(frozen=True)
class HeaderAuth(Auth):
    """``<header>: <prefix><credential>``."""

    header: str = "Authorization"
    prefix: str = "Bearer "

    def headers(self, credential: str, password: str | None) -> dict[str, str]:
        return {self.header: self.prefix + credential}

    def header_names(self) -> tuple[str, ...]:
        return (self.header,)

    def check(self, credential: str) -> None:
        check_header("api_key", self.header, credential)


@dataclass(frozen=True)
class QueryAuth(Auth):
    """The credential as the query parameter ``param``."""

    param: str

    def headers(self, credential: str, password: str | None) -> dict[str, str]:
        return {}

    def query(self, credential: str) -> tuple[str, str] | None:
        return (self.param, credential)

    def secrets(self, credential: str, password: str | None) -> tuple[str, ...]:
        sent = quote(credential, safe="")  # as it stands in a URL
        return (*super().secrets(credential, password), *((sent,) if sent != credential else ()))


@dataclass(frozen=True)
class BasicAuth(Auth):
    """HTTP Basic: the credential is the user name, ``password`` may be empty."""

    def headers(self, credential: str, password: str | None) -> dict[str, str]:
        return {"Authorization": "Basic " + _basic(credential, password)}

    def header_names(self) -> tuple[str, ...]:
        return ("Authorization",)

    def secrets(self, credential: str, password: str | None) -> tuple[str, ...]:
        return (*super().secrets(credential, password), _basic(credential, password))


def _basic(user: str, password: str | None) -> str:
    return base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")


def check_value(argument: str, value: str) -> None:
    """Refuse a value that cannot be sent in a header as given. ``argument`` is how the caller
    named it (``api_key``, ``extra_headers['X-Trace']``); the value is never shown."""
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


def check_header(argument: str, name: str, value: str) -> None:
    """Refuse a header ``name: value`` that cannot be sent as given (see :func:`check_value`)."""
    if not _TOKEN.match(name):
        raise ValueError(f"{argument}: {name[:40]!r} is not a valid header name")
    check_value(argument, value)


def secret_header(name: str) -> bool:
    """Whether a header's (or query parameter's) value is masked wherever it is shown, by its
    name alone."""
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
    """Make ``headers`` mask secrets (and the lower-case header names in ``secret``) in its
    repr, in place."""
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
