"""WV106 endless-busy-loop: a loop that never ends and never yields takes the only thread."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.effects import walk
from wasmvet.analysis.loops import is_counted, loop_condition, loop_header_end, loops
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import SCHEDULED_TARGETS

#: Calls that end the goroutine or the program from inside a loop.
_ENDS = ("panic(", "os.Exit(", "log.Fatal", "log.Panic", "runtime.Goexit(")
_BREAKABLE = ("for_statement", "expression_switch_statement", "type_switch_statement")
_NESTED_FUNCTIONS = frozenset({"func_literal"})


class EndlessBusyLoop(Rule):
    code = "WV106"
    name = "endless-busy-loop"
    summary = "A loop with no way out never yields: on wasm nothing else ever runs again."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = SCHEDULED_TARGETS
    facts = ("scheduler.no-preemption", "scheduler.one-p", "tinygo.scheduler.cooperative")
    doc = """
## What it flags
A `for` loop with no condition and no way out (no `break`, `return`, `goto`, `panic`,
`os.Exit`, `log.Fatal` or `runtime.Goexit` in it) whose body, and the functions of the
package it calls, never yield to the scheduler: `for {}` left to keep `main` alive, or a
compute loop in a goroutine that runs until the process is killed.

Loops that block, sleep, send or receive, or call `runtime.Gosched` are not flagged, nor are
loops that call functions the runtime model cannot classify (they may yield). A loop that
waits for a condition some other code must change is WV101.

## Why it fails
WebAssembly has one thread. Go's wasm ports run one P with no sysmon and no asynchronous
preemption, so a goroutine runs until it blocks. A loop that never blocks and never ends
keeps the only thread: no other goroutine, timer or (on js/wasm) JavaScript callback ever runs
again, and in a browser the page freezes. Natively the same program keeps working, because
the other goroutines run on other threads while this one burns a CPU.

## Example
```go
func main() {
	go serve()
	for { // serve never runs on wasm
	}
}
```

## Use instead
Block instead of spinning: `select {}` keeps `main` alive without using the thread; wait on a
channel or a `sync.WaitGroup` for work to finish. A compute loop that must run forever should
call `runtime.Gosched()` in each iteration (or sleep) so the rest of the program can run.

## Fix safety
No automatic fix: whether to block (`select {}`) or to yield in each iteration depends on what
the loop is for.

## References
- golang/go#71134 (async preemption for wasm), golang/go#65178
- `$GOROOT/src/runtime/proc.go` (`haveSysmon`), `$GOROOT/src/runtime/os_wasm.go`
- Oracle cases: `tests/oracle/cases/WV106/`
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            for loop in loops(gofile):
                if not ctx.analyzer.memo("wv106-endless", loop, "", partial(_endless, loop), False):
                    continue
                if not ctx.analyzer.never_yields(loop, ctx.target.id):
                    continue
                ctx.report(
                    loop,
                    "this loop never ends and never yields: on wasm's one thread no other "
                    "goroutine, timer or callback runs again (block with `select {}` or "
                    "call `runtime.Gosched()` in it)",
                    end_point=loop_header_end(loop),
                )


def _endless(loop: Node) -> bool:
    """A loop with no condition and nothing in its body that leaves it."""
    clause = loop.named_child(0)
    if loop_condition(loop) is not None or is_counted(loop):
        return False
    if clause is not None and clause.type == "range_clause":
        return False
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    label = _label_of(loop)
    for node in walk(body, skip=_NESTED_FUNCTIONS):
        kind = node.type
        if kind in ("return_statement", "goto_statement"):
            return False
        if kind == "break_statement" and _breaks_out(node, loop, label):
            return False
        if kind == "call_expression" and text(node).startswith(_ENDS):
            return False
    return True


def _label_of(loop: Node) -> str | None:
    parent = loop.parent
    if parent is None or parent.type != "labeled_statement":
        return None
    label = parent.child_by_field_name("label")
    return text(label) if label is not None else None


def _breaks_out(statement: Node, loop: Node, label: str | None) -> bool:
    """Whether a ``break`` leaves ``loop``: a labelled one naming it, or a plain one whose
    nearest enclosing for, switch or select is ``loop``."""
    target = statement.named_child(0) if statement.named_child_count else None
    if target is not None and target.type == "label_name":
        return text(target) == label
    node = statement.parent
    while node is not None and node != loop:
        if node.type in (*_BREAKABLE, "select_statement"):
            return False
        node = node.parent
    return node == loop


RULE = EndlessBusyLoop()
