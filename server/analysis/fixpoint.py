"""Per-function facts on a call graph with cycles, memoised depth-first (Tarjan's way).

A fact such as "yields" or "what it writes" includes the facts of the functions it calls,
so every function of a cycle (a strongly connected component) has the same value. While a
function is computed, a recursive call to it sees a provisional value (no yield, nothing
written). A result that used the provisional value of a function still in progress is only
a lower bound: before, it was memoised as final, so in ``a → b → a`` plus ``a → sleep``,
``b`` kept "never yields" when asked first through ``a``. Here such results stay tentative
until the first function of their cycle is done, and then take its value, which saw the
whole cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class CycleMemo(Generic[K, V]):
    """Memoised values of a fact that every function of a call cycle shares."""

    def __init__(self) -> None:
        self._done: dict[K, V] = {}
        self._depth: dict[K, int] = {}
        """Keys being computed → their depth in the stack of computations."""
        self._lows: list[int] = []
        """Per computation in progress: the lowest depth of an unfinished key it used."""
        self._pending: dict[K, tuple[V, int]] = {}
        """Tentative results → their value and the lowest unfinished depth they used."""
        self._order: list[K] = []

    def clear(self) -> None:
        self._done.clear()
        self._pending.clear()

    def get(self, key: K, compute: Callable[[], V], provisional: V) -> V:
        """``key``'s value, from ``compute`` on first use; ``provisional`` for a key whose
        computation is under way (a recursive call)."""
        found = self._done.get(key)
        if found is not None or key in self._done:
            return found  # type: ignore[return-value]
        depth = self._depth.get(key)
        if depth is not None:
            self._lower(depth)
            return provisional
        pending = self._pending.get(key)
        if pending is not None:
            self._lower(pending[1])
            return pending[0]
        depth = self._depth[key] = len(self._lows)
        self._lows.append(depth)
        mark = len(self._order)
        try:
            value = compute()
        except BaseException:
            for done in self._order[mark:]:
                self._pending.pop(done, None)
            del self._order[mark:]
            raise
        finally:
            low = self._lows.pop()
            del self._depth[key]
        if low < depth:  # used an unfinished caller's provisional value
            self._pending[key] = (value, low)
            self._order.append(key)
            self._lower(low)
            return value
        for member in self._order[mark:]:  # the first of a cycle: its members take its value
            self._pending.pop(member, None)
            self._done[member] = value
        del self._order[mark:]
        self._done[key] = value
        return value

    def _lower(self, depth: int) -> None:
        if self._lows and depth < self._lows[-1]:
            self._lows[-1] = depth
