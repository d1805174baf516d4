"""Loopback servers that answer as the four example APIs do, after their public documentation:

- GitHub: ``?per_page=&page=`` (page 1 when left out), the next page only in the ``Link``
  header (absolute URLs, ``rel="next"``, ``"last"``, ``"prev"``, ``"first"``), no ``next`` on the
  last page; a primary rate limit is ``403`` with ``x-ratelimit-remaining: 0`` and
  ``x-ratelimit-reset`` in epoch seconds.
- Stripe: ``?limit=&starting_after=<object id>``, newest first, ``{"object": "list", "url",
  "has_more", "data"}``.
- Slack: ``?limit=&cursor=``, HTTP 200 always; ``response_metadata.next_cursor`` is an opaque
  string, empty on the last page; errors are ``{"ok": false, "error": "<code>"}``.
- Django REST framework ``PageNumberPagination``: ``?page=&page_size=``; ``next`` and
  ``previous`` are absolute URLs built from the request (``previous`` of page 2 drops
  ``page``), ``null`` at the ends; a page past the end is ``404 {"detail": "Invalid page."}``.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from werkzeug import Request, Response

Handler = Callable[[Request], Response]


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type="application/json")


def _url(request: Request, **params: Any) -> str:
    """The request's own absolute URL with some query parameters replaced (None: removed)."""
    query = {k: v for k, v in request.args.items() if k not in params}
    query.update({k: str(v) for k, v in params.items() if v is not None})
    return request.base_url + ("?" + urlencode(query) if query else "")


@dataclass
class GitHub:
    runs: list[dict[str, Any]]
    link_origin: str | None = None
    """Another origin to put in the Link header (a misbehaving proxy), or None."""
    limited: list[float] = field(default_factory=list)
    """Reset times: each request answers 403 with that reset until the list is used up."""

    def handle(self, request: Request) -> Response:
        if self.limited:
            reset = self.limited.pop(0)
            headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(reset)), "x-ratelimit-limit": "5000"}
            return _json({"message": "API rate limit exceeded", "documentation_url": "https://docs.github.com"}, 403, headers)
        per_page = int(request.args.get("per_page", "30"))
        page = int(request.args.get("page", "1"))
        last = max(1, math.ceil(len(self.runs) / per_page))
        chunk = self.runs[(page - 1) * per_page : page * per_page]
        links = []
        if page < last:
            links.append(f'<{self._link(request, page + 1)}>; rel="next"')
            links.append(f'<{self._link(request, last)}>; rel="last"')
        if page > 1:
            links.append(f'<{self._link(request, page - 1)}>; rel="prev"')
            links.append(f'<{self._link(request, 1)}>; rel="first"')
        headers = {"x-ratelimit-remaining": "4999", "x-github-request-id": f"ABCD:{page}"}
        if links:
            headers["link"] = ", ".join(links)
        return _json({"total_count": len(self.runs), "workflow_runs": chunk}, headers=headers)

    def _link(self, request: Request, page: int) -> str:
        url = _url(request, page=page)
        if self.link_origin:
            url = self.link_origin + url[len(request.host_url.rstrip("/")) :]
        return url


def github_run(n: int) -> dict[str, Any]:
    return {
        "id": 30433642 + n,
        "name": "Build",
        "run_number": n,
        "status": "completed",
        "conclusion": "success",
        "head_branch": "main",
        "created_at": f"2026-02-{n + 1:02d}T10:00:00Z",
    }


@dataclass
class Stripe:
    charges: list[dict[str, Any]]
    """Newest first, as Stripe lists them."""
    more_after_end: bool = False
    """Answer has_more true with an empty page at the end (a broken proxy)."""

    def handle(self, request: Request) -> Response:
        limit = int(request.args.get("limit", "10"))
        after = request.args.get("starting_after")
        start = 0
        if after is not None:
            ids = [c.get("id") for c in self.charges]
            if after not in ids:
                error = {"type": "invalid_request_error", "code": "resource_missing",
                         "message": f"No such charge: '{after}'", "param": "starting_after"}
                return _json({"error": error}, 400)
            start = ids.index(after) + 1
        data = self.charges[start : start + limit]
        has_more = start + limit < len(self.charges) or self.more_after_end
        return _json({"object": "list", "url": "/v1/charges", "has_more": has_more, "data": data},
                     headers={"request-id": "req_abc123"})


def stripe_charge(n: int) -> dict[str, Any]:
    return {"id": f"ch_{n}", "object": "charge", "amount": 1000 + n, "currency": "usd",
            "paid": True, "created": 1760000000 - n}


def slack_cursor(index: int) -> str:
    return base64.b64encode(f"team:C{index:08d}".encode()).decode()


@dataclass
class Slack:
    channels: list[dict[str, Any]]
    error: str | None = None

    def handle(self, request: Request) -> Response:
        if self.error:
            return _json({"ok": False, "error": self.error})
        limit = int(request.args.get("limit", "100"))
        cursor = request.args.get("cursor")
        start = 0
        if cursor:
            start = int(base64.b64decode(cursor).decode().removeprefix("team:C"))
        page = self.channels[start : start + limit]
        following = slack_cursor(start + limit) if start + limit < len(self.channels) else ""
        return _json({"ok": True, "channels": page, "response_metadata": {"next_cursor": following}})


def slack_channel(n: int) -> dict[str, Any]:
    return {"id": f"C{n:08d}", "name": f"channel-{n}", "is_channel": True, "is_archived": False, "num_members": n}


@dataclass
class DRF:
    products: list[dict[str, Any]]

    def handle(self, request: Request) -> Response:
        size = int(request.args.get("page_size", "10"))
        raw = request.args.get("page", "1")
        pages = max(1, math.ceil(len(self.products) / size))
        if not raw.isdigit() or not 1 <= int(raw) <= pages:
            return _json({"detail": "Invalid page."}, 404)
        page = int(raw)
        following = _url(request, page=page + 1) if page < pages else None
        previous = None
        if page > 1:
            previous = _url(request, page=None) if page == 2 else _url(request, page=page - 1)
        chunk = self.products[(page - 1) * size : page * size]
        return _json({"count": len(self.products), "next": following, "previous": previous, "results": chunk})


def drf_product(n: int) -> dict[str, Any]:
    return {"id": n, "name": f"Product {n}", "price": f"{n}.99"}
