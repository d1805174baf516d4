"""Models built by their snake_case names, as users write them in their own tests."""

from __future__ import annotations

import datetime as dt

from basedash_client import models as basedash
from kognitos_client import models as kognitos

run = basedash.PublicAutomationRun(
    id="run_1",
    automation_id="aut_1",
    organization_id="org_1",
    name="Nightly",
    status=basedash.PublicAutomationRunStatus.FINISHED,
    is_manual_run=False,
    member_id=None,
    created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
)
page = basedash.PaginationMeta(next_cursor=None, has_more=False)
limit = basedash.RateLimitErrorBody(
    title=basedash.RateLimitErrorBodyTitle.RATE_LIMIT_EXCEEDED, detail="slow down", retry_after_ms=250
)
token: str | None = kognitos.ListRunsResponse(next_page_token="t").next_page_token
created: dt.datetime = run.created_at
