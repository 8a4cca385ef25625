"""WV206 callback-sleeps: time.Sleep inside a js.FuncOf callback keeps the JS event loop
paused for the whole sleep."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import js_callbacks
from wasmvet.analysis.effects import Analyzer, walk
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Applicability, Fix, Severity
from wasmvet.fixes.goroutine import wrap_in_goroutine
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule

SLEEP = "time.Sleep"


class CallbackSleeps(Rule):
    code = "WV206"
    name = "callback-sleeps"
    summary = (
        "time.Sleep inside a js.FuncOf callback pauses the JS event loop for the whole sleep: "
        "timers, input and rendering wait."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    fix = "unsafe"
    facts = ("js.callback-sleep", "js.callback-blocks-event-loop")
    doc = """
## What it flags
A `time.Sleep` that a `js.FuncOf` callback runs before it returns: in the callback's body,
or in a function of the package it calls (found through plain calls, not through goroutines
or function literals it starts).

## Why it fails
While a callback runs, the JavaScript event loop is paused: wasm_exec.js is inside the call
into Go, and the Go runtime returns to JavaScript only when no event handler is running.
A sleep inside the callback therefore holds the event loop for its whole duration, on every
js host: a page freezes (no rendering, no input), timers are late, and the events that
arrived meanwhile then run one after another. A "debounce" written as sleep-then-check in an
input handler never debounces: each keystroke's handler runs only after the previous one has
finished sleeping, so every one of them sees itself as the latest.

## Example
```go
js.FuncOf(func(this js.Value, args []js.Value) any {
	time.Sleep(300 * time.Millisecond) // the page is frozen for 300 ms
	search(args[0].String())
	return nil
})
```

## Use instead
Start a goroutine for the delayed work and return at once; for a debounce, use a timer
(`time.AfterFunc`, reset on each event):
```go
js.FuncOf(func(this js.Value, args []js.Value) any {
	query := args[0].String()
	go func() {
		time.Sleep(300 * time.Millisecond)
		search(query)
	}()
	return nil
})
```

## Fix safety
The fix runs the callback's body in a goroutine. It is unsafe: the callback then returns
`nil` to JavaScript at once instead of its result.

## References
- `$GOROOT/src/runtime/lock_js.go` (`beforeIdle`, `handleEvent`), `$GOROOT/src/syscall/js/func.go`
- Oracle cases: `tests/oracle/cases/WV206/callback_sleep_bad.go`,
  `tests/oracle/cases/WV206/callback_sleep_goroutine_good.go`
"""

    def check(self, ctx: RuleContext) -> None:
        analyzer = ctx.analyzer
        for callback in js_callbacks(analyzer):
            sleeps = _sleeps(analyzer, callback.body)
            if not sleeps:
                continue
            gofile = ctx.package.file_of(callback.function)
            edit = wrap_in_goroutine(gofile, callback.function, ctx.resolver(gofile))
            fix = (
                Fix(Applicability.UNSAFE, "Run the callback's work in a goroutine", (edit,))
                if edit is not None
                else None
            )
            for node, sleep in sleeps:
                what = "`time.Sleep`"
                related = [ctx.related(callback.funcof, "the callback is created here")]
                if node != sleep:
                    what = f"`{_callee(node)}()`, which calls `time.Sleep`,"
                    related.append(ctx.related(sleep, "the sleep is here"))
                ctx.report(
                    node,
                    f"this js.FuncOf callback sleeps ({what} before it returns): the JavaScript "
                    "event loop stays paused for the whole sleep, so timers, input events and "
                    "rendering wait behind it (start a goroutine for the delayed work)",
                    related=related,
                    fix=fix,
                )


def _sleeps(analyzer: Analyzer, body: Node) -> list[tuple[Node, Node]]:
    """(where to report, the sleep) for each sleep ``body`` runs before it returns: a
    ``time.Sleep`` call, or a call of a package function that sleeps (once per function)."""
    found: list[tuple[Node, Node]] = []
    resolver = analyzer.resolver_for(body)
    for node in walk(body):
        if node.type != "call_expression":
            continue
        func = node.child_by_field_name("function")
        if func is None:
            continue
        if resolver.qualified(func) == SLEEP:
            if not _sleeps_zero(node):
                found.append((node, node))
            continue
        for decl in _package_callees(analyzer, node, func):
            inner = analyzer.memo(
                "wv206-sleep", decl, "", partial(_function_sleep, analyzer, decl), None
            )
            if inner is not None:
                found.append((node, inner))
                break
    return found


def _package_callees(analyzer: Analyzer, call: Node, func: Node) -> list[Node]:
    """The package's declarations a call reaches: a function by name, or a method of a
    receiver whose type is known (a method name alone would match unrelated methods)."""
    if func.type == "identifier":
        resolver = analyzer.resolver_for(call)
        if resolver.local_declaration(func, text(func)) is not None:
            return []
        return analyzer.package.functions(text(func))
    if func.type == "selector_expression":
        symbol = analyzer.resolver_for(call).call_symbol(call)
        return analyzer.callees("method", symbol) if symbol and symbol.startswith(".") else []
    return []


def _function_sleep(analyzer: Analyzer, decl: Node) -> Node | None:
    """The first ``time.Sleep`` a package function runs before it returns, if any."""
    body = decl.child_by_field_name("body")
    sleeps = _sleeps(analyzer, body) if body is not None else []
    return sleeps[0][1] if sleeps else None


def _sleeps_zero(call: Node) -> bool:
    """``time.Sleep(0)``: returns at once."""
    args = call.child_by_field_name("arguments")
    return args is not None and text(args).replace(" ", "") == "(0)"


def _callee(call: Node) -> str:
    func = call.child_by_field_name("function")
    return text(func) if func is not None else "call"


RULE = CallbackSleeps()
