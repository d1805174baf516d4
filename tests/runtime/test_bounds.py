"""Calls stay bounded in time and memory against servers that misbehave below HTTP (raw
sockets): a body or headers dripped a byte at a time, a server-requested delay longer than the
call has, a huge or gzip-bombed body, a huge error body. Bounds are asserted generously: the
attacks would run for tens of seconds or gigabytes, the bounds are a few seconds and a few
dozen megabytes."""

from __future__ import annotations

import json
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import httpx
import pytest

from ._support import SENDREALM, close, resolve
from .test_retries import RUN

pytestmark = pytest.mark.anyio

RUN_PATH = "/automation-runs/run_1"


class _RawServer:
    """A loopback server whose every connection is answered by ``answer(conn)``, in a thread of
    its own; it stops taking connections when the test ends, and each answer is bounded."""

    def __init__(self, answer: object) -> None:
        self._answer = answer
        self._socket = socket.create_server(("127.0.0.1", 0), backlog=16)
        self._socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self.connections = 0
        self.sent: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(5)
                _read_head(conn)
                self._answer(self, conn)  # type: ignore[operator]
            except OSError:
                pass

    def stopped(self) -> bool:
        return self._stop.is_set()

    def __enter__(self) -> _RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()


def _read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def _drip(server: _RawServer, conn: socket.socket, data: bytes, interval: float = 0.05) -> None:
    for byte in data:
        if server.stopped():
            return
        conn.sendall(bytes([byte]))
        time.sleep(interval)


def drip_body(server: _RawServer, conn: socket.socket) -> None:
    body = b'{"data": {"id": "run_1", "status": "' + b"x" * 400 + b'"}}'
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    _drip(server, conn, body)


def drip_headers(server: _RawServer, conn: socket.socket) -> None:
    _drip(server, conn, b"HTTP/1.1 200 OK\r\nX-Padding: " + b"p" * 400 + b"\r\n\r\n{}")


@contextmanager
def raw_server(answer: object) -> Iterator[_RawServer]:
    with _RawServer(answer) as server:
        yield server


@pytest.mark.parametrize("answer", [drip_body, drip_headers], ids=["body", "headers"])
async def test_a_server_dripping_bytes_cannot_outlast_the_timeout(flavour: str, answer: object) -> None:
    # Every byte comes well within the read timeout, so httpx alone would wait ~40 s per attempt.
    with raw_server(answer) as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, timeout=0.3, max_retries=1)
        started = time.monotonic()

        with pytest.raises(SENDREALM.package.APITimeoutError) as caught:
            await resolve(client.runs.get("run_1"))

        elapsed = time.monotonic() - started
        # Two attempts of 0.3 s and one backoff of at most 0.5 s; the rest is margin.
        assert elapsed < 6
        assert caught.value.retries_taken == 1
        assert server.connections == 2
        await close(client)


async def test_a_dripping_server_is_bounded_with_a_client_of_ones_own() -> None:
    with raw_server(drip_body) as server, httpx.Client() as http:
        client = SENDREALM.sync_client(
            api_key="k" * 16, base_url=server.url, timeout=0.5, max_retries=0, http_client=http
        )
        started = time.monotonic()
        with pytest.raises(SENDREALM.package.APITimeoutError):
            client.runs.get("run_1")
        # Checked between reads: at most one read timeout past the deadline.
        assert time.monotonic() - started < 5


def _rate_limited(seconds: str) -> object:
    def answer(server: _RawServer, conn: socket.socket) -> None:
        body = b'{"error": {"message": "slow down"}}'
        conn.sendall(
            b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
            + f"Retry-After: {seconds}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )

    return answer


@pytest.mark.parametrize("seconds", ["86400", "30"])
async def test_a_server_delay_longer_than_the_call_has_ends_it_with_retry_after(
    flavour: str, seconds: str
) -> None:
    # timeout=1 with two retries gives the call about three seconds: neither wait fits.
    with raw_server(_rate_limited(seconds)) as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, timeout=1, max_retries=2)
        started = time.monotonic()

        with pytest.raises(SENDREALM.package.RateLimitError) as caught:
            await resolve(client.runs.get("run_1"))

        assert time.monotonic() - started < 5
        assert caught.value.retry_after == float(seconds)
        assert caught.value.retries_taken == 0
        assert server.connections == 1
        await close(client)


# -- response sizes -----------------------------------------------------------------------------


@cache
def _gzip_bomb() -> bytes:
    """64 MiB of JSON whitespace inside a valid object, gzipped to about 64 KB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b'{"data": {"id": "run_1"}')]
    block = b" " * 2**20
    parts += [packer.compress(block) for _ in range(64)]
    parts += [packer.compress(b"}"), packer.flush()]
    return b"".join(parts)


def _serve_body(body: bytes, headers: str = "", status: str = "200 OK") -> object:
    def answer(server: _RawServer, conn: socket.socket) -> None:
        head = (
            f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{headers}"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        sent = 0
        conn.sendall(head.encode())
        view = memoryview(body)
        try:
            while sent < len(body):
                sent += conn.send(view[sent : sent + 65536])
        finally:
            server.sent.append(sent)

    return answer


async def test_a_body_larger_than_the_cap_is_a_typed_error(flavour: str) -> None:
    body = b'{"data": {"id": "run_1", "status": "' + b"x" * (3 * 2**20) + b'"}}'
    with raw_server(_serve_body(body)) as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, max_retries=0, max_response_size=2**20)

        with pytest.raises(SENDREALM.package.APIResponseTooLargeError) as caught:
            await resolve(client.runs.get("run_1"))

        assert caught.value.limit == 2**20
        assert caught.value.status_code == 200
        assert "max_response_size" in str(caught.value)
        await close(client)


def test_a_gzip_bomb_is_cut_at_the_cap_without_unpacking_it_all() -> None:
    bomb = _gzip_bomb()
    assert len(bomb) < 2**20
    with raw_server(_serve_body(bomb, "Content-Encoding: gzip\r\n")) as server:
        client = SENDREALM.sync_client(
            api_key="k" * 16, base_url=server.url, max_retries=0, max_response_size=4 * 2**20
        )
        tracemalloc.start()
        try:
            with pytest.raises(SENDREALM.package.APIResponseTooLargeError):
                client.runs.get("run_1")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        client.close()
    # Unpacked whole it is 64 MiB (and twice that while joined); it is unpacked in small
    # pieces and cut at the cap, so the peak is about twice the cap.
    assert peak < 16 * 2**20


async def test_an_error_body_is_read_up_to_a_cap_and_summarized_from_its_start(flavour: str) -> None:
    body = b"<html><body>" + b"Service Unavailable " * (2**20) + b"</body></html>"  # 20 MiB
    with raw_server(_serve_body(body, status="503 Service Unavailable")) as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, max_retries=0)

        with pytest.raises(SENDREALM.package.InternalServerError) as caught:
            await resolve(client.runs.get("run_1"))

        limit = SENDREALM.package._base_client.MAX_ERROR_BODY
        assert len(caught.value.response.content) == limit
        assert isinstance(caught.value.body, str) and len(caught.value.body) == limit
        assert caught.value.error is None
        assert len(str(caught.value)) < 400
        assert "Service Unavailable Service Unavailable" in str(caught.value)
        await close(client)


async def test_a_retried_error_body_is_not_downloaded(flavour: str) -> None:
    body = b"<html>" + b"bad gateway " * (3 * 2**20) + b"</html>"  # 36 MiB
    with raw_server(_serve_body(body, status="502 Bad Gateway")) as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, max_retries=2)
        client._sleep = (lambda s: None) if flavour == "sync" else _no_sleep

        with pytest.raises(SENDREALM.package.InternalServerError):
            await resolve(client.runs.get("run_1"))

        assert server.connections == 3
        await close(client)
    # Three attempts of 36 MiB would be 108 MiB; only the last is read (256 KiB of it), the
    # others are closed after their headers. What the kernel buffered before that is at most
    # a few MiB per connection.
    assert sum(server.sent) < 3 * len(body) // 2


async def _no_sleep(seconds: float) -> None:
    return None


async def test_a_success_after_the_error_cap_is_read_whole(flavour: str) -> None:
    content = b'{"data": ' + json.dumps({**RUN, "status": "y" * 400_000}).encode() + b"}"
    with raw_server(_serve_body(content)) as server:
        cls = SENDREALM.sync_client if flavour == "sync" else SENDREALM.async_client
        client = cls(api_key="k" * 16, base_url=server.url, max_retries=0)
        run = await resolve(client.runs.get("run_1"))
        assert len(run.status) == 400_000
        await close(client)
