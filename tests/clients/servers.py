"""A fake vendor API on top of pytest-httpserver.

:class:`FakeVendor` serves canned responses, each one once and in the order they were added,
matched on method, path and the *exact* raw query string; whatever the client sends is recorded
as it arrived on the wire (raw path with its percent-encoding, raw query string, headers, body
bytes). A request nobody expected gets pytest-httpserver's 500 "No handler found" (which names
the URL), and :meth:`FakeVendor.check` fails the test afterwards.

Clients under test are built with ``max_retries=0`` unless the test injects its own sleep, so an
unexpected 500 never makes a test wait, and on :func:`http_client` / :func:`async_http_client`,
which share one TLS context.
"""

from __future__ import annotations

import copy
import functools
import json
import ssl
from collections.abc import AsyncIterable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pytest_httpserver import HTTPServer
from werkzeug.datastructures import Headers

T = TypeVar("T")

PAYLOADS = Path(__file__).resolve().parent.parent / "fixtures" / "payloads"


@functools.cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()


def http_client() -> httpx.Client:
    """An ``httpx.Client`` for a generated client to use. Building one's own TLS context costs
    ~50 ms per client; the tests share one, so that hundreds of clients stay cheap."""
    return httpx.Client(verify=_tls())


def async_http_client() -> httpx.AsyncClient:
    """The async twin of :func:`http_client`."""
    return httpx.AsyncClient(verify=_tls())


def payload(vendor: str, name: str) -> Any:
    """A fresh copy of a recorded payload, ``tests/fixtures/payloads/<vendor>/<name>.json``."""
    return json.loads((PAYLOADS / vendor / f"{name}.json").read_text(encoding="utf-8"))


def with_changes(item: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of a payload object with some top-level fields replaced."""
    clone = copy.deepcopy(dict(item))
    clone.update(changes)
    return clone


@dataclass(frozen=True)
class Recorded:
    """One request as the server received it."""

    method: str
    raw_path: str
    """The path exactly as sent, percent-encoding kept (``/runs/a%2Fb:pause``)."""
    query: str
    """The raw query string (``page[limit]=2&page[offset]=2``)."""
    headers: Headers
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class Page:
    """One canned response: the query it answers and what it returns."""

    query: str
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)
    status: int = 200


class FakeVendor:
    """Canned responses on a real loopback HTTP server, and a record of what arrived."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server

    def url(self, prefix: str = "") -> str:
        """The base URL of the fake vendor, optionally with a path prefix (``/api/rest/v1``)."""
        return self.server.url_for(prefix or "/").rstrip("/")

    def reply(
        self,
        path: str,
        body: Any = None,
        *,
        method: str = "GET",
        query: str | None = "",
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer one request for ``path`` (decoded, as the server matches it) and ``query``
        (raw; ``None`` matches any) with ``body`` as JSON (``None``: an empty body)."""
        handler = self.server.expect_oneshot_request(
            path, method=method, query_string=query if query is not None else None
        )
        if body is None:
            handler.respond_with_data(b"", status=status, headers=dict(headers or {}))
        else:
            handler.respond_with_json(body, status=status, headers=dict(headers or {}))

    def pages(self, path: str, pages: Sequence[Page]) -> None:
        """Serve a list's pages, each answering its own exact query string."""
        for page in pages:
            self.reply(path, page.body, query=page.query, status=page.status, headers=page.headers)

    @property
    def requests(self) -> list[Recorded]:
        recorded = []
        for request, _response in self.server.log:
            raw_uri = request.environ.get("RAW_URI") or request.environ["REQUEST_URI"]
            raw_path = raw_uri.split("?", 1)[0]
            recorded.append(
                Recorded(
                    method=request.method,
                    raw_path=raw_path,
                    query=request.query_string.decode("ascii"),
                    headers=Headers(request.headers),
                    body=request.get_data(),
                )
            )
        return recorded

    def queries(self) -> list[str]:
        """The raw query string of every request, in order."""
        return [request.query for request in self.requests]

    def header_values(self, name: str) -> list[str | None]:
        """The value of header ``name`` on every request, in order (``None`` where absent)."""
        return [request.headers.get(name) for request in self.requests]

    def check(self) -> None:
        """Fail if a request arrived that no canned response expected."""
        self.server.check_assertions()
        self.server.check_handler_errors()


def ids(items: Iterable[Any]) -> list[Any]:
    return [item.id for item in items]


async def collect(items: AsyncIterable[T]) -> list[T]:
    return [item async for item in items]
