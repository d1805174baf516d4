"""Operations on runs: :class:`Runs` and :class:`AsyncRuns`."""

from __future__ import annotations

import builtins
from functools import cached_property

from .. import _request, models
from .._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient
from .._pagination import AsyncPager, HeaderCursorPagination, SyncPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

__all__ = ["AsyncRuns", "Runs"]


_LIST = _request.Endpoint(
    name="runs.list",
    method="GET",
    path="/automation_runs",
    errors={None: models.ErrorResponse},
    pagination=HeaderCursorPagination(
        param="cursor",
        headers=("X-Files-Cursor-Next", "X-Files-Cursor"),
        items=(),
        arguments=(("cursor", "cursor", False),),
    ),
)
_LIST_ITEMS: _request.Result[builtins.list[models.AutomationRun]] = _request.Result(
    builtins.list[models.AutomationRun]
)
_LIST_RESULT: _request.Result[builtins.list[models.AutomationRun]] = _request.Result(
    builtins.list[models.AutomationRun]
)


def _list(
    *,
    automation_id: int,
    cursor: str | None,
    per_page: int | None,
    sort_by: models.SortBy | None,
    filter: models.RunFilter | None,
    user_id: int | None,
) -> _request.Request:
    _request.check_range("per_page", per_page, minimum=1, maximum=10000)
    return _request.Request(
        _LIST,
        _request.encode_path(_LIST.path, {}),
        query=_request.query_params(
            ("automation_id", automation_id, "form"),
            ("cursor", cursor, "form"),
            ("per_page", per_page, "form"),
            ("sort_by", sort_by, "deepObject"),
            ("filter", filter, "deepObject"),
            ("user_id", user_id, "form"),
        ),
    )


_GET = _request.Endpoint(
    name="runs.get",
    method="GET",
    path="/automation_runs/{id}",
    errors={None: models.ErrorResponse},
)
_GET_RESULT: _request.Result[models.AutomationRun] = _request.Result(models.AutomationRun)


def _get(
    id: int,
) -> _request.Request:
    return _request.Request(
        _GET,
        _request.encode_path(_GET.path, {"id": id}),
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
        *,
        automation_id: int,
        cursor: str | None = None,
        per_page: int | None = None,
        sort_by: models.SortBy | None = None,
        filter: models.RunFilter | None = None,
        user_id: int | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncPage[models.AutomationRun, builtins.list[models.AutomationRun]]:
        """List Automation Runs

        List the runs of an Automation. The body is a bare JSON array; the cursor of the next
        page comes in the X-Files-Cursor-Next response header.

        Args:
            automation_id: Required - ID of the associated Automation.
            cursor: Used for pagination. When a list request has more records available, cursors
                are provided in the response headers X-Files-Cursor-Next and X-Files-Cursor-Prev.
                Send one of those cursor values here to resume an existing list from the next
                available record.
            per_page: Number of records to show per page. (Max 10,000; 1,000 or less is
                recommended.). Must be ≥ 1 and ≤ 10000.
            sort_by: If set, sort records by the specified field in either asc or desc direction
                (e.g. sort_by[automation_id]=desc). Valid fields are automation_id, created_at or
                status.
            filter: If set, return records where the specified field is equal to the supplied
                value. Valid fields are status, workspace_id and automation_id. Valid field
                combinations are [automation_id, status], [workspace_id, status], [workspace_id,
                automation_id] and [workspace_id, automation_id, status].
            user_id: User ID.

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        return self._client.get_page(
            _list(
                automation_id=automation_id,
                cursor=cursor,
                per_page=per_page,
                sort_by=sort_by,
                filter=filter,
                user_id=user_id,
            ),
            _LIST_ITEMS,
            _LIST_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def get(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.AutomationRun:
        """Show Automation Run

        Args:
            id: Required - Automation Run ID.

        Returns:
            The AutomationRun (a bare JSON object).

        """
        return self._client.request(
            _get(id),
            _GET_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class RunsWithRawResponse:
    """:class:`Runs` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: Runs) -> None:
        self.list = to_raw_response_wrapper(runs_resource.list)
        self.get = to_raw_response_wrapper(runs_resource.get)


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
        *,
        automation_id: int,
        cursor: str | None = None,
        per_page: int | None = None,
        sort_by: models.SortBy | None = None,
        filter: models.RunFilter | None = None,
        user_id: int | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[models.AutomationRun, builtins.list[models.AutomationRun]]:
        """List Automation Runs

        List the runs of an Automation. The body is a bare JSON array; the cursor of the next
        page comes in the X-Files-Cursor-Next response header.

        Args:
            automation_id: Required - ID of the associated Automation.
            cursor: Used for pagination. When a list request has more records available, cursors
                are provided in the response headers X-Files-Cursor-Next and X-Files-Cursor-Prev.
                Send one of those cursor values here to resume an existing list from the next
                available record.
            per_page: Number of records to show per page. (Max 10,000; 1,000 or less is
                recommended.). Must be ≥ 1 and ≤ 10000.
            sort_by: If set, sort records by the specified field in either asc or desc direction
                (e.g. sort_by[automation_id]=desc). Valid fields are automation_id, created_at or
                status.
            filter: If set, return records where the specified field is equal to the supplied
                value. Valid fields are status, workspace_id and automation_id. Valid field
                combinations are [automation_id, status], [workspace_id, status], [workspace_id,
                automation_id] and [workspace_id, automation_id, status].
            user_id: User ID.

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        request = _list(
            automation_id=automation_id,
            cursor=cursor,
            per_page=per_page,
            sort_by=sort_by,
            filter=filter,
            user_id=user_id,
        )
        options = RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries)
        return AsyncPager(
            lambda: self._client.get_page(request, _LIST_ITEMS, _LIST_RESULT, options)
        )

    async def get(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.AutomationRun:
        """Show Automation Run

        Args:
            id: Required - Automation Run ID.

        Returns:
            The AutomationRun (a bare JSON object).

        """
        return await self._client.request(
            _get(id),
            _GET_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class AsyncRunsWithRawResponse:
    """:class:`AsyncRuns` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: AsyncRuns) -> None:
        self.list = async_to_raw_response_wrapper(runs_resource.list)
        self.get = async_to_raw_response_wrapper(runs_resource.get)
