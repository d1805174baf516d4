"""How the credential goes on a request: a small strategy the client holds.

:class:`HeaderAuth` sends ``<header>: <prefix><key>`` (``Authorization: Bearer …``,
``Authorization: Token …``, ``X-Api-Key: …``); :class:`QueryAuth` adds the key as a query
parameter; :class:`BasicAuth` sends HTTP Basic with the key as the user name and an optional
password. The client attaches it only to requests for its own base URL's origin, and strips it
from a redirect that leaves it.
"""

from __future__ import annotations

import base64
from abc import ABC, abstractmethod
from dataclasses import dataclass

__all__ = ["Auth", "BasicAuth", "HeaderAuth", "NoAuth", "QueryAuth"]


class Auth(ABC):
    """Where a credential is sent."""

    @abstractmethod
    def headers(self, credential: str, password: str | None) -> dict[str, str]:
        """The headers that carry the credential."""

    def query(self, credential: str) -> tuple[str, str] | None:
        """The query parameter that carries the credential, if it goes in the query."""
        return None

    def header_names(self) -> tuple[str, ...]:
        """The headers to strip from a request that leaves the base URL's origin."""
        return ()

    def secrets(self, credential: str, password: str | None) -> tuple[str, ...]:
        """Every form of the credential that must never be shown."""
        return tuple(s for s in (credential, password) if s)


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


@dataclass(frozen=True)
class QueryAuth(Auth):
    """The credential as the query parameter ``param``."""

    param: str

    def headers(self, credential: str, password: str | None) -> dict[str, str]:
        return {}

    def query(self, credential: str) -> tuple[str, str] | None:
        return (self.param, credential)


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
