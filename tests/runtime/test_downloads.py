"""Responses other than JSON, on a loopback server: OpenAI's speech (bytes) and video content
(bytes, streamed), AssemblyAI's subtitles (text), and our own spec format's PDF download."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ._support import close, json_response, resolve
from .test_bodies import client, sent

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("media_packages")]

AUDIO = bytes(range(256)) * 64  # 16 KiB, every byte value
VIDEO = b"".join(i.to_bytes(4, "big") for i in range(250_000))  # 1 MB


def chunks(data: bytes, size: int = 65_536) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def test_openai_speech_returns_the_audio_bytes(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/audio/speech", method="POST").respond_with_data(
        AUDIO, content_type="application/octet-stream"
    )
    api = client("openai", httpserver, flavour)
    audio = await resolve(api.audio.create_speech(model="gpt-4o-mini-tts", input="The quick brown fox.", voice="alloy"))
    await close(api)
    assert audio == AUDIO
    request = sent(httpserver)
    assert request.headers["Accept"] == "application/octet-stream"
    assert request.get_json() == {"model": "gpt-4o-mini-tts", "input": "The quick brown fox.", "voice": "alloy"}


async def test_a_binary_response_is_bytes_through_with_raw_response(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/audio/speech", method="POST").respond_with_data(
        AUDIO, content_type="audio/mpeg", headers={"x-request-id": "req_1"}
    )
    api = client("openai", httpserver, flavour)
    raw = await resolve(api.audio.with_raw_response.create_speech(model="tts-1", input="hi", voice="alloy"))
    await close(api)
    assert raw.parsed == AUDIO
    assert (raw.status_code, raw.headers["content-type"], raw.headers["x-request-id"]) == (200, "audio/mpeg", "req_1")


async def test_a_download_offering_several_types_accepts_them_all(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/videos/video_123/content", query_string="variant=thumbnail").respond_with_data(
        b"RIFF....WEBPVP8 ", content_type="image/webp"
    )
    api = client("openai", httpserver, flavour)
    thumbnail = await resolve(api.videos.retrieve_content("video_123", variant="thumbnail"))
    await close(api)
    assert thumbnail == b"RIFF....WEBPVP8 "
    assert sent(httpserver).headers["Accept"] == "video/mp4, image/webp"


def test_a_streamed_download_is_read_in_chunks_and_closed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/videos/video_123/content").respond_with_response(
        Response(chunks(VIDEO), content_type="video/mp4", direct_passthrough=True)
    )
    api = client("openai", httpserver, "sync")
    with api.videos.with_streaming_response.retrieve_content("video_123") as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "video/mp4"
        assert not response.http_response.is_stream_consumed  # nothing read before we iterate
        received = list(response.iter_bytes())
    api.close()
    assert b"".join(received) == VIDEO
    assert len(received) > 1
    assert response.http_response.is_closed


async def test_a_streamed_download_is_read_in_chunks_and_closed_async(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/videos/video_123/content").respond_with_response(
        Response(chunks(VIDEO), content_type="video/mp4", direct_passthrough=True)
    )
    api = client("openai", httpserver, "async")
    async with api.videos.with_streaming_response.retrieve_content("video_123") as response:
        assert not response.http_response.is_stream_consumed
        received = [chunk async for chunk in response.iter_bytes()]
    await api.close()
    assert b"".join(received) == VIDEO
    assert len(received) > 1
    assert response.http_response.is_closed


async def test_leaving_a_streamed_download_early_closes_it(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v1/files/file_1/contents").respond_with_response(
        Response(chunks(VIDEO), content_type="application/pdf", direct_passthrough=True)
    )
    api = client("mediashop", httpserver, flavour)
    streaming = api.files.with_streaming_response.download("file_1")
    if flavour == "sync":
        with streaming as response:
            first = next(iter(response.iter_bytes()))
    else:
        async with streaming as response:
            first = await anext(aiter(response.iter_bytes()))
    await close(api)
    assert first == VIDEO[: len(first)]
    assert response.http_response.is_closed
    assert sent(httpserver).headers["Accept"] == "application/pdf"


async def test_a_streamed_download_that_fails_raises_the_typed_error(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v1/files/missing/contents").respond_with_response(
        json_response({"error": {"message": "No such file: missing"}}, status=404)
    )
    api = client("mediashop", httpserver, flavour)
    errors: Any = importlib.import_module("mediashop_client")
    streaming = api.files.with_streaming_response.download("missing")
    with pytest.raises(errors.NotFoundError) as info:
        if flavour == "sync":
            with streaming:
                pass
        else:
            async with streaming:
                pass
    await close(api)
    assert info.value.error.error.message == "No such file: missing"
    assert info.value.response.is_closed


async def test_assemblyai_subtitles_are_text_decoded_from_their_charset(httpserver: HTTPServer, flavour: str) -> None:
    vtt = "WEBVTT\n\n00:12.340 --> 00:16.220\nDéjà l'an dernier, deux diapositives ont montré\n"
    httpserver.expect_request("/v2/transcript/tr_1/vtt").respond_with_data(
        vtt.encode("utf-8"), content_type="text/plain; charset=utf-8"
    )
    api = client("assemblyai", httpserver, flavour)
    subtitles = await resolve(api.transcript.get_subtitles("tr_1", "vtt"))
    await close(api)
    assert subtitles == vtt
    assert sent(httpserver).headers["Accept"] == "text/plain, text/html"


async def test_a_download_from_our_spec_format_is_bytes(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v1/files/file_1/contents").respond_with_data(b"%PDF-1.7\n%\xe2\xe3", content_type="application/pdf")
    api = client("mediashop", httpserver, flavour)
    assert await resolve(api.files.download("file_1")) == b"%PDF-1.7\n%\xe2\xe3"
    await close(api)


@pytest.mark.parametrize(("name", "resource"), [("openai", "audio"), ("openai", "videos"), ("mediashop", "files")])
def test_sync_and_async_streaming_offer_the_same_downloads(name: str, resource: str) -> None:
    module: Any = importlib.import_module(f"{name}_client")
    sync_cls, async_cls = sorted(
        (getattr(module, n) for n in module.__all__ if n.endswith("Client")), key=lambda c: c.__name__.startswith("Async")
    )
    sync = getattr(sync_cls(api_key="k", base_url="https://api.example.com"), resource).with_streaming_response
    async_ = getattr(async_cls(api_key="k", base_url="https://api.example.com"), resource).with_streaming_response
    names = [n for n in vars(type(sync)) if not n.startswith("_")]
    assert names and names == [n for n in vars(type(async_)) if not n.startswith("_")]
    for method in names:
        ours, theirs = inspect.signature(getattr(sync, method)), inspect.signature(getattr(async_, method))
        assert list(ours.parameters) == list(theirs.parameters)
        assert str(ours.return_annotation) == str(theirs.return_annotation).replace("Async", "")
    assert {"StreamedResponse", "AsyncStreamedResponse"} <= set(module.__all__)


async def test_a_download_is_not_read_as_a_body_that_reports_errors(httpserver: HTTPServer, flavour: str) -> None:
    errors: Any = importlib.import_module("okfiles_client")
    httpserver.expect_request("/files.info").respond_with_response(json_response({"ok": False, "error": "file_not_found"}))
    httpserver.expect_request("/files.download").respond_with_data(b'{"ok": false}', content_type="application/octet-stream")
    api = client("okfiles", httpserver, flavour)
    with pytest.raises(errors.APIStatusError):  # a JSON result is checked ...
        await resolve(api.files.info(file="F1"))
    assert await resolve(api.files.download(file="F1")) == b'{"ok": false}'  # ... a file is not
    streaming = api.files.with_streaming_response.download(file="F1")
    if flavour == "sync":
        with streaming as response:
            streamed = response.read()
    else:
        async with streaming as response:
            streamed = await response.read()
    await close(api)
    assert streamed == b'{"ok": false}'


async def test_a_key_without_an_environment_variable_is_an_argument_only(
    httpserver: HTTPServer, flavour: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """okfiles' spec says ``auth: {type: bearer}`` and names no ``env``: the client reads no
    environment variable for the key (the name the others would use is set here, and ignored)."""
    okfiles: Any = importlib.import_module("okfiles_client")
    monkeypatch.setenv("OKFILES_API_KEY", "from-the-environment")
    cls = okfiles.OkfilesClient if flavour == "sync" else okfiles.AsyncOkfilesClient
    with pytest.raises(ValueError, match=r"^no API key: pass api_key=\.\.\.$"):
        cls(base_url=httpserver.url_for("/"))

    httpserver.expect_request("/files.info").respond_with_response(json_response({"ok": True}))
    api = cls(api_key="ok-key-1", base_url=httpserver.url_for("/"))
    await resolve(api.files.info(file="F1"))
    await close(api)
    (request, _), = httpserver.log
    assert request.headers["Authorization"] == "Bearer ok-key-1"
    assert not hasattr(importlib.import_module("okfiles_client._client"), "API_KEY_ENV")
