"""An upload read from a stream that cannot seek back (a pipe, a socket, stdin) can be sent
once only: it is never retried or redirected with a body it no longer has, and the error says
why, as one of the client's own error classes. A failure to connect (nothing read yet) is
still retried. Loopback servers, sync and async."""

from __future__ import annotations

import importlib
import io
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ._support import (
    TOKEN,
    ScriptedServer,
    SleepRecorder,
    close,
    resolve,
    truncated_response,
    unused_port,
)

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("media_packages")]

CONTENTS = "/v1/files/file_1/contents"
NOT_REPLAYABLE = "not retried: the request body is a stream that cannot be read again"


def pipe(data: bytes) -> io.BufferedReader:
    """A readable stream that cannot seek, as ``subprocess`` pipes and sockets are."""

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    return io.BufferedReader(Pipe())


def mediashop(base_url: str, flavour: str, **kwargs: Any) -> Any:
    module = importlib.import_module("mediashop_client")
    cls = module.MediashopClient if flavour == "sync" else module.AsyncMediashopClient
    return cls(api_key=TOKEN, base_url=base_url, **kwargs)


async def test_a_server_error_on_a_pipe_upload_is_raised_not_retried(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request(CONTENTS, method="PUT").respond_with_data(status=503)
    api = mediashop(httpserver.url_for("/"), flavour)
    sleeps = SleepRecorder().install(api)
    module = importlib.import_module("mediashop_client")

    with pytest.raises(module.InternalServerError) as caught:
        await resolve(api.files.put_contents("file_1", body=pipe(b"y" * 1000)))

    assert caught.value.status_code == 503
    assert NOT_REPLAYABLE in str(caught.value)
    assert sleeps.delays == []
    assert [request.get_data() for request, _ in httpserver.log] == [b"y" * 1000]
    await close(api)


async def test_a_seekable_file_is_still_retried_after_a_server_error(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_ordered_request(CONTENTS, method="PUT").respond_with_data(status=503)
    httpserver.expect_ordered_request(CONTENTS, method="PUT").respond_with_data(status=204)
    api = mediashop(httpserver.url_for("/"), flavour)
    sleeps = SleepRecorder().install(api)

    await resolve(api.files.put_contents("file_1", body=io.BytesIO(b"y" * 1000)))

    assert len(sleeps.delays) == 1
    assert [request.get_data() for request, _ in httpserver.log] == [b"y" * 1000] * 2
    await close(api)


async def test_a_connection_dropped_after_a_pipe_was_sent_is_a_connection_error(flavour: str) -> None:
    with ScriptedServer([truncated_response()]) as server:
        api = mediashop(server.url, flavour, timeout=5)  # a retry would wait for an answer in vain
        sleeps = SleepRecorder().install(api)
        module = importlib.import_module("mediashop_client")

        with pytest.raises(module.APIConnectionError) as caught:
            await resolve(api.files.put_contents("file_1", body=pipe(b"z" * 500)))

        assert NOT_REPLAYABLE in str(caught.value)
        assert caught.value.retries_taken == 0 and sleeps.delays == []
        (request,) = server.requests
        assert request.startswith(b"PUT /v1/files/file_1/contents ")
        await close(api)


async def test_a_pipe_upload_is_retried_when_the_connection_was_never_made(flavour: str) -> None:
    api = mediashop(f"http://127.0.0.1:{unused_port()}", flavour, max_retries=2)
    sleeps = SleepRecorder().install(api)
    module = importlib.import_module("mediashop_client")

    with pytest.raises(module.APIConnectionError) as caught:
        await resolve(api.files.put_contents("file_1", body=pipe(b"z" * 500)))

    assert caught.value.retries_taken == 2 and len(sleeps.delays) == 2
    assert NOT_REPLAYABLE not in str(caught.value)
    await close(api)


async def test_a_redirect_that_would_resend_a_pipe_is_not_followed(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v2/upload", method="POST").respond_with_response(
        Response(status=307, headers={"Location": "/v2/upload-eu"})
    )
    module = importlib.import_module("assemblyai_client")
    cls = module.AssemblyaiClient if flavour == "sync" else module.AsyncAssemblyaiClient
    api = cls(api_key=TOKEN, base_url=httpserver.url_for("/"))

    with pytest.raises(module.APIStatusError) as caught:
        await resolve(api.transcript.upload_file(body=pipe(b"RIFF" * 100)))

    assert caught.value.status_code == 307
    assert "not followed: it would send the request body again" in str(caught.value)
    assert [request.path for request, _ in httpserver.log] == ["/v2/upload"]
    await close(api)


async def test_a_stream_found_consumed_anyway_is_a_connection_error(
    httpserver: HTTPServer, flavour: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a body still be asked for twice (here, the client is told the pipe can be sent
    again), the error is the client's own, not httpx's ``StreamConsumed``."""
    content = importlib.import_module("mediashop_client._content")
    monkeypatch.setattr(content.FileContentStream, "replayable", property(lambda self: True))
    httpserver.expect_request(CONTENTS, method="PUT").respond_with_data(status=503)
    api = mediashop(httpserver.url_for("/"), flavour)
    SleepRecorder().install(api)
    module = importlib.import_module("mediashop_client")

    with pytest.raises(module.APIConnectionError, match="read already and cannot be sent again") as caught:
        await resolve(api.files.put_contents("file_1", body=pipe(b"y" * 1000)))

    assert caught.value.retries_taken == 1
    assert len(httpserver.log) == 1
    await close(api)


def test_a_multipart_body_with_a_pipe_part_cannot_be_sent_twice() -> None:
    """httpx reads a file part again from its start on a second send; a pipe would give an
    empty part, so such a body counts as one that cannot be sent again."""
    content = importlib.import_module("mediashop_client._content")
    assert content.multipart_body(("file", b"bytes"), ("purpose", "x")).replayable
    assert content.multipart_body(("file", io.BytesIO(b"file"))).replayable
    assert not content.multipart_body(("file", pipe(b"pipe")), ("purpose", "x")).replayable
    assert not content.binary_body(pipe(b"pipe"), "application/octet-stream").replayable
    assert content.binary_body(io.BytesIO(b"file"), "application/octet-stream").replayable
