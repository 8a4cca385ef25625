"""WV102 clock-busy-wait: a loop that burns CPU until a time, starving everything else."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer, Ranges
from wasmvet.analysis.loops import (
    by_declaration,
    cannot_spin,
    is_counted,
    loop_condition,
    loop_header_end,
    loop_shape,
    reads_clock,
)
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.scope import Resolver
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules._dependency_loops import report_through_dependencies
from wasmvet.rules.base import Rule
from wasmvet.targets import SCHEDULED_TARGETS


class ClockBusyWait(Rule):
    code = "WV102"
    name = "clock-busy-wait"
    summary = (
        "A loop spins until a time passes without yielding: timers, goroutines and the page stall."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = SCHEDULED_TARGETS
    facts = (
        "scheduler.no-preemption",
        "scheduler.timers-need-yield",
        "js.event-loop",
        "tinygo.scheduler.cooperative",
    )
    doc = """
## What it flags
A loop whose condition or exit compares against the clock (`time.Now()`, `time.Since`,
`time.Until`) and that never yields: a CPU busy-wait for a deadline. A check the loop calls
through a function-valued parameter (`for !cond() {...}` in an unexported helper) is what the
helper's callers pass: the loop never yields when none of them does.

Not flagged: a time-budgeted computation (the loop body calls something other than the
clock, or runs a loop of its own) in a `main` package that leaves nothing else to run: no
`go` statement, timer, ticker, `time.After`, context deadline or `js.FuncOf` callback. On one
thread such a loop delays nobody; it is how anytime searches are written.

A call into a dependency function that runs such a loop (itself or through the calls it
waits for; not in a goroutine it starts nor in a function literal it hands on) is reported
at the call, with the trace to the loop.

## Why it fails
The loop does end, but on wasm nothing else runs until it does: other goroutines, timers,
tickers and `time.AfterFunc` callbacks are all delayed, and on `go-js` the browser's event
loop (rendering, input, network callbacks) is frozen for the whole wait. Natively, other
threads keep running.

## Example
```go
deadline := time.Now().Add(2 * time.Second)
for time.Now().Before(deadline) { // the page is frozen for 2 s
}
```

## Use instead
`time.Sleep(time.Until(deadline))`, a `time.Timer`, or `select` on `time.After` with the
other channels you wait on.

## Fix safety
No automatic fix.

## References
- golang/go#71134; `$GOROOT/src/runtime/proc.go` (timers run in the scheduler)
"""

    def check(self, ctx: RuleContext) -> None:
        analyzer = ctx.analyzer
        for gofile in ctx.package.files:
            resolver = ctx.resolver(gofile)
            answer = _clock_loops(analyzer, resolver)
            # target-independent: found once per package view
            clock = partial(by_declaration, analyzer, gofile, "wv102-none", answer)
            none: list[tuple[Node, Ranges]] = []
            for loop, spinning in analyzer.memo("wv102", gofile.source.root, "", clock, none):
                if not analyzer.never_yields(loop, ctx.target.id, spinning):
                    continue
                if _does_work(gofile, resolver, loop) and not _others_may_run(ctx):
                    continue
                ctx.report(
                    loop,
                    "busy-waits on the clock without yielding: on wasm no goroutine, timer or "
                    "(on js) browser event runs until the time has passed; sleep or use a timer",
                    end_point=loop_header_end(loop),
                )
        report_through_dependencies(self, ctx)


#: Calls that leave something to run beside the caller: a timer's callback or channel, a
#: context's deadline timer, a JS callback.
_STARTS_OTHERS = frozenset(
    {
        "time.AfterFunc",
        "time.NewTimer",
        "time.NewTicker",
        "time.Tick",
        "time.After",
        "context.WithTimeout",
        "context.WithDeadline",
        "context.WithTimeoutCause",
        "context.WithDeadlineCause",
        "syscall/js.FuncOf",
    }
)


def _does_work(gofile: GoFile, resolver: Resolver, loop: Node) -> bool:
    """Whether the loop's body computes: it runs a loop of its own or calls something other
    than the clock (``time.Now``, ``time.Since``, ``Time.After``...)."""
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    index = gofile.index
    if any(inner.id != loop.id for inner in index.within(body, "loop")):
        return True
    for call in index.within(body, "call"):
        symbol = resolver.call_symbol(call)
        if symbol is None or not symbol.startswith("time."):
            return True
    return False


def _others_may_run(ctx: RuleContext) -> bool:
    """Whether anything besides the looping goroutine may need to run: outside a ``main``
    package callers are unknown; in one, a ``go`` statement or a call of ``_STARTS_OTHERS``."""
    package = ctx.package
    if package.name != "main":
        return True
    for gofile in package.files:
        index = gofile.index
        if any(b.type == "go_statement" for b in index.all("boundary")):
            return True
        resolver = ctx.resolver(gofile)
        if any(resolver.call_symbol(c) in _STARTS_OTHERS for c in index.all("call")):
            return True
    return False


def _clock_loops(
    analyzer: Analyzer, resolver: Resolver
) -> Callable[[list[Node]], list[tuple[Node, Ranges]]]:
    """The clock loops among some, with the byte ranges that do not run while they spin."""

    def answer(found: list[Node]) -> list[tuple[Node, Ranges]]:
        pairs = ((loop, _clock_loop(analyzer, resolver, loop)) for loop in found)
        return [(loop, spinning) for loop, spinning in pairs if spinning is not None]

    return answer


def _clock_loop(analyzer: Analyzer, resolver: Resolver, loop: Node) -> Ranges | None:
    """For a loop that tests the clock, the byte ranges that do not run while it spins;
    None for other loops (target-independent, so computed once per package view)."""
    if cannot_spin(loop) or is_counted(loop):
        return None
    shape = loop_shape(analyzer, loop)
    conditions = [c for c in (loop_condition(loop),) if c is not None]
    conditions += shape.exit_conditions
    if not any(reads_clock(c, resolver) for c in conditions):
        return None
    return shape.exit_branches


RULE = ClockBusyWait()
