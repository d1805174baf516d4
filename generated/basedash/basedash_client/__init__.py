"""Basedash Public API client, API version 0.0.0.

    from basedash_client import BasedashClient

    with BasedashClient() as client:
        ...

``BasedashClient`` and ``AsyncBasedashClient`` share every operation; models are
in :mod:`basedash_client.models`; every error derives from :class:`APIError`.
"""

from . import models
from ._client import AsyncBasedashClient, BasedashClient
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
    "AsyncBasedashClient",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "BasedashClient",
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
