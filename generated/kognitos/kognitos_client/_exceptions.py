"""Exceptions raised by the client.

Every exception the client raises on purpose derives from :class:`APIError`::

    APIError
     ├── APIConnectionError             no response arrived (refused, reset, dropped, client closed)
     │    └── APITimeoutError           an attempt, or the whole call, ran out of time
     ├── APIResponseValidationError     a 2xx body that does not fit its model (``strict=True``,
     │                                  or not even leniently: not JSON, not the documented shape)
     ├── APIResponseTooLargeError       a body longer than ``max_response_size`` once decoded
     ├── PaginationError                a cursor repeated or an offset did not advance
     └── APIStatusError                 the API answered 4xx or 5xx (or a redirect not followed,
          │                             or an error in a 2xx body)
          ├── BadRequestError           400
          ├── AuthenticationError       401
          ├── PermissionDeniedError     403
          ├── NotFoundError             404
          ├── ConflictError             409
          ├── UnprocessableEntityError  422
          ├── RateLimitError            429
          └── InternalServerError       500 and above

``ValueError`` is raised before anything is sent when an argument breaks a documented
constraint (a range, a pattern, an empty path parameter) or cannot be sent (a header value
with a control character); ``TypeError`` when the client is given the wrong kind of
``http_client``.
"""

from __future__ import annotations

from typing import Any

import httpx

from ._errors import ErrorBody

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseTooLargeError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ErrorBody",
    "InternalServerError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]


class APIError(Exception):
    """The base of every error this client raises on purpose."""

    message: str
    retries_taken: int

    def __init__(self, message: str, *, retries_taken: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.retries_taken = retries_taken


class APIConnectionError(APIError):
    """The request was sent, or tried, and no response arrived."""

    request: httpx.Request

    def __init__(
        self,
        message: str = "Connection error.",
        *,
        request: httpx.Request,
        retries_taken: int = 0,
    ) -> None:
        super().__init__(message, retries_taken=retries_taken)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(
        self,
        message: str = "Request timed out.",
        *,
        request: httpx.Request,
        retries_taken: int = 0,
    ) -> None:
        super().__init__(message, request=request, retries_taken=retries_taken)


class APIResponseValidationError(APIError):
    """A successful response whose body does not fit the documented model.

    ``body`` is the raw body text; ``path`` the place of the first failing field, such as
    ``data[3].createdAt``.
    """

    response: httpx.Response
    body: str
    path: str | None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        path: str | None = None,
        retries_taken: int = 0,
    ) -> None:
        super().__init__(message, retries_taken=retries_taken)
        self.response = response
        self.body = response.text
        self.path = path
        self.status_code = response.status_code


class APIResponseTooLargeError(APIError):
    """A response body longer than the client's ``max_response_size`` once decoded (a gzip
    body is counted unpacked); reading stopped there."""

    response: httpx.Response
    limit: int

    def __init__(
        self, message: str, *, response: httpx.Response, limit: int, retries_taken: int = 0
    ) -> None:
        super().__init__(message, retries_taken=retries_taken)
        self.response = response
        self.limit = limit
        self.status_code = response.status_code


class PaginationError(APIError):
    """A list would loop forever: the API handed back a cursor, token or offset it had
    already given."""

    operation: str
    cursor: object

    def __init__(self, message: str, *, operation: str, cursor: object) -> None:
        super().__init__(message)
        self.operation = operation
        self.cursor = cursor


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx status, or with a 2xx whose body says the call
    failed (for APIs that report errors that way).

    ``error`` is the vendor's error body parsed into its model (``None`` when the body is not
    JSON or does not fit, e.g. an HTML page from a proxy); ``body`` is the decoded JSON, or the
    raw text when the body is not JSON. Error bodies are read up to a cap (see
    ``MAX_ERROR_BODY`` in ``_base_client``); a longer one is kept as its text, cut there.
    ``request_id`` is the vendor's request id header (or ``x-request-id``, ``request-id``);
    ``code`` is the vendor's error code from a 2xx body.
    """

    response: httpx.Response
    status_code: int
    body: object
    error: ErrorBody | None
    request_id: str | None
    code: str | None = None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        error: ErrorBody | None,
        request_id: str | None,
        retries_taken: int = 0,
    ) -> None:
        super().__init__(message, retries_taken=retries_taken)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.error = error
        self.request_id = request_id


class BadRequestError(APIStatusError):
    """400 Bad Request."""


class AuthenticationError(APIStatusError):
    """401 Unauthorized: the credential is missing, wrong or expired."""


class PermissionDeniedError(APIStatusError):
    """403 Forbidden."""


class NotFoundError(APIStatusError):
    """404 Not Found."""


class ConflictError(APIStatusError):
    """409 Conflict."""


class UnprocessableEntityError(APIStatusError):
    """422 Unprocessable Entity."""


class RateLimitError(APIStatusError):
    """429 Too Many Requests, or another status the API uses to say "slow down" (GitHub's 403
    with ``x-ratelimit-remaining: 0``). ``retry_after`` is the wait the API asked for, in
    seconds."""

    retry_after: float | None

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """A 5xx response."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status_code, APIStatusError)
