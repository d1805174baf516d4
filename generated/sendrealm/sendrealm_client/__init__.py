"""Sendrealm API client, API version unversioned.

    from sendrealm_client import SendrealmClient

    with SendrealmClient() as client:
        ...

``SendrealmClient`` and ``AsyncSendrealmClient`` share every operation; models are
in :mod:`sendrealm_client.models`; every error derives from :class:`APIError`.
"""

from . import models
from ._client import AsyncSendrealmClient, SendrealmClient
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
    "AsyncSendrealmClient",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "SendrealmClient",
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
