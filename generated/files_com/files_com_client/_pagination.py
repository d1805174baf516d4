"""Pages, and the pagination styles that say how to ask for the next one.

A list call returns a page. Iterating it walks every page lazily, one page in memory at a time
(``for item in page``, ``async for item in page``); ``iter_pages()`` yields the pages themselves,
and both take a cap. Each style is a small class that knows where the items and the next
cursor are; the pages do the rest, and refuse to loop: a cursor or token the API already gave,
or an offset that does not advance, raises :class:`PaginationError`.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import httpx

from ._exceptions import PaginationError

if TYPE_CHECKING:
    from ._request import Request

__all__ = [
    "AsyncPage",
    "AsyncPager",
    "SyncPage",
]

T = TypeVar("T")

MISSING: Any = object()


def get_path(body: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` (wire names) in decoded JSON, or a private "missing" marker."""
    for key in path:
        if not isinstance(body, dict) or key not in body:
            return MISSING
        body = body[key]
    return body


def _present(value: Any) -> bool:
    return value is not MISSING and value is not None and value != ""


class Pagination(ABC):
    """A pagination style: where the items are and how to ask for the next page."""

    items: tuple[str, ...]
    items_optional: ClassVar[bool] = False
    """Whether a page may leave its items out (or send null) when it has none."""

    @property
    @abstractmethod
    def cursor_params(self) -> tuple[str, ...]:
        """The query parameters that say which page a request asks for."""

    @abstractmethod
    def next_params(
        self, body: Any, response: httpx.Response, query: Mapping[str, str], count: int
    ) -> dict[str, str] | None:
        """The query parameters of the next page, or ``None`` at the end of the list."""

    def advances(self, query: Mapping[str, str], params: Mapping[str, str]) -> bool:
        """Whether ``params`` moves past the page that was asked for with ``query``."""
        return True

    def follow(
        self,
        request: Request,
        body: Any,
        response: httpx.Response,
        count: int,
        seen: frozenset[str],
    ) -> tuple[Request | None, frozenset[str]]:
        """The request for the page after ``request`` (``None`` at the end), and the positions
        asked for so far. Raises :class:`PaginationError` rather than ask for one again."""
        query = dict(request.query)
        seen = seen | {self._position(query)}
        params = self.next_params(body, response, query, count)
        if params is None:
            return None, seen
        if self._position(params) in seen or not self.advances(query, params):
            raise loop_error(request.endpoint.name, params)
        return request.with_query(params), seen

    def _position(self, query: Mapping[str, str]) -> str:
        return "&".join(f"{name}={query[name]}" for name in self.cursor_params if name in query)


@dataclass(frozen=True)
class CursorPagination(Pagination):
    """A cursor in the body, sent back as ``param``; the end is a null cursor or
    ``has_more`` false."""

    param: str
    next_cursor: tuple[str, ...]
    items: tuple[str, ...]
    has_more: tuple[str, ...] | None = None

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.param,)

    def next_params(
        self, body: Any, response: httpx.Response, query: Mapping[str, str], count: int
    ) -> dict[str, str] | None:
        if self.has_more is not None and get_path(body, self.has_more) is False:
            return None
        cursor = get_path(body, self.next_cursor)
        return {self.param: str(cursor)} if _present(cursor) else None


@dataclass(frozen=True)
class HeaderCursorPagination(Pagination):
    """A cursor in a response header (the first of ``headers`` that is set), sent back as
    ``param``; the end is no cursor."""

    param: str
    headers: tuple[str, ...]
    items: tuple[str, ...]

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.param,)

    def next_params(
        self, body: Any, response: httpx.Response, query: Mapping[str, str], count: int
    ) -> dict[str, str] | None:
        for header in self.headers:
            cursor = response.headers.get(header)
            if cursor:
                return {self.param: cursor}
        return None


@dataclass(frozen=True)
class OffsetPagination(Pagination):
    """Offset and limit; the next offset is this one plus the items received. The end is
    ``has_more`` false, or an empty page when the API does not say."""

    offset_param: str
    limit_param: str
    items: tuple[str, ...]
    has_more: tuple[str, ...] | None = None

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.offset_param,)

    def next_params(
        self, body: Any, response: httpx.Response, query: Mapping[str, str], count: int
    ) -> dict[str, str] | None:
        more = get_path(body, self.has_more) if self.has_more is not None else MISSING
        if more is False or (more is MISSING and count == 0):
            return None
        return {self.offset_param: str(self._offset(query) + count)}

    def advances(self, query: Mapping[str, str], params: Mapping[str, str]) -> bool:
        return self._offset(params) > self._offset(query)

    def _offset(self, query: Mapping[str, str]) -> int:
        return int(query.get(self.offset_param, "0"))


@dataclass(frozen=True)
class PageTokenPagination(Pagination):
    """An AIP-158 page token: only a missing or empty token ends the list; an empty page
    that carries a token does not. Proto3 JSON leaves an empty list out, so a page without
    its items field is an empty page."""

    param: str
    next_token: tuple[str, ...]
    items: tuple[str, ...]
    items_optional: ClassVar[bool] = True

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.param,)

    def next_params(
        self, body: Any, response: httpx.Response, query: Mapping[str, str], count: int
    ) -> dict[str, str] | None:
        token = get_path(body, self.next_token)
        return {self.param: str(token)} if _present(token) else None


class BasePage(Generic[T]):
    """What sync and async pages share: the items, the response, and the next request."""

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
        retries_taken: int = 0,
    ) -> None:
        self.items = items
        self.response = response
        self.retries_taken = retries_taken
        self._next_request = next_request

    @cached_property
    def body(self) -> Any:
        """The whole response body as decoded JSON (decoded again on first use, so that a
        page in memory holds its items and raw bytes only)."""
        return json.loads(self.response.content)

    def has_next_page(self) -> bool:
        """Whether the API says there is a page after this one."""
        return self._next_request is not None

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


class SyncPage(BasePage[T]):
    """One page of a list.

    Iterating it walks every item of every page, fetching each page when it is reached and
    keeping one in memory::

        for run in client.runs.list(...):
            ...
    """

    def __init__(self, *, fetch: Callable[[Request], SyncPage[T]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    def next_page(self) -> SyncPage[T]:
        """Fetch the page after this one (``LookupError`` on the last page)."""
        return self._fetch(self._require_next())

    def iter_pages(self, max_pages: int | None = None) -> Iterator[SyncPage[T]]:
        """This page and the ones after it, at most ``max_pages`` of them."""
        return _sync_pages(self, max_pages)

    def iter_items(self, max_items: int | None = None) -> Iterator[T]:
        """Every item from this page on, at most ``max_items`` of them."""
        return _sync_items(_sync_pages(self, None), max_items)

    def __iter__(self) -> Iterator[T]:
        return self.iter_items()


class AsyncPage(BasePage[T]):
    """One page of a list.

    ``async for`` walks every item of every page, fetching each page when it is reached and
    keeping one in memory::

        page = await client.runs.list(...)
        async for run in page:
            ...
    """

    def __init__(
        self, *, fetch: Callable[[Request], Awaitable[AsyncPage[T]]], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T]:
        """Fetch the page after this one (``LookupError`` on the last page)."""
        return await self._fetch(self._require_next())

    def iter_pages(self, max_pages: int | None = None) -> AsyncIterator[AsyncPage[T]]:
        """This page and the ones after it, at most ``max_pages`` of them."""
        return _async_pages(self, max_pages)

    def iter_items(self, max_items: int | None = None) -> AsyncIterator[T]:
        """Every item from this page on, at most ``max_items`` of them."""
        return _async_items(_async_pages(self, None), max_items)

    def __aiter__(self) -> AsyncIterator[T]:
        return self.iter_items()


class AsyncPager(Generic[T]):
    """What an async list call returns: ``await`` it for the first page, or ``async for``
    over it to walk every item of every page::

        page = await client.runs.list(...)
        async for run in client.runs.list(...):
            ...
    """

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def iter_pages(self, max_pages: int | None = None) -> AsyncIterator[AsyncPage[T]]:
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


def _sync_pages(page: SyncPage[T], max_pages: int | None) -> Iterator[SyncPage[T]]:
    count = 0
    while max_pages is None or count < max_pages:
        yield page
        count += 1
        if not page.has_next_page() or count == max_pages:
            return
        page = page.next_page()


def _sync_items(pages: Iterator[SyncPage[T]], max_items: int | None) -> Iterator[T]:
    if max_items is not None and max_items <= 0:
        return
    count = 0
    for page in pages:
        for item in page.items:
            yield item
            count += 1
            if count == max_items:
                return


async def _async_pages(page: AsyncPage[T], max_pages: int | None) -> AsyncIterator[AsyncPage[T]]:
    count = 0
    while max_pages is None or count < max_pages:
        yield page
        count += 1
        if not page.has_next_page() or count == max_pages:
            return
        page = await page.next_page()


async def _async_items(
    pages: AsyncIterator[AsyncPage[T]], max_items: int | None
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


def loop_error(operation: str, params: Mapping[str, str]) -> PaginationError:
    """The error for a next page the client has already asked for."""
    asked = ", ".join(f"{name}={value!r}" for name, value in params.items())
    return PaginationError(
        f"{operation}: the API pointed back to a page already fetched ({asked}); "
        "stopping instead of looping",
        operation=operation,
        cursor=next(iter(params.values())),
    )
