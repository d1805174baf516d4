"""Fixtures for the runtime tests: the anyio backend and a second loopback server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.floors import prebuilt
from tests.runtime import _media


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def _other_host_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def other_host(_other_host_server: HTTPServer) -> Iterator[HTTPServer]:
    """A loopback server on another host name and port than ``httpserver`` (127.0.0.1 vs
    localhost), for redirects that leave the configured host."""
    yield _other_host_server
    _other_host_server.clear()


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    """Which client a test drives: every behaviour is checked on both."""
    return str(request.param)


@pytest.fixture(scope="session")
def media_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The media fixture packages, generated once and importable (``stripe_client``, ...)."""
    given = prebuilt.folder("media")  # the floor run has no generator
    if given is not None:
        folders = _media.folders(given)
    else:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CODEGEN_CACHE_DIR", str(_media.ROOT / ".cache" / "codegen"))
            folders = _media.generate(tmp_path_factory.mktemp("media"))
    _media.install(folders)
    return folders
