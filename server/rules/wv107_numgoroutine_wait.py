"""WV107 numgoroutine-wait: a loop waits for runtime.NumGoroutine() to drop to 1."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.effects import walk
from wasmvet.analysis.loops import loop_condition, loop_header_end, loop_shape, loops
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL
from wasmvet.targets import TARGETS

SYMBOL = "runtime.NumGoroutine"
TOPIC = "goroutine-count"
#: ``count OP k`` holds while the loop goes on: the count the loop waits for, as a function
#: of k (None: it waits for the count to rise, which this rule does not judge).
_WHILE = {">": lambda k: k, "!=": lambda k: k, ">=": lambda k: k - 1}
#: ``count OP k`` ends the loop (an ``if ... { break }``).
_UNTIL = {"<=": lambda k: k, "==": lambda k: k, "<": lambda k: k - 1}
_FLIPPED = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "==": "==", "!=": "!="}


class NumGoroutineWait(Rule):
    code = "WV107"
    name = "numgoroutine-wait"
    summary = "A loop waits for runtime.NumGoroutine() to drop to 1, which wasm runtimes miscount."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    doc = """
## What it flags
A loop that goes on until `runtime.NumGoroutine()` drops to 1 (or 0), as a way to wait for
goroutines to finish: `for runtime.NumGoroutine() > 1 { time.Sleep(ms) }`, or an
`if runtime.NumGoroutine() == 1 { break }` inside a loop, on targets whose runtime model
says the count is not what native Go reports. A loop that also never yields is WV101 as well:
yielding in it (WV101's fix) still leaves this wait.

## Why it fails
- **go-js**: whenever the scheduler goes idle, the js runtime starts a goroutine of its own
  (`handleAsyncEvent` in `runtime/lock_js.go`) to wait for the next JavaScript event. Once
  the program has slept or waited, the count never falls below 2: the loop never ends.
- **TinyGo**: `NumGoroutine` is a stub that always returns 1, so the loop ends at once,
  before the goroutines it waits for have finished.

## Example
```go
for i := 0; i < 4; i++ {
	go work(i)
}
for runtime.NumGoroutine() > 1 { // never ends on js/wasm
	time.Sleep(time.Millisecond)
}
```

## Use instead
Wait for the goroutines themselves: a `sync.WaitGroup`, or a channel each one signals on.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/runtime/lock_js.go` (`beforeIdle`, `handleAsyncEvent`)
- TinyGo `src/runtime/debug.go` ("Stub for NumGoroutine, does not return the real value")
- Oracle cases: `tests/oracle/cases/WV107/`
"""

    def check(self, ctx: RuleContext) -> None:
        facts = [
            f for f in MODEL.symbol_facts(SYMBOL, ctx.target.id, ctx.versions) if f.topic == TOPIC
        ]
        if not facts:
            return
        for gofile in ctx.package.files:
            marks = [m.start() for m in _NAME.finditer(gofile.source.data)]
            if not marks:
                continue
            resolver = ctx.resolver(gofile)
            for loop in loops(gofile):
                if not _mentions(marks, loop):
                    continue
                awaited = _awaited_count(ctx, loop, resolver.call_symbol)
                if awaited is None or awaited > 1:
                    continue
                ctx.report(
                    loop,
                    f"waits for `runtime.NumGoroutine()` to drop to {awaited}, but on wasm it "
                    f"{facts[0].summary} (wait on a sync.WaitGroup instead)",
                    end_point=loop_header_end(loop),
                )


_NAME = re.compile(rb"NumGoroutine")


def _mentions(marks: list[int], loop: Node) -> bool:
    """Whether one of the file's ``NumGoroutine`` offsets ``marks`` lies in the loop's text
    (a bisection: copying the text of each loop of a nest of n is quadratic)."""
    i = bisect.bisect_left(marks, loop.start_byte)
    return i < len(marks) and marks[i] + len(b"NumGoroutine") <= loop.end_byte


def _awaited_count(
    ctx: RuleContext, loop: Node, symbol_of: Callable[[Node], str | None]
) -> int | None:
    """The goroutine count the loop waits for, from its condition (``count > 1`` goes on
    while true) or an exit condition (``if count == 1 { break }``); None if it compares
    ``runtime.NumGoroutine()`` with no constant."""
    condition = loop_condition(loop)
    found = [(condition, _WHILE)] if condition is not None else []
    found += [(c, _UNTIL) for c in loop_shape(ctx.analyzer, loop).exit_conditions]
    for cond, table in found:
        for node in walk(cond):
            if node.type != "binary_expression":
                continue
            count = _compared_count(node, table, symbol_of)
            if count is not None:
                return count
    return None


def _compared_count(
    node: Node, table: dict[str, Callable[[int], int]], symbol_of: Callable[[Node], str | None]
) -> int | None:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    operator = node.child_by_field_name("operator")
    if left is None or right is None or operator is None:
        return None
    op = text(operator)
    if right.type == "call_expression" and left.type == "int_literal":
        left, right, op = right, left, _FLIPPED.get(op, op)
    if left.type != "call_expression" or right.type != "int_literal" or op not in table:
        return None
    if symbol_of(left) != SYMBOL:
        return None
    try:
        return table[op](int(text(right), 0))
    except ValueError:
        return None


RULE = NumGoroutineWait()
