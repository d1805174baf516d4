"""The HTTP core shared by :class:`SyncAPIClient` and :class:`AsyncAPIClient`.

:class:`BaseClient` holds everything that needs no I/O: building requests, authentication,
the retry policy, reading responses and errors. The two subclasses add only the sending.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import json
import logging
import random
import time
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

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
from ._pagination import MISSING, AsyncPage, SyncPage, get_path, loop_error
from ._request import Request, Result
from ._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout
from ._version import __title__, __version__

T = TypeVar("T")

log = logging.getLogger(__title__)

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_SERVER_DELAY = 60.0
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({408, 409, 429})


@dataclass(frozen=True)
class RequestOptions:
    """Per-call settings; ``NOT_GIVEN`` keeps the client's."""

    extra_headers: Headers | None = None
    extra_query: Query | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def _error_path(prefix: tuple[str, ...], loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in (*prefix, *loc):
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(body)"


def _encode_query(pairs: list[tuple[str, str]]) -> str:
    # Names are sent as written (page[limit], start_date.year); values are fully encoded.
    from urllib.parse import quote

    return "&".join(f"{quote(k, safe='[].')}={quote(v, safe='')}" for k, v in pairs)


class BaseClient:
    """Request building, authentication, retry policy and response reading."""

    def __init__(
        self,
        *,
        base_url: str,
        credential: str | None,
        auth_header: str,
        auth_prefix: str,
        headers: Mapping[str, str],
        timeout: Timeout,
        max_retries: int,
        allow_insecure_http: bool,
        request_id_header: str | None,
        retry_delay_field: tuple[str, ...] | None,
        retry_delay_unit: str,
    ) -> None:
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
        if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
            raise ValueError(
                f"refusing to send credentials over plain http to {url.host!r}; "
                "use https, or pass allow_insecure_http=True"
            )
        if max_retries < 0:
            raise ValueError("max_retries must be ≥ 0")
        self.base_url = url.copy_with(raw_path=url.raw_path.rstrip(b"/") + b"/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._credential = credential
        self._auth_header = auth_header
        self._auth_prefix = auth_prefix
        self._headers = dict(headers)
        self._request_id_header = request_id_header
        self._retry_delay_field = retry_delay_field
        self._retry_delay_unit = retry_delay_unit
        self._results: dict[Any, Result[Any]] = {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.base_url)!r}>"

    # -- requests ----------------------------------------------------------------------------

    def _redact(self, text: str) -> str:
        if self._credential:
            text = text.replace(self._credential, "[redacted]")
        return text

    def _url(self, request: Request, options: RequestOptions) -> httpx.URL:
        pairs = list(request.query)
        if options.extra_query:
            pairs += [(k, str(v)) for k, v in options.extra_query.items()]
        path = self.base_url.raw_path.decode("ascii").rstrip("/") + request.path
        query = _encode_query(pairs)
        return self.base_url.copy_with(raw_path=(path + ("?" + query if query else "")).encode())

    def _build(self, request: Request, options: RequestOptions) -> httpx.Request:
        headers = {
            "Accept": "application/json",
            "User-Agent": f"{__title__}/{__version__}",
            **self._headers,
        }
        if self._credential:
            headers[self._auth_header] = self._auth_prefix + self._credential
        headers.update(request.headers)
        if options.extra_headers:
            headers.update(options.extra_headers)
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        content: bytes | None = None
        if request.has_body:
            headers["Content-Type"] = "application/json"
            content = json.dumps(request.json, separators=(",", ":")).encode()
        return httpx.Request(
            request.endpoint.method,
            self._url(request, options),
            headers=headers,
            content=content,
            extensions={"timeout": httpx.Timeout(timeout).as_dict()},
        )

    def _redirect(self, request: httpx.Request, response: httpx.Response) -> httpx.Request:
        """The request a redirect asks for; the credential never leaves the base URL's origin."""
        url = request.url.join(response.headers["location"])
        method = request.method
        content: bytes | None = request.content or None
        headers = httpx.Headers(request.headers)
        if response.status_code in (301, 302, 303) and method != "GET":
            method, content = "GET", None
            headers.pop("content-type", None)
        if _origin(url) != _origin(self.base_url):
            headers.pop(self._auth_header, None)
        headers.pop("host", None)
        headers.pop("content-length", None)
        return httpx.Request(
            method, url, headers=headers, content=content, extensions=request.extensions
        )

    def _max_retries(self, options: RequestOptions) -> int:
        if isinstance(options.max_retries, NotGiven):
            return self.max_retries
        return options.max_retries

    # -- retries -----------------------------------------------------------------------------

    def _should_retry(self, response: httpx.Response, request: Request) -> bool:
        status = response.status_code
        retryable = status in RETRY_STATUSES or status >= 500
        return retryable and request.endpoint.idempotent

    @staticmethod
    def _may_retry_error(error: httpx.TransportError, request: Request) -> bool:
        # A connection that was never made is always safe to try again.
        return request.endpoint.idempotent or isinstance(
            error, httpx.ConnectError | httpx.ConnectTimeout
        )

    def _server_delay(self, response: httpx.Response) -> float | None:
        """The wait the API asked for, in seconds: ``retry-after-ms``, ``Retry-After`` (seconds
        or an HTTP date), or the vendor's own body field."""
        headers = response.headers
        try:
            if "retry-after-ms" in headers:
                return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
        value = headers.get("retry-after")
        if value:
            try:
                return float(value)
            except ValueError:
                parsed = email.utils.parsedate_to_datetime(value) if value else None
                if parsed is not None:
                    return max(parsed.timestamp() - time.time(), 0.0)
        if self._retry_delay_field is not None:
            try:
                body = json.loads(response.content)
            except ValueError:
                return None
            found = get_path(body, self._retry_delay_field)
            if isinstance(found, int | float) and not isinstance(found, bool):
                return float(found) / (1000 if self._retry_delay_unit == "ms" else 1)
        return None

    def _retry_delay(self, retries: int, response: httpx.Response | None) -> float:
        server = self._server_delay(response) if response is not None else None
        if server is not None and server >= 0:
            return min(server, MAX_SERVER_DELAY)
        delay = min(INITIAL_RETRY_DELAY * 2.0**retries, MAX_RETRY_DELAY)
        return delay * (1 - 0.25 * random.random())

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
        if retries < max_retries and self._may_retry_error(exc, request):
            return self._retry_delay(retries, None)
        if isinstance(exc, httpx.TimeoutException):
            raise APITimeoutError(request=http_request, retries_taken=retries) from exc
        raise APIConnectionError(
            self._redact(f"{request.endpoint.name}: connection error: {exc}"),
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
            _response.record(response, retries)
            return None
        if retries < max_retries and self._should_retry(response, request):
            return self._retry_delay(retries, response)
        raise self._status_error(response, request, retries)

    # -- responses ---------------------------------------------------------------------------

    def _log(self, request: httpx.Request, outcome: str, attempt: int, start: float) -> None:
        if log.isEnabledFor(logging.DEBUG):
            url = request.url.copy_with(query=None)
            log.debug(
                self._redact(
                    f"{request.method} {url} -> {outcome} "
                    f"(attempt {attempt + 1}, {time.monotonic() - start:.3f}s)"
                )
            )

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
        if len(summary) > 300:
            summary = summary[:297] + "..."
        message = self._redact(
            f"{request.endpoint.name}: {response.status_code} {response.reason_phrase}"
            + (f": {summary}" if summary else "")
            + (f" (request id {request_id})" if request_id else "")
        )
        cls = status_error_class(response.status_code)
        kwargs: dict[str, Any] = {
            "response": response,
            "body": body,
            "error": error,
            "request_id": request_id,
            "retries_taken": retries,
        }
        if cls is RateLimitError:
            return RateLimitError(message, retry_after=self._server_delay(response), **kwargs)
        return cls(message, **kwargs)

    def _decode(self, response: httpx.Response, retries: int) -> Any:
        if not response.content:
            return None
        try:
            return json.loads(response.content)
        except ValueError:
            raise APIResponseValidationError(
                "the response body is not valid JSON",
                response=response,
                retries_taken=retries,
            ) from None

    def _validate(
        self,
        result: Result[T],
        value: Any,
        prefix: tuple[str, ...],
        response: httpx.Response,
        retries: int,
    ) -> T:
        try:
            return result.validate(value)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            path = _error_path(prefix, tuple(first["loc"]))
            raise APIResponseValidationError(
                f"the response does not fit its model at {path}: {first['msg']}",
                response=response,
                path=path,
                retries_taken=retries,
            ) from None

    def _read(
        self, request: Request, result: Result[T], response: httpx.Response, retries: int
    ) -> T:
        body = self._decode(response, retries)
        envelope = request.endpoint.envelope
        value = get_path(body, envelope)
        if value is MISSING:
            raise APIResponseValidationError(
                f"the response has no {'.'.join(envelope)!r}",
                response=response,
                retries_taken=retries,
            )
        return self._validate(result, value, envelope, response, retries)

    def _page_parts(
        self,
        request: Request,
        items: Result[list[T]],
        response: httpx.Response,
        retries: int,
        seen: frozenset[str],
    ) -> tuple[list[T], Any, Request | None, frozenset[str]]:
        """The items of a page, its body, and the request for the next page."""
        pagination = request.endpoint.pagination
        assert pagination is not None
        body = self._decode(response, retries)
        raw_items = get_path(body, pagination.items)
        page_items = self._validate(items, raw_items, pagination.items, response, retries)
        query = dict(request.query)
        params = pagination.next_params(body, response, query, len(page_items))
        if params is None:
            return page_items, body, None, seen
        key = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
        if key in seen or not pagination.advances(query, params):
            raise loop_error(request.endpoint.name, next(iter(params.values())))
        return page_items, body, request.with_query(params), seen | {key}


class SyncAPIClient(BaseClient):
    """Sends requests with an :class:`httpx.Client`."""

    def __init__(self, *, http_client: httpx.Client | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client()
        self._sleep: Callable[[float], None] = time.sleep

    def close(self) -> None:
        """Close the connection pool (unless it was handed in)."""
        if self._owns_http:
            self._http.close()

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        response = self._http.send(request, follow_redirects=False)
        for _ in range(MAX_REDIRECTS):
            if not response.is_redirect or "location" not in response.headers:
                break
            response.close()
            request = self._redirect(request, response)
            response = self._http.send(request, follow_redirects=False)
        return response

    def send(self, request: Request, options: RequestOptions) -> tuple[httpx.Response, int]:
        """Send ``request``, retrying as the policy allows; return the response and the
        number of retries taken, or raise."""
        max_retries = self._max_retries(options)
        retries = 0
        while True:
            http_request = self._build(request, options)
            start = time.monotonic()
            try:
                response = self._send_once(http_request)
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

    def get_page(
        self,
        request: Request,
        items: Result[list[T]],
        options: RequestOptions,
        seen: frozenset[str] = frozenset(),
    ) -> SyncPage[T]:
        response, retries = self.send(request, options)
        page_items, body, next_request, seen = self._page_parts(
            request, items, response, retries, seen
        )
        return SyncPage(
            items=page_items,
            body=body,
            response=response,
            next_request=next_request,
            retries_taken=retries,
            fetch=lambda following: self.get_page(following, items, options, seen),
        )


class AsyncAPIClient(BaseClient):
    """Sends requests with an :class:`httpx.AsyncClient`."""

    def __init__(self, *, http_client: httpx.AsyncClient | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient()
        self._sleep: Callable[[float], Coroutine[Any, Any, None]] = asyncio.sleep

    async def close(self) -> None:
        """Close the connection pool (unless it was handed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def _send_once(self, request: httpx.Request) -> httpx.Response:
        response = await self._http.send(request, follow_redirects=False)
        for _ in range(MAX_REDIRECTS):
            if not response.is_redirect or "location" not in response.headers:
                break
            await response.aclose()
            request = self._redirect(request, response)
            response = await self._http.send(request, follow_redirects=False)
        return response

    async def send(self, request: Request, options: RequestOptions) -> tuple[httpx.Response, int]:
        """Send ``request``, retrying as the policy allows; return the response and the
        number of retries taken, or raise."""
        max_retries = self._max_retries(options)
        retries = 0
        while True:
            http_request = self._build(request, options)
            start = time.monotonic()
            try:
                response = await self._send_once(http_request)
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

    async def get_page(
        self,
        request: Request,
        items: Result[list[T]],
        options: RequestOptions,
        seen: frozenset[str] = frozenset(),
    ) -> AsyncPage[T]:
        response, retries = await self.send(request, options)
        page_items, body, next_request, seen = self._page_parts(
            request, items, response, retries, seen
        )
        return AsyncPage(
            items=page_items,
            body=body,
            response=response,
            next_request=next_request,
            retries_taken=retries,
            fetch=lambda following: self.get_page(following, items, options, seen),
        )
