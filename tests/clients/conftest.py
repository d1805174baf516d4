"""Set-up for the client tests: a real HTTP server on 127.0.0.1, anyio on asyncio."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from tests.clients.servers import FakeVendor


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    # IPv4 loopback on a free port: "localhost" may resolve to ::1 first and cost a fallback.
    return ("127.0.0.1", 0)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def vendor(httpserver: HTTPServer) -> Iterator[FakeVendor]:
    """The fake vendor; every test ends by checking the server saw no unexpected request."""
    fake = FakeVendor(httpserver)
    yield fake
    fake.check()
