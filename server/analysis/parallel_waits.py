"""Busy-waits that only end if another goroutine runs at the same time.

A loop that never yields, has no exit of its own, and waits for state a goroutine or
callback writes needs a second thread to end: on one P it spins forever. Rules ask for the
loops of this kind that run after a statement (``runtime.GOMAXPROCS(4)``, say), in its
function, in the goroutines that function starts and in the package functions it calls.
"""

from __future__ import annotations

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

#: How many package functions are followed from the statement, at most.
MAX_FUNCTIONS = 64


def busy_waits_after(analyzer: Analyzer, start: Node, target: str) -> list[Node]:
    """The loops that run after ``start`` (in its function, goroutines and callees in the
    package) and can only end when another goroutine runs alongside them on ``target``."""
    home = enclosing_function(start)
    body = home.child_by_field_name("body") if home is not None else None
    if body is None:
        return []
    found: list[Node] = []
    for loop in _loops_after(analyzer, body, start.end_byte):
        waits = partial(_needs_parallelism, analyzer, loop, target)
        if analyzer.memo("parallel-wait", loop, target, waits, False):
            found.append(loop)
    return found


def _loops_after(analyzer: Analyzer, body: Node, after: int) -> list[Node]:
    """The ``for`` statements of ``body`` past byte ``after``, then those of the package
    functions called there (transitively, by plain name, up to ``MAX_FUNCTIONS``)."""
    package = analyzer.package
    found: list[Node] = []
    seen: set[int] = set()
    pending: list[tuple[Node, int]] = [(body, after)]
    while pending and len(seen) < MAX_FUNCTIONS:
        node, start = pending.pop(0)
        if node.id in seen:
            continue
        seen.add(node.id)
        index = package.file_of(node).index
        found += [loop for loop in index.inside(node, "loop", []) if loop.start_byte >= start]
        for call in index.inside(node, "call", []):
            callee = call.child_by_field_name("function")
            if call.start_byte < start or callee is None or callee.type != "identifier":
                continue
            for decl in package.functions(text(callee)):
                decl_body = decl.child_by_field_name("body")
                if decl_body is not None:
                    pending.append((decl_body, decl_body.start_byte))
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
    if not watched or watched & retried_cas_keys(loop, cas_calls(gofile)):
        return False
    lock = cas_acquire_key(loop)
    return lock is None or holder_may_park(analyzer, loop, lock, target)
