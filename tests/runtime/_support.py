"""What the runtime tests share: one description per vendor, loopback servers, and helpers
that drive a sync or an async client the same way."""

from __future__ import annotations

import importlib
import inspect
import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

TOKEN = "sk-test-9f8e7d6c5b4a3210"

Body = Any
"""Decoded JSON for a response body."""


@dataclass(frozen=True)
class Vendor:
    """How to talk to one vendor's list endpoint, and how its server answers."""

    name: str
    style: str
    """The pagination style: ``cursor``, ``header``, ``offset`` or ``token``."""
    list_path: str
    """The path of the list endpoint, under the base URL."""
    cursor_param: str
    """The query parameter that asks for the next page."""
    list: Callable[..., Any]
    """Call the list operation on a client (sync or async) with its required arguments."""
    item: Callable[[int], dict[str, Any]]
    """A valid list item, numbered."""
    key: Callable[[Any], object]
    """What tells the parsed items apart (the number given to ``item``)."""
    page: Callable[[list[dict[str, Any]], str | None], tuple[Body, dict[str, str]]]
    """A page body and its headers, given its items and the next cursor (None at the end)."""
    base_path: str = ""

    @property
    def package(self) -> ModuleType:
        return importlib.import_module(f"{self.name}_client")

    @property
    def sync_client(self) -> type[Any]:
        return self._client_classes()[0]

    @property
    def async_client(self) -> type[Any]:
        return self._client_classes()[1]

    def _client_classes(self) -> tuple[type[Any], type[Any]]:
        package = self.package
        sync = next(
            getattr(package, n)
            for n in package.__all__
            if n.endswith("Client") and not n.startswith("Async")
        )
        return sync, getattr(package, "Async" + sync.__name__)

    def client(self, server: HTTPServer, flavour: str = "sync", **kwargs: Any) -> Any:
        cls = self.sync_client if flavour == "sync" else self.async_client
        kwargs.setdefault("api_key", TOKEN)
        kwargs.setdefault("base_url", server.url_for(self.base_path or "/"))
        return cls(**kwargs)

    @property
    def path(self) -> str:
        """The full path of the list endpoint on the server."""
        return self.base_path + self.list_path


def _run_at(i: int) -> str:
    return f"2026-01-{1 + i % 28:02d}T10:00:00Z"


def _basedash_item(i: int) -> dict[str, Any]:
    return {
        "id": f"run_{i}",
        "automationId": "auto",
        "organizationId": "org",
        "name": f"Run {i}",
        "status": "FINISHED",
        "isManualRun": False,
        "memberId": None,
        "createdAt": _run_at(i),
        "updatedAt": _run_at(i),
    }


def _basedash_page(items: list[dict[str, Any]], cursor: str | None) -> tuple[Body, dict[str, str]]:
    return {"data": items, "pagination": {"nextCursor": cursor, "hasMore": cursor is not None}}, {}


def _fabro_page(items: list[dict[str, Any]], cursor: str | None) -> tuple[Body, dict[str, str]]:
    return {"data": items, "meta": {"has_more": cursor is not None}}, {}


def _files_com_page(items: list[dict[str, Any]], cursor: str | None) -> tuple[Body, dict[str, str]]:
    return items, ({"X-Files-Cursor-Next": cursor} if cursor is not None else {})


def _sendrealm_page(items: list[dict[str, Any]], cursor: str | None) -> tuple[Body, dict[str, str]]:
    return {"data": items, "next_cursor": cursor, "has_more": cursor is not None}, {}


def _kognitos_page(items: list[dict[str, Any]], token: str | None) -> tuple[Body, dict[str, str]]:
    return {"runs": items, "next_page_token": token or ""}, {}


KOGNITOS_RUNS = "/api/v1/organizations/org/workspaces/ws/automations/auto/runs"

BASEDASH = Vendor(
    name="basedash",
    style="cursor",
    list_path="/api/public/organizations/org/automations/auto/runs",
    cursor_param="cursor",
    list=lambda client, **kw: client.runs.list("org", "auto", **kw),
    item=_basedash_item,
    key=lambda run: int(run.id.removeprefix("run_")),
    page=_basedash_page,
)
FABRO = Vendor(
    name="fabro",
    style="offset",
    list_path="/api/v1/automations/nightly/runs",
    cursor_param="page[offset]",
    list=lambda client, **kw: client.runs.list("nightly", **kw),
    item=lambda i: {
        "id": f"run_{i}",
        "title": f"Run {i}",
        "timestamps": {"created_at": _run_at(i)},
    },
    key=lambda run: int(run.id.removeprefix("run_")),
    page=_fabro_page,
)
FILES_COM = Vendor(
    name="files_com",
    style="header",
    list_path="/automation_runs",
    cursor_param="cursor",
    list=lambda client, **kw: client.runs.list(automation_id=7, **kw),
    item=lambda i: {"id": i, "automation_id": 7, "status": "success", "created_at": _run_at(i)},
    key=lambda run: run.id,
    page=_files_com_page,
    base_path="/api/rest/v1",
)
SENDREALM = Vendor(
    name="sendrealm",
    style="cursor",
    list_path="/automations/aut_1/runs",
    cursor_param="cursor",
    list=lambda client, **kw: client.runs.list("aut_1", **kw),
    item=lambda i: {"id": f"run_{i}", "automation_id": "aut_1", "status": "completed"},
    key=lambda run: int(run.id.removeprefix("run_")),
    page=_sendrealm_page,
)
KOGNITOS = Vendor(
    name="kognitos",
    style="token",
    list_path=KOGNITOS_RUNS,
    cursor_param="page_token",
    list=lambda client, **kw: client.runs.list("org", "ws", "auto", **kw),
    item=lambda i: {
        "name": f"organizations/org/workspaces/ws/automations/auto/runs/r{i}",
        "stage": "AUTOMATION_STAGE_PUBLISHED",
        "stage_version": "2.0",
        "create_time": _run_at(i),
    },
    key=lambda run: int(run.name.rpartition("/r")[2]),
    page=_kognitos_page,
)

VENDORS = (BASEDASH, FABRO, FILES_COM, SENDREALM, KOGNITOS)
VENDOR_IDS = [v.name for v in VENDORS]
FLAVOURS = ("sync", "async")


def json_response(body: Body, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body), status=status, headers=headers, content_type="application/json"
    )


@dataclass
class PagedAPI:
    """Serves ``pages`` at the vendor's list endpoint, following the vendor's pagination style.

    Page ``i`` is asked for with cursor ``c{i}`` (cursor, header and token styles) or with the
    offset of its first item (offset style). ``requests`` counts the pages served.
    """

    vendor: Vendor
    pages: list[list[dict[str, Any]]]
    requests: list[dict[str, str]] = field(default_factory=list)

    def install(self, server: HTTPServer) -> PagedAPI:
        server.expect_request(self.vendor.path).respond_with_handler(self.handle)
        return self

    def _index(self, marker: str | None) -> int:
        if marker is None:
            return 0
        if self.vendor.style != "offset":
            return int(marker.removeprefix("c"))
        starts = [sum(len(p) for p in self.pages[:i]) for i in range(len(self.pages))]
        return starts.index(int(marker))

    def _marker(self, index: int) -> str:
        if self.vendor.style != "offset":
            return f"c{index}"
        return str(sum(len(p) for p in self.pages[:index]))

    def handle(self, request: Request) -> Response:
        self.requests.append(dict(request.args))
        index = self._index(request.args.get(self.vendor.cursor_param))
        following = self._marker(index + 1) if index + 1 < len(self.pages) else None
        body, headers = self.vendor.page(self.pages[index], following)
        return json_response(body, headers=headers)


def numbered_pages(vendor: Vendor, *sizes: int) -> list[list[dict[str, Any]]]:
    """Pages of consecutively numbered items with the given sizes."""
    pages: list[list[dict[str, Any]]] = []
    start = 0
    for size in sizes:
        pages.append([vendor.item(i) for i in range(start, start + size)])
        start += size
    return pages


async def resolve(value: Any) -> Any:
    """``value``, awaited if it is awaitable (an async call), as it is otherwise."""
    if inspect.isawaitable(value):
        return await value
    return value


async def collect(iterable: Any, limit: int | None = None) -> list[Any]:
    """Every element of a sync or async iterable (at most ``limit``)."""
    found: list[Any] = []
    if hasattr(iterable, "__aiter__"):
        async for element in iterable:
            found.append(element)
            if limit is not None and len(found) >= limit:
                break
    else:
        for element in iterable:
            found.append(element)
            if limit is not None and len(found) >= limit:
                break
    return found


async def close(client: Any) -> None:
    await resolve(client.close())


class SleepRecorder:
    """Stands in for the client's sleep: records each delay and returns at once."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def install(self, client: Any) -> SleepRecorder:
        if inspect.iscoroutinefunction(type(client).close):
            client._sleep = self._sleep_async
        else:
            client._sleep = self._sleep_sync
        return self

    def _sleep_sync(self, seconds: float) -> None:
        self.delays.append(seconds)

    async def _sleep_async(self, seconds: float) -> None:
        self.delays.append(seconds)


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            while len(body) < int(value):
                body += conn.recv(65536)
    return data


class ScriptedServer:
    """A raw-socket loopback server: the n-th connection gets the n-th scripted bytes, then
    the connection is closed. For answers no well-behaved server gives, such as a body
    shorter than its ``Content-Length``."""

    def __init__(self, responses: list[bytes]) -> None:
        self.responses = responses
        self.requests: list[bytes] = []
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(5)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._socket.close()
        self._thread.join(timeout=5)

    def _serve(self) -> None:
        for response in self.responses:
            try:
                conn, _ = self._socket.accept()
            except OSError:
                return
            with conn:
                self.requests.append(_read_request(conn))
                conn.sendall(response)


def truncated_response(body: bytes = b'{"data": [', declared: int = 4096) -> bytes:
    """Headers that promise ``declared`` bytes, then a shorter body (a dropped connection)."""
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {declared}\r\nConnection: close\r\n\r\n".encode()
        + body
    )


def complete_response(body: Body, status: int = 200) -> bytes:
    content = json.dumps(body).encode()
    return (
        f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n".encode()
        + f"Content-Length: {len(content)}\r\nConnection: close\r\n\r\n".encode()
        + content
    )


def unused_port() -> int:
    """A loopback port nothing listens on (connections to it are refused)."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


class SilentServer:
    """Accepts connections (the kernel's backlog does) and never answers: every read times out."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0), backlog=16)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._socket.close()


def operations(resource: object) -> Iterator[str]:
    """The public operation names of a resource object."""
    for name, value in inspect.getmembers(type(resource)):
        if not name.startswith("_") and name != "with_raw_response" and callable(value):
            yield name
