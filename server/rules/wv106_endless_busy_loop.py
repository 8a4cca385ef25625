"""WV106 endless-busy-loop: a loop that never ends and never yields takes the only thread."""

from __future__ import annotations

import bisect
from functools import partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.loops import by_declaration, is_counted, loop_condition, loop_header_end
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules._dependency_loops import report_through_dependencies
from wasmvet.rules.base import Rule
from wasmvet.targets import SCHEDULED_TARGETS

#: Calls that end the goroutine or the program from inside a loop.
_ENDS = ("panic(", "os.Exit(", "log.Fatal", "log.Panic", "runtime.Goexit(")
_BREAKABLE = ("for_statement", "expression_switch_statement", "type_switch_statement")


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

A call into a dependency function that runs such a loop (itself or through the calls it
waits for; not in a goroutine it starts nor in a function literal it hands on) is reported
at the call, with the trace to the loop.

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
        analyzer = ctx.analyzer
        for gofile in ctx.package.files:
            # target-independent: found once per package view
            endless = partial(by_declaration, analyzer, gofile, "wv106-none", _endless_loops)
            none: list[Node] = []
            for loop in analyzer.memo("wv106", gofile.source.root, "", endless, none):
                if not ctx.analyzer.never_yields(loop, ctx.target.id):
                    continue
                ctx.report(
                    loop,
                    "this loop never ends and never yields: on wasm's one thread no other "
                    "goroutine, timer or callback runs again (block with `select {}` or "
                    "call `runtime.Gosched()` in it)",
                    end_point=loop_header_end(loop),
                )
        report_through_dependencies(self, ctx)


def _endless_loops(found: list[Node]) -> list[Node]:
    """The loops among ``found`` with no condition and nothing in their body that leaves
    them, in source order, from one walk of each outermost loop (asking each loop on its own
    walks a nest of n loops n times)."""
    endless: set[int] = set()
    starts = sorted(n.start_byte for n in found if _endless(n))  # the only candidates
    end = -1
    for loop in sorted(found, key=lambda n: n.start_byte):
        if loop.start_byte >= end:  # outermost: the loops inside it are decided with it
            end = loop.end_byte
            if bisect.bisect_left(starts, end) > bisect.bisect_left(starts, loop.start_byte):
                endless |= _endless_in(loop)
    return [loop for loop in found if loop.id in endless]


def _endless_in(outermost: Node) -> set[int]:
    """The endless loops in ``outermost`` (itself included), decided bottom-up: whether a
    ``return``, ``goto`` or ending call lies below a node (function literals are
    barriers), and which loop each ``break`` leaves."""
    nodes: list[Node] = []
    parents: list[int] = []
    leaves: list[bool] = []
    left: set[int] = set()  # loops a break leaves
    labels: dict[int, str | None] = {}
    above: dict[int, Node | None] = {}  # a loop's nearest enclosing loop, in one function
    # (node, index of its parent, nearest breakable statement, nearest loop, its label)
    stack: list[tuple[Node, int, Node | None, Node | None, str | None]] = [
        (outermost, -1, None, None, _label_of(outermost))
    ]
    while stack:
        node, parent, breakable, loop, label = stack.pop()
        kind = node.type
        i = len(nodes)
        nodes.append(node)
        parents.append(parent)
        exits = kind in ("return_statement", "goto_statement") or (
            kind == "call_expression" and text(node).startswith(_ENDS)
        )
        leaves.append(exits)
        if kind == "break_statement":
            left.update(n.id for n in _loops_left(node, breakable, loop, labels, above))
        if kind == "for_statement":
            labels[node.id], above[node.id] = label, loop
            breakable = loop = node
        elif kind in (*_BREAKABLE, "select_statement"):
            breakable = node
        elif kind == "func_literal":
            breakable = loop = None
        for child in reversed(node.named_children):
            child_label = None
            if kind == "labeled_statement" and child.type == "for_statement":
                child_label = _label_of_statement(node)
            stack.append((child, i, breakable, loop, child_label))
    for i in range(len(nodes) - 1, 0, -1):  # children before their parents
        if leaves[i] and nodes[i].type != "func_literal":
            leaves[parents[i]] = True
    return {
        n.id
        for i, n in enumerate(nodes)
        if n.type == "for_statement" and not leaves[i] and n.id not in left and _endless(n)
    }


def _loops_left(
    statement: Node,
    breakable: Node | None,
    loop: Node | None,
    labels: dict[int, str | None],
    above: dict[int, Node | None],
) -> list[Node]:
    """The loops a ``break`` leaves: its nearest enclosing breakable statement when that is
    a loop; with a label, every loop from the innermost out to the labelled one (a label on
    a ``switch`` or ``select`` leaves an unknown number of them: all are counted, so the
    rule stays quiet rather than wrong)."""
    target = statement.named_child(0) if statement.named_child_count else None
    if target is None or target.type != "label_name":
        return [breakable] if breakable is not None and breakable.type == "for_statement" else []
    name = text(target)
    climbed: list[Node] = []
    while loop is not None:
        climbed.append(loop)
        if labels.get(loop.id) == name:
            break
        loop = above.get(loop.id)
    return climbed


def _endless(loop: Node) -> bool:
    """A loop with no condition that is not counted nor a range loop (what its body does
    is ``_endless_in``'s part)."""
    clause = loop.named_child(0)
    if loop_condition(loop) is not None or is_counted(loop):
        return False
    if clause is not None and clause.type == "range_clause":
        return False
    return loop.child_by_field_name("body") is not None


def _label_of(loop: Node) -> str | None:
    parent = loop.parent
    if parent is None or parent.type != "labeled_statement":
        return None
    return _label_of_statement(parent)


def _label_of_statement(statement: Node) -> str | None:
    label = statement.child_by_field_name("label")
    return text(label) if label is not None else None


RULE = EndlessBusyLoop()
