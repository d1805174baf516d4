"""Client runtime benchmark: each vendor's generated client beside a hand-written httpx loop.

    .venv/bin/python bench/clients.py [--pages 100] [--items 100] [--repeat 5] [--vendor V]
                                      [--profile VENDOR]

A loopback server in a child process (so that it does not compete with the clients for the
GIL) serves canned pages of realistic runs (the recorded payloads in tests/fixtures, repeated
to ``--items`` per page). For every vendor the generated client walks ``--pages`` pages with
``for run in client.runs.list(...)``; the baseline is a hand-written loop over one
``httpx.Client`` that only decodes the JSON and follows the same pagination. Both keep their
connection alive. The table gives items per second (best of ``--repeat`` walks), the ratio
of the two times, peak traced memory (tracemalloc) as a ratio, and the generated client's
peak for a 10-page and a 100-page walk, which should be about equal: one page in memory.

``--profile VENDOR`` runs the generated walk under cProfile and prints the top functions.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import multiprocessing
import pstats
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = ROOT / "tests" / "fixtures" / "payloads"
API_KEY = "bench-key-0123456789"

Body = Any
NextParams = Callable[[Body, httpx.Headers, dict[str, str], int], dict[str, str] | None]


def _payload(vendor: str, name: str) -> Any:
    return json.loads((PAYLOADS / vendor / f"{name}.json").read_text())


def _basedash_runs() -> list[dict[str, Any]]:
    return [
        {
            "id": f"clx{n:08d}run",
            "automationId": "clx00000001aut",
            "organizationId": "clx00000001org",
            "name": f"Weekly revenue digest #{n}",
            "status": "FINISHED" if n % 3 else "GENERATING",
            "isManualRun": n % 2 == 0,
            "memberId": None if n % 2 else "clx00000009mem",
            "createdAt": f"2026-03-{1 + n % 28:02d}T09:00:00.000Z",
            "updatedAt": f"2026-03-{1 + n % 28:02d}T09:04:12.345Z",
        }
        for n in range(4)
    ]


# -- what each vendor's server sends, and how a hand-written loop follows it ---------------------


@dataclass(frozen=True)
class Case:
    vendor: str
    path: str
    params: dict[str, str]
    cursor_param: str
    auth: tuple[str, str]
    runs: Callable[[], list[dict[str, Any]]]
    page: Callable[[bytes, str | None], tuple[bytes, dict[str, str]]]
    """A page body around the JSON array of its items, given the next marker."""
    items_of: Callable[[Body], list[Any]]
    next_params: NextParams
    list_call: Callable[[Any], Any]
    key: str = "id"
    """The field that tells one run from another."""

    def marker(self, index: int, per_page: int) -> str:
        return str(index * per_page) if self.cursor_param == "page[offset]" else f"c{index}"

    def index(self, marker: str | None, per_page: int) -> int:
        if marker is None:
            return 0
        if self.cursor_param == "page[offset]":
            return int(marker) // per_page
        return int(marker[1:])


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _cursor_next(path: tuple[str, ...], param: str) -> NextParams:
    def next_params(
        body: Body, headers: httpx.Headers, params: dict[str, str], count: int
    ) -> dict[str, str] | None:
        for key in path:
            body = body[key]
        return {param: body} if body else None

    return next_params


def _fabro_next(
    body: Body, headers: httpx.Headers, params: dict[str, str], count: int
) -> dict[str, str] | None:
    if not body["meta"]["has_more"]:
        return None
    return {"page[offset]": str(int(params.get("page[offset]", "0")) + count)}


def _files_com_next(
    body: Body, headers: httpx.Headers, params: dict[str, str], count: int
) -> dict[str, str] | None:
    cursor = headers.get("X-Files-Cursor-Next")
    return {"cursor": cursor} if cursor else None


KOGNITOS_RUNS = "/api/v1/organizations/org/workspaces/ws/automations/auto/runs"

CASES = [
    Case(
        vendor="basedash",
        path="/api/public/organizations/org/automations/auto/runs",
        params={},
        cursor_param="cursor",
        auth=("Authorization", f"Bearer {API_KEY}"),
        runs=_basedash_runs,
        page=lambda items, cursor: (
            b'{"data":'
            + items
            + b',"pagination":'
            + _dumps({"nextCursor": cursor, "hasMore": cursor is not None})
            + b"}",
            {},
        ),
        items_of=lambda body: body["data"],
        next_params=_cursor_next(("pagination", "nextCursor"), "cursor"),
        list_call=lambda client: client.runs.list("org", "auto"),
    ),
    Case(
        vendor="fabro",
        path="/api/v1/automations/nightly/runs",
        params={},
        cursor_param="page[offset]",
        auth=("Authorization", f"Bearer {API_KEY}"),
        runs=lambda: _payload("fabro", "list_runs")["data"],
        page=lambda items, more: (
            b'{"data":' + items + b',"meta":' + _dumps({"has_more": more is not None}) + b"}",
            {},
        ),
        items_of=lambda body: body["data"],
        next_params=_fabro_next,
        list_call=lambda client: client.runs.list("nightly"),
    ),
    Case(
        vendor="files_com",
        path="/automation_runs",
        params={"automation_id": "1402"},
        cursor_param="cursor",
        auth=("X-FilesAPI-Key", API_KEY),
        runs=lambda: _payload("files_com", "list_runs"),
        page=lambda items, cursor: (items, {"X-Files-Cursor-Next": cursor} if cursor else {}),
        items_of=lambda body: body,
        next_params=_files_com_next,
        list_call=lambda client: client.runs.list(automation_id=1402),
    ),
    Case(
        vendor="sendrealm",
        path="/automations/aut_123/runs",
        params={},
        cursor_param="cursor",
        auth=("Authorization", f"Bearer {API_KEY}"),
        runs=lambda: _payload("sendrealm", "list_runs")["data"],
        page=lambda items, cursor: (
            b'{"data":'
            + items
            + b","
            + _dumps({"next_cursor": cursor, "has_more": cursor is not None})[1:],
            {},
        ),
        items_of=lambda body: body["data"],
        next_params=_cursor_next(("next_cursor",), "cursor"),
        list_call=lambda client: client.runs.list("aut_123"),
    ),
    Case(
        vendor="kognitos",
        path=KOGNITOS_RUNS,
        params={},
        cursor_param="page_token",
        auth=("Authorization", f"Bearer {API_KEY}"),
        runs=lambda: _payload("kognitos", "list_runs")["runs"],
        page=lambda items, token: (
            b'{"runs":' + items + b',"next_page_token":' + _dumps(token or "") + b"}",
            {},
        ),
        items_of=lambda body: body.get("runs", []),
        next_params=_cursor_next(("next_page_token",), "page_token"),
        list_call=lambda client: client.runs.list("org", "ws", "auto"),
        key="name",
    ),
]
CASES_BY_VENDOR = {case.vendor: case for case in CASES}


# -- the server -------------------------------------------------------------------------------


def _numbered(run: dict[str, Any], key: str, number: int) -> dict[str, Any]:
    """``run`` made the ``number``-th of its list: its identifying field says so."""
    value = run[key]
    return {**run, key: number if isinstance(value, int) else f"{value}-{number}"}


def _serve(ready: Any, per_page: int) -> None:
    """Serve ``/<vendor>/<pages>/<vendor path>`` until killed: page ``i`` of a ``pages``-page
    list, each of ``per_page`` runs, every run of the list its own (a client refuses a page
    that repeats the one before it). Each page's items are made once, on first request."""
    runs = {case.vendor: case.runs() for case in CASES}
    made: dict[tuple[str, int], bytes] = {}

    def items(case: Case, index: int) -> bytes:
        found = made.get((case.vendor, index))
        if found is None:
            if made and next(iter(made))[0] != case.vendor:
                made.clear()  # one vendor's list at a time
            given = runs[case.vendor]
            found = made[case.vendor, index] = _dumps([
                _numbered(given[n % len(given)], case.key, index * per_page + n)
                for n in range(per_page)
            ])
        return found

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else headers and body wait on a delayed ACK (40 ms)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            _, vendor, pages, _ = url.path.split("/", 3)
            case = CASES_BY_VENDOR[vendor]
            marker = parse_qs(url.query).get(case.cursor_param, [None])[0]
            index = case.index(marker, per_page)
            following = case.marker(index + 1, per_page) if index + 1 < int(pages) else None
            body, headers = case.page(items(case, index), following)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ready.send(server.server_address[1])
    server.serve_forever()


@dataclass
class Server:
    port: int
    process: Any

    def base_url(self, vendor: str, pages: int) -> str:
        return f"http://127.0.0.1:{self.port}/{vendor}/{pages}"


def start_server(per_page: int) -> Server:
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_serve, args=(send, per_page), daemon=True)
    process.start()
    return Server(receive.recv(), process)


# -- the two walks ----------------------------------------------------------------------------


def _import_clients(vendor: str) -> tuple[type[Any], type[Any]]:
    sys.path.insert(0, str(ROOT / "generated" / vendor))
    package = __import__(f"{vendor}_client")
    sync = next(
        getattr(package, n)
        for n in package.__all__
        if n.endswith("Client") and not n.startswith("Async")
    )
    return sync, getattr(package, "Async" + sync.__name__)


def hand_walk(http: httpx.Client, case: Case, base_url: str) -> int:
    """The baseline: decode each page's JSON, count its items, follow the cursor."""
    params = dict(case.params)
    count = 0
    while True:
        response = http.get(base_url + case.path, params=params, headers=[case.auth])
        response.raise_for_status()
        body = response.json()
        items = case.items_of(body)
        count += len(items)
        following = case.next_params(body, response.headers, params, len(items))
        if following is None:
            return count
        params.update(following)


async def async_hand_walk(http: httpx.AsyncClient, case: Case, base_url: str) -> int:
    params = dict(case.params)
    count = 0
    while True:
        response = await http.get(base_url + case.path, params=params, headers=[case.auth])
        response.raise_for_status()
        body = response.json()
        items = case.items_of(body)
        count += len(items)
        following = case.next_params(body, response.headers, params, len(items))
        if following is None:
            return count
        params.update(following)


def generated_walk(client: Any, case: Case) -> int:
    count = 0
    for _ in case.list_call(client):
        count += 1
    return count


async def async_generated_walk(client: Any, case: Case) -> int:
    count = 0
    async for _ in case.list_call(client):
        count += 1
    return count


@dataclass
class Walkers:
    """The four walks of one vendor at one list length, with their clients kept open."""

    case: Case
    server: Server
    pages: int

    def __post_init__(self) -> None:
        sync, async_ = _import_clients(self.case.vendor)
        base_url = self.server.base_url(self.case.vendor, self.pages)
        self.base_url = base_url
        self.http = httpx.Client()
        self.client = sync(api_key=API_KEY, base_url=base_url)
        self.async_client_class = async_

    def hand(self) -> int:
        return hand_walk(self.http, self.case, self.base_url)

    def generated(self) -> int:
        return generated_walk(self.client, self.case)

    async def async_hand(self, http: httpx.AsyncClient) -> int:
        return await async_hand_walk(http, self.case, self.base_url)

    async def async_generated(self, client: Any) -> int:
        return await async_generated_walk(client, self.case)

    def close(self) -> None:
        self.http.close()
        self.client.close()


def best_times(walks: dict[str, Callable[[], int]], repeat: int, expected: int) -> dict[str, float]:
    """The best time of each walk; the walks take turns, so that a change in the machine's
    load affects them alike."""
    best = dict.fromkeys(walks, float("inf"))
    for _ in range(repeat):
        for name, walk in walks.items():
            gc.collect()
            start = time.perf_counter()
            count = walk()
            best[name] = min(best[name], time.perf_counter() - start)
            if count != expected:
                raise AssertionError(f"{name} walked {count} items, expected {expected}")
    return best


def async_best_times(walkers: Walkers, repeat: int, expected: int) -> dict[str, float]:
    async def run() -> dict[str, float]:
        async with (
            httpx.AsyncClient() as http,
            walkers.async_client_class(api_key=API_KEY, base_url=walkers.base_url) as client,
        ):
            walks = {
                "hand": lambda: walkers.async_hand(http),
                "generated": lambda: walkers.async_generated(client),
            }
            for walk in walks.values():
                await walk()  # warm up: connection, validators
            best = dict.fromkeys(walks, float("inf"))
            for _ in range(repeat):
                for name, walk in walks.items():
                    gc.collect()
                    start = time.perf_counter()
                    count = await walk()
                    best[name] = min(best[name], time.perf_counter() - start)
                    if count != expected:
                        raise AssertionError(f"{name} walked {count} items, expected {expected}")
            return best

    return asyncio.run(run())


def peak_memory(walk: Callable[[], int]) -> int:
    """Peak traced bytes while ``walk`` runs, above what was allocated before it."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        walk()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


@dataclass
class Row:
    vendor: str
    items: int
    hand_s: float
    generated_s: float
    async_hand_s: float
    async_generated_s: float
    hand_peak: int
    generated_peak: int
    generated_peak_short: int


def measure(case: Case, server: Server, pages: int, per_page: int, repeat: int) -> Row:
    items = pages * per_page
    walkers = Walkers(case, server, pages)
    short = Walkers(case, server, 10)
    try:
        walkers.hand()  # warm up: connections, validators, imports
        walkers.generated()
        short.generated()
        sync = best_times({"hand": walkers.hand, "generated": walkers.generated}, repeat, items)
        async_ = async_best_times(walkers, repeat, items)
        return Row(
            vendor=case.vendor,
            items=items,
            hand_s=sync["hand"],
            generated_s=sync["generated"],
            async_hand_s=async_["hand"],
            async_generated_s=async_["generated"],
            hand_peak=peak_memory(walkers.hand),
            generated_peak=peak_memory(walkers.generated),
            generated_peak_short=peak_memory(short.generated),
        )
    finally:
        walkers.close()
        short.close()


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f}"


def table(rows: list[Row], pages: int, per_page: int) -> Iterator[str]:
    yield f"{pages} pages x {per_page} runs per walk; times are the best of the repeats."
    yield ""
    yield (
        "| vendor | hand items/s | generated items/s | time generated/hand | async time generated/hand "
        f"| peak MiB hand | peak MiB generated | peak generated/hand | generated peak 10 → {pages} pages |"
    )
    yield "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for row in rows:
        yield (
            f"| {row.vendor} | {row.items / row.hand_s:,.0f} | {row.items / row.generated_s:,.0f} "
            f"| {row.generated_s / row.hand_s:.2f}x | {row.async_generated_s / row.async_hand_s:.2f}x "
            f"| {_mib(row.hand_peak)} | {_mib(row.generated_peak)} "
            f"| {row.generated_peak / row.hand_peak:.2f}x "
            f"| {_mib(row.generated_peak_short)} → {_mib(row.generated_peak)} MiB |"
        )


def profile(case: Case, server: Server, pages: int) -> None:
    walkers = Walkers(case, server, pages)
    walkers.generated()
    profiler = cProfile.Profile()
    profiler.enable()
    walkers.generated()
    profiler.disable()
    walkers.close()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--items", type=int, default=100, help="runs per page")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--vendor", action="append", choices=sorted(CASES_BY_VENDOR), help="only these"
    )
    parser.add_argument(
        "--profile", choices=sorted(CASES_BY_VENDOR), help="profile one generated walk"
    )
    args = parser.parse_args(argv)
    server = start_server(args.items)
    try:
        if args.profile:
            profile(CASES_BY_VENDOR[args.profile], server, args.pages)
            return 0
        cases = [c for c in CASES if not args.vendor or c.vendor in args.vendor]
        rows = []
        for case in cases:
            rows.append(measure(case, server, args.pages, args.items, args.repeat))
            print(f"measured {case.vendor}", file=sys.stderr)
        print("\n".join(table(rows, args.pages, args.items)))
    finally:
        server.process.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
