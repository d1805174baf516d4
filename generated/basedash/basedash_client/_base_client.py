"""The HTTP core shared by :class:`SyncAPIClient` and :class:`AsyncAPIClient`.

:class:`BaseClient` holds everything that needs no I/O: building requests, authentication,
redirects, the retry loop's decisions, and reading responses and errors. The two subclasses
add only the sending and the waiting.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import ssl
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar, cast
from urllib.parse import quote

import httpx
import pydantic

from . import _response
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    RateLimitError,
    status_error_class,
)
from ._pagination import MISSING, AsyncPage, SyncPage, Walk, get_path
from ._auth import Auth
from ._request import BodySuccess, Request, Result, param_text
from ._response import AsyncStreamedResponse, StreamedResponse
from ._retry import RetryPolicy
from ._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout
from ._version import __title__, __version__

T = TypeVar("T")

log = logging.getLogger(__title__)

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
MAX_REDIRECTS = 5
USER_AGENT = f"{__title__}/{__version__}"


@dataclass(frozen=True)
class RequestOptions:
    """Per-call settings; ``NOT_GIVEN`` keeps the client's."""

    extra_headers: Headers | None = None
    extra_query: Query | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN


@cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying SSL context for every HTTP client this package builds: making one reads
    the whole CA bundle, which takes tens of milliseconds."""
    return httpx.create_ssl_context()


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def _shown(url: httpx.URL) -> str:
    """``url`` as repr and logs show it: no user info, no query."""
    return str(url.copy_with(userinfo=b"", query=None))


def _error_path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(body)"


def _encode_query(pairs: list[tuple[str, str]]) -> str:
    # Names are sent as written (page[limit], start_date.year); values are fully encoded.
    return "&".join(f"{quote(k, safe='[].')}={quote(v, safe='')}" for k, v in pairs)


def _checked_retries(max_retries: int) -> int:
    if max_retries < 0:
        raise ValueError(f"max_retries must be ≥ 0, got {max_retries}")
    return max_retries


def _retries_note(retries: int) -> str:
    if retries == 0:
        return ""
    return f" (after {retries} {'retry' if retries == 1 else 'retries'})"


class BaseClient:
    """Request building, authentication, retry decisions and response reading."""

    def __init__(
        self,
        *,
        base_url: str,
        credential: str | None,
        auth: Auth,
        password: str | None,
        headers: Mapping[str, str],
        timeout: Timeout,
        max_retries: int,
        allow_insecure_http: bool,
        request_id_header: str | None,
        retry_delay_field: tuple[str, ...] | None,
        retry_delay_unit: str,
        rate_limit_signals: tuple[tuple[int, str, str | None], ...] = (),
        rate_limit_reset_header: str | None = None,
        success: BodySuccess | None = None,
    ) -> None:
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
        if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
            raise ValueError(
                f"refusing to send credentials over plain http to {url.host!r}; "
                "use https, or pass allow_insecure_http=True"
            )
        self.base_url = url.copy_with(raw_path=url.raw_path.rstrip(b"/") + b"/")
        self.timeout = timeout
        self.max_retries = _checked_retries(max_retries)
        self._credential = credential
        self._auth = auth
        self._password = password
        self._secrets = auth.secrets(credential, password) if credential else ()
        self._success = success
        self._headers = httpx.Headers({"Accept": "application/json", "User-Agent": USER_AGENT})
        self._headers.update(headers)
        self._request_id_header = request_id_header
        self._retry = RetryPolicy(
            retry_delay_field, retry_delay_unit, rate_limit_signals, rate_limit_reset_header
        )
        self._results: dict[Any, Result[Any]] = {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={_shown(self.base_url)!r}>"

    # -- requests ----------------------------------------------------------------------------

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def _url(self, request: Request, options: RequestOptions) -> httpx.URL:
        pairs = list(request.query)
        if options.extra_query:
            extra = [(k, param_text(v)) for k, v in options.extra_query.items()]
            replaced = {k for k, _ in extra}
            pairs = [(k, v) for k, v in pairs if k not in replaced] + extra
        in_query = self._auth.query(self._credential) if self._credential else None
        if in_query is not None:
            pairs = [(k, v) for k, v in pairs if k != in_query[0]] + [in_query]
        path = self.base_url.raw_path.decode("ascii").rstrip("/") + request.path
        query = _encode_query(pairs)
        return self.base_url.copy_with(raw_path=(path + ("?" + query if query else "")).encode())

    def _build(self, request: Request, options: RequestOptions) -> httpx.Request:
        headers = self._headers.copy()
        if self._credential:
            headers.update(self._auth.headers(self._credential, self._password))
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        url = self._url(request, options)
        body: dict[str, Any] = {}
        if request.content is not None:
            # Before the endpoint's and the caller's headers, which may name another
            # Content-Type (a wildcard upload).
            headers.update(request.content.headers())
            body = request.content.arguments()
            if "stream" in body:  # httpx adds no Host to a request built from a stream
                headers["Host"] = url.netloc.decode("ascii")
        if request.endpoint.accept != "application/json":
            headers["Accept"] = request.endpoint.accept
        headers.update(request.endpoint.headers)
        headers.update(request.headers)
        if options.extra_headers:
            headers.update(options.extra_headers)
        if request.content is None and request.has_body:
            headers["Content-Type"] = "application/json"
            body = {"content": json.dumps(request.json, separators=(",", ":")).encode()}
        return httpx.Request(
            request.endpoint.method,
            url,
            headers=headers,
            extensions={"timeout": httpx.Timeout(timeout).as_dict()},
            **body,
        )

    def _redirect(self, request: httpx.Request, response: httpx.Response) -> httpx.Request:
        """The request a redirect asks for; the credential never leaves the base URL's origin."""
        url = request.url.join(response.headers["location"])
        method = request.method
        stream: httpx.SyncByteStream | httpx.AsyncByteStream | None = request.stream
        headers = httpx.Headers(request.headers)
        if response.status_code in (301, 302, 303) and method != "GET":
            method, stream = "GET", None
            for name in ("content-type", "content-length", "transfer-encoding"):
                headers.pop(name, None)
        if _origin(url) != _origin(self.base_url):
            for name in self._auth.header_names():
                headers.pop(name, None)
            in_query = self._auth.query(self._credential) if self._credential else None
            if in_query is not None:
                url = url.copy_remove_param(in_query[0])
        # The body is sent again as it was (a file from its start); only the host changes.
        headers["Host"] = url.netloc.decode("ascii")
        return httpx.Request(
            method, url, headers=headers, stream=stream, extensions=request.extensions
        )

    def _max_retries(self, options: RequestOptions) -> int:
        if isinstance(options.max_retries, NotGiven):
            return self.max_retries
        return _checked_retries(options.max_retries)

    # -- the retry loop's decisions ----------------------------------------------------------

    def _on_transport_error(
        self,
        exc: httpx.TransportError,
        request: Request,
        http_request: httpx.Request,
        retries: int,
        max_retries: int,
        start: float,
    ) -> float:
        """The delay before retrying after ``exc``, or raise the error to give up."""
        self._log(http_request, type(exc).__name__, retries, start)
        if retries < max_retries and self._retry.retries_error(exc, request.endpoint.idempotent):
            return self._retrying(request, retries, max_retries, None)
        name = request.endpoint.name
        if isinstance(exc, httpx.TimeoutException):
            raise APITimeoutError(
                f"{name}: the request timed out{_retries_note(retries)}",
                request=http_request,
                retries_taken=retries,
            ) from exc
        raise APIConnectionError(
            self._redact(f"{name}: connection error: {exc}{_retries_note(retries)}"),
            request=http_request,
            retries_taken=retries,
        ) from exc

    def _on_response(
        self,
        response: httpx.Response,
        request: Request,
        http_request: httpx.Request,
        retries: int,
        max_retries: int,
        start: float,
    ) -> float | None:
        """``None`` for a success, the delay before retrying, or raise the status error."""
        self._log(http_request, str(response.status_code), retries, start)
        if response.is_success:
            # httpx binds a response's stream to the response, a reference cycle that only the
            # cycle collector frees; pages keep their response, so a walk would hold on to
            # many bodies. A plain stream over the body already read breaks the cycle. (A
            # streamed download is read by its caller, later.)
            if response.is_stream_consumed:
                response.stream = httpx.ByteStream(response.content)
            _response.record(response, retries)
            if self._success is not None and request.endpoint.returns == "json":
                self._check_success(self._success, response, request, retries)
            return None
        idempotent = request.endpoint.idempotent
        if retries < max_retries and self._retry.retries_response(response, idempotent):
            return self._retrying(request, retries, max_retries, response)
        raise self._status_error(response, request, retries)

    def _retrying(
        self, request: Request, retries: int, max_retries: int, response: httpx.Response | None
    ) -> float:
        delay = self._retry.delay(retries, response)
        log.debug(
            "%s: retrying in %.3fs (retry %d of %d)",
            request.endpoint.name,
            delay,
            retries + 1,
            max_retries,
        )
        return delay

    def _log(self, request: httpx.Request, outcome: str, retries: int, start: float) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                self._redact(
                    f"{request.method} {_shown(request.url)} -> {outcome} "
                    f"(attempt {retries + 1}, {time.monotonic() - start:.3f}s)"
                )
            )

    # -- responses ---------------------------------------------------------------------------

    def _result(self, tp: Any) -> Result[Any]:
        found = self._results.get(tp)
        if found is None:
            found = self._results[tp] = Result(tp)
        return found

    def _status_error(
        self, response: httpx.Response, request: Request, retries: int
    ) -> APIStatusError:
        try:
            body: object = json.loads(response.content)
        except ValueError:
            body = response.text
        errors = request.endpoint.errors
        model = errors.get(response.status_code, errors.get(None))
        error = None
        if model is not None and not isinstance(body, str):
            try:
                error = self._result(model).validate(body)
            except pydantic.ValidationError:
                error = None
        request_id = (
            response.headers.get(self._request_id_header) if self._request_id_header else None
        )
        summary = body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))
        summary = " ".join(summary.split())
        if len(summary) > 300:
            summary = summary[:297] + "..."
        status = response.status_code
        message = self._redact(
            f"{request.endpoint.name}: {status} {httpx.codes.get_reason_phrase(status)}"
            + (f": {summary}" if summary else "")
            + (f" (request id {request_id})" if request_id else "")
            + _retries_note(retries)
        )
        cls = RateLimitError if self._retry.throttled(response) else status_error_class(status)
        kwargs: dict[str, Any] = {
            "response": response,
            "body": body,
            "error": error,
            "request_id": request_id,
            "retries_taken": retries,
        }
        if cls is RateLimitError:
            return RateLimitError(message, retry_after=self._retry.server_delay(response), **kwargs)
        return cls(message, **kwargs)

    def _check_success(
        self, success: BodySuccess, response: httpx.Response, request: Request, retries: int
    ) -> None:
        """Raise the vendor's error when a 2xx body says the call failed (``ok: false``)."""
        try:
            body: object = json.loads(response.content)
        except ValueError:
            return  # not JSON: reading the result reports it
        if not success.failed(body):
            return
        code = success.detail(body, success.code)
        text = success.detail(body, success.message)
        status = success.statuses.get(code or "") if code else None
        cls = status_error_class(status) if status is not None else APIStatusError
        model = request.endpoint.errors.get(None)
        error = None
        if model is not None:
            try:
                error = self._result(model).validate(body)
            except pydantic.ValidationError:
                error = None
        detail = ": ".join(part for part in (code, text) if part) or "no error code"
        message = self._redact(
            f"{request.endpoint.name}: the API answered {response.status_code} with an error in the "
            f"body: {detail}{_retries_note(retries)}"
        )
        kwargs: dict[str, Any] = {
            "response": response,
            "body": body,
            "error": error,
            "request_id": (
                response.headers.get(self._request_id_header) if self._request_id_header else None
            ),
            "retries_taken": retries,
        }
        failure = cls(message, **kwargs)
        failure.code = code
        raise failure

    def _invalid(
        self,
        request: Request,
        problem: str,
        response: httpx.Response,
        retries: int,
        path: str | None = None,
    ) -> APIResponseValidationError:
        return APIResponseValidationError(
            self._redact(f"{request.endpoint.name}: {problem}{_retries_note(retries)}"),
            response=response,
            path=path,
            retries_taken=retries,
        )

    def _parse(
        self,
        request: Request,
        result: Result[Any],
        response: httpx.Response,
        retries: int,
        envelope: tuple[str, ...],
        optional: bool = False,
    ) -> Any:
        """The body, decoded and validated in one pass, with ``result`` at ``envelope``."""
        try:
            return result.read_json(response.content or b"null", envelope, optional)
        except pydantic.ValidationError as exc:
            first = exc.errors(include_url=False, include_input=False)[0]
            if first["type"] == "json_invalid":
                raise self._invalid(
                    request, "the response body is not valid JSON", response, retries
                ) from None
            path = _error_path(tuple(first["loc"]))
            problem = f"the response does not fit its model at {path}: {first['msg']}"
            raise self._invalid(request, problem, response, retries, path) from None

    def _read(
        self, request: Request, result: Result[T], response: httpx.Response, retries: int
    ) -> T:
        returns = request.endpoint.returns
        if returns == "bytes":
            return cast(T, response.content)
        if returns == "text":
            return cast(T, response.text)
        envelope = request.endpoint.envelope
        body = self._parse(request, result, response, retries, envelope)
        value: T = get_path(body, envelope)
        return value

    def _page_parts(
        self,
        request: Request,
        items: Result[list[T]],
        response: httpx.Response,
        retries: int,
        walk: Walk,
    ) -> tuple[list[T], Request | None, Walk]:
        """The items of a page, the request for the next page, and the walk so far."""
        pagination = request.endpoint.pagination
        assert pagination is not None
        body = self._parse(
            request, items, response, retries, pagination.items, pagination.items_optional
        )
        page_items = get_path(body, pagination.items)
        if page_items is MISSING or page_items is None:
            page_items = []
        following, walk = pagination.follow(
            request, body, response, page_items, walk, self.base_url
        )
        return page_items, following, walk


class SyncAPIClient(BaseClient):
    """Sends requests with an :class:`httpx.Client`."""

    def __init__(self, *, http_client: httpx.Client | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(verify=_ssl_context())
        self._sleep: Callable[[float], None] = time.sleep

    def close(self) -> None:
        """Close the connection pool (unless it was handed in)."""
        if self._owns_http:
            self._http.close()

    def _send_once(self, request: httpx.Request, stream: bool = False) -> httpx.Response:
        response = self._http.send(request, follow_redirects=False, stream=stream)
        for _ in range(MAX_REDIRECTS):
            if not response.is_redirect or "location" not in response.headers:
                break
            response.close()
            request = self._redirect(request, response)
            response = self._http.send(request, follow_redirects=False, stream=stream)
        if stream and not response.is_success:
            try:
                response.read()  # an error body is read whole, as for any call
            finally:
                response.close()
        return response

    def send(
        self, request: Request, options: RequestOptions, stream: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send ``request``, retrying as the policy allows; return the response and the
        number of retries taken, or raise. With ``stream``, a success body is left unread."""
        max_retries = self._max_retries(options)
        retries = 0
        while True:
            http_request = self._build(request, options)
            start = time.monotonic()
            try:
                response = self._send_once(http_request, stream)
            except httpx.TransportError as exc:
                delay = self._on_transport_error(
                    exc, request, http_request, retries, max_retries, start
                )
            else:
                found = self._on_response(
                    response, request, http_request, retries, max_retries, start
                )
                if found is None:
                    return response, retries
                delay = found
                response.close()
            self._sleep(delay)
            retries += 1

    def request(self, request: Request, result: Result[T], options: RequestOptions) -> T:
        response, retries = self.send(request, options)
        return self._read(request, result, response, retries)

    @contextmanager
    def stream(self, request: Request, options: RequestOptions) -> Iterator[StreamedResponse]:
        """Send ``request`` and hand over the response before its body is read; the
        connection is released when the block ends."""
        response, retries = self.send(request, options, stream=True)
        try:
            yield StreamedResponse(response, retries)
        finally:
            response.close()

    def get_page(
        self,
        request: Request,
        items: Result[list[T]],
        options: RequestOptions,
        walk: Walk = Walk(),
    ) -> SyncPage[T]:
        response, retries = self.send(request, options)
        page_items, following, walk = self._page_parts(request, items, response, retries, walk)
        return SyncPage(
            items=page_items,
            response=response,
            next_request=following,
            retries_taken=retries,
            fetch=lambda next_request: self.get_page(next_request, items, options, walk),
        )


class AsyncAPIClient(BaseClient):
    """Sends requests with an :class:`httpx.AsyncClient`."""

    def __init__(self, *, http_client: httpx.AsyncClient | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(verify=_ssl_context())
        self._sleep: Callable[[float], Coroutine[Any, Any, None]] = asyncio.sleep

    async def close(self) -> None:
        """Close the connection pool (unless it was handed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def _send_once(self, request: httpx.Request, stream: bool = False) -> httpx.Response:
        response = await self._http.send(request, follow_redirects=False, stream=stream)
        for _ in range(MAX_REDIRECTS):
            if not response.is_redirect or "location" not in response.headers:
                break
            await response.aclose()
            request = self._redirect(request, response)
            response = await self._http.send(request, follow_redirects=False, stream=stream)
        if stream and not response.is_success:
            try:
                await response.aread()  # an error body is read whole, as for any call
            finally:
                await response.aclose()
        return response

    async def send(
        self, request: Request, options: RequestOptions, stream: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send ``request``, retrying as the policy allows; return the response and the
        number of retries taken, or raise. With ``stream``, a success body is left unread."""
        max_retries = self._max_retries(options)
        retries = 0
        while True:
            http_request = self._build(request, options)
            start = time.monotonic()
            try:
                response = await self._send_once(http_request, stream)
            except httpx.TransportError as exc:
                delay = self._on_transport_error(
                    exc, request, http_request, retries, max_retries, start
                )
            else:
                found = self._on_response(
                    response, request, http_request, retries, max_retries, start
                )
                if found is None:
                    return response, retries
                delay = found
                await response.aclose()
            await self._sleep(delay)
            retries += 1

    async def request(self, request: Request, result: Result[T], options: RequestOptions) -> T:
        response, retries = await self.send(request, options)
        return self._read(request, result, response, retries)

    @asynccontextmanager
    async def stream(
        self, request: Request, options: RequestOptions
    ) -> AsyncIterator[AsyncStreamedResponse]:
        """Send ``request`` and hand over the response before its body is read; the
        connection is released when the block ends."""
        response, retries = await self.send(request, options, stream=True)
        try:
            yield AsyncStreamedResponse(response, retries)
        finally:
            await response.aclose()

    async def get_page(
        self,
        request: Request,
        items: Result[list[T]],
        options: RequestOptions,
        walk: Walk = Walk(),
    ) -> AsyncPage[T]:
        response, retries = await self.send(request, options)
        page_items, following, walk = self._page_parts(request, items, response, retries, walk)
        return AsyncPage(
            items=page_items,
            response=response,
            next_request=following,
            retries_taken=retries,
            fetch=lambda next_request: self.get_page(next_request, items, options, walk),
        )
