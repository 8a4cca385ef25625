"""WV104 gomaxprocs-no-effect: runtime.GOMAXPROCS(n) cannot raise parallelism on wasm."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.calls import all_model_calls
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import TARGETS


class GomaxprocsNoEffect(Rule):
    code = "WV104"
    name = "gomaxprocs-no-effect"
    summary = "runtime.GOMAXPROCS(n) returns 1 and leaves GOMAXPROCS at 1 on wasm."
    severity = Severity.INFO
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    facts = ("scheduler.one-p", "tinygo.scheduler.defaults")
    doc = """
## What it flags
`runtime.GOMAXPROCS(n)` with an argument other than `0` (a note).

## Why it matters
WebAssembly has no threads: the runtime clamps GOMAXPROCS to 1 (`runtime/debug.go`:
"WebAssembly has no threads yet"). The call returns 1 and changes nothing, so code that sets it
to get parallel speed-up runs its goroutines one at a time, and code that needs two goroutines
to run at once (hand-off protocols, spin barriers) hangs; wasmvet flags those loops as WV101.

## Example
```go
runtime.GOMAXPROCS(8) // still 1 on wasm
```

## Use instead
Nothing: on wasm, parallelism comes from the host (Web Workers, several module instances).

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/runtime/debug.go`; golang/go#28631
"""

    def check(self, ctx: RuleContext) -> None:
        for call in all_model_calls(ctx.analyzer):
            if call.symbol != "runtime.GOMAXPROCS":
                continue
            args = call.node.child_by_field_name("arguments")
            arg = args.named_child(0) if args is not None and args.named_child_count else None
            if arg is None or text(arg) == "0":
                continue
            ctx.report(
                call.node,
                f"`{text(call.node)}` has no effect on wasm: GOMAXPROCS is always 1 and "
                "goroutines never run in parallel",
            )


RULE = GomaxprocsNoEffect()
