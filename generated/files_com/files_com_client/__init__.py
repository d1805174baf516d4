"""Files.com REST API client, API version v1.

    from files_com_client import FilesComClient

    with FilesComClient() as client:
        ...

``FilesComClient`` and ``AsyncFilesComClient`` share every operation; models are
in :mod:`files_com_client.models`; every error derives from :class:`APIError`.
"""

from . import models
from ._client import AsyncFilesComClient, FilesComClient
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
    "AsyncFilesComClient",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "FilesComClient",
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
