"""The Basedash Public API clients: :class:`BasedashClient` and :class:`AsyncBasedashClient`."""

from __future__ import annotations

import os
from typing import Any, Self

import httpx

from ._auth import HeaderAuth
from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, SyncAPIClient
from ._types import Timeout
from .resources.runs import Runs, AsyncRuns

__all__ = ["AsyncBasedashClient", "BasedashClient"]

DEFAULT_BASE_URL: str | None = "https://charts.basedash.com"
API_KEY_ENV = "BASEDASH_API_KEY"
BASE_URL_ENV = "BASEDASH_BASE_URL"
AUTH = HeaderAuth(header="Authorization", prefix="Bearer ")


def _settings(
    *,
    api_key: str | None,
    base_url: str | None,
    timeout: Timeout,
    max_retries: int,
    allow_insecure_http: bool,
) -> dict[str, Any]:
    """The settings both clients are built from: arguments first, then the environment."""
    api_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    if not api_key:
        raise ValueError(f"no API key: pass api_key=... or set {API_KEY_ENV}")
    base_url = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not base_url:
        raise ValueError(
            "no base URL: Basedash Public API has no default host; pass base_url=... or set "
            + BASE_URL_ENV
        )
    headers: dict[str, str] = {}
    return {
        "base_url": base_url,
        "credential": api_key,
        "auth": AUTH,
        "password": None,
        "headers": headers,
        "timeout": timeout,
        "max_retries": max_retries,
        "allow_insecure_http": allow_insecure_http,
        "request_id_header": None,
        "retry_delay_field": ("error", "retryAfterMs"),
        "retry_delay_unit": "ms",
    }


class BasedashClient(SyncAPIClient):
    """Client for the Basedash Public API.

    API for programmatic access to Basedash features. Use API keys for authentication.

    Args:
        api_key: The credential; read from ``BASEDASH_API_KEY`` when not given. Sent as
            ``Authorization: Bearer <api_key>``, only to ``base_url``'s host.
        base_url: Defaults to ``https://charts.basedash.com`` (or ``BASEDASH_BASE_URL``).
        timeout: Seconds (or an :class:`httpx.Timeout`) per request; ``None`` waits forever.
        max_retries: Retries for connection errors, timeouts, 408, 409, 429 and 5xx.
        http_client: An :class:`httpx.Client` to send requests with (proxies, transports).
        allow_insecure_http: Allow a plain ``http://`` base URL that is not loopback.
    """

    runs: Runs

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        settings = _settings(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            allow_insecure_http=allow_insecure_http,
        )
        super().__init__(http_client=http_client, **settings)
        self.runs = Runs(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncBasedashClient(AsyncAPIClient):
    """Asynchronous client for the Basedash Public API.

    API for programmatic access to Basedash features. Use API keys for authentication.

    Args:
        api_key: The credential; read from ``BASEDASH_API_KEY`` when not given. Sent as
            ``Authorization: Bearer <api_key>``, only to ``base_url``'s host.
        base_url: Defaults to ``https://charts.basedash.com`` (or ``BASEDASH_BASE_URL``).
        timeout: Seconds (or an :class:`httpx.Timeout`) per request; ``None`` waits forever.
        max_retries: Retries for connection errors, timeouts, 408, 409, 429 and 5xx.
        http_client: An :class:`httpx.AsyncClient` to send requests with (proxies, transports).
        allow_insecure_http: Allow a plain ``http://`` base URL that is not loopback.
    """

    runs: AsyncRuns

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        settings = _settings(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            allow_insecure_http=allow_insecure_http,
        )
        super().__init__(http_client=http_client, **settings)
        self.runs = AsyncRuns(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
