"""WV104 gomaxprocs-no-effect: runtime.GOMAXPROCS(n) cannot raise parallelism on wasm."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.calls import all_model_calls
from wasmvet.analysis.constants import ConstantEvaluator
from wasmvet.analysis.parallel_waits import busy_waits_after
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import SCHEDULED_TARGETS, TARGETS


class GomaxprocsNoEffect(Rule):
    code = "WV104"
    name = "gomaxprocs-no-effect"
    summary = (
        "runtime.GOMAXPROCS(n) leaves GOMAXPROCS at 1 on wasm; a warning when code after it "
        "busy-waits for a parallel goroutine."
    )
    severity = Severity.INFO
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    facts = ("scheduler.one-p", "tinygo.scheduler.defaults")
    doc = """
## What it flags
`runtime.GOMAXPROCS(n)` with an argument other than `0`: a note, or, when `n` may be more
than 1, a warning if code that runs after the call (in the same function, the goroutines it
starts, or the package functions it calls) depends on goroutines running in parallel: a loop
that never yields, has no exit of its own, and waits for state another goroutine writes (a
busy-wait on a flag, a spin barrier).

## Why it matters
WebAssembly has no threads: the runtime clamps GOMAXPROCS to 1 (`runtime/debug.go`:
"WebAssembly has no threads yet"), on every wasm target. The call returns 1 and changes
nothing. Code that sets it for speed merely runs its goroutines one at a time (a note). Code
that sets it because it needs two goroutines to run at once hangs: with one P and no
preemption, the goroutine that would end the busy-wait never runs while it spins (a warning;
WV101 flags the loop itself). Natively the same program works.

## Example
```go
runtime.GOMAXPROCS(4) // a warning: still 1 on wasm
var arrived atomic.Int32
for i := 0; i < 4; i++ {
	go func() { arrived.Add(1) }()
}
for arrived.Load() < 4 { // spin barrier: hangs on wasm
}
```

## Use instead
Wait on something that blocks (`sync.WaitGroup`, a channel); then GOMAXPROCS only affects
speed. On wasm, parallelism comes from the host (Web Workers, several module instances).

## Fix safety
No automatic fix (WV101 offers one for the loop).

## References
- `$GOROOT/src/runtime/debug.go`; golang/go#28631
- `tests/oracle/cases/WV104/gomaxprocs_barrier_bad.go` (hangs on Node and wasmtime)
"""

    def check(self, ctx: RuleContext) -> None:
        for call in all_model_calls(ctx.analyzer):
            if call.symbol != "runtime.GOMAXPROCS":
                continue
            args = call.node.child_by_field_name("arguments")
            arg = args.named_child(0) if args is not None and args.named_child_count else None
            if arg is None or text(arg) == "0":
                continue
            asked = ConstantEvaluator(ctx.analyzer.resolver_for(arg)).value(arg)
            more = asked is None or asked.value > 1  # GOMAXPROCS(1) hangs natively too
            scheduled = ctx.target.id in SCHEDULED_TARGETS  # else no goroutine ever starts
            waits = (
                busy_waits_after(ctx.analyzer, call.node, ctx.target.id)
                if more and scheduled
                else []
            )
            if not waits:
                ctx.report(
                    call.node,
                    f"`{text(call.node)}` has no effect on wasm: GOMAXPROCS is always 1 and "
                    "goroutines never run in parallel",
                )
                continue
            ctx.report(
                call.node,
                f"`{text(call.node)}` has no effect on wasm and the code after it needs "
                "goroutines to run in parallel: GOMAXPROCS stays 1 on wasm, so the goroutine "
                "that would end this wait never runs while it spins",
                severity=Severity.WARNING,
                related=[
                    ctx.related(loop, "busy-waits here for another goroutine, without yielding")
                    for loop in waits[:3]
                ],
            )


RULE = GomaxprocsNoEffect()
