"""Operations on runs: :class:`Runs` and :class:`AsyncRuns`."""

from __future__ import annotations

import builtins
from functools import cached_property

from .. import _request, models
from .._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient
from .._pagination import AsyncPager, OffsetPagination, SyncPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

__all__ = ["AsyncRuns", "Runs"]


_LIST = _request.Endpoint(
    name="runs.list",
    method="GET",
    path="/api/v1/automations/{id}/runs",
    errors={None: models.ErrorResponse},
    pagination=OffsetPagination(
        offset_param="page[offset]",
        limit_param="page[limit]",
        items=("data",),
        has_more=("meta", "has_more"),
        arguments=(("page[offset]", "page_offset", True),),
    ),
)
_LIST_ITEMS: _request.Result[builtins.list[models.Run]] = _request.Result(builtins.list[models.Run])
_LIST_RESULT: _request.Result[models.RunList] = _request.Result(models.RunList)


def _list(
    id: str,
    *,
    page_limit: int | None,
    page_offset: int | None,
) -> _request.Request:
    _request.check_pattern("id", id, "^[a-z0-9][a-z0-9-]{0,62}$")
    _request.check_range("page[limit]", page_limit, minimum=1, maximum=100)
    _request.check_range("page[offset]", page_offset, minimum=0)
    return _request.Request(
        _LIST,
        _request.encode_path(_LIST.path, {"id": id}),
        query=_request.query_params(
            ("page[limit]", page_limit, "form"), ("page[offset]", page_offset, "form")
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

    def list(
        self,
        id: str,
        *,
        page_limit: int | None = None,
        page_offset: int | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncPage[models.Run, models.RunList]:
        """List automation runs

        Paginated durable runs for the automation (offset pagination with page[limit] /
        page[offset]).

        Args:
            id: Unique automation identifier. Must match ``^[a-z0-9][a-z0-9-]{0,62}$``.
            page_limit: Maximum number of items to return per page. Must be ≥ 1 and ≤ 100. The
                API's default is ``20``.
            page_offset: Number of items to skip before returning results. Must be ≥ 0. The API's
                default is ``0``.

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        return self._client.get_page(
            _list(id, page_limit=page_limit, page_offset=page_offset),
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
        id: str,
        *,
        page_limit: int | None = None,
        page_offset: int | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[models.Run, models.RunList]:
        """List automation runs

        Paginated durable runs for the automation (offset pagination with page[limit] /
        page[offset]).

        Args:
            id: Unique automation identifier. Must match ``^[a-z0-9][a-z0-9-]{0,62}$``.
            page_limit: Maximum number of items to return per page. Must be ≥ 1 and ≤ 100. The
                API's default is ``20``.
            page_offset: Number of items to skip before returning results. Must be ≥ 0. The API's
                default is ``0``.

        Returns:
            A page; iterate it to walk every item of every page.

        Raises:
            ValueError: An argument breaks a documented constraint; nothing was sent.

        """
        request = _list(id, page_limit=page_limit, page_offset=page_offset)
        options = RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries)
        return AsyncPager(
            lambda: self._client.get_page(request, _LIST_ITEMS, _LIST_RESULT, options)
        )


class AsyncRunsWithRawResponse:
    """:class:`AsyncRuns` with every operation returning an :class:`APIResponse`."""

    def __init__(self, runs_resource: AsyncRuns) -> None:
        self.list = async_to_raw_response_wrapper(runs_resource.list)
