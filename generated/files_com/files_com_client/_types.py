"""Small types shared by the client modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias

import httpx

__all__ = ["NOT_GIVEN", "Body", "Headers", "NotGiven", "Query", "Timeout"]


class NotGiven:
    """The type of :data:`NOT_GIVEN`: "use the client's setting", as opposed to ``None``.

    ``timeout=None`` means no timeout; leaving ``timeout`` out (``NOT_GIVEN``) keeps the
    client's timeout.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, str | int | float | bool]
Timeout: TypeAlias = float | httpx.Timeout | None
Body: TypeAlias = Mapping[str, object]
