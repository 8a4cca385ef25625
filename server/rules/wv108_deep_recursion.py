"""WV108 deep-recursion: recursion driven deeper than the host's wasm call stack allows."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.parsing import text
from wasmvet.analysis.recursion import DeepCall, deep_calls
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL


class DeepRecursion(Rule):
    code = "WV108"
    name = "deep-recursion"
    summary = (
        "Recursion driven tens of thousands of calls deep overflows the wasm call stack, "
        "where native Go's stack just grows."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    facts = ("wasm.call-stack-depth",)
    doc = """
## What it flags
A call of a self-recursive function or method (`t.walk(n - 1)` on its own receiver) whose
depth the code shows and which is deeper than the smallest wasm call stack of the target's
hosts (the model's `[[call_stack]]` table): a parameter counted down by a constant
(`f(n - 1)`) called with a constant, or a slice cut from the front (`f(xs[1:])`) or a list
followed field by field (`f(node.next)`) built by a loop with a constant bound before the
call. Ordinary tree recursion (two children), halving, and inputs of a size the code does
not show are not flagged.

The message names the hosts whose stack is too small and those whose stack would hold it
(`go_wasip1_wasm_exec` gives wasmtime 8 MiB; `wasmtime run` and hosts embedding wasmtime
keep the default 512 KiB, so depending on a bigger stack is still a warning).

## Why it fails
Every Go call is a wasm call, and wasm runs on the host's fixed call stack. A minimal
recursive function overflows at about 71,500 frames under Node.js and 70,700 in Chromium
(`RangeError: Maximum call stack size exceeded`), at 43,400 under wasmtime's default 512 KiB
wasm stack and about 698,000 with the 8 MiB that Go's `go_wasip1_wasm_exec` asks for
(`wasm trap: call stack exhausted`); bigger frames overflow sooner. Natively goroutine stacks
grow up to 1 GB, so the same code works there.

## Example
```go
func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

fmt.Println(sum(100_000)) // 100,000 frames: RangeError under Node.js
```

## Use instead
A loop, or an explicit stack (a slice of pending work) instead of the call stack.

## Fix safety
No automatic fix.

## References
- Measured with go1.27.3: the `[[call_stack]]` entries in `runtime_model/data/go-hosts.toml`
- `$GOROOT/lib/wasm/go_wasip1_wasm_exec` (`-W max-wasm-stack=8388608`)
- Oracle cases: `tests/oracle/cases/WV108/`
"""

    def check(self, ctx: RuleContext) -> None:
        stacks = MODEL.call_stacks(ctx.target.id)
        if not stacks:
            return
        for deep in deep_calls(ctx.analyzer, stacks[0][1]):
            self._report(ctx, deep, stacks)

    def _report(self, ctx: RuleContext, deep: DeepCall, stacks: list[tuple[str, int]]) -> None:
        over = [f"{host} (~{frames:,} frames)" for host, frames in stacks if deep.depth > frames]
        fine = [f"{host} (~{frames:,})" for host, frames in stacks if deep.depth <= frames]
        name = text(deep.recursion.decl.child_by_field_name("name") or deep.recursion.decl)
        where = "; a host with a bigger stack avoids it: " + ", ".join(fine) if fine else ""
        ctx.report(
            deep.call,
            f"`{name}` recurses about {deep.depth:,} calls deep here ({deep.why}): that "
            f"overflows the wasm call stack on {', '.join(over)}{where}; natively Go's stack "
            "grows (use a loop or an explicit stack)",
            related=[ctx.related(deep.recursion.call, "the recursive call")],
        )


RULE = DeepRecursion()
