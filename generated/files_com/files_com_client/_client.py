"""The Files.com REST API clients: :class:`FilesComClient` and :class:`AsyncFilesComClient`."""

from __future__ import annotations

import os
from typing import Any, Self

import httpx

from ._auth import HeaderAuth, check_header
from ._base_client import (
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    AsyncAPIClient,
    SyncAPIClient,
    setup_logging,
)
from ._drift import DriftHook
from ._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout
from .resources.runs import Runs, AsyncRuns

__all__ = ["AsyncFilesComClient", "FilesComClient"]

DEFAULT_BASE_URL: str | None = "https://app.files.com/api/rest/v1"
API_KEY_ENV = "FILES_COM_API_KEY"
BASE_URL_ENV = "FILES_COM_BASE_URL"
LOG_ENV = "FILES_COM_LOG"
AUTH = HeaderAuth(header="X-FilesAPI-Key", prefix="")

setup_logging(LOG_ENV)


def _settings(
    *,
    api_key: str | None,
    base_url: str | None,
    workspace_id: str | int | None,
    allow_insecure_http: bool,
) -> dict[str, Any]:
    """The settings both clients are built from: arguments first, then the environment."""
    api_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    if not api_key:
        raise ValueError(f"no API key: pass api_key=... or set {API_KEY_ENV}")
    base_url = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not base_url:
        raise ValueError(
            "no base URL: Files.com REST API has no default host; pass base_url=... or set "
            + BASE_URL_ENV
        )
    headers: dict[str, str] = {}
    workspace_id = (
        workspace_id if workspace_id is not None else os.environ.get("FILES_COM_WORKSPACE_ID")
    )
    if workspace_id is not None and workspace_id != "":
        check_header("workspace_id", "X-Files-Workspace-Id", str(workspace_id))
        headers["X-Files-Workspace-Id"] = str(workspace_id)
    return {
        "base_url": base_url,
        "credential": api_key,
        "auth": AUTH,
        "password": None,
        "headers": headers,
        "allow_insecure_http": allow_insecure_http,
        "request_id_header": None,
        "retry_delay_field": None,
        "retry_delay_unit": "s",
    }


class FilesComClient(SyncAPIClient):
    """Client for the Files.com REST API.

    Files.com Automation Runs (list and show).

    Args:
        api_key: The credential; read from ``FILES_COM_API_KEY`` when not given. Sent as
            ``X-FilesAPI-Key: <api_key>``, only to ``base_url``'s host.
        base_url: Defaults to ``https://app.files.com/api/rest/v1`` (or ``FILES_COM_BASE_URL``).
        workspace_id: Sent as ``X-Files-Workspace-Id`` on every request; read from
            ``FILES_COM_WORKSPACE_ID`` when not given.
        timeout: Seconds (or an :class:`httpx.Timeout`) one attempt may take as a whole; the
            call, retries included, takes at most ``timeout × (max_retries + 1)``. ``None``
            waits forever. Defaults to ``http_client``'s timeout when one is given, else 60 s.
        max_retries: Retries for connection errors, 408, 409, 429 and 5xx (and timeouts of
            requests that are safe to repeat).
        http_client: An :class:`httpx.Client` to send requests with (proxies, mTLS,
            transports); its own headers, query parameters, cookies and timeout are kept.
        allow_insecure_http: Allow a plain ``http://`` base URL that is not loopback.
        default_headers: Headers sent with every request.
        default_query: Query parameters sent with every request.
        strict: Make a 2xx body that does not fit its model an
            :class:`APIResponseValidationError`; by default what does not fit is kept raw
            and reported as drift.
        max_response_size: Bytes of a response body read, once decoded; a longer body is an
            :class:`APIResponseTooLargeError`.
        on_drift: Called with each :class:`Drift` a response carried, after it is read.
    """

    runs: Runs

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        workspace_id: str | int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        allow_insecure_http: bool = False,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        strict: bool = False,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        on_drift: DriftHook | None = None,
    ) -> None:
        settings = _settings(
            api_key=api_key,
            base_url=base_url,
            workspace_id=workspace_id,
            allow_insecure_http=allow_insecure_http,
        )
        super().__init__(
            http_client=http_client,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            strict=strict,
            max_response_size=max_response_size,
            on_drift=on_drift,
            **settings,
        )
        self._bind()

    def _bind(self) -> None:
        self.runs = Runs(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncFilesComClient(AsyncAPIClient):
    """Asynchronous client for the Files.com REST API.

    Files.com Automation Runs (list and show).

    Args:
        api_key: The credential; read from ``FILES_COM_API_KEY`` when not given. Sent as
            ``X-FilesAPI-Key: <api_key>``, only to ``base_url``'s host.
        base_url: Defaults to ``https://app.files.com/api/rest/v1`` (or ``FILES_COM_BASE_URL``).
        workspace_id: Sent as ``X-Files-Workspace-Id`` on every request; read from
            ``FILES_COM_WORKSPACE_ID`` when not given.
        timeout: Seconds (or an :class:`httpx.Timeout`) one attempt may take as a whole; the
            call, retries included, takes at most ``timeout × (max_retries + 1)``. ``None``
            waits forever. Defaults to ``http_client``'s timeout when one is given, else 60 s.
        max_retries: Retries for connection errors, 408, 409, 429 and 5xx (and timeouts of
            requests that are safe to repeat).
        http_client: An :class:`httpx.AsyncClient` to send requests with (proxies, mTLS,
            transports); its own headers, query parameters, cookies and timeout are kept.
        allow_insecure_http: Allow a plain ``http://`` base URL that is not loopback.
        default_headers: Headers sent with every request.
        default_query: Query parameters sent with every request.
        strict: Make a 2xx body that does not fit its model an
            :class:`APIResponseValidationError`; by default what does not fit is kept raw
            and reported as drift.
        max_response_size: Bytes of a response body read, once decoded; a longer body is an
            :class:`APIResponseTooLargeError`.
        on_drift: Called with each :class:`Drift` a response carried, after it is read.
    """

    runs: AsyncRuns

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        workspace_id: str | int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        strict: bool = False,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        on_drift: DriftHook | None = None,
    ) -> None:
        settings = _settings(
            api_key=api_key,
            base_url=base_url,
            workspace_id=workspace_id,
            allow_insecure_http=allow_insecure_http,
        )
        super().__init__(
            http_client=http_client,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            strict=strict,
            max_response_size=max_response_size,
            on_drift=on_drift,
            **settings,
        )
        self._bind()

    def _bind(self) -> None:
        self.runs = AsyncRuns(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
