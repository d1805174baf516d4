"""Pagination loop-guard benchmark: pages per second over a very long walk.

    .venv/bin/python bench/pagination_guard.py [--pages 25000] [--vendor kognitos] [--memory]
                                               [--generated DIR]

A generated client walks ``--pages`` pages of one item each, served in-process by an
``httpx.MockTransport`` (no sockets, so that the figure is the client's own cost per page).
Every page carries a fresh cursor, so the loop guard sees a new position on every page. The
table gives pages per second for the first and the last thousand pages and for the whole
walk, and the peak traced memory: with a guard that is O(1) per page the last thousand are
as fast as the first, and the peak does not grow with the walk.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent

Page = Callable[[int, bool], Any]


def _kognitos(index: int, last: bool) -> Any:
    run = {
        "name": f"organizations/o/workspaces/w/automations/a/runs/r{index}",
        "stage": "AUTOMATION_STAGE_PUBLISHED",
        "stage_version": "2.0",
        "create_time": "2026-01-01T00:00:00Z",
    }
    return {"runs": [run], "next_page_token": "" if last else f"t{index + 1}"}


def _basedash(index: int, last: bool) -> Any:
    run = {
        "id": f"run_{index}",
        "automationId": "a",
        "organizationId": "o",
        "name": "n",
        "status": "FINISHED",
        "isManualRun": False,
        "memberId": None,
        "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z",
    }
    cursor = None if last else f"c{index + 1}"
    return {"data": [run], "pagination": {"nextCursor": cursor, "hasMore": not last}}


VENDORS: dict[str, tuple[str, str, Page, Callable[[Any], Any]]] = {
    "kognitos": ("kognitos_client", "KognitosClient", _kognitos, lambda c: c.runs.list("o", "w", "a")),
    "basedash": ("basedash_client", "BasedashClient", _basedash, lambda c: c.runs.list("o", "a")),
}


def _transport(pages: int, page: Page) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        query = dict(request.url.params)
        marker = query.get("page_token") or query.get("cursor") or "x0"
        index = int(marker[1:])
        body = json.dumps(page(index, index + 1 >= pages)).encode()
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx.MockTransport(handle)


def walk(vendor: str, pages: int, memory: bool) -> tuple[list[float], int]:
    """The time at which each thousandth page arrived, and the peak traced memory (0 unless
    ``memory``: tracing slows every allocation, so speed and memory are measured apart)."""
    module, name, page, call = VENDORS[vendor]
    client_class = getattr(importlib.import_module(module), name)
    http = httpx.Client(transport=_transport(pages, page))
    client = client_class(api_key="bench", base_url="https://bench.example", http_client=http, max_retries=0)
    if memory:
        tracemalloc.start()
    marks = [time.perf_counter()]
    count = 0
    for _ in call(client).iter_pages():
        count += 1
        if count % 1000 == 0:
            marks.append(time.perf_counter())
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    tracemalloc.stop()
    assert count == pages, (count, pages)
    client.close()
    return marks, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=25_000)
    parser.add_argument("--vendor", choices=sorted(VENDORS), default="kognitos")
    parser.add_argument("--memory", action="store_true", help="trace memory (slower walk)")
    parser.add_argument(
        "--generated", type=Path, default=ROOT / "generated",
        help="the folder of generated packages (e.g. an older checkout's, to compare)",
    )
    args = parser.parse_args()
    for package in sorted(args.generated.glob("*/*_client")):
        sys.path.insert(0, str(package.parent))
    if args.pages < 2000 or args.pages % 1000:
        parser.error("--pages must be a multiple of 1000, at least 2000")
    marks, peak = walk(args.vendor, args.pages, args.memory)
    first = 1000 / (marks[1] - marks[0])
    last = 1000 / (marks[-1] - marks[-2])
    whole = args.pages / (marks[-1] - marks[0])
    print(f"{args.vendor}: {args.pages} pages")
    print(f"  first 1000 pages: {first:8.0f} pages/s")
    print(f"  last 1000 pages:  {last:8.0f} pages/s")
    print(f"  whole walk:       {whole:8.0f} pages/s")
    if args.memory:
        print(f"  peak traced memory: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
