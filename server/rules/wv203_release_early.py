"""WV203 func-released-early: a js.Func is released while JavaScript still holds it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import js_callbacks
from wasmvet.analysis.effects import Tri
from wasmvet.analysis.parsing import matches, text
from wasmvet.analysis.scope import FUNCTION_NODES, enclosing_function
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule

ASYNC_APIS = frozenset(
    {
        '"setTimeout"',
        '"setInterval"',
        '"addEventListener"',
        '"then"',
        '"catch"',
        '"finally"',
        '"requestAnimationFrame"',
        '"queueMicrotask"',
        '"on"',
        '"once"',
    }
)


def _statement_of(node: Node) -> Node:
    while node.parent is not None and node.parent.type not in ("statement_list", "block"):
        node = node.parent
    return node


def _handed_to_js(name: str, release: Node) -> Node | None:
    """A ``.Call("setTimeout", name, ...)`` or ``.Set(..., name)`` in the function that
    releases ``name``, if any. A hand-off inside another function literal (the callback
    scheduling itself again, as requestAnimationFrame loops do) runs only when JavaScript
    calls that literal, not on the way to the release."""
    home = enclosing_function(release)
    if home is None:
        return None
    query = """(call_expression function: (selector_expression field: (field_identifier) @m)
                 arguments: (argument_list) @args) @call"""
    for _, match in matches(query, home):
        call, args = match["call"][0], match["args"][0]
        if enclosing_function(call) != home:
            continue
        method = call.child_by_field_name("function")
        field_node = method.child_by_field_name("field") if method is not None else None
        kind = text(field_node) if field_node is not None else ""
        values = [text(a) for a in args.named_children]
        if name not in values[1:] and not (kind == "Set" and name in values):
            continue
        if kind == "Set" or (kind in ("Call", "Invoke") and values and values[0] in ASYNC_APIS):
            return call
    return None


class FuncReleasedEarly(Rule):
    code = "WV203"
    name = "func-released-early"
    summary = "A js.Func handed to JavaScript is released before JavaScript calls it."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    doc = """
## What it flags
`f.Release()` (usually `defer f.Release()`) on a `js.Func` that the same function hands to
JavaScript for later (`setTimeout`, `addEventListener`, a Promise's `then`, or `Set` on an
object), when nothing between the hand-off and the release waits (for a hand-off inside a
loop or an `if`, that includes what follows the loop or `if`). A hand-off inside another
function literal (a callback that schedules itself again, as `requestAnimationFrame` loops
do) does not count: it runs only when JavaScript calls that literal. Nor is a release
flagged after a synchronous dispatch (`target.Call("dispatchEvent", ev)`, an EventEmitter's
`Call("emit", ...)`): JavaScript runs the listeners before the call returns, so they were
called while the callback was alive.

## Why it fails
`Release` frees the Go side of the function. When JavaScript calls it later, `wasm_exec.js`
reports `call to released function` and the Go code never runs.

## Example
```go
cb := js.FuncOf(onClick)
defer cb.Release() // runs when this function returns...
button.Call("addEventListener", "click", cb) // ...long before the first click
```

## Use instead
Release the function when it can no longer be called: inside the callback after its last use,
when removing the event listener, or never for handlers that live as long as the program.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/syscall/js/func.go` (`Func.Release`), `$GOROOT/lib/wasm/wasm_exec.js`
- Oracle cases: `tests/oracle/cases/WV203/`
"""

    def check(self, ctx: RuleContext) -> None:
        if not js_callbacks(ctx.analyzer):
            return
        for gofile in ctx.package.files:
            for release in gofile.index.all("call"):
                func = release.child_by_field_name("function")
                if func is None or func.type != "selector_expression":
                    continue
                field_node = func.child_by_field_name("field")
                operand = func.child_by_field_name("operand")
                if operand is None or operand.type != "identifier" or field_node is None:
                    continue
                if text(field_node) != "Release":
                    continue
                name = text(operand)
                if ctx.resolver(gofile).type_of(operand) != "syscall/js.Func":
                    continue
                handoff = _handed_to_js(name, release)
                if handoff is None or not self._nothing_waits_after(ctx, handoff, release):
                    continue
                ctx.report(
                    release,
                    f"`{name}` is released before JavaScript calls it (it was handed to JS "
                    "for later): the call will fail with `call to released function`",
                    related=[ctx.related(handoff, "handed to JavaScript here")],
                )

    @staticmethod
    def _nothing_waits_after(ctx: RuleContext, handoff: Node, release: Node) -> bool:
        deferred = release.parent is not None and release.parent.type == "defer_statement"
        for later in _statements_after(handoff):
            if not deferred and later.start_byte >= release.start_byte:
                break
            if ctx.analyzer.yields(later, ctx.target.id) is not Tri.NO:
                return False
            if _DISPATCH.search(later.text or b""):
                return False  # the listeners ran, synchronously, before the release
        return True


def _statements_after(node: Node) -> Iterator[Node]:
    """The statements that run after ``node``'s statement in its function: its later
    siblings, then those of each enclosing statement (a hand-off inside a loop or an ``if``
    is followed by what comes after that loop or ``if``)."""
    home = enclosing_function(node)
    statement = _statement_of(node)
    while True:
        sibling = statement.next_named_sibling
        while sibling is not None:
            yield sibling
            sibling = sibling.next_named_sibling
        up = statement.parent
        while up is not None and up.type in ("statement_list", "block"):
            up = up.parent
        if up is None or up == home or up.type in FUNCTION_NODES:
            return
        statement = _statement_of(up)


#: A JS call that runs event listeners before it returns.
_DISPATCH = re.compile(rb'\.Call\(\s*"(?:dispatchEvent|emit)"')

RULE = FuncReleasedEarly()
