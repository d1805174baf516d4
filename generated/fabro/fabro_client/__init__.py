"""Fabro Run API client, API version 0.1.0.

    from fabro_client import FabroClient

    with FabroClient(base_url="https://...") as client:
        ...

``FabroClient`` and ``AsyncFabroClient`` share every operation; models are
in :mod:`fabro_client.models`; every error derives from :class:`APIError`.
"""

from . import models
from ._client import AsyncFabroClient, FabroClient
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseTooLargeError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._drift import Drift
from ._pagination import AsyncPage, AsyncPager, SyncPage
from ._response import APIResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseTooLargeError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncFabroClient",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "FabroClient",
    "ConflictError",
    "Drift",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "SyncPage",
    "UnprocessableEntityError",
    "__version__",
    "models",
]
