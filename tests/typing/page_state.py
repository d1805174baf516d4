"""Reading a page's own fields, typed: ``page.parsed`` is the list operation's response model."""

from __future__ import annotations

from typing import Any, assert_type

from fabro_client import AsyncFabroClient, FabroClient, models
from files_com_client import FilesComClient
from files_com_client import models as files_com


def fabro_total(client: FabroClient) -> Any:
    page = client.runs.list("nightly", page_limit=50)
    assert_type(page.parsed, models.RunList)
    assert_type(page.parsed.meta, models.PaginationMeta)
    assert_type(page.parsed.meta.has_more, bool)
    assert_type(page.parsed.data, list[models.Run])
    return page.parsed.meta.total


async def fabro_pages(client: AsyncFabroClient) -> list[bool]:
    first = await client.runs.list("nightly")
    assert_type(first.parsed, models.RunList)
    return [page.parsed.meta.has_more async for page in client.runs.list("nightly").iter_pages()]


def files_com_items(client: FilesComClient) -> list[files_com.AutomationRun]:
    # A list sent as a bare array: the parsed body is the list of items itself.
    return client.runs.list(automation_id=7).parsed
