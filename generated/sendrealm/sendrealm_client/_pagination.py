"""Pages, and the pagination styles that say how to ask for the next one.

A list call returns a page. Iterating it walks every page lazily, one page in memory at a time
(``for item in page``, ``async for item in page``); ``iter_pages()`` yields the pages themselves,
and both take a cap. Each style is a small class that knows where the next cursor is; the pages
do the rest, and refuse to loop: a cursor or token the API already gave, or an offset that does
not advance, raises :class:`PaginationError`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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

    @abstractmethod
    def next_params(
        self, body: Any, response: httpx.Response, query: Mapping[str, str], count: int
    ) -> dict[str, str] | None:
        """The query parameters of the next page, or ``None`` at the end of the list."""

    def advances(self, query: Mapping[str, str], params: Mapping[str, str]) -> bool:
        """Whether ``params`` moves past the page that was asked for with ``query``."""
        return True


@dataclass(frozen=True)
class CursorPagination(Pagination):
    """A cursor in the body, sent back as ``param``; the end is a null cursor or
    ``has_more`` false."""

    param: str
    next_cursor: tuple[str, ...]
    items: tuple[str, ...]
    has_more: tuple[str, ...] | None = None

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

    def next_params(
        self, body: Any, response: httpx.Response, query: Mapping[str, str], count: int
    ) -> dict[str, str] | None:
        more = get_path(body, self.has_more) if self.has_more is not None else MISSING
        if more is False or (more is MISSING and count == 0):
            return None
        offset = int(query.get(self.offset_param, "0"))
        return {self.offset_param: str(offset + count)}

    def advances(self, query: Mapping[str, str], params: Mapping[str, str]) -> bool:
        return int(params[self.offset_param]) > int(query.get(self.offset_param, "0"))


@dataclass(frozen=True)
class PageTokenPagination(Pagination):
    """An AIP-158 page token: only a missing or empty token ends the list; an empty page
    that carries a token does not."""

    param: str
    next_token: tuple[str, ...]
    items: tuple[str, ...]

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
        body: Any,
        response: httpx.Response,
        next_request: Request | None,
        retries_taken: int = 0,
    ) -> None:
        self.items = items
        self.body = body
        self.response = response
        self.retries_taken = retries_taken
        self._next_request = next_request

    def has_next_page(self) -> bool:
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
    """One page of a list. Iterate it to walk every item of every page, lazily."""

    def __init__(self, *, fetch: Callable[[Request], SyncPage[T]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    def next_page(self) -> SyncPage[T]:
        """Fetch the page after this one (``LookupError`` on the last page)."""
        return self._fetch(self._require_next())

    def iter_pages(self, max_pages: int | None = None) -> Iterator[SyncPage[T]]:
        """This page and the ones after it, at most ``max_pages`` of them."""
        page = self
        count = 0
        while max_pages is None or count < max_pages:
            yield page
            count += 1
            if not page.has_next_page():
                return
            page = page.next_page()

    def iter_items(self, max_items: int | None = None) -> Iterator[T]:
        """Every item from this page on, at most ``max_items`` of them."""
        count = 0
        for page in self.iter_pages():
            for item in page.items:
                if max_items is not None and count >= max_items:
                    return
                yield item
                count += 1

    def __iter__(self) -> Iterator[T]:
        return self.iter_items()


class AsyncPage(BasePage[T]):
    """One page of a list. ``async for`` walks every item of every page, lazily."""

    def __init__(
        self, *, fetch: Callable[[Request], Awaitable[AsyncPage[T]]], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T]:
        """Fetch the page after this one (``LookupError`` on the last page)."""
        return await self._fetch(self._require_next())

    async def iter_pages(self, max_pages: int | None = None) -> AsyncIterator[AsyncPage[T]]:
        """This page and the ones after it, at most ``max_pages`` of them."""
        page = self
        count = 0
        while max_pages is None or count < max_pages:
            yield page
            count += 1
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def iter_items(self, max_items: int | None = None) -> AsyncIterator[T]:
        """Every item from this page on, at most ``max_items`` of them."""
        count = 0
        async for page in self.iter_pages():
            for item in page.items:
                if max_items is not None and count >= max_items:
                    return
                yield item
                count += 1

    def __aiter__(self) -> AsyncIterator[T]:
        return self.iter_items()


class AsyncPager(Generic[T]):
    """What an async list call returns: ``await`` it for the first page, or ``async for``
    over it to walk every item of every page."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def _items(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()


def loop_error(operation: str, cursor: object) -> PaginationError:
    return PaginationError(
        f"{operation}: the API returned {cursor!r} again; stopping instead of looping",
        operation=operation,
        cursor=cursor,
    )
