"""WV506 tinygo-recover: recover() never recovers on TinyGo's wasm targets (up to 0.41)."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL
from wasmvet.targets import TINYGO_TARGETS

RECOVER = frozenset({"recover"})


class TinygoRecover(Rule):
    code = "WV506"
    name = "tinygo-recover"
    summary = "recover() always returns nil on TinyGo wasm: a panic aborts the program."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = TINYGO_TARGETS
    facts = ("tinygo.recover",)
    doc = """
## What it flags
Calls of the builtin `recover()` when the configured TinyGo release cannot recover on wasm
(every release read, up to 0.41); also a call into a dependency function that runs one (a
`defer handleErr(&err)` whose helper recovers, as parsers do), reported at the call with the
trace that leads to the `recover()`.

## Why it fails
TinyGo does not implement unwinding on WebAssembly: `recover()` returns nil, and a panic
prints `panic: ...` and traps without running deferred calls. Error handling built on
panic/recover (parsers, HTTP handler guards, "must" helpers wrapped in recover) turns every
recoverable error into a crash.

## Example
```go
defer func() {
	if r := recover(); r != nil { // never true under TinyGo wasm
		err = fmt.Errorf("parse: %v", r)
	}
}()
```

## Use instead
Return errors instead of panicking; validate input before the call that may panic.

## Fix safety
No automatic fix.

## References
- TinyGo `compiler/defer.go` (`supportsRecover` is false for wasm32), `src/runtime/panic.go`
- TinyGo docs: reference/lang-support ("with the notable exception of WebAssembly")
"""

    def check(self, ctx: RuleContext) -> None:
        fact = MODEL.fact_holds("tinygo.recover", ctx.target.id, ctx.versions)
        if fact is None:
            return
        for gofile in ctx.package.files:
            resolver = ctx.resolver(gofile)
            for call, _ in resolver.predeclared_calls(RECOVER):
                ctx.report(
                    call,
                    f"`recover()` always returns nil on {ctx.release} wasm: a "
                    "panic aborts the program without running deferred calls",
                )
        for dep_call in ctx.dependency_calls():
            steps = dep_call.summary.recovers
            if steps:
                ctx.report(
                    dep_call.node,
                    f"`{dep_call.summary.function}` relies on `recover()` (in "
                    f"`{steps[-1].function}`), which always returns nil on {ctx.release} "
                    "wasm: a panic there aborts the program instead of becoming an error",
                    trace=ctx.trace(steps),
                )


RULE = TinygoRecover()
