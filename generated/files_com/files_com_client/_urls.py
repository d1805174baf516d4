"""URLs: the base URL's checks, the query string as it is sent, redirect targets, and URLs as
reprs and logs show them."""

from __future__ import annotations

import ipaddress
from urllib.parse import quote

import httpx

from ._auth import secret_header

__all__ = [
    "checked_base_url",
    "encode_query",
    "mask_request",
    "masked_url",
    "redirect_target",
    "shown",
]


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def checked_base_url(base_url: str, allow_insecure_http: bool) -> httpx.URL:
    """``base_url`` ending in ``/``; plain http only to loopback unless allowed."""
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ValueError(f"base_url is not a URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL, got {shown(url)!r}")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ValueError(
            f"refusing to send credentials over plain http to {url.host!r}; "
            "use https, or pass allow_insecure_http=True"
        )
    return url.copy_with(raw_path=url.raw_path.rstrip(b"/") + b"/")


def encode_query(pairs: list[tuple[str, str]]) -> str:
    """Names are sent as written (``page[limit]``, ``start_date.year``); values are fully
    encoded."""
    return "&".join(f"{quote(k, safe='[].')}={quote(v, safe='')}" for k, v in pairs)


def redirect_target(url: httpx.URL, location: str) -> httpx.URL | None:
    """Where a redirect from ``url`` points, or ``None`` when it is not an http(s) URL (such
    as ``javascript:``) or is not a URL at all."""
    try:
        target = url.join(location)
    except (httpx.InvalidURL, ValueError):
        return None
    if target.scheme not in ("http", "https") or not target.host:
        return None
    return target


def shown(url: httpx.URL, secret: frozenset[str] = frozenset()) -> str:
    """``url`` as reprs and logs show it: no user info, and the values of the query parameters
    named in ``secret`` (the credential's) or whose names suggest a secret masked."""
    url = url.copy_with(userinfo=b"")
    if not url.query:
        return str(url)
    params = [
        (name, "[secure]" if name in secret or secret_header(name) else value)
        for name, value in url.params.multi_items()
    ]
    return str(url.copy_with(query=None)) + "?" + encode_query(params)


class _MaskedURL(httpx.URL):
    """A URL whose repr is :func:`shown`: what is sent (``str()``, every part) is unchanged."""

    _secret: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return f"URL({shown(self, self._secret)!r})"


class _MaskedRequest(httpx.Request):
    """A request whose repr shows its URL as logs do (httpx's repr prints the query whole)."""

    def __repr__(self) -> str:
        url = self.url
        secret = url._secret if isinstance(url, _MaskedURL) else frozenset()
        return f"<Request({self.method!r}, {shown(url, secret)!r})>"


def masked_url(url: httpx.URL, secret: frozenset[str] = frozenset()) -> httpx.URL:
    """``url``, made to mask the query parameters named in ``secret`` (the credential's) and
    every secret-looking one in its repr, in place."""
    url.__class__ = _MaskedURL
    if secret:
        url._secret = secret  # type: ignore[attr-defined]
    return url


def mask_request(request: httpx.Request, secret: frozenset[str] = frozenset()) -> None:
    """Make the repr of ``request`` and of its URL show the URL as logs do, in place, so that
    an error's ``request`` (and ``pytest -l``) never prints a credential sent in the query."""
    request.__class__ = _MaskedRequest
    masked_url(request.url, secret)
