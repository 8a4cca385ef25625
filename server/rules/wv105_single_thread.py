"""WV105 single-thread: notes where code asks about CPUs or OS threads, which wasm has one of."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.calls import all_model_calls
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import TARGETS

NOTES = {
    "runtime.NumCPU": "is always 1 on wasm",
    "runtime.GOMAXPROCS": "is always 1 on wasm",
    "runtime.LockOSThread": "is a no-op on wasm: there is only one OS thread",
    "runtime.UnlockOSThread": "is a no-op on wasm: there is only one OS thread",
    "runtime/debug.SetMaxThreads": "has no effect on wasm: the runtime never starts more threads",
}


def _shrunk(call: Node) -> bool:
    """``NumCPU() - k`` and the like, which WV103 reports."""
    parent = call.parent
    if parent is None or parent.type != "binary_expression":
        return False
    op = parent.child_by_field_name("operator")
    return (
        parent.child_by_field_name("left") == call
        and op is not None
        and text(op)
        in (
            "-",
            "/",
            ">>",
        )
    )


class SingleThread(Rule):
    code = "WV105"
    name = "single-thread"
    summary = (
        "Notes on NumCPU/GOMAXPROCS reads, LockOSThread and SetMaxThreads: wasm has one thread."
    )
    severity = Severity.INFO
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    facts = ("scheduler.one-p", "tinygo.scheduler.defaults")
    doc = """
## What it flags
Reading `runtime.NumCPU()` or `runtime.GOMAXPROCS(0)`, `runtime.LockOSThread`, and
`debug.SetMaxThreads` (notes, never failures). Arithmetic that turns the CPU count into zero is
WV103; setting GOMAXPROCS is WV104.

## Why it matters
Each answers for one thread on wasm: `NumCPU` and `GOMAXPROCS(0)` return 1, `LockOSThread` has
nothing to pin, and `SetMaxThreads` limits threads that are never created. Code sized or tuned
by these values behaves as on a one-CPU machine.

## Example
```go
pool := make(chan struct{}, runtime.NumCPU()) // capacity 1 on wasm
```

## Use instead
Nothing is wrong by itself; check that one worker is enough.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/runtime/os_wasm.go`, `$GOROOT/src/runtime/debug.go`
"""

    def check(self, ctx: RuleContext) -> None:
        for call in all_model_calls(ctx.analyzer):
            note = NOTES.get(call.symbol)
            if note is None:
                continue
            if call.symbol == "runtime.GOMAXPROCS":
                args = call.node.child_by_field_name("arguments")
                if args is None or text(args) not in ("(0)", "(-1)"):
                    continue
            if call.symbol in ("runtime.NumCPU", "runtime.GOMAXPROCS") and _shrunk(call.node):
                continue  # WV103 speaks for it
            ctx.report(call.node, f"`{text(call.node)}` {note}")


RULE = SingleThread()
