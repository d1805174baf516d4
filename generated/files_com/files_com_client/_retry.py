"""The retry policy: which failures are worth another attempt, and how long to wait first.

Retried: connection errors, timeouts, the statuses 408, 409, 429 and 5xx, and any status the
API declares a rate-limit signal when a header says so (GitHub's 403 with
``x-ratelimit-remaining: 0``). A request that is not idempotent (a ``POST`` the API does not
declare safe) is retried only when it never reached the server. Between attempts the client
waits what the server asked for (``retry-after-ms``, ``Retry-After`` in seconds or as an HTTP
date, a reset time in epoch seconds, or the vendor's own body field); otherwise
``min(0.5 · 2ⁿ, 8)`` seconds, less up to a quarter of random jitter. A wait the server asks
for that is longer than a minute, or than what is left of the call's time, is not waited: the
call ends with the error at hand (a rate limit is a ``RateLimitError`` carrying
``retry_after``). The client's own backoff is added to the call's time.
"""

from __future__ import annotations

import email.utils
import json
import math
import random
import time
from dataclasses import dataclass

import httpx

from ._pagination import get_path

__all__ = ["RetryPolicy"]

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_SERVER_DELAY = 60.0
RETRY_STATUSES = frozenset({408, 409, 429})


@dataclass(frozen=True)
class RetryPolicy:
    """Retry decisions for one API.

    ``delay_field`` is where the API's error body says how long to wait (wire names), and
    ``delay_unit`` its unit: ``"s"`` or ``"ms"``. ``signals`` are the other statuses that
    mean "slow down" when a header is present (``(403, "retry-after", None)``) or has a value
    (``(403, "x-ratelimit-remaining", "0")``); ``reset_header`` holds the epoch second at
    which the limit resets.
    """

    delay_field: tuple[str, ...] | None = None
    delay_unit: str = "s"
    signals: tuple[tuple[int, str, str | None], ...] = ()
    reset_header: str | None = None

    @staticmethod
    def retries_status(status_code: int, idempotent: bool) -> bool:
        """Whether a response with this status is worth another attempt."""
        retryable = status_code in RETRY_STATUSES or status_code >= 500
        return retryable and idempotent

    def retries_response(self, response: httpx.Response, idempotent: bool) -> bool:
        """Whether this response is worth another attempt: by its status, or because it is
        one of the API's rate-limit signals."""
        if self.retries_status(response.status_code, idempotent):
            return True
        return idempotent and self.throttled(response)

    def throttled(self, response: httpx.Response) -> bool:
        """Whether the API says "slow down": a 429, or one of its declared signals."""
        if response.status_code == 429:
            return True
        for status, header, value in self.signals:
            if response.status_code == status and header in response.headers:
                if value is None or response.headers[header].strip() == value:
                    return True
        return False

    @staticmethod
    def retries_error(error: httpx.TransportError, idempotent: bool) -> bool:
        """Whether a request that failed with ``error`` is worth another attempt: always when
        the connection was never made, since the server cannot have acted on it."""
        return idempotent or isinstance(error, httpx.ConnectError | httpx.ConnectTimeout)

    def delay(
        self, retries: int, response: httpx.Response | None = None, left: float | None = None
    ) -> tuple[float, bool] | None:
        """Seconds to wait before retry number ``retries + 1``, and whether the server asked for
        them; ``None`` when a wait the server asked for is not worth it: longer than
        :data:`MAX_SERVER_DELAY`, or than ``left`` (what remains of the call's time)."""
        asked = self.server_delay(response) if response is not None else None
        if asked is None:
            backoff = min(INITIAL_RETRY_DELAY * 2.0**retries, MAX_RETRY_DELAY)
            return backoff * (1 - 0.25 * random.random()), False
        if asked > MAX_SERVER_DELAY or (left is not None and asked >= left):
            return None
        return asked, True

    def server_delay(self, response: httpx.Response) -> float | None:
        """The wait the server asked for, in seconds, or ``None`` when it did not say (or said
        something unusable)."""
        seconds = _number(response.headers.get("retry-after-ms"), 1000)
        if seconds is None:
            retry_after = response.headers.get("retry-after")
            seconds = _number(retry_after, 1)
            if seconds is None:
                seconds = _until(retry_after)
        if seconds is None and self.reset_header is not None and self.throttled(response):
            # Only a rate-limited answer waits for the reset: an API may send the header on
            # every response (the end of an hourly window), a 502 included.
            reset = _number(response.headers.get(self.reset_header), 1)
            seconds = None if reset is None else max(reset - time.time(), 0.0)
        if seconds is None:
            seconds = self._body_delay(response)
        return seconds

    def _body_delay(self, response: httpx.Response) -> float | None:
        if self.delay_field is None:
            return None
        try:
            body = json.loads(response.content)
        except ValueError:
            return None
        found = get_path(body, self.delay_field)
        if isinstance(found, bool) or not isinstance(found, int | float):
            return None
        return _number(found, 1000 if self.delay_unit == "ms" else 1)


def _number(value: str | float | None, per_second: float) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value) / per_second
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _until(date: str | None) -> float | None:
    if not date:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return max(moment.timestamp() - time.time(), 0.0)
