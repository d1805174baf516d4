"""Drift: what a response carried that the models do not describe, and how it is reported.

A field the models do not declare, an enum value they do not list, a union member they do not
know, or (in lenient mode) a value of the wrong type or a missing field: each is a
:class:`Drift`. Drift never fails a call. It is logged once per model and name, at WARNING on
the ``<package>.drift`` logger (at most :data:`MAX_LOGGED` distinct reports per process, so a
long-running process does not grow), and passed to the client's ``on_drift`` hook, if any,
after the response has been read.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

__all__ = ["MAX_LOGGED", "Drift", "DriftHook", "DriftKind", "collecting", "report"]

log = logging.getLogger(__name__.rpartition(".")[0] + ".drift")

DriftKind = Literal["unknown_field", "unknown_enum_value", "unknown_variant", "mistyped", "missing"]

MAX_LOGGED = 1024
"""Distinct drift reports logged per process; later ones go to hooks only."""
MAX_COLLECTED = 1000
"""Drift reports kept for the hook per response."""
_NAME_LENGTH = 100


@dataclass(frozen=True)
class Drift:
    """One thing a response carried that the models do not describe.

    ``model`` names the model, enum or union; ``name`` the field, value or keys concerned.
    """

    kind: DriftKind
    model: str
    name: str
    message: str


DriftHook = Callable[[Drift], object]
"""What ``on_drift=`` takes: called once per drift report, after the response is read."""

_logged: set[tuple[str, str, str]] = set()
_logged_lock = threading.Lock()
_full = False
_sink: ContextVar[list[Drift] | None] = ContextVar("drift_sink", default=None)


def report(kind: DriftKind, model: str, name: str, message: str) -> None:
    """Record one drift report: logged the first time, and kept for the hook of the response
    being read. Never raises."""
    global _full
    name = name[:_NAME_LENGTH]
    sink = _sink.get()
    if sink is not None and len(sink) < MAX_COLLECTED:
        sink.append(Drift(kind, model, name, message))
    key = (kind, model, name)
    with _logged_lock:
        if key in _logged:
            return
        if len(_logged) >= MAX_LOGGED:
            if _full:
                return
            _full = True
            message = f"{MAX_LOGGED} distinct drift reports logged; further ones are not"
        else:
            _logged.add(key)
    log.warning(message)


@contextmanager
def collecting() -> Iterator[list[Drift]]:
    """Collect the drift reported while the block runs (one response being read)."""
    found: list[Drift] = []
    token = _sink.set(found)
    try:
        yield found
    finally:
        _sink.reset(token)


def deliver(found: list[Drift], hook: DriftHook | None) -> None:
    """Pass collected drift to ``hook``; a hook that raises is logged, never propagated."""
    if hook is None:
        return
    for drift in found:
        try:
            hook(drift)
        except Exception:
            log.exception("the on_drift hook raised; drift reporting goes on")
