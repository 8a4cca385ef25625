"""WV205 select-forever-node: main blocks for good waiting for JS callbacks; Node.js then
reports a deadlock once no JS event is pending."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import js_callbacks
from wasmvet.analysis.effects import Analyzer, is_receive, state_key, walk
from wasmvet.analysis.keepalive import keeps_node_alive
from wasmvet.analysis.parsing import block_statements, text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

FACT = "host.js-main-blocks"


class SelectForeverNode(Rule):
    code = "WV205"
    name = "select-forever-node"
    summary = (
        "main blocks forever waiting for JS callbacks: under Node.js the program dies with "
        "'all goroutines are asleep' once no JS event is pending."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    facts = (FACT, "js.event-loop")
    doc = """
## What it flags
In package `main`, a `main` that ends by blocking for good (`select {}`, or a receive from
a channel that nothing sends to or closes) to keep its `js.FuncOf` callbacks callable, when
nothing keeps Node.js's event loop alive (a `setInterval` that is never cleared, a running
`time.Ticker`, a goroutine sleeping in an endless loop) and no callback ends the program
with `os.Exit`.

A warning when the code runs under Node.js (configured, or inferred from `process`,
`require`...); a note when the host is not known (`js = "any"`): most such programs are
written for a page, where they are right; nothing in a browser.

## Why it fails
Under Node.js (`wasm_exec_node.js`) the process lives only while the event loop has work.
Once the last timer has fired and no other event is pending, Node.js starts to exit,
and wasm_exec makes the Go runtime report what it sees: every goroutine is blocked, so it
prints `fatal error: all goroutines are asleep - deadlock!` and exits with status 2, even
though the program did all its work (golang/go#32764). In a browser the page lives on and
`select {}` waits for the next event, as intended.

## Example
```go
func main() {
	js.Global().Call("setTimeout", js.FuncOf(work), 10)
	select {} // Node.js: deadlock once work has run
}
```

## Use instead
Wait for what the program needs and then return (`<-done` on a channel the last callback
closes), or end it with `os.Exit(0)` when its work is done; a Node.js server keeps itself
alive by keeping JS work pending (a listening socket, `setInterval`).

## Fix safety
No automatic fix: when the program should end depends on what it is for.

## References
- `$GOROOT/lib/wasm/wasm_exec_node.js` (the `exit` handler), golang/go#32764
- Oracle cases: `tests/oracle/cases/WV205/`
"""

    def check(self, ctx: RuleContext) -> None:
        if ctx.package.name != "main":
            return
        callbacks = js_callbacks(ctx.analyzer)
        if not callbacks or any(_exits(ctx.analyzer, c.body) for c in callbacks):
            return
        verdict = ctx.on_host(MODEL.fact(FACT).condition)
        if verdict is None or keeps_node_alive(ctx.analyzer) is not None:
            return
        for decl in ctx.package.functions("main"):
            body = decl.child_by_field_name("body")
            statements = block_statements(body) if body is not None else []
            if not statements or not _blocks_forever(ctx.analyzer, statements[-1]):
                continue
            where = f" {verdict.clause}" if verdict.clause else ""
            ctx.report(
                statements[-1],
                "main blocks forever to keep js.FuncOf callbacks alive: once no JS event is "
                "pending, the program ends with `fatal error: all goroutines are asleep - "
                f"deadlock!`{where} (return or os.Exit when the work is done)",
                related=[ctx.related(callbacks[0].funcof, "a callback is created here")],
                severity=verdict.severity,
            )


def _exits(analyzer: Analyzer, body: Node) -> bool:
    """Whether a callback body calls ``os.Exit``: the program ends itself."""
    resolver = analyzer.resolver_for(body)
    return any(
        n.type == "call_expression" and resolver.call_symbol(n) == "os.Exit" for n in walk(body)
    )


def _blocks_forever(analyzer: Analyzer, statement: Node) -> bool:
    """``select {}``, or a receive from a channel nothing in the package sends to or closes."""
    if statement.type == "select_statement":
        return not any(c.type != "comment" for c in statement.named_children)
    node = statement.named_child(0) if statement.type == "expression_statement" else None
    if node is None or not is_receive(node):
        return False
    operand = node.child_by_field_name("operand")
    if operand is not None and operand.type == "call_expression":
        return text(operand.child_by_field_name("function") or operand) == "make"
    key = state_key(operand)
    return key is not None and not _fed(analyzer, key)


def _fed(analyzer: Analyzer, key: str) -> bool:
    """Whether the package sends on, closes or passes on the channel named ``key``."""
    for gofile in analyzer.package.files:
        for send in gofile.index.all("send"):
            if state_key(send.child_by_field_name("channel")) == key:
                return True
        for call in gofile.index.all("call"):
            args = call.child_by_field_name("arguments")
            if args is not None and any(state_key(a) == key for a in args.named_children):
                return True  # close(ch), or handed to code that may send
    return False


RULE = SelectForeverNode()
