"""The generated Kognitos client against a fake Kognitos (grpc-gateway style) on loopback.

Kognitos lists page with AIP-158 tokens: ``page_size`` / ``page_token`` → ``next_page_token``; an
empty page that carries a token is *not* the end, only a missing or empty token is. Custom methods
are path suffixes (``/runs/{run_id}:pause``), date ranges travel as dotted query parameters
(``start_date.year=2026``), int64 counts arrive as JSON strings, and run states / events / values
are protobuf oneofs (the variant is whichever key is present). Every error is a ``google.rpc.Status``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import pytest
from kognitos_client import (
    APIStatusError,
    AsyncKognitosClient,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    KognitosClient,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    models,
)
from kognitos_client._models import UnknownVariant

from tests.clients.servers import (
    FakeVendor,
    Page,
    async_http_client,
    collect,
    http_client,
    payload,
    with_changes,
)

API_KEY = "kgn_pat_Q8w2E4r6T8y0U2i4"
ORG = "kP3mX9qL2vR7tN4wB8yZc"
WS = "Fh2Jk8Lm4Np6Qr0St2Uv4"
AUTOMATION = "aB3dE5fG7hJ9kL1mN3pQ5"
WORKSPACE_PATH = f"/api/v1/organizations/{ORG}/workspaces/{WS}"
RUNS_PATH = f"{WORKSPACE_PATH}/automations/{AUTOMATION}/runs"
RUN = "r7T9vX1zB3dF5hK7mP9sU"
EVENTS_PATH = f"{RUNS_PATH}/{RUN}/events"
NODE_KIND_FILTER = 'node_kind = "FunctionCall"'
ENCODED_FILTER = "node_kind%20%3D%20%22FunctionCall%22"


@contextmanager
def client(vendor: FakeVendor, **kwargs: Any) -> Iterator[KognitosClient]:
    kwargs.setdefault("max_retries", 0)
    with (
        http_client() as http,
        KognitosClient(api_key=API_KEY, base_url=vendor.url(), http_client=http, **kwargs) as kg,
    ):
        yield kg


@asynccontextmanager
async def async_client(vendor: FakeVendor, **kwargs: Any) -> AsyncIterator[AsyncKognitosClient]:
    kwargs.setdefault("max_retries", 0)
    async with (
        async_http_client() as http,
        AsyncKognitosClient(
            api_key=API_KEY, base_url=vendor.url(), http_client=http, **kwargs
        ) as kg,
    ):
        yield kg


def names(runs: list[models.Run]) -> list[str]:
    return [(run.name or "").rsplit("/", 1)[-1] for run in runs]


def fixture_runs() -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = payload("kognitos", "list_runs")["runs"]
    return runs


def run_ids(runs: list[dict[str, Any]]) -> list[str]:
    return [run["name"].rsplit("/", 1)[-1] for run in runs]


def assert_bearer_on_every_request(vendor: FakeVendor) -> None:
    assert vendor.requests, "no request was sent"
    assert vendor.header_values("Authorization") == [f"Bearer {API_KEY}"] * len(vendor.requests)


# -- runs.list: AIP-158 page tokens -----------------------------------------------------------


def pages_with_an_empty_middle_page() -> list[Page]:
    runs = fixture_runs()
    return [
        Page("page_size=2", {"runs": runs[0:2], "next_page_token": "tok-2"}),
        Page("page_size=2&page_token=tok-2", {"runs": [], "next_page_token": "tok-3"}),
        Page("page_size=2&page_token=tok-3", {"runs": runs[2:]}),
    ]


EMPTY_MIDDLE_QUERIES = [
    "page_size=2",
    "page_size=2&page_token=tok-2",
    "page_size=2&page_token=tok-3",
]


def test_kognitos_empty_page_with_token_does_not_end_the_list(vendor: FakeVendor) -> None:
    vendor.pages(RUNS_PATH, pages_with_an_empty_middle_page())
    with client(vendor) as kognitos:
        runs = list(kognitos.runs.list(ORG, WS, AUTOMATION, page_size=2))

    assert names(runs) == run_ids(fixture_runs())
    assert vendor.queries() == EMPTY_MIDDLE_QUERIES
    assert_bearer_on_every_request(vendor)


@pytest.mark.anyio
async def test_kognitos_async_empty_page_with_token_does_not_end_the_list(
    vendor: FakeVendor,
) -> None:
    vendor.pages(RUNS_PATH, pages_with_an_empty_middle_page())
    async with async_client(vendor) as kognitos:
        runs = await collect(kognitos.runs.list(ORG, WS, AUTOMATION, page_size=2))

    assert names(runs) == run_ids(fixture_runs())
    assert vendor.queries() == EMPTY_MIDDLE_QUERIES
    assert_bearer_on_every_request(vendor)


def test_kognitos_empty_page_may_omit_the_runs_field(vendor: FakeVendor) -> None:
    # proto3 JSON leaves empty repeated fields out: an empty page is {"next_page_token": ...}.
    runs = fixture_runs()
    vendor.pages(
        RUNS_PATH,
        [
            Page("", {"runs": runs[0:2], "next_page_token": "tok-2"}),
            Page("page_token=tok-2", {"next_page_token": "tok-3"}),
            Page("page_token=tok-3", {"runs": runs[2:]}),
        ],
    )
    with client(vendor) as kognitos:
        found = list(kognitos.runs.list(ORG, WS, AUTOMATION))
    assert names(found) == run_ids(runs)
    assert vendor.queries() == ["", "page_token=tok-2", "page_token=tok-3"]


def test_kognitos_empty_string_token_ends_the_list(vendor: FakeVendor) -> None:
    runs = fixture_runs()
    vendor.pages(
        RUNS_PATH,
        [
            Page("page_size=2", {"runs": runs[0:2], "next_page_token": "tok-2"}),
            Page("page_size=2&page_token=tok-2", {"runs": runs[2:], "next_page_token": ""}),
        ],
    )
    with client(vendor) as kognitos:
        pages = list(kognitos.runs.list(ORG, WS, AUTOMATION, page_size=2).iter_pages())

    assert [names(page.items) for page in pages] == [run_ids(runs[0:2]), run_ids(runs[2:])]
    assert not pages[-1].has_next_page()
    assert vendor.queries() == ["page_size=2", "page_size=2&page_token=tok-2"]


@pytest.mark.anyio
async def test_kognitos_async_empty_string_token_ends_the_list(vendor: FakeVendor) -> None:
    runs = fixture_runs()
    vendor.pages(
        RUNS_PATH,
        [
            Page("page_size=2", {"runs": runs[0:2], "next_page_token": "tok-2"}),
            Page("page_size=2&page_token=tok-2", {"runs": runs[2:], "next_page_token": ""}),
        ],
    )
    async with async_client(vendor) as kognitos:
        found = await collect(kognitos.runs.list(ORG, WS, AUTOMATION, page_size=2))

    assert names(found) == run_ids(runs)
    assert vendor.queries() == ["page_size=2", "page_size=2&page_token=tok-2"]


def test_kognitos_list_filter_and_opaque_token_are_sent_encoded_on_every_page(
    vendor: FakeVendor,
) -> None:
    runs = fixture_runs()
    created = 'create_time >= "2024-01-01T00:00:00Z"'
    encoded = "create_time%20%3E%3D%20%222024-01-01T00%3A00%3A00Z%22"
    vendor.pages(
        RUNS_PATH,
        [
            Page(f"filter={encoded}", {"runs": runs[:1], "next_page_token": "a+b/c="}),
            Page(f"filter={encoded}&page_token=a%2Bb%2Fc%3D", {"runs": runs[1:]}),
        ],
    )
    with client(vendor) as kognitos:
        found = list(kognitos.runs.list(ORG, WS, AUTOMATION, filter=created))
    assert names(found) == run_ids(runs)
    assert vendor.queries() == [f"filter={encoded}", f"filter={encoded}&page_token=a%2Bb%2Fc%3D"]


def test_kognitos_repeated_page_token_raises_instead_of_looping(vendor: FakeVendor) -> None:
    runs = fixture_runs()
    vendor.pages(
        RUNS_PATH,
        [
            Page("", {"runs": runs[:1], "next_page_token": "same"}),
            Page("page_token=same", {"runs": runs[1:2], "next_page_token": "same"}),
        ],
    )
    with client(vendor) as kognitos, pytest.raises(PaginationError):
        list(kognitos.runs.list(ORG, WS, AUTOMATION))
    assert len(vendor.requests) == 2


# -- runs.list_events -------------------------------------------------------------------------


def event_pages() -> tuple[list[Page], list[str]]:
    body = payload("kognitos", "list_run_events")
    events: list[dict[str, Any]] = body["run_events"]
    first = f"page_size=3&filter={ENCODED_FILTER}"
    pages = [
        Page(first, {"run_events": events[0:3], "next_page_token": "ev-3"}),
        Page(f"{first}&page_token=ev-3", {"run_events": events[3:6], "next_page_token": "ev-6"}),
        # The recorded last page: it ends the list with an empty-string token.
        Page(f"{first}&page_token=ev-6", {**body, "run_events": events[6:]}),
    ]
    return pages, [f"{first}", f"{first}&page_token=ev-3", f"{first}&page_token=ev-6"]


def assert_events_parsed(events: list[Any]) -> None:
    assert len(events) == 9
    kinds = [type(event).__name__ for event in events]
    assert kinds == ["RunEventRunUpdate"] * 2 + ["RunEventExecutionJournal"] * 6 + [
        "RunEventRunUpdate"
    ]
    pending = events[0].run_update.run
    assert pending is not None
    assert isinstance(pending.state, models.RunStatePending)
    journal = events[2].execution_journal
    assert isinstance(journal, models.ExecutionJournal)
    assert journal.started is not None
    assert journal.stage is models.AutomationStage.AUTOMATION_STAGE_PUBLISHED
    executed = events[4].execution_journal.node_executed
    assert isinstance(executed, models.ExecutionJournalNodeExecuted)
    assert events[5].execution_journal.node_executed is not None
    assert events[6].execution_journal.node_skipped is not None
    assert events[7].execution_journal.completed is not None
    finished = events[8].run_update.run
    assert finished is not None
    assert isinstance(finished.state, models.RunStateCompleted)


def test_kognitos_list_events_walks_token_pages_with_the_filter(vendor: FakeVendor) -> None:
    pages, queries = event_pages()
    vendor.pages(EVENTS_PATH, pages)
    with client(vendor) as kognitos:
        events = list(
            kognitos.runs.list_events(
                ORG, WS, AUTOMATION, RUN, page_size=3, filter=NODE_KIND_FILTER
            )
        )

    assert_events_parsed(events)
    assert vendor.queries() == queries
    assert_bearer_on_every_request(vendor)


@pytest.mark.anyio
async def test_kognitos_async_list_events_walks_token_pages_with_the_filter(
    vendor: FakeVendor,
) -> None:
    pages, queries = event_pages()
    vendor.pages(EVENTS_PATH, pages)
    async with async_client(vendor) as kognitos:
        events = await collect(
            kognitos.runs.list_events(
                ORG, WS, AUTOMATION, RUN, page_size=3, filter=NODE_KIND_FILTER
            )
        )

    assert_events_parsed(events)
    assert vendor.queries() == queries
    assert_bearer_on_every_request(vendor)


def test_kognitos_unknown_run_event_is_kept_as_unknown_variant(vendor: FakeVendor) -> None:
    unknown = {"billing_update": {"credits": "12"}}
    vendor.reply(EVENTS_PATH, {"run_events": [unknown]})
    with client(vendor) as kognitos:
        (event,) = kognitos.runs.list_events(ORG, WS, AUTOMATION, RUN)
    assert isinstance(event, UnknownVariant)
    assert event.model_extra == unknown


def test_kognitos_list_events_page_size_below_1_is_refused(vendor: FakeVendor) -> None:
    with client(vendor) as kognitos, pytest.raises(ValueError, match="page_size"):
        kognitos.runs.list_events(ORG, WS, AUTOMATION, RUN, page_size=0)
    assert vendor.requests == []


# -- pause and continue: custom methods with a body -------------------------------------------


def test_kognitos_pause_posts_the_reason_to_the_colon_pause_path(vendor: FakeVendor) -> None:
    vendor.reply(f"{RUNS_PATH}/a/b:pause", payload("kognitos", "pause_run"), method="POST")
    with client(vendor) as kognitos:
        run = kognitos.runs.pause(ORG, WS, AUTOMATION, "a/b", reason="Waiting for the vendor")

    (request,) = vendor.requests
    assert request.method == "POST"
    assert request.raw_path == f"{RUNS_PATH}/a%2Fb:pause"
    assert request.body == b'{"reason":"Waiting for the vendor"}'
    assert request.headers.get("Content-Type") == "application/json"
    assert request.headers.get("Authorization") == f"Bearer {API_KEY}"
    assert isinstance(run.state, models.RunStateStopping)
    assert run.state.stopping.reason == "Waiting for the vendor to resend the invoice."


@pytest.mark.anyio
async def test_kognitos_async_pause_posts_the_reason_to_the_colon_pause_path(
    vendor: FakeVendor,
) -> None:
    vendor.reply(f"{RUNS_PATH}/a/b:pause", payload("kognitos", "pause_run"), method="POST")
    async with async_client(vendor) as kognitos:
        run = await kognitos.runs.pause(ORG, WS, AUTOMATION, "a/b", reason='say "why"')

    (request,) = vendor.requests
    assert request.raw_path == f"{RUNS_PATH}/a%2Fb:pause"
    assert request.json() == {"reason": 'say "why"'}
    assert request.headers.get("Authorization") == f"Bearer {API_KEY}"
    assert isinstance(run.state, models.RunStateStopping)


def test_kognitos_continue_posts_an_empty_object(vendor: FakeVendor) -> None:
    vendor.reply(f"{RUNS_PATH}/{RUN}:continue", payload("kognitos", "continue_run"), method="POST")
    with client(vendor) as kognitos:
        run = kognitos.runs.continue_(ORG, WS, AUTOMATION, RUN)

    (request,) = vendor.requests
    assert request.method == "POST"
    assert request.raw_path == f"{RUNS_PATH}/{RUN}:continue"
    assert request.body == b"{}"
    assert request.headers.get("Content-Type") == "application/json"
    assert request.headers.get("Authorization") == f"Bearer {API_KEY}"
    assert isinstance(run.state, models.RunStateExecuting)
    assert run.invocation_details is not None
    assert (
        run.invocation_details.invocation_source
        is models.InvocationSource.INVOCATION_SOURCE_TRIGGER
    )


@pytest.mark.anyio
async def test_kognitos_async_continue_posts_an_empty_object(vendor: FakeVendor) -> None:
    vendor.reply(f"{RUNS_PATH}/x y:continue", payload("kognitos", "continue_run"), method="POST")
    async with async_client(vendor) as kognitos:
        run = await kognitos.runs.continue_(ORG, WS, AUTOMATION, "x y")

    (request,) = vendor.requests
    assert request.raw_path == f"{RUNS_PATH}/x%20y:continue"
    assert request.body == b"{}"
    assert isinstance(run.state, models.RunStateExecuting)


@pytest.mark.parametrize("run_id", ["", ".", ".."])
def test_kognitos_run_id_that_would_change_the_path_is_refused(
    vendor: FakeVendor, run_id: str
) -> None:
    with client(vendor) as kognitos, pytest.raises(ValueError):
        kognitos.runs.pause(ORG, WS, AUTOMATION, run_id, reason="no")
    assert vendor.requests == []


def test_kognitos_pause_is_not_retried_after_a_server_error(vendor: FakeVendor) -> None:
    status = {"code": 14, "message": "unavailable", "details": []}
    vendor.reply(f"{RUNS_PATH}/{RUN}:pause", status, method="POST", status=503)
    delays: list[float] = []
    with client(vendor, max_retries=3) as kognitos, pytest.raises(InternalServerError):
        kognitos._sleep = delays.append
        kognitos.runs.pause(ORG, WS, AUTOMATION, RUN, reason="maintenance")
    assert len(vendor.requests) == 1
    assert delays == []


def test_kognitos_get_is_retried_after_a_server_error(vendor: FakeVendor) -> None:
    status = {"code": 14, "message": "unavailable", "details": []}
    vendor.reply(f"{RUNS_PATH}/{RUN}", status, status=503)
    vendor.reply(f"{RUNS_PATH}/{RUN}", payload("kognitos", "get_run"))
    delays: list[float] = []
    with client(vendor, max_retries=3) as kognitos:
        kognitos._sleep = delays.append
        run = kognitos.runs.get(ORG, WS, AUTOMATION, RUN)
    assert isinstance(run.state, models.RunStateCompleted)
    assert len(vendor.requests) == 2
    assert len(delays) == 1
    assert 0 < delays[0] <= 0.5


# -- aggregates -------------------------------------------------------------------------------


DAILY_QUERY = (
    "start_date.year=2026&start_date.month=1&start_date.day=31"
    "&end_date.year=2026&end_date.month=3&end_date.day=3"
    "&time_zone=America%2FNew_York"
)


def test_kognitos_daily_aggregates_sends_dates_as_dotted_parameters(vendor: FakeVendor) -> None:
    vendor.reply(
        f"{WORKSPACE_PATH}:dailyRunAggregates",
        payload("kognitos", "query_daily_run_aggregates"),
        query=DAILY_QUERY,
    )
    with client(vendor) as kognitos:
        result = kognitos.runs.daily_aggregates(
            ORG,
            WS,
            start_date=models.Date(year=2026, month=1, day=31),
            end_date=models.Date(year=2026, month=3, day=3),
            time_zone="America/New_York",
        )

    (request,) = vendor.requests
    assert request.raw_path == f"{WORKSPACE_PATH}:dailyRunAggregates"
    assert request.query == DAILY_QUERY
    assert request.headers.get("Authorization") == f"Bearer {API_KEY}"
    entries = result.daily_run_aggregates or []
    assert [entry.date for entry in entries] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert [entry.stats.total_runs for entry in entries if entry.stats] == [48, 52, 0]


@pytest.mark.anyio
async def test_kognitos_async_daily_aggregates_sends_dates_as_dotted_parameters(
    vendor: FakeVendor,
) -> None:
    vendor.reply(
        f"{WORKSPACE_PATH}:dailyRunAggregates",
        payload("kognitos", "query_daily_run_aggregates"),
        query=DAILY_QUERY + "&filter=automation_id%20%3D%20%22789%22",
    )
    async with async_client(vendor) as kognitos:
        result = await kognitos.runs.daily_aggregates(
            ORG,
            WS,
            start_date=models.Date(year=2026, month=1, day=31),
            end_date=models.Date(year=2026, month=3, day=3),
            time_zone="America/New_York",
            filter='automation_id = "789"',
        )

    assert vendor.queries() == [DAILY_QUERY + "&filter=automation_id%20%3D%20%22789%22"]
    assert len(result.daily_run_aggregates or []) == 3


def test_kognitos_daily_aggregates_sends_only_the_date_parts_given(vendor: FakeVendor) -> None:
    query = "start_date.year=2026&start_date.month=0&time_zone=UTC"
    vendor.reply(f"{WORKSPACE_PATH}:dailyRunAggregates", {}, query=query)
    with client(vendor) as kognitos:
        result = kognitos.runs.daily_aggregates(
            ORG, WS, start_date=models.Date(year=2026, month=0), time_zone="UTC"
        )
    assert vendor.queries() == [query]
    assert result.daily_run_aggregates is None


def test_kognitos_daily_aggregates_refuses_an_out_of_range_date_before_sending(
    vendor: FakeVendor,
) -> None:
    vendor.reply(f"{WORKSPACE_PATH}:dailyRunAggregates", {}, query=None)
    with client(vendor) as kognitos, pytest.raises(ValueError, match="month"):
        kognitos.runs.daily_aggregates(
            ORG, WS, start_date=models.Date(year=2026, month=13, day=1), time_zone="UTC"
        )
    assert vendor.requests == []


def test_kognitos_daily_aggregates_requires_a_time_zone(vendor: FakeVendor) -> None:
    with client(vendor) as kognitos, pytest.raises(TypeError, match="time_zone"):
        kognitos.runs.daily_aggregates(  # type: ignore[call-arg]
            ORG, WS, start_date=models.Date(year=2026, month=1, day=31)
        )
    assert vendor.requests == []


def test_kognitos_run_aggregates_read_int64_strings_as_ints(vendor: FakeVendor) -> None:
    vendor.reply(
        f"{WORKSPACE_PATH}:automationRunAggregates",
        payload("kognitos", "query_automation_run_aggregates"),
    )
    with client(vendor) as kognitos:
        result = kognitos.runs.aggregates(ORG, WS)

    assert [r.raw_path for r in vendor.requests] == [f"{WORKSPACE_PATH}:automationRunAggregates"]
    entries = result.automation_run_aggregates or []
    stats = [entry.stats for entry in entries]
    assert [(s.total_runs, s.completed_runs) for s in stats if s] == [(1482, 1419), (37, 30)]
    assert all(type(s.total_runs) is int and type(s.completed_runs) is int for s in stats if s)
    assert (
        entries[0].automation_id == f"organizations/{ORG}/workspaces/{WS}/automations/{AUTOMATION}"
    )
    # And they go back out as proto3 JSON strings.
    assert stats[0] is not None
    assert json.loads(stats[0].model_dump_json(by_alias=True))["total_runs"] == "1482"


@pytest.mark.anyio
async def test_kognitos_async_run_aggregates_read_int64_strings_as_ints(
    vendor: FakeVendor,
) -> None:
    vendor.reply(
        f"{WORKSPACE_PATH}:automationRunAggregates",
        payload("kognitos", "query_automation_run_aggregates"),
    )
    async with async_client(vendor) as kognitos:
        result = await kognitos.runs.aggregates(ORG, WS)

    stats = [entry.stats for entry in result.automation_run_aggregates or []]
    assert [s.total_runs for s in stats if s] == [1482, 37]
    assert all(type(s.completed_runs) is int for s in stats if s)
    assert_bearer_on_every_request(vendor)


# -- the run's state: a oneof read by which key is present ------------------------------------

LOCATION = {"start_byte": "120", "end_byte": "164"}
STATES: list[tuple[dict[str, Any], type[Any]]] = [
    ({"pending": {}}, models.RunStatePending),
    ({"executing": {}}, models.RunStateExecuting),
    ({"stopping": {"reason": "user asked"}}, models.RunStateStopping),
    ({"stopped": {"reason": "user asked"}}, models.RunStateStopped),
    (
        {
            "awaiting_guidance": {
                "exception": "exc_1",
                "description": "Which vendor?",
                "location": LOCATION,
            }
        },
        models.RunStateAwaitingGuidance,
    ),
    ({"completed": {"outputs": {"bill_id": {"text": "QB-1"}}}}, models.RunStateCompleted),
    (
        {"failed": {"id": "err_7", "description": "PDF unreadable", "location": LOCATION}},
        models.RunStateFailed,
    ),
]


def run_with_state(state: dict[str, Any]) -> dict[str, Any]:
    return with_changes(
        payload("kognitos", "get_run"),
        state={**state, "update_time": "2026-03-02T15:05:41.870112Z"},
    )


@pytest.mark.parametrize(("state", "expected"), STATES, ids=[next(iter(s)) for s, _ in STATES])
def test_kognitos_run_state_is_the_member_named_by_its_key(
    vendor: FakeVendor, state: dict[str, Any], expected: type[Any]
) -> None:
    vendor.reply(f"{RUNS_PATH}/{RUN}", run_with_state(state))
    with client(vendor) as kognitos:
        run = kognitos.runs.get(ORG, WS, AUTOMATION, RUN)

    state_model = run.state
    assert type(state_model) is expected
    assert state_model is not None and not isinstance(state_model, UnknownVariant)
    assert state_model.update_time is not None
    assert state_model.update_time.isoformat() == "2026-03-02T15:05:41.870112+00:00"
    if isinstance(state_model, models.RunStateFailed | models.RunStateAwaitingGuidance):
        inner = (
            state_model.failed
            if isinstance(state_model, models.RunStateFailed)
            else state_model.awaiting_guidance
        )
        assert inner.location is not None
        assert (inner.location.start_byte, inner.location.end_byte) == (120, 164)
        assert type(inner.location.start_byte) is int


def test_kognitos_unknown_run_state_is_kept_as_unknown_variant(vendor: FakeVendor) -> None:
    vendor.reply(f"{RUNS_PATH}/{RUN}", run_with_state({"archived": {"by": "usr_1"}}))
    with client(vendor) as kognitos:
        run = kognitos.runs.get(ORG, WS, AUTOMATION, RUN)

    assert isinstance(run.state, UnknownVariant)
    assert run.state.model_extra == {
        "archived": {"by": "usr_1"},
        "update_time": "2026-03-02T15:05:41.870112Z",
    }
    assert run.stage is models.AutomationStage.AUTOMATION_STAGE_PUBLISHED


@pytest.mark.anyio
async def test_kognitos_async_get_reads_known_and_unknown_states(vendor: FakeVendor) -> None:
    vendor.reply(f"{RUNS_PATH}/{RUN}", payload("kognitos", "get_run"))
    vendor.reply(f"{RUNS_PATH}/r2", run_with_state({"archived": {}}))
    async with async_client(vendor) as kognitos:
        completed = await kognitos.runs.get(ORG, WS, AUTOMATION, RUN)
        unknown = await kognitos.runs.get(ORG, WS, AUTOMATION, "r2")

    assert isinstance(completed.state, models.RunStateCompleted)
    outputs = completed.state.completed.outputs or {}
    assert isinstance(outputs["bill_id"], models.ValueText)
    assert isinstance(unknown.state, UnknownVariant)
    assert_bearer_on_every_request(vendor)


def test_kognitos_list_fixture_runs_parse_end_to_end(vendor: FakeVendor) -> None:
    vendor.reply(RUNS_PATH, payload("kognitos", "list_runs"))
    with client(vendor) as kognitos:
        completed, awaiting, failed = kognitos.runs.list(ORG, WS, AUTOMATION)

    assert isinstance(completed.state, models.RunStateCompleted)
    assert isinstance(awaiting.state, models.RunStateAwaitingGuidance)
    assert isinstance(failed.state, models.RunStateFailed)
    steps = completed.executable_steps
    assert steps is not None
    assert [s.phase_type for s in steps.executables] == [
        models.AutomationPhaseType.AUTOMATION_PHASE_TYPE_PRE,
        models.AutomationPhaseType.AUTOMATION_PHASE_TYPE_MAIN,
    ]
    connection = (steps.executables[1].book_connections or {})["quickbooks"]
    assert connection.endpoint == "lambda://quickbooks/2.3.1"
    assert isinstance((completed.user_inputs or {})["invoice_file"], models.ValueFile)


# -- execution outputs ------------------------------------------------------------------------


def assert_outputs_parsed(result: models.GetExecutionOutputsResponse) -> None:
    outputs = result.outputs or {}
    total = outputs["total"]
    assert isinstance(total.value, models.ValueNumber)
    assert (total.value.number.lo, total.value.number.flags) == (1234599, 131072)
    assert total.type is not None
    assert total.type.scalar_type is models.ValueTypeScalarType.VALUE_SCALAR_TYPE_NUMBER
    assert isinstance(outputs["bill_id"].value, models.ValueText)
    assert outputs["bill_id"].value.text == "QB-88213"
    approved = outputs["approved"].value
    assert isinstance(approved, models.ValueBoolValue) and approved.bool_value is True
    due = outputs["due_date"].value
    assert isinstance(due, models.ValueDate)
    assert (due.date.year, due.date.month, due.date.day) == (2026, 4, 1)
    assert isinstance(outputs["cutoff"].value, models.ValueTimeofday)
    assert isinstance(outputs["posted_at"].value, models.ValueDatetime)
    assert isinstance(outputs["processing_time"].value, models.ValueDuration)
    assert isinstance(outputs["vendor_tz"].value, models.ValueTimeZone)
    assert isinstance(outputs["memo"].value, models.ValueNullValue)
    assert outputs["memo"].type is not None and outputs["memo"].type.optional_type is not None
    line_items = outputs["line_items"].value
    assert isinstance(line_items, models.ValueList)
    first_item = (line_items.list_.items or [])[0]
    assert isinstance(first_item, models.ValueDictionary)
    entry = (first_item.dictionary.entries or [])[0]
    assert isinstance(entry.key, models.HashableValueText) and entry.key.text == "sku"
    assert isinstance(outputs["tags"].value, models.ValueSet)
    assert isinstance(outputs["receipt"].value, models.ValueFile)
    assert isinstance(outputs["ledger"].value, models.ValueTable)
    assert isinstance(outputs["totals_by_currency"].value, models.ValueDictionary)


OUTPUTS_PATH = f"{WORKSPACE_PATH}/executions/exe_42/outputs"


def test_kognitos_execution_outputs_parse_every_value_kind(vendor: FakeVendor) -> None:
    vendor.reply(OUTPUTS_PATH, payload("kognitos", "get_execution_outputs"))
    with client(vendor) as kognitos:
        result = kognitos.executions.get_outputs(ORG, WS, "exe_42")

    assert_outputs_parsed(result)
    assert [r.raw_path for r in vendor.requests] == [OUTPUTS_PATH]
    assert_bearer_on_every_request(vendor)


@pytest.mark.anyio
async def test_kognitos_async_execution_outputs_parse_every_value_kind(
    vendor: FakeVendor,
) -> None:
    vendor.reply(OUTPUTS_PATH, payload("kognitos", "get_execution_outputs"))
    async with async_client(vendor) as kognitos:
        result = await kognitos.executions.get_outputs(ORG, WS, "exe_42")

    assert_outputs_parsed(result)
    assert_bearer_on_every_request(vendor)


# -- errors: google.rpc.Status ----------------------------------------------------------------

ERRORS = [
    (400, BadRequestError, 3),
    (401, AuthenticationError, 16),
    (403, PermissionDeniedError, 7),
    (404, NotFoundError, 5),
    (429, RateLimitError, 8),
    (500, InternalServerError, 13),
    (503, InternalServerError, 14),
]


def rpc_status(code: int) -> dict[str, Any]:
    return with_changes(payload("kognitos", "error"), code=code)


def assert_rpc_status(exc: APIStatusError, http_status: int, code: int) -> None:
    assert exc.status_code == http_status
    assert isinstance(exc.error, models.Status)
    assert exc.error.code == code
    assert exc.error.message is not None and "not found" in exc.error.message
    (detail,) = exc.error.details or []
    assert isinstance(detail, models.ProtobufAny)
    assert detail.type_url == "type.googleapis.com/google.rpc.ErrorInfo"
    assert detail.model_extra is not None
    assert detail.model_extra["reason"] == "RUN_NOT_FOUND"
    assert API_KEY not in str(exc)


@pytest.mark.parametrize(("http_status", "exc_type", "code"), ERRORS)
def test_kognitos_error_status_raises_its_exception_with_the_rpc_status_parsed(
    vendor: FakeVendor, http_status: int, exc_type: type[APIStatusError], code: int
) -> None:
    vendor.reply(f"{RUNS_PATH}/{RUN}", rpc_status(code), status=http_status)
    with client(vendor) as kognitos, pytest.raises(exc_type) as caught:
        kognitos.runs.get(ORG, WS, AUTOMATION, RUN)
    assert_rpc_status(caught.value, http_status, code)


@pytest.mark.anyio
@pytest.mark.parametrize(("http_status", "exc_type", "code"), ERRORS)
async def test_kognitos_async_error_status_raises_its_exception_with_the_rpc_status_parsed(
    vendor: FakeVendor, http_status: int, exc_type: type[APIStatusError], code: int
) -> None:
    vendor.reply(f"{RUNS_PATH}/{RUN}:pause", rpc_status(code), method="POST", status=http_status)
    async with async_client(vendor) as kognitos:
        with pytest.raises(exc_type) as caught:
            await kognitos.runs.pause(ORG, WS, AUTOMATION, RUN, reason="r")
    assert_rpc_status(caught.value, http_status, code)
