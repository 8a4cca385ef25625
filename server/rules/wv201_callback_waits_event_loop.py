"""WV201 callback-waits-for-event-loop: a js.FuncOf callback waits on the paused event loop."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import (
    Callback,
    EventLoopWait,
    find_event_loop_waits,
    js_callbacks,
)
from wasmvet.diagnostics import Applicability, Fix, Severity
from wasmvet.fixes.goroutine import wrap_in_goroutine
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule


class CallbackWaitsForEventLoop(Rule):
    code = "WV201"
    name = "callback-waits-for-event-loop"
    summary = "A js.FuncOf callback waits for something only the JavaScript event loop can deliver."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    fix = "unsafe"
    facts = ("js.callback-blocks-event-loop", "js.event-loop")
    doc = """
## What it flags
Inside a function passed to `js.FuncOf` (directly, in an in-package function it calls, or
in a dependency function it calls, reported at the call with the trace that leads there),
a wait that only the JavaScript event loop can end:
- receiving from a channel that is only sent to (or closed) from other JS callbacks (the
  usual way to await a Promise: `p.Call("then", js.FuncOf(func(...) any { ch <- v; ... }))`
  then `<-ch`), also when a function of the package returns that channel
  (`<-nextFrame()`);
- `net/http` requests in a browser, where they run through `fetch` (under Node.js the
  client dials Go's in-process network, which needs no JS event: a request to the
  program's own listener is served, one to a real server is refused at once, see WV318);
- console and file I/O under Node.js (`fmt.Println`, `log.Print`, `os.WriteFile`, ...),
  whose asynchronous `fs` callbacks need the event loop: a warning that names the host
  (`under Node.js; fine in a browser`), and nothing when the package runs in a browser
  (`[host] js = "browser"`, `--js-host browser`, or inferred from DOM globals such as
  `document`), where wasm_exec.js's stub `fs` calls back at once.

Goroutines started from the callback (`go func() { ... }()`) are not flagged: that is the fix.

## Why it fails
While a `js.FuncOf` callback runs, the JavaScript event loop is paused until it returns. A
Promise, a `fetch`, a timer or an `fs` callback can therefore never settle, and the callback
waits forever: the Go runtime reports `fatal error: all goroutines are asleep - deadlock!`.
This is documented on `syscall/js.FuncOf`. Only `go-js` has callbacks.

## Example
```go
js.FuncOf(func(this js.Value, args []js.Value) any {
	resp, err := http.Get(url) // deadlocks
	...
})
```

## Use instead
Start a goroutine for the blocking work and return at once; deliver the result through a
Promise or another callback:
```go
js.FuncOf(func(this js.Value, args []js.Value) any {
	go func() {
		resp, err := http.Get(url)
		...
	}()
	return nil
})
```

## Fix safety
The fix moves the callback's statements before its final `return` into `go func() { ... }()`,
so that the callback returns at once (the example above becomes the code under *Use instead*).
It is unsafe: the callback now returns before its work is done. JavaScript that relies on
what the callback did by the time it returns (a value it stored, `event.preventDefault()`,
which only counts while the event is being dispatched) sees it happen later, and a panic in
the work no longer unwinds through the JavaScript caller. It is the editor's preferred quick
fix nonetheless, since it is the usual remedy.

The fix is offered only where the callback's result cannot depend on the moved work: a
`func` literal (not a named function, which other code may call) with one unnamed result,
whose body ends with `return` of a constant (`nil`, a literal, `js.Undefined()`,
`js.Null()`), and whose other `return` statements (outside nested `func` literals) return the
same constant; these become a bare `return`, which ends the goroutine where it ended the
callback. A wait inside an in-package function the callback calls is covered too: the call
moves into the goroutine. No fix is offered when a moved line holds a comment or raw string
spanning lines, or a `return` with a comment after it (re-indenting would change their text
or alignment).

## References
- `$GOROOT/src/syscall/js/func.go` (the `FuncOf` documentation)
- golang/go#25902, golang/go#26382, golang/go#39928, golang/go#41310
"""

    def check(self, ctx: RuleContext) -> None:
        for callback in js_callbacks(ctx.analyzer):
            waits = find_event_loop_waits(ctx.analyzer, callback.body, ctx.target.id)
            fix = _goroutine_fix(ctx, callback) if waits else None
            for wait in waits:
                self._report(ctx, callback.funcof, wait, fix)

    def _report(self, ctx: RuleContext, funcof: Node, wait: EventLoopWait, fix: Fix | None) -> None:
        verdict = ctx.on_host(wait.condition)
        if verdict is None:
            return
        where = f" {verdict.clause}" if verdict.clause else ""
        message = (
            f"this js.FuncOf callback waits for {wait.what}, which needs the JavaScript event "
            "loop; the event loop is paused while the callback runs, so the program deadlocks"
            f"{where} (start a goroutine for the blocking work)"
        )
        related = [ctx.related(funcof, "the callback is created here")]
        related += [ctx.related(n, note) for n, note in wait.related]
        trace = ctx.trace(wait.reach) if wait.reach is not None else ()
        ctx.report(
            wait.node, message, related=related, fix=fix, severity=verdict.severity, trace=trace
        )


def _goroutine_fix(ctx: RuleContext, callback: Callback) -> Fix | None:
    gofile = ctx.package.file_of(callback.function)
    edit = wrap_in_goroutine(gofile, callback.function, ctx.resolver(gofile))
    if edit is None:
        return None
    message = "Run the callback's work in a goroutine"
    return Fix(Applicability.UNSAFE, message, (edit,), preferred=True)


RULE = CallbackWaitsForEventLoop()
