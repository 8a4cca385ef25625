"""WV505 tinygo-no-scheduler: goroutines and waits on a TinyGo target built without a scheduler."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.calls import all_model_calls
from wasmvet.analysis.dependencies import DepPackage
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import DependencyCall, RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL, Status


class TinygoNoScheduler(Rule):
    code = "WV505"
    name = "tinygo-no-scheduler"
    summary = "A go statement or a wait where TinyGo has no scheduler: build error or panic."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"tinygo-wasm-unknown"})
    facts = ("tinygo.scheduler.none", "tinygo.tags.wasm-unknown")
    doc = """
## What it flags
On `tinygo-wasm-unknown`, whose default scheduler is `none`: every `go` statement, `select {}`,
and calls that must wait for another goroutine (`sync.WaitGroup.Wait`, `sync.Cond.Wait`;
`runtime.Gosched` up to TinyGo 0.34, which pauses even without a scheduler: since TinyGo
0.38 at least, it returns at once there), also inside a dependency function the package
calls, and a `go` statement or `select {}` such a function runs (reported at the call, with
the trace that leads there; not goroutines started by function literals a dependency hands
on without calling them).

## Why it fails
Without a scheduler there is only the calling goroutine. TinyGo refuses to build a reachable
`go` statement (`attempted to start a goroutine without a scheduler`), and anything that would
have to park panics at run time with `scheduler is disabled`; on wasm-unknown the message is
lost too, because stdout is discarded.

## Example
```go
//go:wasmexport process
func process() {
	go flush() // build error under -target=wasm-unknown
}
```

## Use instead
Do the work synchronously, or build for a target with a scheduler (`tinygo-wasip1`, or
`-scheduler=asyncify`, which costs binary size).

## Fix safety
No automatic fix.

## References
- TinyGo `transform/optimizer.go` (the build error), `src/internal/task/task_none.go`
  (the panics), `targets/wasm-unknown.json` (scheduler none)
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            for node in gofile.index.all("boundary"):
                if node.type == "go_statement":
                    ctx.report(
                        node,
                        "`go` statement on tinygo-wasm-unknown, which has no scheduler: the "
                        "build fails with `attempted to start a goroutine without a scheduler`",
                    )
            for select in _empty_selects(None, gofile):
                ctx.report(
                    select,
                    "`select {}` on tinygo-wasm-unknown blocks forever without a scheduler: "
                    "it panics with `scheduler is disabled`",
                )
        for call in all_model_calls(ctx.analyzer):
            for fact in MODEL.symbol_facts(call.symbol, ctx.target.id, ctx.versions):
                if fact.topic == "scheduler" and fact.status is Status.RUNTIME_ERROR:
                    ctx.report(
                        call.node,
                        f"`{text(call.node.child_by_field_name('function') or call.node)}` on "
                        f"tinygo-wasm-unknown: {fact.summary} (`{fact.error}`)",
                    )
        for dep_call in ctx.dependency_calls():
            self._check_dependency_call(ctx, dep_call)

    def _check_dependency_call(self, ctx: RuleContext, dep_call: DependencyCall) -> None:
        """A dependency function that starts a goroutine or waits for another one, reported
        at the call."""
        summary = dep_call.summary
        if summary.goroutine:
            ctx.report(
                dep_call.node,
                f"`{summary.function}` starts a goroutine (`go` statement in "
                f"`{summary.goroutine[-1].function}`) on tinygo-wasm-unknown, which has no "
                "scheduler: the build fails with `attempted to start a goroutine without a "
                "scheduler`",
                trace=ctx.trace(summary.goroutine),
            )
            return
        view = ctx.dependencies
        blocked = (
            view.trace_to_mark(dep_call.symbol, "select{}", _empty_selects, "select")
            if view
            else ()
        )
        if blocked:
            ctx.report(
                dep_call.node,
                f"`{summary.function}` blocks forever with `select {{}}` (in "
                f"`{blocked[-1].function}`) on tinygo-wasm-unknown, which has no scheduler: "
                "it panics with `scheduler is disabled`",
                trace=ctx.trace(blocked),
            )
            return
        for reach in dep_call.summary.reaches:
            for fact in MODEL.symbol_facts(reach.symbol, ctx.target.id, ctx.versions):
                if fact.topic == "scheduler" and fact.status is Status.RUNTIME_ERROR:
                    short = reach.symbol.rsplit("/", 1)[-1]
                    ctx.report(
                        dep_call.node,
                        f"`{short}` on tinygo-wasm-unknown: {fact.summary} (`{fact.error}`); "
                        f"reached through `{dep_call.summary.function}`",
                        trace=ctx.trace(reach),
                    )
                    return


def _empty_selects(dep: DepPackage | None, gofile: GoFile) -> list[Node]:
    """A file's ``select {}`` statements (of any package: ``dep`` is not needed)."""
    selects = gofile.index.all("select")
    return [s for s in selects if not any(c.type == "communication_case" for c in s.named_children)]


RULE = TinygoNoScheduler()
