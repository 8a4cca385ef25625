"""Busy-waits that only end if another goroutine runs at the same time.

A loop that never yields, has no exit of its own, and waits for state a goroutine or
callback writes needs a second thread to end: on one P it spins forever. Rules ask for the
loops of this kind that run after a statement (``runtime.GOMAXPROCS(4)``, say), in its
function, in the goroutines that function starts and in the package functions it calls.
"""

from __future__ import annotations

import bisect
from collections import deque
from functools import partial

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.loops import (
    WatchFinder,
    cannot_spin,
    cas_calls,
    is_counted,
    loop_condition,
    loop_shape,
    read_keys,
    reads_clock,
    retried_cas_keys,
)
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import enclosing_function
from wasmvet.analysis.spinlocks import cas_acquire_key, holder_may_park

#: How many package functions are followed from one call, at most.
MAX_FUNCTIONS = 64


def busy_waits_after(analyzer: Analyzer, start: Node, target: str, at_most: int = 3) -> list[Node]:
    """The first ``at_most`` loops that run after ``start`` (in its function, the goroutines
    it starts and the package functions it calls) and can only end when another goroutine
    runs alongside them on ``target``."""
    home = enclosing_function(start)
    body = home.child_by_field_name("body") if home is not None else None
    if body is None:
        return []
    none: list[tuple[int, Node]] = []
    compute = partial(_waits_in, analyzer, body, target)
    waits = analyzer.memo("parallel-waits", body, target, compute, none)
    i = bisect.bisect_left(waits, start.end_byte, key=lambda w: w[0])
    return [loop for _, loop in waits[i : i + at_most]]


def _waits_in(analyzer: Analyzer, body: Node, target: str) -> list[tuple[int, Node]]:
    """The busy-waits ``body`` runs, each with the offset of what runs it there (the loop
    itself, or the call that reaches it), in offset order: computed once per function, so
    that n calls in one function do not walk it n times."""
    package = analyzer.package
    index = package.file_of(body).index
    found = [(loop.start_byte, loop) for loop in index.inside(body, "loop", [])]
    found = [(at, loop) for at, loop in found if _waits(analyzer, loop, target)]
    for call in index.inside(body, "call", []):
        for decl in _callees(analyzer, call):
            compute = partial(_function_waits, analyzer, decl, target)
            cycle: list[Node] = []
            reached = analyzer.memo("parallel-waits-reached", decl, target, compute, cycle)
            found += [(call.start_byte, loop) for loop in reached]
    found.sort(key=lambda f: f[0])
    return found


def _waits(analyzer: Analyzer, loop: Node, target: str) -> bool:
    compute = partial(_needs_parallelism, analyzer, loop, target)
    return analyzer.memo("parallel-wait", loop, target, compute, False)


def _callees(analyzer: Analyzer, call: Node) -> list[Node]:
    """The package's function declarations ``call`` invokes by plain name."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "identifier":
        return []
    return analyzer.package.functions(text(callee))


def _function_waits(analyzer: Analyzer, decl: Node, target: str) -> list[Node]:
    """The busy-waits of ``decl`` and of the package functions it calls by plain name,
    transitively (up to ``MAX_FUNCTIONS`` of them)."""
    found: list[Node] = []
    seen: set[int] = set()
    pending = deque([decl])
    while pending and len(seen) < MAX_FUNCTIONS:
        function = pending.popleft()
        body = function.child_by_field_name("body")
        if body is None or function.id in seen:
            continue
        seen.add(function.id)
        index = analyzer.package.file_of(body).index
        found += [loop for loop in index.inside(body, "loop", []) if _waits(analyzer, loop, target)]
        for call in index.inside(body, "call", []):
            pending.extend(_callees(analyzer, call))
    return found


def _needs_parallelism(analyzer: Analyzer, loop: Node, target: str) -> bool:
    """Whether ``loop`` never yields on ``target``, cannot change what every one of its exits
    tests, and tests state that a goroutine or callback writes."""
    if cannot_spin(loop) or is_counted(loop):
        return False
    shape = loop_shape(analyzer, loop)
    condition = loop_condition(loop)
    conditions = [condition, *shape.exit_conditions] if condition else list(shape.exit_conditions)
    if not conditions:
        return False
    gofile = analyzer.package.file_of(loop)
    written = analyzer.assigns(loop, shape.exit_branches)
    if any(read_keys([c], loop, gofile.index) & written for c in conditions):
        return False  # the loop can end itself
    if not analyzer.never_yields(loop, target, shape.exit_branches):
        return False
    resolver = analyzer.resolver(gofile)
    if any(reads_clock(c, resolver) for c in conditions):
        return False
    finder = WatchFinder.of(analyzer)
    watched = {w.key for c in conditions for w in finder.watched(c, loop, resolver)}
    if not watched:
        return False
    root = gofile.source.root  # the file's compare-and-swaps, found once per file
    swaps = analyzer.memo("parallel-waits-cas", root, "", partial(cas_calls, gofile), None)
    if swaps is not None and watched & retried_cas_keys(loop, swaps):
        return False
    lock = cas_acquire_key(loop)
    return lock is None or holder_may_park(analyzer, loop, lock, target)
