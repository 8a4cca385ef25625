"""WV101 spin-wait: a loop that waits for another goroutine without ever yielding."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import js_callbacks
from wasmvet.analysis.effects import Analyzer, Ranges, state_key
from wasmvet.analysis.index import FileIndex
from wasmvet.analysis.loops import (
    Watched,
    WatchFinder,
    by_declaration,
    cannot_spin,
    cas_calls,
    condition_keys,
    is_counted,
    iteration_names,
    loop_condition,
    loop_header_end,
    loop_shape,
    polled_case_bodies,
    read_keys,
    reads_clock,
    retried_cas_keys,
)
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Resolver
from wasmvet.analysis.spinlocks import cas_acquire_key, holder_may_park
from wasmvet.diagnostics import Applicability, Fix, Related, Severity
from wasmvet.fixes.edits import insert_at_block_start
from wasmvet.fixes.names import Reference, reference, same_everywhere
from wasmvet.rule_context import RuleContext
from wasmvet.rules._dependency_loops import report_through_dependencies
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL
from wasmvet.targets import SCHEDULED_TARGETS

_POLL_HINT = re.compile(rb"\.Load\(|\.Err\(\)|atomic\.|NumGoroutine")


class SpinWait(Rule):
    code = "WV101"
    name = "spin-wait"
    summary = (
        "Loop waits for state another goroutine, timer or deadline must change, but never yields."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = SCHEDULED_TARGETS
    fix = "safe"
    facts = (
        "scheduler.no-preemption",
        "scheduler.one-p",
        "scheduler.timers-need-yield",
        "scheduler.timer-channel-poll",
        "tinygo.scheduler.cooperative",
    )
    doc = """
## What it flags
A loop whose exit depends on state that something outside the loop must change (an atomic or
plain flag, a CAS spin lock, a `select` with `default` that polls a channel, `ctx.Err()`,
`runtime.NumGoroutine()`), while nothing in the loop, or in the functions of the package it
calls, ever yields to the scheduler.

A spin lock (`for !l.held.CompareAndSwap(false, true) {}`, released by a later write of the
same state) is flagged only when some holder may park between taking and releasing it (a
sleep, a channel operation, I/O that yields): otherwise, on one P, the holder always releases
the lock before any other goroutine runs, and the first compare-and-swap succeeds.

Loops that change their own condition, and loops that block, sleep or call `runtime.Gosched`,
are not flagged. Nor is a `select` with `default` whose every case receives from a timer's
channel (`time.After`, `time.Tick`, `Ticker.C`, `Timer.C`) when go.mod says Go 1.23 or later:
such a receive runs the timer itself, so the poll sees it fire without yielding. Calls the
runtime model cannot classify (into other modules' packages) are assumed to yield, so that
wasmvet stays quiet when it cannot be sure.

A call into a dependency function that runs such a loop (itself or through the calls it
waits for; not in a goroutine it starts nor in a function literal it hands on) is reported
at the call, with the trace to the loop.

## Why it fails
WebAssembly has one thread. Go's wasm ports run one P with no sysmon and no asynchronous
preemption, so a goroutine runs until it blocks. The goroutine, timer or deadline that would end
the loop never gets to run: the program hangs (and on js/wasm, the page freezes). Natively the
same code works because another thread runs the setter.

Writing to stdout counts as yielding on `go-js` under Node.js (its `fs` is asynchronous), but
not on `go-wasip1`, where WASI writes are synchronous.

## Example
```go
var ready atomic.Bool
go func() { ready.Store(true) }()
for !ready.Load() { // hangs on wasm
}
```

## Use instead
Wait on something that blocks: a channel, `sync.WaitGroup`, `sync.Cond`, or `time.Sleep`.
The smallest change is to yield in the loop:
```go
for !ready.Load() {
	runtime.Gosched()
}
```

## Fix safety
The fix inserts `runtime.Gosched()` as the loop's first statement (and imports `runtime`).
It is safe: `Gosched` only lets other goroutines run, which they may do anyway natively.
No fix is offered when every write that could end the loop is in a `js.FuncOf` callback:
`Gosched` never returns to the JavaScript event loop, so the callback still never runs (the
loop needs a channel the callback sends to; seen in `tests/corpus_heldout/js_wait_ready`,
which polls with `Gosched` and never sees the flag, under Node.js and in Chromium).
Where `runtime` means something else at the loop (a package-level or local name), the import
gets another name (`goruntime "runtime"`); an existing import is used under its name (a dot
import as `Gosched()`, a blank import becomes a named one); when that cannot be done soundly,
no fix is offered.

## References
- golang/go#71134 (async preemption for wasm), golang/go#60857, golang/go#65178
- `$GOROOT/src/runtime/proc.go` (`haveSysmon`), `$GOROOT/src/runtime/os_wasm.go`
"""

    def check(self, ctx: RuleContext) -> None:
        analyzer = ctx.analyzer
        target = ctx.target.id
        for gofile in ctx.package.files:
            root = gofile.source.root
            found = partial(_spin_loops, analyzer, gofile)
            for state in analyzer.memo("wv101-loops", root, "", found, list[_Loop]()):
                loop, candidate = state.loop, state.candidate
                if not analyzer.never_yields(loop, target, candidate.spinning):
                    continue
                if not state.spin_known:
                    state.spin = _spin(analyzer, gofile, loop, candidate)
                    state.spin_known = True
                spin = state.spin
                if spin is None or _lock_never_held_across_a_yield(ctx, state):
                    continue
                if not spin[0] and _timers_fire_when_polled(ctx, gofile, spin[1]):
                    continue
                if state.finding is None:  # the same finding on every target: built once
                    state.finding = _finding(ctx, loop, *spin)
                message, fix, related, header_end = state.finding
                ctx.report(loop, message, fix=fix, related=related, end_point=header_end)
        report_through_dependencies(self, ctx)


_Spin = tuple[list[Watched], list[Node], WatchFinder, bool]
_Finding = tuple[str, Fix | None, list[Related], tuple[int, int]]


class _Loop:
    """What one candidate loop's check found so far, shared by every target's check (one
    record per loop instead of a memo lookup per question, loop and target)."""

    __slots__ = ("candidate", "cas_key", "finding", "lock", "loop", "spin", "spin_known")

    def __init__(self, loop: Node, candidate: _Candidate) -> None:
        self.loop = loop
        self.candidate = candidate
        self.spin_known = False
        self.spin: _Spin | None = None
        self.finding: _Finding | None = None
        self.cas_key: str | None = cas_acquire_key(loop)
        self.lock: dict[str, bool] = {}


def _spin_loops(analyzer: Analyzer, gofile: GoFile) -> list[_Loop]:
    """The file's loops that might spin, with their target-independent candidate facts
    (declarations found to have none are skipped on later versions: ``by_declaration``)."""
    pairs = by_declaration(analyzer, gofile, "wv101-none", _candidates(analyzer))
    return [_Loop(loop, candidate) for loop, candidate in pairs]


def _finding(
    ctx: RuleContext,
    loop: Node,
    watched: list[Watched],
    polls: list[Node],
    finder: WatchFinder,
    bounded: bool,
) -> tuple[str, Fix | None, list[Related], tuple[int, int]]:
    """The message, fix, related locations and end of the finding on ``loop``."""
    gofile = ctx.package.file_of(loop)
    what = ", ".join(dict.fromkeys(w.what for w in watched))
    if watched and bounded:
        message = (
            f"polls {what} without yielding: on wasm nothing else runs while this loop "
            "does, so it never sees the change (it can only stop through its other exit)"
        )
    elif watched:
        message = (
            f"spin-wait on {what}: the loop never yields, so on wasm nothing else runs "
            "to change it and the loop never ends"
        )
    else:
        message = (
            "polling `select` with `default` never yields: on wasm no other goroutine "
            "runs to send, so the loop spins forever"
        )
    related: list[Related] = []
    for w in watched:
        for writer in finder.writers_outside(w.key, loop, at_most=2):
            related.append(
                ctx.related(
                    writer,
                    f"{text(writer)} is changed here, in code that cannot run while the loop spins",
                )
            )
    js_only = _set_only_by_js_callbacks(ctx, finder, watched, loop)
    if js_only:
        message += (
            "; it is set only in js.FuncOf callbacks, which JavaScript can call only once Go "
            "waits (runtime.Gosched does not return to the event loop): block on a channel "
            "the callback sends to"
        )
    body = loop.child_by_field_name("body")
    fix = None
    gosched = _gosched(ctx, gofile, body) if body else None
    if body is not None and gosched is not None and not js_only:
        call = insert_at_block_start(gofile, body, f"{gosched.expression}()", loop)
        edits = (*gosched.edits, call)
        fix = Fix(Applicability.SAFE, "Yield with runtime.Gosched() in the loop", edits)
    return message, fix, related, loop_header_end(loop)


def _set_only_by_js_callbacks(
    ctx: RuleContext, finder: WatchFinder, watched: list[Watched], loop: Node
) -> bool:
    """Whether every write that could end the loop runs in a js.FuncOf callback: then a
    yield with runtime.Gosched is no fix, since it never lets the JS event loop run."""
    bodies = {(c.body.id, c.body.start_byte) for c in js_callbacks(ctx.analyzer)}
    if not bodies:  # first: most packages have no callback, and writers cost a search
        return False
    writers = [n for w in watched for n in finder.writers_outside(w.key, loop)]
    return bool(writers) and all(_inside(writer, bodies) for writer in writers)


def _inside(node: Node, bodies: set[tuple[int, int]]) -> bool:
    parent = node.parent
    while parent is not None:
        if (parent.id, parent.start_byte) in bodies:
            return True
        parent = parent.parent
    return False


def _gosched(ctx: RuleContext, gofile: GoFile, at: Node) -> Reference | None:
    """How to write ``runtime.Gosched`` at ``at``: once per file when the answer is the same
    everywhere in it (a file of n spin loops asked n times)."""
    root = gofile.source.root
    same = partial(same_everywhere, gofile, "runtime")
    if not ctx.analyzer.memo("wv101-runtime-same", root, "", same, False):
        return reference(gofile, ctx.package, at, "runtime", "Gosched")
    compute = partial(reference, gofile, ctx.package, at, "runtime", "Gosched")
    return ctx.analyzer.memo("wv101-gosched", root, "", compute, None)


#: Channels a timer sends on (``scheduler.timer-channel-poll``).
TIMER_CHANNELS = frozenset({"time.After", "time.Tick", "time.Ticker.C", "time.Timer.C"})


def _timers_fire_when_polled(ctx: RuleContext, gofile: GoFile, polls: list[Node]) -> bool:
    """Polling selects whose every channel is a timer's, where the model says a receive
    runs the timer itself: the loop sees it fire without yielding."""
    if MODEL.fact_holds("scheduler.timer-channel-poll", ctx.target.id, ctx.versions) is None:
        return False
    resolver = ctx.resolver(gofile)
    cases = [c for s in polls for c in s.named_children if c.type == "communication_case"]
    return bool(cases) and all(_receives_from_timer(c, resolver) for c in cases)


def _receives_from_timer(case: Node, resolver: Resolver) -> bool:
    """``case <-ticker.C``, ``case v := <-time.After(d)`` or a timer channel kept in a local."""
    receive = case.child_by_field_name("communication")
    if receive is not None and receive.type == "receive_statement":
        receive = receive.child_by_field_name("right")
    if receive is None or receive.type != "unary_expression" or not text(receive).startswith("<-"):
        return False
    channel = receive.child_by_field_name("operand")
    if channel is not None and channel.type == "identifier":
        declared = resolver.local_declaration(channel, text(channel))
        channel = declared.value_node if declared is not None else None
    if channel is None:
        return False
    if channel.type == "call_expression":
        return resolver.call_symbol(channel) in TIMER_CHANNELS
    field_node = channel.child_by_field_name("field")
    operand = channel.child_by_field_name("operand")
    if channel.type != "selector_expression" or field_node is None or operand is None:
        return False
    return f"{resolver.type_of(operand)}.{text(field_node)}" in TIMER_CHANNELS


def _lock_never_held_across_a_yield(ctx: RuleContext, state: _Loop) -> bool:
    """A CAS spin lock whose holders never park while holding it: on one P the holder always
    releases it before anyone else runs, so the loop's first CAS succeeds."""
    key = state.cas_key
    if key is None:
        return False
    target = ctx.target.id
    parks = state.lock.get(target)
    if parks is None:
        parks = state.lock[target] = holder_may_park(ctx.analyzer, state.loop, key, target)
    return not parks


def _polls_inside(analyzer: Analyzer, loop: Node) -> bool:
    """Whether ``_POLL_HINT`` matches within the loop's text, by bisecting the file's
    matches (searching each loop's text reads a nest of n loops n times)."""
    gofile = analyzer.package.file_of(loop)
    data = gofile.source.data
    none: list[tuple[int, int]] = []
    hints = analyzer.memo("wv101-poll-hints", gofile.source.root, "", partial(_hints, data), none)
    i = bisect.bisect_left(hints, (loop.start_byte, -1))
    return i < len(hints) and hints[i][1] <= loop.end_byte


@lru_cache(maxsize=512)
def _hints(data: bytes) -> list[tuple[int, int]]:
    """Where ``_POLL_HINT`` matches, by file text: a dependency's file is searched once for
    every target's view (each has an analyzer of its own)."""
    return [(m.start(), m.end()) for m in _POLL_HINT.finditer(data)]


@dataclass(frozen=True)
class _Candidate:
    """A loop that might spin, before asking whether it yields on a target."""

    conditions: list[Node]
    waiting_keys: list[set[str]]
    polls: list[Node]
    spinning: frozenset[tuple[int, int]]
    counted: bool


def _candidates(
    analyzer: Analyzer,
) -> Callable[[list[Node]], list[tuple[Node, _Candidate]]]:
    """The loops among some that might spin, with their candidate facts."""

    def answer(found: list[Node]) -> list[tuple[Node, _Candidate]]:
        pairs = ((loop, _candidate(analyzer, loop)) for loop in found)
        return [(loop, candidate) for loop, candidate in pairs if candidate is not None]

    return answer


def _candidate(analyzer: Analyzer, loop: Node) -> _Candidate | None:
    """The target-independent first half of the check: a loop that tests something it does
    not change itself, or polls a channel."""
    if cannot_spin(loop):
        return None
    counted = is_counted(loop)
    if counted and not _polls_inside(analyzer, loop):
        return None  # a counted loop can only poll through an atomic or a context
    shape = loop_shape(analyzer, loop)
    conditions = [c for c in (loop_condition(loop),) if c is not None]
    conditions += shape.exit_conditions
    polls = [] if counted else list(shape.polled_selects)
    if not conditions and not polls:
        return None
    spinning = shape.exit_branches | polled_case_bodies(polls)
    index = analyzer.package.file_of(loop).index
    keys = [read_keys([c], loop, index) for c in conditions]
    if not polls:
        own = _own_writes(index, loop, spinning)
        if all(k & own for k in keys):
            return None  # the loop's own assignments change every condition it tests
    direct = analyzer.effects(loop, spinning).assigns  # with its calls': a larger scan
    if not polls and all(k & direct for k in keys):
        return None  # the loop changes every condition it tests
    return _Candidate(conditions, keys, polls, spinning, counted)


def _own_writes(index: FileIndex, loop: Node, spinning: Ranges) -> set[str]:
    """The state keys the loop's own assignments write (outside closures, ``go``, ``defer``
    and the ``spinning`` ranges): the part of ``Analyzer.effects(loop, spinning).assigns``
    that needs no call resolved, so it is enough when it already covers every condition."""
    skip = index.boundaries(loop) + sorted(spinning)
    keys = (state_key(target) for target in index.inside(loop, "write", skip))
    return {key for key in keys if key}


def _spin(
    analyzer: Analyzer, gofile: GoFile, loop: Node, candidate: _Candidate
) -> tuple[list[Watched], list[Node], WatchFinder, bool] | None:
    """The target-independent second half, for a loop that does not yield: what it waits
    for, if anything outside the loop changes it."""
    conditions, polls = candidate.conditions, candidate.polls
    written = analyzer.assigns(loop, candidate.spinning)
    waiting = [
        c for c, k in zip(conditions, candidate.waiting_keys, strict=True) if not k & written
    ]
    if not waiting and not polls:
        return None
    finder = WatchFinder.of(analyzer)
    resolver = analyzer.resolver(gofile)
    watched = [
        w
        for cond in waiting
        if not reads_clock(cond, resolver)
        for w in finder.watched(cond, loop, resolver)
    ]
    if candidate.counted:  # reading element i of a collection is a scan, not a poll
        stepped = iteration_names(loop)
        watched = [w for w in watched if not stepped & condition_keys(w.node)]
    swaps = analyzer.memo("wv101-cas", gofile.source.root, "", partial(cas_calls, gofile), None)
    assert swaps is not None
    if watched and {w.key for w in watched} & retried_cas_keys(loop, swaps):
        return None
    if not watched and not polls:
        return None
    bounded = candidate.counted or len(waiting) < len(conditions)
    return watched, polls, finder, bounded


RULE = SpinWait()
