"""Analysis results carried over from one version of a file to the next (language server).

An edit changes one top-level declaration and leaves the others as they were, yet the server
analyses the whole package again. Results that depend only on a piece of text (a loop's shape
depends on the loop's text; a declaration's call symbols on its text, the file's imports and
the package's top-level names) are kept under that text and reused while it is unchanged.
Results holding nodes keep them as positions relative to the text and find them again in the
new tree. The batch CLI sees each text once and leaves the memo off.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from tree_sitter import Node

T = TypeVar("T")
Relative = tuple[int, int, str]  # start and end byte relative to a base node, node type


class Memo:
    """A bounded least-recently-used map from (kind, text, context, ...) keys to results.

    The language server lints packages in more than one thread: ``enabled`` is per thread
    (each lint says whether it keeps results), and a lookup tolerates an entry evicted by
    another thread meanwhile."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._local = threading.local()
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._contexts: OrderedDict[Hashable, Hashable] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return bool(getattr(self._local, "enabled", False))

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._local.enabled = value

    def get(self, key: Hashable) -> object | None:
        found = self._entries.get(key)
        if found is not None:
            with contextlib.suppress(KeyError):  # evicted by another thread since
                self._entries.move_to_end(key)
        return found

    def put(self, key: Hashable, value: object) -> None:
        self._entries[key] = value
        while len(self._entries) > self.capacity:
            try:
                self._entries.popitem(last=False)
            except KeyError:  # emptied by another thread's clear()
                break

    def cached(self, key: Hashable, compute: Callable[..., T], *args: Any) -> T:
        """``compute(*args)``, or the result stored under ``key`` (when the memo is on)."""
        if not self.enabled:
            return compute(*args)
        found = self.get(key)
        if found is None:
            found = compute(*args)
            self.put(key, found)
        return found  # type: ignore[return-value]

    def context(self, value: Hashable) -> Hashable:
        """One shared object per equal context, so that keys holding it compare by identity
        (a package's name table is large; comparing it on every lookup would cost more than
        the lookup saves)."""
        found = self._contexts.get(value)
        if found is None:
            found = self._contexts[value] = value
            if len(self._contexts) > 256:
                self._contexts.popitem(last=False)
        else:
            with contextlib.suppress(KeyError):  # evicted by another thread since
                self._contexts.move_to_end(value)
        return found

    def clear(self) -> None:
        self._entries.clear()
        self._contexts.clear()


MEMO = Memo(capacity=100_000)  # a 10,000-line file takes ~3,000 entries, ~2 MB


def relative(base: Node, node: Node) -> Relative:
    """Where ``node`` is, relative to ``base``."""
    return (node.start_byte - base.start_byte, node.end_byte - base.start_byte, node.type)


def locate(base: Node, where: Relative) -> Node | None:
    """The node at ``where`` relative to ``base`` (in ``base``'s tree), or None."""
    start, end = base.start_byte + where[0], base.start_byte + where[1]
    node = base.descendant_for_byte_range(start, end)
    while node is not None and (
        node.type != where[2] or node.start_byte != start or node.end_byte != end
    ):
        if node.start_byte < start or node.end_byte > end or node == base:
            return None
        node = node.parent
    return node


def locate_all(base: Node, where: tuple[Relative, ...]) -> list[Node] | None:
    """Every node of ``where``, or None if one cannot be found."""
    offset = base.start_byte
    find = base.descendant_for_byte_range
    found: list[Node] = []
    for start, end, kind in where:
        node = find(offset + start, offset + end)
        if node is None or node.type != kind or node.end_byte - node.start_byte != end - start:
            node = locate(base, (start, end, kind))  # a wrapper of the same extent, or gone
            if node is None:
                return None
        found.append(node)
    return found
