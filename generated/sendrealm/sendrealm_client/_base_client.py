"""The HTTP core shared by :class:`SyncAPIClient` and :class:`AsyncAPIClient`.

:class:`BaseClient` holds everything that needs no I/O: settings, building requests, the
retry loop's decisions, and reading responses and errors. The two subclasses add only the
sending, the reading of bodies (up to a cap, within the attempt's deadline) and the waiting.

Time: ``timeout`` bounds each attempt as a whole (connecting, sending, waiting and reading,
however slowly the server drips its bytes); the call has ``timeout × (max_retries + 1)`` for
its attempts and the waits the server asks for, plus the client's own backoff between them.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import os
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, Self, TypeVar, cast

import httpx
import pydantic

from . import _drift, _response, _transport
from ._auth import Auth, check_header, mask_headers, redact, secret_header
from ._exceptions import (
    APIConnectionError,
    APIResponseTooLargeError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    PaginationError,
    RateLimitError,
    status_error_class,
)
from ._pagination import MISSING, AsyncPage, SyncPage, Walk, get_path, place
from ._parsing import Result, error_path
from ._request import BodySuccess, Request, param_text
from ._response import AsyncStreamedResponse, StreamedResponse
from ._retry import RetryPolicy
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ._urls import checked_base_url, encode_query, mask_request, masked_url, redirect_target, shown
from ._version import __title__, __version__

T = TypeVar("T")
E = TypeVar("E")

log = logging.getLogger(__title__)

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RESPONSE_SIZE = 64 * 2**20
"""Bytes of a response body read, once decoded (a gzip body counts unpacked)."""
MAX_ERROR_BODY = 256 * 2**10
"""Bytes of an error body read; the message summarizes the first few hundred characters."""
_SUMMARY_SOURCE = 2048
_SUMMARY_LENGTH = 300
MAX_REDIRECTS = 5
USER_AGENT = f"{__title__}/{__version__}"
COMMON_REQUEST_ID_HEADERS = ("x-request-id", "request-id")


@dataclass(frozen=True)
class RequestOptions:
    """Per-call settings; ``NOT_GIVEN`` keeps the client's."""

    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN


@cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying SSL context for every HTTP client this package builds: making one reads
    the whole CA bundle, which takes tens of milliseconds."""
    return httpx.create_ssl_context()


def setup_logging(env_var: str) -> None:
    """``<VENDOR>_LOG=debug`` or ``info``: log this package's requests to stderr at that level.
    Lines never carry credentials or query strings' secrets."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(
        os.environ.get(env_var, "").strip().lower()
    )
    if level is None:
        return
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s %(name)s] %(message)s"))
        log.addHandler(handler)
    log.setLevel(level)


def _checked_retries(max_retries: int) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValueError(f"max_retries must be an integer ≥ 0, got {max_retries!r}")
    return max_retries


_NOT_REPLAYABLE = " (not retried: the request body is a stream that cannot be read again)"


def _replayable(request: Request) -> bool:
    """Whether the request's body can be sent again after it has been read once."""
    return request.content is None or request.content.replayable


def _retries_note(retries: int) -> str:
    if retries == 0:
        return ""
    return f" (after {retries} {'retry' if retries == 1 else 'retries'})"


def _attempt_budget(timeout: httpx.Timeout) -> float | None:
    """Seconds one attempt may take as a whole: the longest of httpx's phase timeouts, or
    ``None`` when any phase may wait forever."""
    parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(part is None for part in parts):
        return None
    return max(part for part in parts if part is not None)


class _Call:
    """The clock of one call: each attempt's deadline, and the call's own across retries."""

    __slots__ = ("attempt_budget", "deadline", "max_retries", "timeout")

    def __init__(self, timeout: httpx.Timeout, max_retries: int) -> None:
        self.timeout = timeout
        self.max_retries = max_retries
        self.attempt_budget = _attempt_budget(timeout)
        budget = self.attempt_budget
        self.deadline = None if budget is None else time.monotonic() + budget * (max_retries + 1)

    def attempt_deadline(self) -> float | None:
        if self.attempt_budget is None or self.deadline is None:
            return None
        return min(time.monotonic() + self.attempt_budget, self.deadline)

    def left(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def wait(self, plan: tuple[float, bool] | None) -> float | None:
        """The delay of a retry plan; the client's own backoff does not use up the call's time."""
        if plan is None:
            return None
        delay, asked = plan
        if not asked and self.deadline is not None:
            self.deadline += delay
        return delay


class BaseClient:
    """Settings, request building, retry decisions and response reading."""

    def __init__(
        self,
        *,
        base_url: str,
        credential: str | None,
        auth: Auth,
        password: str | None,
        headers: Mapping[str, str],
        timeout: Timeout | NotGiven,
        max_retries: int,
        allow_insecure_http: bool,
        request_id_header: str | None,
        retry_delay_field: tuple[str, ...] | None,
        retry_delay_unit: str,
        rate_limit_signals: tuple[tuple[int, str, str | None], ...] = (),
        rate_limit_reset_header: str | None = None,
        success: BodySuccess | None = None,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        strict: bool = False,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        on_drift: _drift.DriftHook | None = None,
        http_timeout: httpx.Timeout | None = None,
    ) -> None:
        self.base_url = checked_base_url(base_url, allow_insecure_http)
        if isinstance(timeout, NotGiven):
            timeout = http_timeout if http_timeout is not None else DEFAULT_TIMEOUT
        self.timeout: Timeout = timeout
        self.max_retries = _checked_retries(max_retries)
        self.strict = strict
        if max_response_size <= 0:
            raise ValueError(f"max_response_size must be > 0, got {max_response_size!r}")
        self.max_response_size = max_response_size
        self._auth = auth
        if credential:
            auth.check(credential)
        # The credential as the scheme sends it, worked out once; kept nowhere else.
        self._auth_headers = auth.headers(credential, password) if credential else {}
        self._auth_query = auth.query(credential) if credential else None
        self._secrets = auth.secrets(credential, password) if credential else ()
        self._secret_headers = frozenset(name.lower() for name in auth.header_names())
        self._secret_params = frozenset({self._auth_query[0]} if self._auth_query else ())
        self._success = success
        self._headers = httpx.Headers({"Accept": "application/json", "User-Agent": USER_AGENT})
        self._headers.update(headers)
        self._default_query: tuple[tuple[str, str], ...] = ()
        self._add_defaults(default_headers, default_query)
        names = (request_id_header.lower(),) if request_id_header else ()
        self._request_id_headers = names + tuple(
            h for h in COMMON_REQUEST_ID_HEADERS if h not in names
        )
        self._retry = RetryPolicy(
            retry_delay_field, retry_delay_unit, rate_limit_signals, rate_limit_reset_header
        )
        self._on_drift = on_drift
        self._results: dict[Any, Result[Any]] = {}
        self._owns_http = False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={shown(self.base_url)!r}>"

    def _add_defaults(self, headers: Headers | None, query: Query | None) -> None:
        for name, value in (headers or {}).items():
            check_header(f"default_headers[{name!r}]", name, value)
            self._headers[name] = value
        if query:
            added = [(k, param_text(v)) for k, v in query.items()]
            kept = [(k, v) for k, v in self._default_query if k not in query]
            self._default_query = tuple(kept + added)

    def with_options(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        strict: bool | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        on_drift: _drift.DriftHook | None | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with some settings changed (headers and query parameters are
        added to the defaults). The copy shares the connection pool: close the original when
        done, not the copy."""
        new = copy.copy(self)
        new._headers = self._headers.copy()
        new._add_defaults(default_headers, default_query)
        if not isinstance(timeout, NotGiven):
            new.timeout = timeout
        if not isinstance(max_retries, NotGiven):
            new.max_retries = _checked_retries(max_retries)
        if not isinstance(strict, NotGiven):
            new.strict = strict
        if not isinstance(max_response_size, NotGiven):
            if max_response_size <= 0:
                raise ValueError(f"max_response_size must be > 0, got {max_response_size!r}")
            new.max_response_size = max_response_size
        if not isinstance(on_drift, NotGiven):
            new._on_drift = on_drift
        new._owns_http = False
        new._bind()
        return new

    def _bind(self) -> None:
        """Attach the resources (``client.runs``) to this client; the generated client does."""

    # -- requests ----------------------------------------------------------------------------

    def _call(self, options: RequestOptions) -> _Call:
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        max_retries = self.max_retries
        if not isinstance(options.max_retries, NotGiven):
            max_retries = _checked_retries(options.max_retries)
        return _Call(httpx.Timeout(timeout), max_retries)

    def _url(self, request: Request, options: RequestOptions) -> httpx.URL:
        pairs = list(request.query)
        if self._default_query:
            given = {k for k, _ in pairs}
            pairs = [(k, v) for k, v in self._default_query if k not in given] + pairs
        if options.extra_query:
            extra = [(k, param_text(v)) for k, v in options.extra_query.items()]
            replaced = {k for k, _ in extra}
            pairs = [(k, v) for k, v in pairs if k not in replaced] + extra
        in_query = self._auth_query
        if in_query is not None:
            pairs = [(k, v) for k, v in pairs if k != in_query[0]] + [in_query]
        path = self.base_url.raw_path.decode("ascii").rstrip("/") + request.path
        query = encode_query(pairs)
        url = self.base_url.copy_with(raw_path=(path + ("?" + query if query else "")).encode())
        return masked_url(url, self._secret_params)

    def _headers_for(self, request: Request, options: RequestOptions) -> httpx.Headers:
        headers = self._headers.copy()
        if self._auth_headers:
            headers.update(self._auth_headers)
        if request.content is not None:
            # Before the endpoint's and the caller's headers, which may name another
            # Content-Type (a wildcard upload).
            headers.update(request.content.headers())
        if request.endpoint.accept != "application/json":
            headers["Accept"] = request.endpoint.accept
        if request.endpoint.headers:
            headers.update(request.endpoint.headers)
        headers.update(request.headers)
        if options.extra_headers:
            for name, value in options.extra_headers.items():
                check_header(f"extra_headers[{name!r}]", name, value)
            headers.update(options.extra_headers)
        if request.content is None and request.has_body:
            headers["Content-Type"] = "application/json"
        return headers

    def _json_body(self, request: Request) -> bytes | None:
        """A plain JSON body as it is sent (made once per call; other bodies are
        :class:`Content`, encoded for each attempt)."""
        if request.content is not None or not request.has_body:
            return None
        return json.dumps(request.json, separators=(",", ":")).encode()

    def _http_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        request: Request,
        url: httpx.URL,
        json_body: bytes | None,
        options: RequestOptions,
        call: _Call,
        deadline: float | None,
    ) -> httpx.Request:
        """One attempt's request, built by the httpx client (so that its own headers, query
        parameters, cookies and timeout are kept), its headers masked in reprs."""
        arguments: dict[str, Any] = {"content": json_body}
        if request.content is not None:
            arguments = request.content.arguments()  # a file starts over on each attempt
        stream = arguments.pop("stream", None)
        http_request = http.build_request(
            request.endpoint.method,
            url,
            headers=self._headers_for(request, options),
            timeout=self._attempt_timeout(call, deadline),
            **arguments,
        )
        if stream is not None:  # a file read in chunks as it is sent; build_request takes none
            http_request.stream = stream
        mask_headers(http_request.headers, self._secret_headers)
        mask_request(http_request, self._secret_params)
        return http_request

    def _attempt_timeout(self, call: _Call, attempt_deadline: float | None) -> httpx.Timeout:
        """httpx's per-phase timeouts, none longer than what is left of the attempt."""
        if attempt_deadline is None:
            return call.timeout
        left = max(attempt_deadline - time.monotonic(), 0.001)
        t = call.timeout
        return httpx.Timeout(
            connect=min(t.connect, left) if t.connect is not None else left,
            read=min(t.read, left) if t.read is not None else left,
            write=min(t.write, left) if t.write is not None else left,
            pool=min(t.pool, left) if t.pool is not None else left,
        )

    def _redirect(
        self, request: httpx.Request, response: httpx.Response, replayable: bool = True
    ) -> httpx.Request | None:
        """The request a redirect asks for (``None``: it points nowhere this client goes, or
        it would send again a body that cannot be read twice); the credential never leaves
        the base URL's origin."""
        url = redirect_target(request.url, response.headers.get("location", ""))
        if url is None:
            return None
        method = request.method
        stream: httpx.SyncByteStream | httpx.AsyncByteStream | None = request.stream
        headers = httpx.Headers(request.headers)
        if response.status_code in (301, 302, 303) and method != "GET":
            method, stream = "GET", None
            for name in ("content-type", "content-length", "transfer-encoding"):
                headers.pop(name, None)
        elif not replayable:
            return None
        if (url.scheme, url.host, url.port) != (
            self.base_url.scheme,
            self.base_url.host,
            self.base_url.port,
        ):
            for name in self._secret_headers:
                headers.pop(name, None)
            if self._auth_query is not None:
                url = url.copy_remove_param(self._auth_query[0])
        # The body is sent again as it was (a file from its start); only the host changes.
        headers["Host"] = url.netloc.decode("ascii")
        following = httpx.Request(
            method, url, headers=headers, stream=stream, extensions=request.extensions
        )
        mask_headers(following.headers, self._secret_headers)
        mask_request(following, self._secret_params)
        return following

    # -- the retry loop's decisions ----------------------------------------------------------

    def _on_transport_error(
        self,
        exc: httpx.TransportError,
        request: Request,
        http_request: httpx.Request,
        retries: int,
        call: _Call,
        start: float,
    ) -> float:
        """The delay before retrying after ``exc``, or raise the error to give up."""
        self._log(http_request, type(exc).__name__, retries, start, None)
        idempotent = request.endpoint.idempotent
        more = retries < call.max_retries
        if more and self._retry.retries_error(exc, idempotent and _replayable(request)):
            delay = call.wait(self._retry.delay(retries, None, call.left()))
            if delay is not None:
                return self._retrying(request, retries, call, delay)
        name = request.endpoint.name
        note = _retries_note(retries)
        if more and self._retry.retries_error(exc, idempotent) and not _replayable(request):
            note += _NOT_REPLAYABLE
        if isinstance(exc, httpx.TimeoutException):
            raise APITimeoutError(
                f"{name}: the request timed out{note}",
                request=http_request,
                retries_taken=retries,
            ) from exc
        raise APIConnectionError(
            redact(f"{name}: connection error: {exc}{note}", self._secrets),
            request=http_request,
            retries_taken=retries,
        ) from exc

    def _verdict(
        self, response: httpx.Response, request: Request, retries: int, call: _Call
    ) -> float | None:
        """For a response that is not a success: the delay before retrying, or ``None`` to
        give up (the caller reads the error body and raises)."""
        if response.status_code < 400 or retries >= call.max_retries:
            return None
        if not self._retry.retries_response(
            response, request.endpoint.idempotent and _replayable(request)
        ):
            return None
        return call.wait(self._retry.delay(retries, response, call.left()))

    def _retrying(self, request: Request, retries: int, call: _Call, delay: float) -> float:
        log.info(
            "%s: retrying in %.3fs (retry %d of %d)",
            request.endpoint.name,
            delay,
            retries + 1,
            call.max_retries,
        )
        return delay

    def _log(
        self,
        request: httpx.Request,
        outcome: str,
        retries: int,
        start: float,
        response: httpx.Response | None,
    ) -> None:
        if log.isEnabledFor(logging.INFO):
            request_id = self._request_id(response) if response is not None else None
            log.info(
                "%s %s -> %s (attempt %d, %.3fs%s)",
                request.method,
                shown(request.url, self._secret_params),
                outcome,
                retries + 1,
                time.monotonic() - start,
                f", request id {request_id}" if request_id else "",
            )

    def _log_sending(self, request: httpx.Request) -> None:
        if log.isEnabledFor(logging.DEBUG):
            headers = {
                name: (
                    "[secure]"
                    if name.lower() in self._secret_headers or secret_header(name)
                    else value
                )
                for name, value in request.headers.items()
            }
            log.debug(
                "sending %s %s headers=%s",
                request.method,
                shown(request.url, self._secret_params),
                headers,
            )

    def _request_id(self, response: httpx.Response) -> str | None:
        headers = response.headers
        for name in self._request_id_headers:
            value: str | None = headers.get(name)
            if value:
                return value[:200]
        return None

    def _bad_redirect(
        self, request: Request, http_request: httpx.Request, exc: httpx.InvalidURL, retries: int
    ) -> APIConnectionError:
        # httpx reads a redirect's Location even when it is not asked to follow it, and fails
        # on one that is not a URL (``javascript:…``) before the response reaches us.
        return APIConnectionError(
            f"{request.endpoint.name}: the API redirected to a Location that is not a valid URL "
            f"({exc}); not followed{_retries_note(retries)}",
            request=http_request,
            retries_taken=retries,
        )

    def _stream_error(
        self, request: Request, http_request: httpx.Request, exc: httpx.StreamError, retries: int
    ) -> APIConnectionError:
        # A body that was read already (a pipe), asked for again: nothing more could be sent.
        return APIConnectionError(
            f"{request.endpoint.name}: the request body is a stream that was read already and "
            f"cannot be sent again ({type(exc).__name__}){_retries_note(retries)}",
            request=http_request,
            retries_taken=retries,
        )

    def _closed_error(self, request: Request, http_request: httpx.Request) -> APIConnectionError:
        return APIConnectionError(
            f"{request.endpoint.name}: the client is closed; nothing was sent", request=http_request
        )

    def _settle(
        self,
        response: httpx.Response,
        body: bytes,
        complete: bool,
        delay: float | None,
        request: Request,
        retries: int,
        call: _Call,
        start: float,
        streamed: bool = False,
    ) -> None:
        """After an attempt that got a response: keep a successful body (a streamed download
        is read by its caller, later), raise the error that ends the call, or log the retry."""
        self._log(response.request, str(response.status_code), retries, start, response)
        if response.is_success:
            if streamed:
                return
            if not complete:
                raise self._too_large(request, response, retries)
            self._accept(response, body, retries)
            if self._success is not None and request.endpoint.returns == "json":
                self._check_success(self._success, response, request, retries)
        elif delay is None:
            response._content = body
            blocked = (
                retries < call.max_retries
                and not _replayable(request)
                and self._retry.retries_response(response, request.endpoint.idempotent)
            )
            raise self._status_error(response, body, complete, request, retries, blocked)
        else:
            self._retrying(request, retries, call, delay)

    # -- responses ---------------------------------------------------------------------------

    def _accept(self, response: httpx.Response, content: bytes, retries: int) -> None:
        """Keep the body read of a successful response."""
        # httpx binds a response's stream to the response, a reference cycle that only the
        # cycle collector frees; pages keep their response, so a walk would hold on to many
        # bodies. A plain stream over the body already read breaks the cycle.
        response._content = content
        response.stream = httpx.ByteStream(content)
        if _response.capturing():
            _response.record(response, retries, self._request_id(response))

    def _too_large(
        self, request: Request, response: httpx.Response, retries: int
    ) -> APIResponseTooLargeError:
        return APIResponseTooLargeError(
            f"{request.endpoint.name}: the response body is larger than max_response_size "
            f"({self.max_response_size} bytes once decoded); reading stopped there"
            f"{_retries_note(retries)}",
            response=response,
            limit=self.max_response_size,
            retries_taken=retries,
        )

    def _result(self, tp: Any) -> Result[Any]:
        found = self._results.get(tp)
        if found is None:
            found = self._results[tp] = Result(tp)
        return found

    def _status_error(
        self,
        response: httpx.Response,
        content: bytes,
        complete: bool,
        request: Request,
        retries: int,
        blocked: bool = False,
    ) -> APIStatusError:
        """The error for a response that is not a success; ``content`` is its body, read up to
        :data:`MAX_ERROR_BODY` (``complete``: all of it). ``blocked``: it would have been
        retried but for a body that cannot be sent again."""
        body: object = None
        if complete and content:
            try:
                body = json.loads(content)
            except ValueError:
                body = None
        if body is None:
            body = content.decode(response.encoding or "utf-8", errors="replace")
        errors = request.endpoint.errors
        model = errors.get(response.status_code, errors.get(None))
        error = None
        if model is not None and not isinstance(body, str):
            try:
                error = self._result(model).validate(body)
            except pydantic.ValidationError:
                error = None
        request_id = self._request_id(response)
        status = response.status_code
        message = (
            f"{request.endpoint.name}: {status} {httpx.codes.get_reason_phrase(status)}"
            + _summary(body, content, complete)
            + (f" (request id {request_id})" if request_id else "")
            + _retries_note(retries)
        )
        if 300 <= status < 400 and not _replayable(request):
            message += (
                "; the redirect was not followed: it would send the request body again, "
                "a stream that cannot be read again"
            )
        elif 300 <= status < 400:
            message += "; the redirect was not followed (too many, or not to an http(s) URL)"
        elif blocked:
            message += _NOT_REPLAYABLE
        cls = RateLimitError if self._retry.throttled(response) else status_error_class(status)
        kwargs: dict[str, Any] = {
            "response": response,
            "body": body,
            "error": error,
            "request_id": request_id,
            "retries_taken": retries,
        }
        message = redact(message, self._secrets)
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
        request_id = self._request_id(response)
        message = redact(
            f"{request.endpoint.name}: the API answered {response.status_code} with an error in "
            f"the body: {detail[:_SUMMARY_LENGTH]}"
            + (f" (request id {request_id})" if request_id else "")
            + _retries_note(retries),
            self._secrets,
        )
        kwargs: dict[str, Any] = {
            "response": response,
            "body": body,
            "error": error,
            "request_id": request_id,
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
            redact(f"{request.endpoint.name}: {problem}{_retries_note(retries)}", self._secrets),
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
        """The body, decoded and validated in one pass, with ``result`` at ``envelope``; not
        strict, what does not fit is kept raw and reported as drift."""
        found: list[_drift.Drift] = []
        try:
            body = result.read_json(
                response.content or b"null", envelope, optional, strict=self.strict, drift=found
            )
        except pydantic.ValidationError as exc:
            raise self._unfit(request, exc, response, retries) from None
        finally:
            _drift.deliver(found, self._on_drift)
        return body

    def _unfit(
        self,
        request: Request,
        exc: pydantic.ValidationError,
        response: httpx.Response,
        retries: int,
    ) -> APIResponseValidationError:
        first = exc.errors(include_url=False, include_input=False)[0]
        if first["type"] == "json_invalid":
            return self._invalid(request, "the response body is not valid JSON", response, retries)
        path = error_path(tuple(first["loc"]))
        problem = f"the response does not fit its model at {path}: {first['msg']}"
        return self._invalid(request, problem, response, retries, path)

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
        try:
            following, walk = pagination.follow(
                request, body, response, page_items, walk, self.base_url
            )
        except PaginationError as exc:
            if not self._secrets:
                raise
            # A next-page URL may echo the credential sent in its query.
            cursor = (
                redact(exc.cursor, self._secrets) if isinstance(exc.cursor, str) else exc.cursor
            )
            raise PaginationError(
                redact(exc.message, self._secrets), operation=exc.operation, cursor=cursor
            ) from None
        return page_items, following, walk

    def _page_body(
        self,
        request: Request,
        envelope: Result[E],
        response: httpx.Response,
        items: list[Any],
        retries: int,
    ) -> E:
        """A page's whole body as the list operation's response model (``page.parsed``). The
        body is decoded again, its items left out while the rest is read, then the page's own
        items (read once, with the page) are put in their place."""
        pagination = request.endpoint.pagination
        assert pagination is not None
        path = pagination.items
        if not path:
            return cast(E, items)
        body = json.loads(response.content or b"null")
        holder = get_path(body, path[:-1])
        placed = isinstance(holder, dict) and isinstance(holder.get(path[-1]), list)
        if placed:
            holder[path[-1]] = []
        found: list[_drift.Drift] = []
        try:
            value = envelope.read_python(body, strict=self.strict, drift=found)
        except pydantic.ValidationError as exc:
            raise self._unfit(request, exc, response, retries) from None
        finally:
            _drift.deliver(found, self._on_drift)
        if placed:
            place(value, path, items)
        return value


def _summary(body: object, content: bytes, complete: bool) -> str:
    """A one-line summary of an error body, made from a bounded prefix of it."""
    if isinstance(body, str):
        text = body[:_SUMMARY_SOURCE]
    else:
        text = json.dumps(body, separators=(",", ":"))[:_SUMMARY_SOURCE] if content else ""
    text = " ".join(text.split())
    if not complete or len(text) > _SUMMARY_LENGTH:
        text = text[: _SUMMARY_LENGTH - 3] + "..."
    return f": {text}" if text else ""


class _Gunzip:
    """Unpacks a gzip body in pieces of at most 64 KiB, so that reading can stop at the size
    cap before a small body has unpacked into a huge one (httpx unpacks each network read
    whole). Other encodings are left to httpx."""

    PIECE = 65536

    def __init__(self, response: httpx.Response) -> None:
        self._request = response.request
        self._unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)

    @classmethod
    def of(cls, response: httpx.Response) -> _Gunzip | None:
        encoding = response.headers.get("content-encoding", "").strip().lower()
        return cls(response) if encoding in ("gzip", "x-gzip") else None

    def _unpack(self, data: bytes) -> Iterator[bytes]:
        try:
            while data:
                piece = self._unpacker.decompress(data, self.PIECE)
                data = self._unpacker.unconsumed_tail
                if piece:
                    yield piece
        except zlib.error as exc:
            raise httpx.DecodingError(
                f"the gzip body is corrupt: {exc}", request=self._request
            ) from None

    def pieces(self, raw: Iterator[bytes]) -> Iterator[bytes]:
        for data in raw:
            yield from self._unpack(data)

    async def apieces(self, raw: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        async for data in raw:
            for piece in self._unpack(data):
                yield piece


class SyncAPIClient(BaseClient):
    """Sends requests with an :class:`httpx.Client`."""

    def __init__(self, *, http_client: httpx.Client | None, **kwargs: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(
                f"http_client must be an httpx.Client, got {type(http_client).__name__}"
                " (an httpx.AsyncClient goes with the async client)"
            )
        super().__init__(
            http_timeout=http_client.timeout if http_client is not None else None, **kwargs
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(
            verify=_ssl_context(), transport=_transport.DeadlineTransport(_ssl_context())
        )
        self._sleep: Callable[[float], None] = time.sleep

    def close(self) -> None:
        """Close the connection pool (unless it was handed in)."""
        if self._owns_http:
            self._http.close()

    def _send_following(self, request: httpx.Request, replayable: bool) -> httpx.Response:
        response = self._http.send(request, stream=True, follow_redirects=False)
        for _ in range(MAX_REDIRECTS):
            if not response.is_redirect:
                break
            following = self._redirect(request, response, replayable)
            if following is None:
                break
            response.close()
            request = following
            response = self._http.send(request, stream=True, follow_redirects=False)
        return response

    def _read_body(
        self, response: httpx.Response, limit: int, deadline: float | None
    ) -> tuple[bytes, bool]:
        """The decoded body up to ``limit`` bytes, and whether that was all of it."""
        chunks: list[bytes] = []
        size = 0
        try:
            gunzip = _Gunzip.of(response)
            raw = response.iter_raw() if gunzip else response.iter_bytes()
            for chunk in gunzip.pieces(raw) if gunzip else raw:
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    return b"".join(chunks)[:limit], False
                if deadline is not None and time.monotonic() > deadline:
                    raise httpx.ReadTimeout(
                        "the attempt's deadline has passed", request=response.request
                    )
        finally:
            response.close()
        return b"".join(chunks), True

    def send(
        self, request: Request, options: RequestOptions, stream: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send ``request``, retrying as the policy allows; return the response (its body read)
        and the number of retries taken, or raise. With ``stream``, a success body is left
        unread, for the caller to read."""
        call = self._call(options)
        url = self._url(request, options)
        request = request.with_extra_body(options.extra_body)
        json_body = self._json_body(request)
        retries = 0
        while True:
            deadline = call.attempt_deadline()
            http_request = self._http_request(
                self._http, request, url, json_body, options, call, deadline
            )
            if self._http.is_closed:
                raise self._closed_error(request, http_request)
            self._log_sending(http_request)
            start = time.monotonic()
            try:
                with _transport.deadline(deadline):
                    response, body, complete, delay = self._attempt(
                        http_request, request, retries, call, deadline, stream
                    )
            except httpx.TransportError as exc:
                delay = self._on_transport_error(exc, request, http_request, retries, call, start)
            except httpx.InvalidURL as exc:
                raise self._bad_redirect(request, http_request, exc, retries) from None
            except httpx.StreamError as exc:
                raise self._stream_error(request, http_request, exc, retries) from exc
            else:
                self._settle(response, body, complete, delay, request, retries, call, start, stream)
                if delay is None:
                    return response, retries
            self._sleep(delay)
            retries += 1

    def _attempt(
        self,
        http_request: httpx.Request,
        request: Request,
        retries: int,
        call: _Call,
        deadline: float | None,
        stream: bool,
    ) -> tuple[httpx.Response, bytes, bool, float | None]:
        """One attempt: the response, its body as far as it was read (a success body is left
        unread when streaming), whether that is all of it, and the delay before retrying
        (``None``: no retry)."""
        response = self._send_following(http_request, _replayable(request))
        if response.is_success:
            if stream:
                return response, b"", True, None
            body, complete = self._read_body(response, self.max_response_size, deadline)
            return response, body, complete, None
        if self._retry.delay_field is not None:  # the delay may be in the body
            body, complete = self._read_body(response, MAX_ERROR_BODY, deadline)
            response._content = body
            return response, body, complete, self._verdict(response, request, retries, call)
        delay = self._verdict(response, request, retries, call)
        if delay is not None:  # a body nobody reads is not fetched
            response.close()
            return response, b"", True, delay
        body, complete = self._read_body(response, MAX_ERROR_BODY, deadline)
        return response, body, complete, None

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
        envelope: Result[E],
        options: RequestOptions,
        walk: Walk = Walk(),
    ) -> SyncPage[T, E]:
        response, retries = self.send(request, options)
        page_items, following, walk = self._page_parts(request, items, response, retries, walk)
        return SyncPage(
            items=page_items,
            response=response,
            next_request=following,
            retries_taken=retries,
            parse=lambda: self._page_body(request, envelope, response, page_items, retries),
            fetch=lambda next_request: self.get_page(next_request, items, envelope, options, walk),
        )


class AsyncAPIClient(BaseClient):
    """Sends requests with an :class:`httpx.AsyncClient`."""

    def __init__(self, *, http_client: httpx.AsyncClient | None, **kwargs: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}"
                " (an httpx.Client goes with the sync client)"
            )
        super().__init__(
            http_timeout=http_client.timeout if http_client is not None else None, **kwargs
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(verify=_ssl_context())
        self._sleep: Callable[[float], Coroutine[Any, Any, None]] = asyncio.sleep

    async def close(self) -> None:
        """Close the connection pool (unless it was handed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def _send_following(self, request: httpx.Request, replayable: bool) -> httpx.Response:
        response = await self._http.send(request, stream=True, follow_redirects=False)
        for _ in range(MAX_REDIRECTS):
            if not response.is_redirect:
                break
            following = self._redirect(request, response, replayable)
            if following is None:
                break
            await response.aclose()
            request = following
            response = await self._http.send(request, stream=True, follow_redirects=False)
        return response

    async def _read_body(self, response: httpx.Response, limit: int) -> tuple[bytes, bool]:
        chunks: list[bytes] = []
        size = 0
        try:
            gunzip = _Gunzip.of(response)
            async for chunk in (
                gunzip.apieces(response.aiter_raw()) if gunzip else response.aiter_bytes()
            ):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    return b"".join(chunks)[:limit], False
        finally:
            await response.aclose()
        return b"".join(chunks), True

    async def _attempt(
        self, http_request: httpx.Request, request: Request, retries: int, call: _Call, stream: bool
    ) -> tuple[httpx.Response, bytes, bool, float | None]:
        """One attempt (see :meth:`SyncAPIClient._attempt`)."""
        response = await self._send_following(http_request, _replayable(request))
        if response.is_success:
            if stream:
                return response, b"", True, None
            body, complete = await self._read_body(response, self.max_response_size)
            return response, body, complete, None
        if self._retry.delay_field is not None:
            body, complete = await self._read_body(response, MAX_ERROR_BODY)
            response._content = body
            return response, body, complete, self._verdict(response, request, retries, call)
        delay = self._verdict(response, request, retries, call)
        if delay is not None:
            await response.aclose()
            return response, b"", True, delay
        body, complete = await self._read_body(response, MAX_ERROR_BODY)
        return response, body, complete, None

    async def send(
        self, request: Request, options: RequestOptions, stream: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send ``request``, retrying as the policy allows; return the response (its body read)
        and the number of retries taken, or raise. With ``stream``, a success body is left
        unread, for the caller to read."""
        call = self._call(options)
        url = self._url(request, options)
        request = request.with_extra_body(options.extra_body)
        json_body = self._json_body(request)
        retries = 0
        while True:
            deadline = call.attempt_deadline()
            http_request = self._http_request(
                self._http, request, url, json_body, options, call, deadline
            )
            if self._http.is_closed:
                raise self._closed_error(request, http_request)
            self._log_sending(http_request)
            start = time.monotonic()
            try:
                if deadline is None:
                    response, body, complete, delay = await self._attempt(
                        http_request, request, retries, call, stream
                    )
                else:
                    try:
                        async with asyncio.timeout(max(deadline - time.monotonic(), 0)):
                            attempt = await self._attempt(
                                http_request, request, retries, call, stream
                            )
                    except TimeoutError:
                        raise httpx.ReadTimeout(
                            "the attempt's deadline has passed", request=http_request
                        ) from None
                    response, body, complete, delay = attempt
            except httpx.TransportError as exc:
                delay = self._on_transport_error(exc, request, http_request, retries, call, start)
            except httpx.InvalidURL as exc:
                raise self._bad_redirect(request, http_request, exc, retries) from None
            except httpx.StreamError as exc:
                raise self._stream_error(request, http_request, exc, retries) from exc
            else:
                self._settle(response, body, complete, delay, request, retries, call, start, stream)
                if delay is None:
                    return response, retries
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
        envelope: Result[E],
        options: RequestOptions,
        walk: Walk = Walk(),
    ) -> AsyncPage[T, E]:
        response, retries = await self.send(request, options)
        page_items, following, walk = self._page_parts(request, items, response, retries, walk)
        return AsyncPage(
            items=page_items,
            response=response,
            next_request=following,
            retries_taken=retries,
            parse=lambda: self._page_body(request, envelope, response, page_items, retries),
            fetch=lambda next_request: self.get_page(next_request, items, envelope, options, walk),
        )
