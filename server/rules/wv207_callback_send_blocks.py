"""WV207 callback-send-blocks: a js.FuncOf callback sends on an unbuffered channel whose
receiver, between receives, waits for the JS event loop."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import EventLoopWait, find_event_loop_waits, js_callbacks
from wasmvet.analysis.effects import nonblocking_comms, walk
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Declaration, Resolver, top_level
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule

_LOOPS = frozenset({"for_statement"})


class CallbackSendBlocks(Rule):
    code = "WV207"
    name = "callback-send-blocks"
    summary = (
        "A js.FuncOf callback sends on an unbuffered channel whose receiver waits for the JS "
        "event loop between receives: the two wait for each other."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    facts = ("js.callback-blocks-event-loop", "host.js-console")
    doc = """
## What it flags
A send `ch <- v` in a `js.FuncOf` callback (not in a `select` with `default`, nor in a
goroutine the callback starts) on a channel made unbuffered (`make(chan T)`) in the same
function, when the loop that receives from it (`for v := range ch`, or a loop around
`<-ch`) calls something that needs the JavaScript event loop: console output under Node.js
(`fmt.Printf`, `log.Println`), `net/http`, a Promise...

## Why it fails
While a callback runs, the event loop is paused. If a callback (a timer tick, an event)
runs while the receiver is inside, say, `fmt.Printf` under Node.js, whose write completes
through the event loop, the callback blocks on the send until the receiver takes the value,
and the receiver waits for a write the paused event loop never completes: the program
deadlocks (`all goroutines are asleep`). In a browser console output is synchronous, so
`fmt.Printf` does not wait and the same program works; a wait the model marks for every
host (`net/http`, a Promise) deadlocks there too. The message names the host.

## Example
```go
readings := make(chan float64)
js.Global().Call("setInterval", js.FuncOf(func(this js.Value, args []js.Value) any {
	readings <- sample() // blocks while main is inside fmt.Printf
	return nil
}), 4)
for r := range readings {
	fmt.Printf("%.2f\\n", r) // under Node.js: waits for the event loop
}
```

## Use instead
Never block in a callback: send from a goroutine (`go func() { readings <- v }()`), give the
channel a buffer and drop values when it is full (`select { case ch <- v: default: }`), or
keep the event-loop wait out of the receiving loop.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/syscall/js/func.go` (FuncOf: "blocking calls ... cause a deadlock"),
  `$GOROOT/src/syscall/fs_js.go` (writes under Node.js wait for fs.write's callback)
- Oracle cases: `tests/oracle/cases/WV207/interval_send_bad.go`,
  `tests/oracle/cases/WV207/interval_send_goroutine_good.go`
"""

    def check(self, ctx: RuleContext) -> None:
        analyzer = ctx.analyzer
        callbacks = js_callbacks(analyzer)
        bodies = [(cb.body.start_byte, cb.body.end_byte) for cb in callbacks]
        for callback in callbacks:
            resolver = analyzer.resolver_for(callback.body)
            for send in _blocking_sends(callback.body):
                channel = send.child_by_field_name("channel")
                decl = _unbuffered(channel, resolver) if channel is not None else None
                if channel is None or decl is None:
                    continue
                wait = _receiver_wait(ctx, decl, resolver, bodies)
                if wait is None:
                    continue
                verdict = ctx.on_host(wait[1].condition)
                if verdict is None:
                    continue
                where = f" {verdict.clause}" if verdict.clause else ""
                ctx.report(
                    send,
                    f"this js.FuncOf callback blocks on a send to `{text(channel)}` until its "
                    f"receiver takes the value, and the receiver waits for {wait[1].what}, "
                    "which needs the paused JavaScript event loop: when the callback runs "
                    f"during that wait, the program deadlocks{where} (send from a goroutine, "
                    "or never block in the callback)",
                    related=[
                        ctx.related(wait[0], "the value is received here"),
                        ctx.related(wait[1].node, "between receives the receiver waits here"),
                    ],
                    severity=verdict.severity,
                )


def _blocking_sends(body: Node) -> list[Node]:
    """Sends the callback itself runs that block (not polled by a select with default)."""
    nonblocking: set[int] = set()
    sends: list[Node] = []
    for node in walk(body):
        if node.type == "select_statement":
            nonblocking |= nonblocking_comms(node)
        elif node.type == "send_statement" and node.id not in nonblocking:
            sends.append(node)
    return sends


def _unbuffered(channel: Node, resolver: Resolver) -> Declaration | None:
    """The local declaration of ``channel`` when it is ``make(chan T)`` (no buffer) and is
    never assigned again."""
    if channel.type != "identifier":
        return None
    decl = resolver.local_declaration(channel, text(channel))
    value = decl.value_node if decl is not None else None
    if decl is None or value is None or value.type != "call_expression":
        return None
    args = value.child_by_field_name("arguments")
    func = value.child_by_field_name("function")
    values = [a for a in args.named_children if a.type != "comment"] if args else []
    if func is None or text(func) != "make" or len(values) != 1:
        return None
    if not text(values[0]).startswith("chan"):
        return None
    home = top_level(decl.ident)
    writes = resolver.file.index.within(home, "write") if home is not None else []
    if any(text(w) == text(channel) for w in writes):
        return None
    return decl


def _receiver_wait(
    ctx: RuleContext, decl: Declaration, resolver: Resolver, callbacks: list[tuple[int, int]]
) -> tuple[Node, EventLoopWait] | None:
    """A receive of the channel outside every callback, in a loop whose body calls something
    that needs the event loop: (the receive, that wait)."""
    home = top_level(decl.ident)
    if home is None:
        return None
    index = resolver.file.index
    name = text(decl.ident)
    pairs: list[tuple[Node, Node | None]] = [
        (r, _enclosing_loop(r, home))
        for r in index.within(home, "recv")
        if _operand_is(r.child_by_field_name("operand"), decl, resolver, name)
    ]
    pairs += [
        (r, r.parent.parent)
        for r in index.within(home, "range")
        if r.parent is not None and _operand_is(r, decl, resolver, name)
    ]
    for receive, loop in pairs:
        if any(s <= receive.start_byte < e for s, e in callbacks):
            continue
        body = loop.child_by_field_name("body") if loop is not None else None
        if body is None:
            continue
        for wait in find_event_loop_waits(ctx.analyzer, body, ctx.target.id):
            if wait.node.type == "call_expression":
                return receive, wait
    return None


def _operand_is(node: Node | None, decl: Declaration, resolver: Resolver, name: str) -> bool:
    if node is None or node.type != "identifier" or text(node) != name:
        return False
    found = resolver.local_declaration(node, name)
    return found is not None and found.ident == decl.ident


def _enclosing_loop(node: Node, home: Node) -> Node | None:
    """The innermost ``for`` statement around ``node`` within ``home``, not crossing into a
    function literal."""
    parent = node.parent
    while parent is not None and parent != home:
        if parent.type in _LOOPS:
            return parent
        if parent.type == "func_literal":
            return None
        parent = parent.parent
    return None


RULE = CallbackSendBlocks()
