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
    path="/automations/{id}/runs",
    errors={None: models.ErrorResponse},
    pagination=CursorPagination(
        param="cursor",
        next_cursor=("next_cursor",),
        items=("data",),
        has_more=("has_more",),
        arguments=(("cursor", "cursor", False),),
    ),
)
_LIST_ITEMS: _request.Result[builtins.list[models.AutomationRun]] = _request.Result(
    builtins.list[models.AutomationRun]
)
_LIST_RESULT: _request.Result[models.RunList] = _request.Result(models.RunList)


def _list(
    id: str,
    *,
    cursor: str | None,
) -> _request.Request:
    return _request.Request(
        _LIST,
        _request.encode_path(_LIST.path, {"id": id}),
        query=_request.query_params(("cursor", cursor, "form")),
    )


_GET = _request.Endpoint(
    name="runs.get",
    method="GET",
    path="/automation-runs/{runId}",
    errors={None: models.ErrorResponse},
    envelope=("data",),
)
_GET_RESULT: _request.Result[models.AutomationRun] = _request.Result(models.AutomationRun)


def _get(
    run_id: str,
) -> _request.Request:
    return _request.Request(
        _GET,
        _request.encode_path(_GET.path, {"runId": run_id}),
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
        id: str,
        *,
        cursor: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncPage[models.AutomationRun, models.RunList]:
        """List automation runs

        List the runs of an automation. The response shape and pagination of this endpoint are
        not documented by Sendrealm; the client reads a `{data: [...], next_cursor, has_more}`
        body leniently (see the spec).

        Args:
            id: Automation identifier (the page says uuid; examples look like aut_123).
            cursor: Cursor from the previous page's next_cursor (undocumented by Sendrealm; only
                sent when a previous page returned one).

        Returns:
            A page; iterate it to walk every item of every page.

        """
        return self._client.get_page(
            _list(id, cursor=cursor),
            _LIST_ITEMS,
            _LIST_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def get(
        self,
        run_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.AutomationRun:
        """Retrieve automation run

        Get one run with its trigger event, resolved identity, per-step timeline, wait states,
        timeout path, linked sent email and push records, and last error.

        Args:
            run_id: Run identifier (e.g. run_123).

        Returns:
            The run, wrapped in {"data": ...}.

        """
        return self._client.request(
            _get(run_id),
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
        id: str,
        *,
        cursor: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[models.AutomationRun, models.RunList]:
        """List automation runs

        List the runs of an automation. The response shape and pagination of this endpoint are
        not documented by Sendrealm; the client reads a `{data: [...], next_cursor, has_more}`
        body leniently (see the spec).

        Args:
            id: Automation identifier (the page says uuid; examples look like aut_123).
            cursor: Cursor from the previous page's next_cursor (undocumented by Sendrealm; only
                sent when a previous page returned one).

        Returns:
            A page; iterate it to walk every item of every page.

        """
        request = _list(id, cursor=cursor)
        options = RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries)
        return AsyncPager(
            lambda: self._client.get_page(request, _LIST_ITEMS, _LIST_RESULT, options)
        )

    async def get(
        self,
        run_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.AutomationRun:
        """Retrieve automation run

        Get one run with its trigger event, resolved identity, per-step timeline, wait states,
        timeout path, linked sent email and push records, and last error.

        Args:
            run_id: Run identifier (e.g. run_123).

        Returns:
            The run, wrapped in {"data": ...}.

        """
        return await self._client.request(
            _get(run_id),
            _GET_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class AsyncRunsWithRawResponse:
    """:class:`AsyncRuns` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: AsyncRuns) -> None:
        self.list = async_to_raw_response_wrapper(runs_resource.list)
        self.get = async_to_raw_response_wrapper(runs_resource.get)
