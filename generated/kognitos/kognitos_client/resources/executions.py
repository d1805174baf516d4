"""Operations on executions: :class:`Executions` and :class:`AsyncExecutions`."""

from __future__ import annotations

from functools import cached_property

from .. import _request, models
from .._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

__all__ = ["AsyncExecutions", "Executions"]


_GET_OUTPUTS = _request.Endpoint(
    name="executions.get_outputs",
    method="GET",
    path="/api/v1/organizations/{organization_id}/workspaces/{workspace_id}/executions/{execution_id}/outputs",
    errors={None: models.Status},
)
_GET_OUTPUTS_RESULT: _request.Result[models.GetExecutionOutputsResponse] = _request.Result(
    models.GetExecutionOutputsResponse
)


def _get_outputs(
    organization_id: str,
    workspace_id: str,
    execution_id: str,
) -> _request.Request:
    return _request.Request(
        _GET_OUTPUTS,
        _request.encode_path(
            _GET_OUTPUTS.path,
            {
                "organization_id": organization_id,
                "workspace_id": workspace_id,
                "execution_id": execution_id,
            },
        ),
    )


class Executions:
    """Operations on executions."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ExecutionsWithRawResponse:
        """The same operations, returning :class:`APIResponse` (status, headers, parsed result)."""
        return ExecutionsWithRawResponse(self)

    def get_outputs(
        self,
        organization_id: str,
        workspace_id: str,
        execution_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.GetExecutionOutputsResponse:
        """Get Execution Outputs

        Args:
            organization_id: -
            workspace_id: -
            execution_id: -

        Returns:
            The outputs of a completed execution.

        """
        return self._client.request(
            _get_outputs(organization_id, workspace_id, execution_id),
            _GET_OUTPUTS_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class ExecutionsWithRawResponse:
    """:class:`Executions` with every operation returning an :class:`APIResponse`."""

    def __init__(self, executions_resource: Executions) -> None:
        self.get_outputs = to_raw_response_wrapper(executions_resource.get_outputs)


class AsyncExecutions:
    """Operations on executions (async)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncExecutionsWithRawResponse:
        """The same operations, returning :class:`APIResponse` (status, headers, parsed result)."""
        return AsyncExecutionsWithRawResponse(self)

    async def get_outputs(
        self,
        organization_id: str,
        workspace_id: str,
        execution_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.GetExecutionOutputsResponse:
        """Get Execution Outputs

        Args:
            organization_id: -
            workspace_id: -
            execution_id: -

        Returns:
            The outputs of a completed execution.

        """
        return await self._client.request(
            _get_outputs(organization_id, workspace_id, execution_id),
            _GET_OUTPUTS_RESULT,
            RequestOptions(extra_headers, extra_query, extra_body, timeout, max_retries),
        )


class AsyncExecutionsWithRawResponse:
    """:class:`AsyncExecutions` with every operation returning an :class:`APIResponse`."""

    def __init__(self, executions_resource: AsyncExecutions) -> None:
        self.get_outputs = async_to_raw_response_wrapper(executions_resource.get_outputs)
