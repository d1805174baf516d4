"""Raw responses: the parsed result together with the HTTP response it came from.

``client.runs.with_raw_response.list(...)`` takes the same arguments as ``client.runs.list``
and returns an :class:`APIResponse` whose ``parsed`` is what the plain call returns.
A download's ``with_streaming_response`` hands over a :class:`StreamedResponse` (or an
:class:`AsyncStreamedResponse`) whose body is read as it is iterated.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

import httpx

__all__ = ["APIResponse", "AsyncStreamedResponse", "StreamedResponse"]

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class APIResponse(Generic[R]):
    """A parsed result and the HTTP response it was read from."""

    parsed: R
    http_response: httpx.Response
    retries_taken: int
    request_id: str | None = None
    """The vendor's request id header (or ``x-request-id``, ``request-id``), if sent."""

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers


@dataclass(frozen=True)
class _Streamed:
    http_response: httpx.Response
    retries_taken: int

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers


class StreamedResponse(_Streamed):
    """A success response whose body has not been read yet: iterate it, or read it whole.
    It is closed when the ``with`` block that opened it ends."""

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks, decoded from any ``Content-Encoding``."""
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def read(self) -> bytes:
        return self.http_response.read()


class AsyncStreamedResponse(_Streamed):
    """:class:`StreamedResponse` for the async client: ``async for`` over ``iter_bytes()``."""

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks, decoded from any ``Content-Encoding``."""
        return self.http_response.aiter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    async def read(self) -> bytes:
        return await self.http_response.aread()


@dataclass
class _Capture:
    response: httpx.Response | None = None
    retries_taken: int = 0
    request_id: str | None = None


_capture: ContextVar[_Capture | None] = ContextVar("_capture", default=None)


def capturing() -> bool:
    """Whether a call made through a raw-response wrapper is under way."""
    return _capture.get() is not None


def record(response: httpx.Response, retries_taken: int, request_id: str | None) -> None:
    """Remember the first response of a call made through a raw-response wrapper."""
    capture = _capture.get()
    if capture is not None and capture.response is None:
        capture.response = response
        capture.retries_taken = retries_taken
        capture.request_id = request_id


def _finish(capture: _Capture, parsed: R) -> APIResponse[R]:
    if capture.response is None:  # pragma: no cover - every call sends a request
        raise RuntimeError("no response was recorded")
    return APIResponse(parsed, capture.response, capture.retries_taken, capture.request_id)


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        capture = _Capture()
        token = _capture.set(capture)
        try:
            parsed = func(*args, **kwargs)
        finally:
            _capture.reset(token)
        return _finish(capture, parsed)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[APIResponse[R]]]:
    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        capture = _Capture()
        token = _capture.set(capture)
        try:
            parsed = await func(*args, **kwargs)
        finally:
            _capture.reset(token)
        return _finish(capture, parsed)

    return wrapped
