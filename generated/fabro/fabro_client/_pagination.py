"""Pages, and the pagination styles that say how to ask for the next one.

A list call returns a page. Iterating it walks every page lazily, one page in memory at a time
(``for item in page``, ``async for item in page``); ``iter_pages()`` yields the pages themselves,
and both take a cap. ``page.parsed`` is the whole response body as the list operation's
response model (the vendor's own fields, typed: a total, ``has_more``, ``meta``), its items
being the page's; ``page.next_page_params()`` gives the arguments of the list call that fetch
the next page, so that a walk can be saved and resumed later.

Each style is a small class that knows where the items are, how to ask for the next page and
when the list ends; the pages do the rest. A walk refuses to loop: a position the API already
gave (a cursor, a token, a page number, a URL), an offset or page number that does not
advance, more than ``max_empty_pages`` empty pages in a row that still point onward, or a page
that repeats the page before it (the same number of items, the same first and the same last
item: the API ignored where the client asked to continue) raises :class:`PaginationError`.
The guard costs the same on the millionth page as on the first: it keeps the last few
positions and one checkpoint that moves ever further back (Brent's cycle detection), so a loop
of any length is caught within about three times its length.

A ``has_more`` flag is read as the models read a boolean: ``true``/``false``, and the spellings
pydantic accepts for them (``0``/``1``, ``"false"``/``"true"``, ``"no"``/``"yes"``, ...);
anything else is a :class:`PaginationError` rather than a guess.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from ._exceptions import PaginationError

if TYPE_CHECKING:
    from ._request import Request

__all__ = [
    "AsyncPage",
    "AsyncPager",
    "SyncPage",
]

T = TypeVar("T")
E = TypeVar("E")

MISSING: Any = object()
MAX_EMPTY_PAGES = 10
"""Empty pages in a row that may still point onward (AIP-158 allows some) before a walk stops."""
RECENT_POSITIONS = 8
"""How many of the latest positions the loop guard compares every new one with."""


def get_path(body: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` (wire names) in decoded JSON, or a private "missing" marker."""
    for key in path:
        if not isinstance(body, dict) or key not in body:
            return MISSING
        body = body[key]
    return body


def item_path(item: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` (wire names) in a parsed item (a model, or decoded JSON)."""
    for key in path:
        if isinstance(item, BaseModel):
            item = _model_value(item, key)
        elif isinstance(item, dict):
            item = item.get(key, MISSING)
        else:
            return MISSING
    return item


def _field_name(model: BaseModel, wire_name: str) -> str | None:
    for name, info in type(model).model_fields.items():
        # Models name their wire names as validation and serialization aliases, not ``alias``.
        if (info.serialization_alias or info.alias or name) == wire_name:
            return name
    return None


def _model_value(model: BaseModel, wire_name: str) -> Any:
    name = _field_name(model, wire_name)
    if name is not None:
        return getattr(model, name)
    return (model.model_extra or {}).get(wire_name, MISSING)


def place(value: Any, path: tuple[str, ...], items: list[Any]) -> None:
    """Put ``items`` at ``path`` (wire names, not empty) in a parsed body, as they are: they
    were read once already, with the page."""
    holder = item_path(value, path[:-1])
    if isinstance(holder, BaseModel):
        name = _field_name(holder, path[-1])
        if name is not None:
            holder.__dict__[name] = items  # no validation: the items are the page's own
        elif holder.model_extra is not None and path[-1] in holder.model_extra:
            holder.model_extra[path[-1]] = items
    elif isinstance(holder, dict) and path[-1] in holder:
        holder[path[-1]] = items


def _present(value: Any) -> bool:
    return value is not MISSING and value is not None and value != ""


def _text(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_BOOLEAN: TypeAdapter[bool] = TypeAdapter(bool)


def more(request: Request, page: PageData, path: tuple[str, ...]) -> bool | None:
    """The ``has_more`` flag at ``path``, read as the models read a boolean (``None`` when the
    page leaves it out or sends null). A value that is no boolean is a :class:`PaginationError`."""
    value = get_path(page.body, path)
    if value is True or value is False:
        return value
    if value is MISSING or value is None:
        return None
    try:
        return _BOOLEAN.validate_python(value)
    except ValidationError:
        name = request.endpoint.name
        shown = repr(value)[:100]
        raise PaginationError(
            f"{name}: {'.'.join(path)} is {shown}, which is not a boolean; "
            "stopping instead of guessing whether there is more",
            operation=name,
            cursor=None,
        ) from None


def _shape(items: list[Any]) -> tuple[int, Any, Any] | None:
    """What tells a page of objects from the page before it, in constant space: its item
    count and its first and last item (compared by value). Pages of plain values (numbers,
    strings) may legitimately repeat, so they have none."""
    if not items or not isinstance(items[0], BaseModel | dict):
        return None
    return (len(items), items[0], items[-1])


@dataclass(frozen=True)
class Walk:
    """Where a walk through a list is, carried from each page to the next in constant space:
    the latest positions asked for, a checkpoint further back, how many empty pages in a row
    pointed onward, and how many items came before."""

    recent: tuple[str, ...] = ()
    checkpoint: str | None = None
    since_checkpoint: int = 0
    checkpoint_span: int = RECENT_POSITIONS
    empty_pages: int = 0
    items_before: int = 0
    last_page: tuple[int, Any, Any] | None = None
    """The previous page's item count, first and last item (objects only), to tell a page that
    repeats it."""

    def seen(self, position: str) -> bool:
        """Whether the walk has asked for ``position`` recently or at its checkpoint."""
        return position == self.checkpoint or position in self.recent

    def visit(self, position: str) -> Walk:
        """The walk after asking for ``position``: the checkpoint moves to the newest position
        each time it has stood for ``checkpoint_span`` pages, and the span doubles."""
        recent = (*self.recent[1 - RECENT_POSITIONS :], position)
        since = self.since_checkpoint + 1
        if since < self.checkpoint_span:
            return replace(self, recent=recent, since_checkpoint=since)
        return replace(
            self,
            recent=recent,
            checkpoint=position,
            since_checkpoint=0,
            checkpoint_span=self.checkpoint_span * 2,
        )


@dataclass(frozen=True)
class PageData:
    """What a style may read to find the next page."""

    body: Any
    response: httpx.Response
    items: list[Any]
    received: int
    """Items received so far in this walk, this page's included."""
    base_url: httpx.URL


@dataclass(frozen=True, kw_only=True)
class Pagination(ABC):
    """A pagination style: where the items are, how to ask for the next page, and when the
    list ends. ``arguments`` maps the query parameters a next page sets to the list call's
    arguments (wire name, Python name, whether it is an integer)."""

    items: tuple[str, ...]
    stop_on_empty_page: bool = False
    max_empty_pages: int = MAX_EMPTY_PAGES
    arguments: tuple[tuple[str, str, bool], ...] = ()
    items_optional: ClassVar[bool] = False
    """Whether a page may leave its items out (or send null) when it has none."""

    @abstractmethod
    def next_request(self, request: Request, page: PageData) -> Request | None:
        """The request for the next page, or ``None`` at the end of the list."""

    @property
    @abstractmethod
    def cursor_params(self) -> tuple[str, ...]:
        """The query parameters that say which page a request asks for."""

    def position(self, request: Request) -> str:
        """What tells the page ``request`` asks for apart from the others."""
        return "&".join(
            f"{name}={value}" for name, value in request.query if name in self.cursor_params
        )

    def shown(self, request: Request) -> dict[str, str]:
        """The query parameters that say which page ``request`` asks for, for messages."""
        return {name: value for name, value in request.query if name in self.cursor_params}

    def advances(self, request: Request, following: Request) -> bool:
        """Whether ``following`` moves past the page that ``request`` asked for."""
        return True

    def follow(
        self,
        request: Request,
        body: Any,
        response: httpx.Response,
        items: list[Any],
        walk: Walk,
        base_url: httpx.URL,
    ) -> tuple[Request | None, Walk]:
        """The request for the page after ``request`` (``None`` at the end) and the walk so
        far. Raises :class:`PaginationError` rather than loop."""
        if not walk.recent:
            walk = walk.visit(self.position(request))
        name = request.endpoint.name
        shape = _shape(items)
        if shape is not None and shape == walk.last_page:
            raise repeat_error(name, self.shown(request), len(items))
        received = walk.items_before + len(items)
        following = self.next_request(request, PageData(body, response, items, received, base_url))
        if following is None:
            return None, replace(walk, items_before=received, last_page=shape)
        empty = 0 if items else walk.empty_pages + 1
        if empty > self.max_empty_pages:
            raise PaginationError(
                f"{name}: {empty} empty pages in a row, each pointing to another; "
                "stopping instead of walking on",
                operation=name,
                cursor=next(iter(self.shown(following).values()), None),
            )
        position = self.position(following)
        if walk.seen(position) or not self.advances(request, following):
            raise loop_error(name, self.shown(following))
        return following, replace(
            walk.visit(position), empty_pages=empty, items_before=received, last_page=shape
        )

    def resume(self, request: Request) -> dict[str, Any]:
        """The list call's arguments (Python names) that ask for the page ``request`` asks for."""
        sent = dict(request.query)
        return {
            py_name: int(sent[wire]) if integer and sent[wire].lstrip("-").isdigit() else sent[wire]
            for wire, py_name, integer in self.arguments
            if wire in sent
        }

    def _ended(self, request: Request, page: PageData, has_more: tuple[str, ...] | None) -> bool:
        """The end conditions every style may declare: ``has_more`` false, an empty page."""
        if has_more is not None and more(request, page, has_more) is False:
            return True
        return self.stop_on_empty_page and not page.items


@dataclass(frozen=True, kw_only=True)
class CursorPagination(Pagination):
    """A cursor sent back as ``param``: read from the body at ``next_cursor``, or from the
    last item at ``next_cursor_from_item`` (Stripe's ``starting_after``). The end is a null or
    empty cursor, ``has_more`` false, or (from items) an empty page."""

    param: str
    next_cursor: tuple[str, ...] | None = None
    next_cursor_from_item: tuple[str, ...] | None = None
    has_more: tuple[str, ...] | None = None

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.param,)

    def next_request(self, request: Request, page: PageData) -> Request | None:
        if self._ended(request, page, self.has_more):
            return None
        if self.next_cursor_from_item is None:
            cursor = get_path(page.body, self.next_cursor or ())
            return request.with_query({self.param: _text(cursor)}) if _present(cursor) else None
        where = ".".join(self.next_cursor_from_item)
        name = request.endpoint.name
        if not page.items:
            if self.has_more is not None and more(request, page, self.has_more):
                raise PaginationError(
                    f"{name}: the API says there is more, but the page has no item to continue "
                    "after",
                    operation=name,
                    cursor=None,
                )
            return None
        cursor = item_path(page.items[-1], self.next_cursor_from_item)
        if not _present(cursor):
            raise PaginationError(
                f"{name}: the last item of the page has no {where!r} to continue after",
                operation=name,
                cursor=None,
            )
        return request.with_query({self.param: _text(cursor)})


@dataclass(frozen=True, kw_only=True)
class HeaderCursorPagination(Pagination):
    """A cursor in a response header (the first of ``headers`` that is set), sent back as
    ``param``; the end is no cursor."""

    param: str
    headers: tuple[str, ...]

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.param,)

    def next_request(self, request: Request, page: PageData) -> Request | None:
        if self._ended(request, page, None):
            return None
        for header in self.headers:
            cursor = page.response.headers.get(header)
            if cursor:
                return request.with_query({self.param: cursor})
        return None


@dataclass(frozen=True, kw_only=True)
class OffsetPagination(Pagination):
    """Offset and limit; the next offset is this one plus the items received. The end is
    ``has_more`` false, ``total`` items reached, or an empty page when declared so."""

    offset_param: str
    limit_param: str
    has_more: tuple[str, ...] | None = None
    total: tuple[str, ...] | None = None

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.offset_param,)

    def next_request(self, request: Request, page: PageData) -> Request | None:
        if self._ended(request, page, self.has_more):
            return None
        offset = self._offset(request) + len(page.items)
        total = _integer(get_path(page.body, self.total)) if self.total is not None else None
        if total is not None and offset >= total:
            return None
        return request.with_query({self.offset_param: str(offset)})

    def position(self, request: Request) -> str:
        return str(self._offset(request))

    def shown(self, request: Request) -> dict[str, str]:
        return {self.offset_param: str(self._offset(request))}

    def advances(self, request: Request, following: Request) -> bool:
        return self._offset(following) > self._offset(request)

    def _offset(self, request: Request) -> int:
        value = dict(request.query).get(self.offset_param, "0")
        return int(value) if value.lstrip("-").isdigit() else 0


@dataclass(frozen=True, kw_only=True)
class PageNumberPagination(Pagination):
    """Page numbers from ``start`` (0 or 1), sent as ``param``; ``size_param`` is the page
    size. The end is ``has_more`` false, ``next`` null or missing, ``total_pages`` or
    ``total_items`` reached, or an empty page when declared so."""

    param: str
    start: int = 1
    size_param: str | None = None
    has_more: tuple[str, ...] | None = None
    next: tuple[str, ...] | None = None
    total_pages: tuple[str, ...] | None = None
    total_items: tuple[str, ...] | None = None

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.param,)

    def next_request(self, request: Request, page: PageData) -> Request | None:
        if self._ended(request, page, self.has_more):
            return None
        if self.next is not None and not _present(get_path(page.body, self.next)):
            return None
        number = self._number(request)
        pages = _integer(get_path(page.body, self.total_pages)) if self.total_pages else None
        if pages is not None and number - self.start + 1 >= pages:
            return None
        total = _integer(get_path(page.body, self.total_items)) if self.total_items else None
        if total is not None and self._reached(request, number, page) >= total:
            return None
        return request.with_query({self.param: str(number + 1)})

    def _reached(self, request: Request, number: int, page: PageData) -> int:
        """Items up to the end of this page: from the page size sent, else as counted."""
        size = dict(request.query).get(self.size_param or "", "")
        if size.isdigit():
            return (number - self.start) * int(size) + len(page.items)
        return page.received

    def position(self, request: Request) -> str:
        return str(self._number(request))

    def shown(self, request: Request) -> dict[str, str]:
        return {self.param: str(self._number(request))}

    def advances(self, request: Request, following: Request) -> bool:
        return self._number(following) > self._number(request)

    def _number(self, request: Request) -> int:
        value = dict(request.query).get(self.param, "")
        return int(value) if value.lstrip("-").isdigit() else self.start


_LINK = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]*)*)")
_REL = re.compile(r';\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))', re.IGNORECASE)


def link_target(values: list[str], rel: str = "next") -> str | None:
    """The URL of the ``rel`` link in ``Link`` header values (RFC 8288), if any."""
    for value in values:
        for match in _LINK.finditer(value):
            for found in _REL.finditer(match.group(2)):
                if rel in (found.group(1) or found.group(2) or "").lower().split():
                    return match.group(1).strip()
    return None


@dataclass(frozen=True, kw_only=True)
class NextUrlPagination(Pagination):
    """The next page is a URL, taken from the body at ``next_url`` or from the ``rel="next"``
    link of the ``link_header``. It is followed as given when it is under the client's base
    URL (same scheme, host and port, so the credential never leaves its origin); anywhere else
    is a :class:`PaginationError`. The end is no URL, or ``has_more`` false."""

    next_url: tuple[str, ...] | None = None
    link_header: str | None = None
    has_more: tuple[str, ...] | None = None

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return ()

    def next_request(self, request: Request, page: PageData) -> Request | None:
        if self._ended(request, page, self.has_more):
            return None
        if self.link_header is not None:
            found: Any = link_target(page.response.headers.get_list(self.link_header))
        else:
            found = get_path(page.body, self.next_url or ())
        if not _present(found):
            return None
        name = request.endpoint.name
        if not isinstance(found, str):
            raise PaginationError(
                f"{name}: the next page is not a URL: {found!r}", operation=name, cursor=found
            )
        try:
            target = page.response.url.join(found)
        except httpx.InvalidURL:
            raise PaginationError(
                f"{name}: the next page is not a URL: {found!r}", operation=name, cursor=found
            ) from None
        base = page.base_url
        base_path = base.raw_path.split(b"?", 1)[0].rstrip(b"/")
        path = target.raw_path.split(b"?", 1)[0]
        same_origin = (target.scheme, target.host, target.port) == (
            base.scheme,
            base.host,
            base.port,
        )
        if not same_origin or not (path == base_path or path.startswith(base_path + b"/")):
            raise PaginationError(
                f"{name}: the next page is outside the client's base URL "
                f"({target.scheme}://{target.host}); not following it with the credential",
                operation=name,
                cursor=str(target.copy_with(query=None)),
            )
        return request.at(
            path[len(base_path) :].decode("ascii"), tuple(target.params.multi_items())
        )

    def position(self, request: Request) -> str:
        return request.path + "?" + "&".join(f"{name}={value}" for name, value in request.query)

    def shown(self, request: Request) -> dict[str, str]:
        return {"url": self.position(request)}


@dataclass(frozen=True, kw_only=True)
class PageTokenPagination(Pagination):
    """An AIP-158 page token: only a missing or empty token ends the list; an empty page
    that carries a token does not (up to ``max_empty_pages`` in a row). Proto3 JSON leaves
    an empty list out, so a page without its items field is an empty page."""

    param: str
    next_token: tuple[str, ...]
    items_optional: ClassVar[bool] = True

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.param,)

    def next_request(self, request: Request, page: PageData) -> Request | None:
        if self._ended(request, page, None):
            return None
        token = get_path(page.body, self.next_token)
        return request.with_query({self.param: _text(token)}) if _present(token) else None


class BasePage(Generic[T, E]):
    """What sync and async pages share: the items, the whole body as its model, the response,
    and the next request. ``T`` is the type of an item, ``E`` the list operation's response
    model."""

    items: list[T]
    """The items of this page."""
    response: httpx.Response
    """The HTTP response this page was read from."""
    retries_taken: int
    """How many retries it took to fetch this page."""

    def __init__(
        self,
        *,
        items: list[T],
        response: httpx.Response,
        next_request: Request | None,
        parse: Callable[[], E],
        retries_taken: int = 0,
    ) -> None:
        self.items = items
        self.response = response
        self.retries_taken = retries_taken
        self._next_request = next_request
        self._parse = parse

    @cached_property
    def parsed(self) -> E:
        """The whole response body as the list operation's response model: the vendor's own
        fields, typed (``page.parsed.meta.total``, ``page.parsed.has_more``), with this page's
        items in their place (the same objects as :attr:`items`, not read again).

        Read on first use, leniently unless the client is ``strict``, so a walk that never
        asks pays nothing; with ``strict=True`` a body whose other fields do not fit raises
        :class:`APIResponseValidationError` here."""
        return self._parse()

    @cached_property
    def body(self) -> Any:
        """The whole response body as decoded JSON (decoded again on first use, so that a
        page in memory holds its items and raw bytes only)."""
        return json.loads(self.response.content)

    def has_next_page(self) -> bool:
        """Whether the API says there is a page after this one."""
        return self._next_request is not None

    def next_page_params(self) -> dict[str, Any] | None:
        """The arguments of the list call that fetch the page after this one (``None`` on
        the last page): save them, and pass them back later to resume the walk there."""
        request = self._next_request
        if request is None or request.endpoint.pagination is None:
            return None
        return request.endpoint.pagination.resume(request)

    def _require_next(self) -> Request:
        if self._next_request is None:
            raise LookupError("this is the last page; check has_next_page() first")
        return self._next_request

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} items={len(self.items)} "
            f"has_next_page={self.has_next_page()}>"
        )


class SyncPage(BasePage[T, E]):
    """One page of a list.

    Iterating it walks every item of every page, fetching each page when it is reached and
    keeping one in memory::

        for run in client.runs.list(...):
            ...
    """

    def __init__(self, *, fetch: Callable[[Request], SyncPage[T, E]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    def next_page(self) -> SyncPage[T, E]:
        """Fetch the page after this one (``LookupError`` on the last page)."""
        return self._fetch(self._require_next())

    def iter_pages(self, max_pages: int | None = None) -> Iterator[SyncPage[T, E]]:
        """This page and the ones after it, at most ``max_pages`` of them."""
        return _sync_pages(self, max_pages)

    def iter_items(self, max_items: int | None = None) -> Iterator[T]:
        """Every item from this page on, at most ``max_items`` of them."""
        return _sync_items(_sync_pages(self, None), max_items)

    def __iter__(self) -> Iterator[T]:
        return self.iter_items()


class AsyncPage(BasePage[T, E]):
    """One page of a list.

    ``async for`` walks every item of every page, fetching each page when it is reached and
    keeping one in memory::

        page = await client.runs.list(...)
        async for run in page:
            ...
    """

    def __init__(
        self, *, fetch: Callable[[Request], Awaitable[AsyncPage[T, E]]], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T, E]:
        """Fetch the page after this one (``LookupError`` on the last page)."""
        return await self._fetch(self._require_next())

    def iter_pages(self, max_pages: int | None = None) -> AsyncIterator[AsyncPage[T, E]]:
        """This page and the ones after it, at most ``max_pages`` of them."""
        return _async_pages(self, max_pages)

    def iter_items(self, max_items: int | None = None) -> AsyncIterator[T]:
        """Every item from this page on, at most ``max_items`` of them."""
        return _async_items(_async_pages(self, None), max_items)

    def __aiter__(self) -> AsyncIterator[T]:
        return self.iter_items()


class AsyncPager(Generic[T, E]):
    """What an async list call returns: ``await`` it for the first page, or ``async for``
    over it to walk every item of every page::

        page = await client.runs.list(...)
        async for run in client.runs.list(...):
            ...
    """

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T, E]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T, E]]:
        return self._first().__await__()

    async def iter_pages(self, max_pages: int | None = None) -> AsyncIterator[AsyncPage[T, E]]:
        """Every page, at most ``max_pages`` of them."""
        if max_pages is not None and max_pages <= 0:
            return
        async for page in _async_pages(await self._first(), max_pages):
            yield page

    def iter_items(self, max_items: int | None = None) -> AsyncIterator[T]:
        """Every item of every page, at most ``max_items`` of them."""
        return _async_items(self.iter_pages(), max_items)

    def __aiter__(self) -> AsyncIterator[T]:
        return self.iter_items()


# The walks below take the first page as an argument they rebind, so that an earlier page is
# no longer referenced (and can be freed) once the next one has arrived.


def _sync_pages(page: SyncPage[T, E], max_pages: int | None) -> Iterator[SyncPage[T, E]]:
    count = 0
    while max_pages is None or count < max_pages:
        yield page
        count += 1
        if not page.has_next_page() or count == max_pages:
            return
        page = page.next_page()


def _sync_items(pages: Iterator[SyncPage[T, E]], max_items: int | None) -> Iterator[T]:
    if max_items is not None and max_items <= 0:
        return
    count = 0
    for page in pages:
        for item in page.items:
            yield item
            count += 1
            if count == max_items:
                return


async def _async_pages(
    page: AsyncPage[T, E], max_pages: int | None
) -> AsyncIterator[AsyncPage[T, E]]:
    count = 0
    while max_pages is None or count < max_pages:
        yield page
        count += 1
        if not page.has_next_page() or count == max_pages:
            return
        page = await page.next_page()


async def _async_items(
    pages: AsyncIterator[AsyncPage[T, E]], max_items: int | None
) -> AsyncIterator[T]:
    if max_items is not None and max_items <= 0:
        return
    count = 0
    async for page in pages:
        for item in page.items:
            yield item
            count += 1
            if count == max_items:
                return


def repeat_error(operation: str, params: Mapping[str, str], count: int) -> PaginationError:
    """The error for a page that repeats the page before it."""
    asked = ", ".join(f"{name}={value!r}" for name, value in params.items()) or "the next page"
    return PaginationError(
        f"{operation}: the page at {asked} repeats the page before it ({count} items, the same "
        "first and last); the API ignores where the client asks to continue, so the walk stops "
        "instead of repeating them",
        operation=operation,
        cursor=next(iter(params.values()), None),
    )


def loop_error(operation: str, params: Mapping[str, str]) -> PaginationError:
    """The error for a next page the client has already asked for."""
    asked = ", ".join(f"{name}={value!r}" for name, value in params.items())
    return PaginationError(
        f"{operation}: the API pointed back to a page already fetched ({asked}); "
        "stopping instead of looping",
        operation=operation,
        cursor=next(iter(params.values()), None),
    )
