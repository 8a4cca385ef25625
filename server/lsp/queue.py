"""Lints off the message loop, in two lanes so that a huge package never delays the others.

A package whose files weigh ``LARGE_BYTES`` or more is linted in the large lane, every other
package in the small lane; each lane runs one lint at a time, urgent requests (edits, opened
documents) before background ones (the workspace lint). A request starts at once when its
lane is free (no debounce to wait out). Each key is linted by one lint at a time: requests
that arrive while it runs are coalesced into one more lint after it, with the text as it is
then. An urgent request cancels the key's running lint (its text or settings are stale), and
so does ``cancel``: the lint's token is cancelled and the analysis stops at its next
checkpoint (``wasmvet.cancellation``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from wasmvet.cancellation import Token

log = logging.getLogger(__name__)
K = TypeVar("K", bound=Hashable)
LARGE_BYTES = 512 * 1024  # ~15,000 lines: a lint of a second or more


@dataclass
class _Running:
    lane: str
    token: Token
    future: asyncio.Future[None]


class LintQueue(Generic[K]):
    """Runs ``run(key, token)`` for requested keys; ``weigh(key)`` (bytes) picks the lane."""

    def __init__(
        self, run: Callable[[K, Token], Awaitable[None]], weigh: Callable[[K], int]
    ) -> None:
        self._run = run
        self._weigh = weigh
        self._urgent: dict[K, asyncio.Future[None]] = {}
        self._background: dict[K, asyncio.Future[None]] = {}
        self._running: dict[K, _Running] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def request(self, key: K, background: bool = False) -> asyncio.Future[None]:
        """Lint ``key`` (again) with the text as it is when its turn comes; the future is done
        once that lint has finished (or failed, or was cancelled)."""
        if not background:
            self.cancel(key)
        waiting = self._urgent.get(key) or self._background.get(key)
        if waiting is not None:
            if not background and key in self._background:
                self._urgent[key] = self._background.pop(key)  # promoted: someone is typing
            return waiting
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._background if background else self._urgent)[key] = future
        self._start_free_lanes()
        return future

    def cancel(self, key: K) -> None:
        """Stop the running lint of ``key``, if any (its results would be stale)."""
        running = self._running.get(key)
        if running is not None:
            running.token.cancel()

    def cancel_all(self) -> None:
        for running in self._running.values():
            running.token.cancel()

    def latest(self, key: K) -> asyncio.Future[None] | None:
        """The future of the last lint of ``key`` already asked for (queued, else running)."""
        queued = self._urgent.get(key) or self._background.get(key)
        if queued is not None:
            return queued
        running = self._running.get(key)
        return running.future if running is not None else None

    def _lane(self, key: K) -> str:
        return "large" if self._weigh(key) >= LARGE_BYTES else "small"

    def _start_free_lanes(self) -> None:
        busy = {r.lane for r in self._running.values()}
        for queue in (self._urgent, self._background):
            for key in list(queue):
                if len(busy) == 2:
                    return
                if key in self._running:
                    continue  # linted again once its running lint ends
                lane = self._lane(key)
                if lane in busy:
                    continue
                busy.add(lane)
                running = self._running[key] = _Running(lane, Token(), queue.pop(key))
                task = asyncio.ensure_future(self._lint(key, running))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _lint(self, key: K, running: _Running) -> None:
        try:
            await self._run(key, running.token)
        except asyncio.CancelledError:
            running.future.cancel()
            raise
        except Exception:  # the runner reports its own failures; keep serving
            log.exception("lint of %s failed", key)
        finally:
            del self._running[key]
            if not running.future.done():
                running.future.set_result(None)
            self._start_free_lanes()
