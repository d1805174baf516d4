"""Operations on runs: :class:`Runs` and :class:`AsyncRuns`."""

from __future__ import annotations

import builtins
from functools import cached_property

from .. import _request, models
from .._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient
from .._pagination import AsyncPager, CursorPagination, SyncPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

__all__ = ["AsyncRuns", "Runs"]


_LIST = _request.Endpoint(
    name="runs.list",
    method="GET",
    path="/api/public/organizations/{orgId}/automations/{id}/runs",
    errors={
        401: models.ErrorResponse,
        404: models.ErrorResponse,
        429: models.RateLimitErrorResponse,
        500: models.ErrorResponse,
    },
    pagination=CursorPagination(
        param="cursor",
        next_cursor=("pagination", "nextCursor"),
        items=("data",),
        has_more=("pagination", "hasMore"),
        arguments=(("cursor", "cursor", False),),
    ),
)
_LIST_ITEMS: _request.Result[builtins.list[models.PublicAutomationRun]] = _request.Result(
    builtins.list[models.PublicAutomationRun]
)
_LIST_RESULT: _request.Result[models.PublicAutomationRunListResponse] = _request.Result(
    models.PublicAutomationRunListResponse
)


def _list(
    org_id: str,
    id: str,
    *,
    limit: int | None,
    cursor: str | None,
) -> _request.Request:
    _request.check_range("limit", limit, minimum=1, maximum=100)
    return _request.Request(
        _LIST,
        _request.encode_path(_LIST.path, {"orgId": org_id, "id": id}),
        query=_request.query_params(("limit", limit, "form"), ("cursor", cursor, "form")),
    )


class Runs:
    """Operations on runs."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> RunsWithRawResponse:
        """The same operations, returning :class:`APIResponse` (status, headers, parsed result)."""
        return RunsWithRawResponse(self)

    def list(
        self,
        org_id: str,
        id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncPage[models.PublicAutomationRun, models.PublicAutomationRunListResponse]:
        """List automation runs

        Lists runs for an automation. Requires admin access to the organization. Results are
        paginated and ordered by creation date (newest first).

        Args:
            org_id: Organization ID.
            id: Automation ID.
            limit: Maximum number of items to return (1-100, default 50). Must be ≥ 1 and ≤ 100.
                The API's default is ``50``.
            cursor: Cursor for pagination (ID of the last item from previous page).

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        return self._client.get_page(
            _list(org_id, id, limit=limit, cursor=cursor),
            _LIST_ITEMS,
            _LIST_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class RunsWithRawResponse:
    """:class:`Runs` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: Runs) -> None:
        self.list = to_raw_response_wrapper(runs_resource.list)


class AsyncRuns:
    """Operations on runs (async)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncRunsWithRawResponse:
        """The same operations, returning :class:`APIResponse` (status, headers, parsed result)."""
        return AsyncRunsWithRawResponse(self)

    def list(
        self,
        org_id: str,
        id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[models.PublicAutomationRun, models.PublicAutomationRunListResponse]:
        """List automation runs

        Lists runs for an automation. Requires admin access to the organization. Results are
        paginated and ordered by creation date (newest first).

        Args:
            org_id: Organization ID.
            id: Automation ID.
            limit: Maximum number of items to return (1-100, default 50). Must be ≥ 1 and ≤ 100.
                The API's default is ``50``.
            cursor: Cursor for pagination (ID of the last item from previous page).

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        request = _list(org_id, id, limit=limit, cursor=cursor)
        options = RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries)
        return AsyncPager(
            lambda: self._client.get_page(request, _LIST_ITEMS, _LIST_RESULT, options)
        )


class AsyncRunsWithRawResponse:
    """:class:`AsyncRuns` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: AsyncRuns) -> None:
        self.list = async_to_raw_response_wrapper(runs_resource.list)
