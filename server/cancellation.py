"""Stopping an analysis nobody wants any more (the language server's stale lints).

A lint runs in a worker thread under ``cancellable(token)``; the engine calls ``checkpoint()``
between units of work (rules, targets, top-level declarations, chunks of a large parse), and
``checkpoint`` raises ``Cancelled`` once the token is cancelled. Outside ``cancellable`` (the
batch CLI) a checkpoint costs one attribute lookup and never raises.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Cancelled(BaseException):
    """The analysis was cancelled. A BaseException, as asyncio's CancelledError is, so that
    ``except Exception`` around a rule (a rule bug must not stop the run) lets it through."""


class Token:
    """Cancelled from any thread; seen by the thread that runs the analysis."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


_current = threading.local()


@contextmanager
def cancellable(token: Token) -> Iterator[None]:
    """Run the block with ``token`` as this thread's cancellation token."""
    previous = getattr(_current, "token", None)
    _current.token = token
    try:
        yield
    finally:
        _current.token = previous


def active() -> bool:
    """Whether this thread runs under a cancellation token."""
    return getattr(_current, "token", None) is not None


def checkpoint() -> None:
    """Raise ``Cancelled`` if this thread's analysis was cancelled."""
    token: Token | None = getattr(_current, "token", None)
    if token is not None and token.cancelled:
        raise Cancelled
