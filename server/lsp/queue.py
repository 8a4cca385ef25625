"""One lint at a time, off the message loop: edits first, the workspace in the background.

A request starts at once when nothing runs (no debounce to wait out). Requests that arrive
while a lint runs are coalesced: the package is linted once more after the current run, with
the text as it is then, however many edits came meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
K = TypeVar("K", bound=Hashable)


class LintQueue(Generic[K]):
    """Runs ``run(key)`` for requested keys, one at a time, urgent keys before background."""

    def __init__(self, run: Callable[[K], Awaitable[None]]) -> None:
        self._run = run
        self._urgent: dict[K, asyncio.Future[None]] = {}
        self._background: dict[K, asyncio.Future[None]] = {}
        self._worker: asyncio.Task[None] | None = None
        self.running: K | None = None
        self._running_future: asyncio.Future[None] | None = None

    def request(self, key: K, background: bool = False) -> asyncio.Future[None]:
        """Lint ``key`` (again) with the text as it is when its turn comes; the future is done
        once that lint has finished (or failed)."""
        waiting = self._urgent.get(key) or self._background.get(key)
        if waiting is not None:
            if not background and key in self._background:
                self._urgent[key] = self._background.pop(key)  # promoted: someone is typing
            return waiting
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._background if background else self._urgent)[key] = future
        if self._worker is None or self._worker.done():
            self._worker = asyncio.ensure_future(self._drain())
        return future

    def latest(self, key: K) -> asyncio.Future[None] | None:
        """The future of the last lint of ``key`` already asked for (queued, else running)."""
        queued = self._urgent.get(key) or self._background.get(key)
        if queued is not None:
            return queued
        return self._running_future if self.running == key else None

    async def _drain(self) -> None:
        while self._urgent or self._background:
            queue = self._urgent or self._background
            key = next(iter(queue))
            future = queue.pop(key)
            self.running, self._running_future = key, future
            try:
                await self._run(key)
            except asyncio.CancelledError:
                future.cancel()
                raise
            except Exception:  # the runner reports its own failures; keep serving
                log.exception("lint of %s failed", key)
            finally:
                self.running = self._running_future = None
            if not future.done():
                future.set_result(None)
