"""Operations on runs: :class:`Runs` and :class:`AsyncRuns`."""

from __future__ import annotations

import builtins
from functools import cached_property

from .. import _request, models
from .._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient
from .._pagination import AsyncPager, PageTokenPagination, SyncPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

__all__ = ["AsyncRuns", "Runs"]


_GET = _request.Endpoint(
    name="runs.get",
    method="GET",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}/automations/{automation_id}/runs/{run_id}",
    errors={None: models.Status},
)
_GET_RESULT: _request.Result[models.Run] = _request.Result(models.Run)


def _get(
    organization_id: str,
    workspace_id: str,
    automation_id: str,
    run_id: str,
) -> _request.Request:
    return _request.Request(
        _GET,
        _request.encode_path(
            _GET.path,
            {
                "organization_id": organization_id,
                "workspace_id": workspace_id,
                "automation_id": automation_id,
                "run_id": run_id,
            },
        ),
    )


_LIST = _request.Endpoint(
    name="runs.list",
    method="GET",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}/automations/{automation_id}/runs",
    errors={None: models.Status},
    pagination=PageTokenPagination(
        param="page_token",
        next_token=("next_page_token",),
        items=("runs",),
        arguments=(("page_token", "page_token", False),),
    ),
)
_LIST_ITEMS: _request.Result[builtins.list[models.Run]] = _request.Result(builtins.list[models.Run])
_LIST_RESULT: _request.Result[models.ListRunsResponse] = _request.Result(models.ListRunsResponse)


def _list(
    organization_id: str,
    workspace_id: str,
    automation_id: str,
    *,
    page_size: int | None,
    page_token: str | None,
    filter: str | None,
) -> _request.Request:
    _request.check_range("page_size", page_size, minimum=0)
    return _request.Request(
        _LIST,
        _request.encode_path(
            _LIST.path,
            {
                "organization_id": organization_id,
                "workspace_id": workspace_id,
                "automation_id": automation_id,
            },
        ),
        query=_request.query_params(
            ("page_size", page_size, "form"),
            ("page_token", page_token, "form"),
            ("filter", filter, "form"),
        ),
    )


_PAUSE = _request.Endpoint(
    name="runs.pause",
    method="POST",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}/automations/{automation_id}/runs/{run_id}:pause",
    errors={None: models.Status},
    idempotent=False,
)
_PAUSE_RESULT: _request.Result[models.Run] = _request.Result(models.Run)


def _pause(
    organization_id: str,
    workspace_id: str,
    automation_id: str,
    run_id: str,
    *,
    reason: str,
) -> _request.Request:
    return _request.Request(
        _PAUSE,
        _request.encode_path(
            _PAUSE.path,
            {
                "organization_id": organization_id,
                "workspace_id": workspace_id,
                "automation_id": automation_id,
                "run_id": run_id,
            },
        ),
        json=_request.json_body(("reason", reason)),
        has_body=True,
    )


_CONTINUE = _request.Endpoint(
    name="runs.continue_",
    method="POST",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}/automations/{automation_id}/runs/{run_id}:continue",
    errors={None: models.Status},
    idempotent=False,
)
_CONTINUE_RESULT: _request.Result[models.Run] = _request.Result(models.Run)


def _continue(
    organization_id: str,
    workspace_id: str,
    automation_id: str,
    run_id: str,
) -> _request.Request:
    return _request.Request(
        _CONTINUE,
        _request.encode_path(
            _CONTINUE.path,
            {
                "organization_id": organization_id,
                "workspace_id": workspace_id,
                "automation_id": automation_id,
                "run_id": run_id,
            },
        ),
        json=_request.json_body(),
        has_body=True,
    )


_LIST_EVENTS = _request.Endpoint(
    name="runs.list_events",
    method="GET",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}/automations/{automation_id}/runs/{run_id}/events",
    errors={None: models.Status},
    pagination=PageTokenPagination(
        param="page_token",
        next_token=("next_page_token",),
        items=("run_events",),
        arguments=(("page_token", "page_token", False),),
    ),
)
_LIST_EVENTS_ITEMS: _request.Result[builtins.list[models.RunEvent]] = _request.Result(
    builtins.list[models.RunEvent]
)
_LIST_EVENTS_RESULT: _request.Result[models.ListRunEventsResponse] = _request.Result(
    models.ListRunEventsResponse
)


def _list_events(
    organization_id: str,
    workspace_id: str,
    automation_id: str,
    run_id: str,
    *,
    page_size: int | None,
    page_token: str | None,
    filter: str | None,
) -> _request.Request:
    _request.check_range("page_size", page_size, minimum=1)
    return _request.Request(
        _LIST_EVENTS,
        _request.encode_path(
            _LIST_EVENTS.path,
            {
                "organization_id": organization_id,
                "workspace_id": workspace_id,
                "automation_id": automation_id,
                "run_id": run_id,
            },
        ),
        query=_request.query_params(
            ("page_size", page_size, "form"),
            ("page_token", page_token, "form"),
            ("filter", filter, "form"),
        ),
    )


_AGGREGATES = _request.Endpoint(
    name="runs.aggregates",
    method="GET",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}:automationRunAggregates",
    errors={None: models.Status},
)
_AGGREGATES_RESULT: _request.Result[models.QueryAutomationRunAggregatesResponse] = _request.Result(
    models.QueryAutomationRunAggregatesResponse
)


def _aggregates(
    organization_id: str,
    workspace_id: str,
) -> _request.Request:
    return _request.Request(
        _AGGREGATES,
        _request.encode_path(
            _AGGREGATES.path, {"organization_id": organization_id, "workspace_id": workspace_id}
        ),
    )


_DAILY_AGGREGATES = _request.Endpoint(
    name="runs.daily_aggregates",
    method="GET",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}:dailyRunAggregates",
    errors={None: models.Status},
)
_DAILY_AGGREGATES_RESULT: _request.Result[models.QueryDailyRunAggregatesResponse] = _request.Result(
    models.QueryDailyRunAggregatesResponse
)


def _daily_aggregates(
    organization_id: str,
    workspace_id: str,
    *,
    time_zone: str,
    start_date: models.Date | None,
    end_date: models.Date | None,
    filter: str | None,
) -> _request.Request:
    _request.check_range(
        "start_date.year",
        start_date.year if start_date is not None else None,
        minimum=0,
        maximum=9999,
    )
    _request.check_range(
        "start_date.month",
        start_date.month if start_date is not None else None,
        minimum=0,
        maximum=12,
    )
    _request.check_range(
        "start_date.day", start_date.day if start_date is not None else None, minimum=0, maximum=31
    )
    _request.check_range(
        "end_date.year", end_date.year if end_date is not None else None, minimum=0, maximum=9999
    )
    _request.check_range(
        "end_date.month", end_date.month if end_date is not None else None, minimum=0, maximum=12
    )
    _request.check_range(
        "end_date.day", end_date.day if end_date is not None else None, minimum=0, maximum=31
    )
    return _request.Request(
        _DAILY_AGGREGATES,
        _request.encode_path(
            _DAILY_AGGREGATES.path,
            {"organization_id": organization_id, "workspace_id": workspace_id},
        ),
        query=_request.query_params(
            ("start_date", start_date, "dotted"),
            ("end_date", end_date, "dotted"),
            ("time_zone", time_zone, "form"),
            ("filter", filter, "form"),
        ),
    )


class Runs:
    """Operations on runs."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> RunsWithRawResponse:
        """The same operations, returning :class:`APIResponse` (status, headers, parsed result)."""
        return RunsWithRawResponse(self)

    def get(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.Run:
        """Get Run

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -

        Returns:
            The run.

        """
        return self._client.request(
            _get(organization_id, workspace_id, automation_id, run_id),
            _GET_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def list(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        *,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncPage[models.Run, models.ListRunsResponse]:
        """List Runs

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            page_size: The maximum number of runs to return in a single response. The service may
                return fewer than this value. If unspecified or 0, at most 10 runs will be
                returned. The maximum value is 1000; values above 1000 will be coerced to 1000.
                If negative, an INVALID_ARGUMENT error will be returned. Must be ≥ 0. The API's
                default is ``10``.
            page_token: A page token received from a previous ListRuns call. Provide this to
                retrieve the subsequent page of results. When paginating, all other parameters
                provided to ListRuns must match the call that provided the page token.
            filter: Filter expression for filtering runs. Follows the structured syntax defined
                in AIP-160.

                Supported fields for filtering:
                  - create_time: The timestamp when the run was created
                  (google.protobuf.Timestamp)

                Supported operators:
                  - Comparison: =, !=, <, >, <=, >=
                  - Logical: AND, OR, NOT, -

                Examples:
                  - Runs created after a date: create_time >= "2024-01-01T00:00:00Z"
                  - Runs created before a date: create_time <= "2024-12-31T23:59:59Z"
                  - Runs within a date range: create_time >= "2024-01-01T00:00:00Z" AND
                  create_time <= "2024-12-31T23:59:59Z"
                  - Several ranges: (create_time >= "2024-01-01T00:00:00Z" AND create_time <=
                  "2024-06-30T23:59:59Z") OR create_time >= "2024-07-01T00:00:00Z"

                Timestamps must be in RFC-3339 format (e.g., "2024-01-01T00:00:00Z"). If an
                invalid filter expression
                is provided, the API will return INVALID_ARGUMENT.

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        return self._client.get_page(
            _list(
                organization_id,
                workspace_id,
                automation_id,
                page_size=page_size,
                page_token=page_token,
                filter=filter,
            ),
            _LIST_ITEMS,
            _LIST_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def pause(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        reason: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.Run:
        """Pause Run

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -
            reason: The reason for pausing the run.

        Returns:
            The updated run.

        """
        return self._client.request(
            _pause(organization_id, workspace_id, automation_id, run_id, reason=reason),
            _PAUSE_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def continue_(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.Run:
        """Continue Run

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -

        Returns:
            The updated run.

        """
        return self._client.request(
            _continue(organization_id, workspace_id, automation_id, run_id),
            _CONTINUE_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def list_events(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncPage[models.RunEvent, models.ListRunEventsResponse]:
        """List Run Events

        Retrieves a paginated list of all events that occurred during a specific automation run.
        Events are returned in the order they were generated, providing a complete timeline of
        the run's execution. Use the filter parameter to narrow results by specific criteria such
        as node_kind for execution journal events. The response includes both high-level run
        state changes (starts, completions, failures) and detailed execution steps (node
        executions, execution patches, detailed data flows in each expression, etc).

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -
            page_size: Maximum number of run events to return in a single response. The service
                may return fewer events than requested, but will never return more (fewer total
                events, internal chunking limits, or the response size limit). Valid range:
                1-1000 events. Default: 100 events if unspecified. Values above 1000 are
                automatically capped at 1000. Negative values result in an INVALID_ARGUMENT
                error. Must be ≥ 1. The API's default is ``100``.
            page_token: Pagination token from a previous ListRunEvents response. Provide the
                next_page_token value from a previous response to continue retrieving the next
                set of events. Leave empty or unset for the first page of results. The token is
                opaque and should not be parsed or modified by clients.
            filter: Filter expression to narrow down which events are returned. Follows the
                AIP-160 filtering syntax
                (https://google.aip.dev/160).

                Supported fields for filtering:
                  - node_kind: Filter execution journal events by the kind/type of node. Only
                  execution journal
                    events with matching node_kind are returned.

                When empty or unset, all events for the specified run are returned.

                Example filters:
                  node_kind = "FunctionCall"
                  node_kind = "Assignment".

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        return self._client.get_page(
            _list_events(
                organization_id,
                workspace_id,
                automation_id,
                run_id,
                page_size=page_size,
                page_token=page_token,
                filter=filter,
            ),
            _LIST_EVENTS_ITEMS,
            _LIST_EVENTS_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def aggregates(
        self,
        organization_id: str,
        workspace_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.QueryAutomationRunAggregatesResponse:
        """Query Automation Run Aggregates

        Args:
            organization_id: -
            workspace_id: -

        Returns:
            Run statistics for each automation in the workspace.

        """
        return self._client.request(
            _aggregates(organization_id, workspace_id),
            _AGGREGATES_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def daily_aggregates(
        self,
        organization_id: str,
        workspace_id: str,
        *,
        time_zone: str,
        start_date: models.Date | None = None,
        end_date: models.Date | None = None,
        filter: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.QueryDailyRunAggregatesResponse:
        """Query Daily Run Aggregates

        Args:
            organization_id: -
            workspace_id: -
            time_zone: Time zone for date aggregation. Format: IANA timezone identifier (e.g.,
                "America/New_York", "UTC", "Europe/London").
            start_date: First day to aggregate (sent as start_date.year, start_date.month,
                start_date.day).
            end_date: Last day to aggregate (sent as end_date.year, end_date.month,
                end_date.day).
            filter: Filter expression for filtering runs included in the aggregation. Follows the
                structured syntax
                defined in AIP-160.

                Supported fields for filtering:
                  - automation_id: The unique identifier of the automation (string)

                Supported operators:
                  - Comparison: =
                  - Logical: OR

                Examples:
                  - Filter by specific automation: automation_id = "789"
                  - Filter by multiple automations: automation_id = "789" OR automation_id =
                  "790"

                If an invalid filter expression is provided, the API will return
                INVALID_ARGUMENT.

        Returns:
            Daily run statistics.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        return self._client.request(
            _daily_aggregates(
                organization_id,
                workspace_id,
                time_zone=time_zone,
                start_date=start_date,
                end_date=end_date,
                filter=filter,
            ),
            _DAILY_AGGREGATES_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class RunsWithRawResponse:
    """:class:`Runs` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: Runs) -> None:
        self.get = to_raw_response_wrapper(runs_resource.get)
        self.list = to_raw_response_wrapper(runs_resource.list)
        self.pause = to_raw_response_wrapper(runs_resource.pause)
        self.continue_ = to_raw_response_wrapper(runs_resource.continue_)
        self.list_events = to_raw_response_wrapper(runs_resource.list_events)
        self.aggregates = to_raw_response_wrapper(runs_resource.aggregates)
        self.daily_aggregates = to_raw_response_wrapper(runs_resource.daily_aggregates)


class AsyncRuns:
    """Operations on runs (async)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncRunsWithRawResponse:
        """The same operations, returning :class:`APIResponse` (status, headers, parsed result)."""
        return AsyncRunsWithRawResponse(self)

    async def get(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.Run:
        """Get Run

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -

        Returns:
            The run.

        """
        return await self._client.request(
            _get(organization_id, workspace_id, automation_id, run_id),
            _GET_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def list(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        *,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[models.Run, models.ListRunsResponse]:
        """List Runs

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            page_size: The maximum number of runs to return in a single response. The service may
                return fewer than this value. If unspecified or 0, at most 10 runs will be
                returned. The maximum value is 1000; values above 1000 will be coerced to 1000.
                If negative, an INVALID_ARGUMENT error will be returned. Must be ≥ 0. The API's
                default is ``10``.
            page_token: A page token received from a previous ListRuns call. Provide this to
                retrieve the subsequent page of results. When paginating, all other parameters
                provided to ListRuns must match the call that provided the page token.
            filter: Filter expression for filtering runs. Follows the structured syntax defined
                in AIP-160.

                Supported fields for filtering:
                  - create_time: The timestamp when the run was created
                  (google.protobuf.Timestamp)

                Supported operators:
                  - Comparison: =, !=, <, >, <=, >=
                  - Logical: AND, OR, NOT, -

                Examples:
                  - Runs created after a date: create_time >= "2024-01-01T00:00:00Z"
                  - Runs created before a date: create_time <= "2024-12-31T23:59:59Z"
                  - Runs within a date range: create_time >= "2024-01-01T00:00:00Z" AND
                  create_time <= "2024-12-31T23:59:59Z"
                  - Several ranges: (create_time >= "2024-01-01T00:00:00Z" AND create_time <=
                  "2024-06-30T23:59:59Z") OR create_time >= "2024-07-01T00:00:00Z"

                Timestamps must be in RFC-3339 format (e.g., "2024-01-01T00:00:00Z"). If an
                invalid filter expression
                is provided, the API will return INVALID_ARGUMENT.

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        request = _list(
            organization_id,
            workspace_id,
            automation_id,
            page_size=page_size,
            page_token=page_token,
            filter=filter,
        )
        options = RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries)
        return AsyncPager(
            lambda: self._client.get_page(request, _LIST_ITEMS, _LIST_RESULT, options)
        )

    async def pause(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        reason: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.Run:
        """Pause Run

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -
            reason: The reason for pausing the run.

        Returns:
            The updated run.

        """
        return await self._client.request(
            _pause(organization_id, workspace_id, automation_id, run_id, reason=reason),
            _PAUSE_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    async def continue_(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.Run:
        """Continue Run

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -

        Returns:
            The updated run.

        """
        return await self._client.request(
            _continue(organization_id, workspace_id, automation_id, run_id),
            _CONTINUE_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    def list_events(
        self,
        organization_id: str,
        workspace_id: str,
        automation_id: str,
        run_id: str,
        *,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[models.RunEvent, models.ListRunEventsResponse]:
        """List Run Events

        Retrieves a paginated list of all events that occurred during a specific automation run.
        Events are returned in the order they were generated, providing a complete timeline of
        the run's execution. Use the filter parameter to narrow results by specific criteria such
        as node_kind for execution journal events. The response includes both high-level run
        state changes (starts, completions, failures) and detailed execution steps (node
        executions, execution patches, detailed data flows in each expression, etc).

        Args:
            organization_id: -
            workspace_id: -
            automation_id: -
            run_id: -
            page_size: Maximum number of run events to return in a single response. The service
                may return fewer events than requested, but will never return more (fewer total
                events, internal chunking limits, or the response size limit). Valid range:
                1-1000 events. Default: 100 events if unspecified. Values above 1000 are
                automatically capped at 1000. Negative values result in an INVALID_ARGUMENT
                error. Must be ≥ 1. The API's default is ``100``.
            page_token: Pagination token from a previous ListRunEvents response. Provide the
                next_page_token value from a previous response to continue retrieving the next
                set of events. Leave empty or unset for the first page of results. The token is
                opaque and should not be parsed or modified by clients.
            filter: Filter expression to narrow down which events are returned. Follows the
                AIP-160 filtering syntax
                (https://google.aip.dev/160).

                Supported fields for filtering:
                  - node_kind: Filter execution journal events by the kind/type of node. Only
                  execution journal
                    events with matching node_kind are returned.

                When empty or unset, all events for the specified run are returned.

                Example filters:
                  node_kind = "FunctionCall"
                  node_kind = "Assignment".

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        request = _list_events(
            organization_id,
            workspace_id,
            automation_id,
            run_id,
            page_size=page_size,
            page_token=page_token,
            filter=filter,
        )
        options = RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries)
        return AsyncPager(
            lambda: self._client.get_page(request, _LIST_EVENTS_ITEMS, _LIST_EVENTS_RESULT, options)
        )

    async def aggregates(
        self,
        organization_id: str,
        workspace_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.QueryAutomationRunAggregatesResponse:
        """Query Automation Run Aggregates

        Args:
            organization_id: -
            workspace_id: -

        Returns:
            Run statistics for each automation in the workspace.

        """
        return await self._client.request(
            _aggregates(organization_id, workspace_id),
            _AGGREGATES_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )

    async def daily_aggregates(
        self,
        organization_id: str,
        workspace_id: str,
        *,
        time_zone: str,
        start_date: models.Date | None = None,
        end_date: models.Date | None = None,
        filter: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.QueryDailyRunAggregatesResponse:
        """Query Daily Run Aggregates

        Args:
            organization_id: -
            workspace_id: -
            time_zone: Time zone for date aggregation. Format: IANA timezone identifier (e.g.,
                "America/New_York", "UTC", "Europe/London").
            start_date: First day to aggregate (sent as start_date.year, start_date.month,
                start_date.day).
            end_date: Last day to aggregate (sent as end_date.year, end_date.month,
                end_date.day).
            filter: Filter expression for filtering runs included in the aggregation. Follows the
                structured syntax
                defined in AIP-160.

                Supported fields for filtering:
                  - automation_id: The unique identifier of the automation (string)

                Supported operators:
                  - Comparison: =
                  - Logical: OR

                Examples:
                  - Filter by specific automation: automation_id = "789"
                  - Filter by multiple automations: automation_id = "789" OR automation_id =
                  "790"

                If an invalid filter expression is provided, the API will return
                INVALID_ARGUMENT.

        Returns:
            Daily run statistics.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        return await self._client.request(
            _daily_aggregates(
                organization_id,
                workspace_id,
                time_zone=time_zone,
                start_date=start_date,
                end_date=end_date,
                filter=filter,
            ),
            _DAILY_AGGREGATES_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class AsyncRunsWithRawResponse:
    """:class:`AsyncRuns` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: AsyncRuns) -> None:
        self.get = async_to_raw_response_wrapper(runs_resource.get)
        self.list = async_to_raw_response_wrapper(runs_resource.list)
        self.pause = async_to_raw_response_wrapper(runs_resource.pause)
        self.continue_ = async_to_raw_response_wrapper(runs_resource.continue_)
        self.list_events = async_to_raw_response_wrapper(runs_resource.list_events)
        self.aggregates = async_to_raw_response_wrapper(runs_resource.aggregates)
        self.daily_aggregates = async_to_raw_response_wrapper(runs_resource.daily_aggregates)
