"""WV202 main-returns-with-callbacks: main ends while JS may still call into Go."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import js_callbacks
from wasmvet.analysis.effects import Tri
from wasmvet.analysis.parsing import block_statements, text
from wasmvet.diagnostics import Applicability, Fix, Severity
from wasmvet.fixes.edits import insert_before_block_end
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule


class MainReturnsWithCallbacks(Rule):
    code = "WV202"
    name = "main-returns-with-callbacks"
    summary = (
        "main returns while js.FuncOf callbacks are registered: they never run, "
        "or JS gets an error."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    fix = "unsafe"  # safe where the host is known to be a browser (see Fix safety)
    facts = ("js.event-loop", "host.js-exit")
    doc = """
## What it flags
In package `main`, a `main` function that ends without blocking (its last statement never
waits) while the package creates `js.FuncOf` callbacks. Console output at the end
(`fmt.Println("ready")`, `log.Printf`, `println`) does not count as waiting: under Node.js
the write yields until its `fs` callback, but main returns right after it (a timer already
due may run during the write; later ones never do). Callbacks that the function making
them releases with `defer cb.Release()` (after waiting for them, see WV203) are gone by the
time that function returns, so a package whose callbacks are all released that way is not
flagged. That holds in `main` too, where `cb.Release()` before the end also counts: the
program says it needs the callback no longer (its callers ran while `main` did).

## Why it fails
When `main` returns, the Go program exits. Under Node.js (`wasm_exec_node.js`) the process
exits at once, so pending timers and event handlers never call back into Go. In a browser the
page lives on, and the first JS call of a registered function throws
`Error: Go program has already exited`.

## Example
```go
func main() {
	js.Global().Set("greet", js.FuncOf(greet))
} // returns: greet can never be called
```

## Use instead
Keep `main` alive: end it with `select {}`, or wait on a channel that a callback closes
when the program should stop.

## Fix safety
The fix adds `select {}` as the last statement of `main`, so the program keeps serving its
callbacks instead of exiting. It depends on the js host (`[host] js`, else inferred):
- **browser**: safe; the page keeps the program alive.
- **any** (no sign of either host): unsafe. Right for a page; under Node.js, once no JS event
  is pending, the runtime then stops with "all goroutines are asleep" (WV205 notes that).
- **node**: no fix. Keeping a Node.js program alive needs something pending (a timer, a
  server) or an `os.Exit` when the work is done; only the program's author knows which.

## References
- `$GOROOT/lib/wasm/wasm_exec.js` (`Go program has already exited`), golang/go#32764
- Oracle cases: `tests/oracle/cases/WV202/`
"""

    def check(self, ctx: RuleContext) -> None:
        if ctx.package.name != "main":
            return
        callbacks = js_callbacks(ctx.analyzer)
        if not callbacks or all(_released_on_return(c.funcof) for c in callbacks):
            return
        for decl in ctx.package.functions("main"):
            body = decl.child_by_field_name("body")
            if body is None:
                continue
            statements = _without_trailing_output(ctx, block_statements(body))
            last = statements[-1] if statements else None
            if last is not None and ctx.analyzer.yields(last, ctx.target.id) is not Tri.NO:
                continue
            fix = _block_main(ctx, decl, body)
            closing = body.child(body.child_count - 1) or body
            ctx.report(
                closing,
                "main returns while js.FuncOf callbacks are registered: the program exits, so "
                "JS calls into Go never run (Node) or fail with `Go program has already exited`",
                fix=fix,
            )


#: Console output calls: under Node.js they wait for the write's `fs` callback, but then
#: return, so a trailing one does not keep `main` alive.
_OUTPUT_CALLS = frozenset(
    f"{pkg}.{name}" for pkg in ("fmt", "log") for name in ("Print", "Println", "Printf")
) | {"print", "println"}


def _without_trailing_output(ctx: RuleContext, statements: list[Node]) -> list[Node]:
    """``statements`` without the console output calls at their end (``fmt.Println("ready")``
    as main's last line): those yield on Node.js, yet main returns right after them."""
    end = len(statements)
    while end > 0 and _is_output(ctx, statements[end - 1]):
        end -= 1
    return statements[:end]


def _is_output(ctx: RuleContext, statement: Node) -> bool:
    call = statement.named_children[0] if statement.type == "expression_statement" else None
    if call is None or call.type != "call_expression":
        return False
    symbol = ctx.resolver_for(call).call_symbol(call)
    if symbol is None:
        func = call.child_by_field_name("function")
        symbol = text(func) if func is not None and func.type == "identifier" else None
    if symbol not in _OUTPUT_CALLS:
        return False
    # fmt.Println(<-done) waits in its argument: that does keep main alive
    arguments = call.child_by_field_name("arguments")
    return arguments is None or ctx.analyzer.yields(arguments, ctx.target.id) is Tri.NO


def _block_main(ctx: RuleContext, decl: Node, body: Node) -> Fix | None:
    """``select {}`` at the end of ``main``: safe in a browser, unsafe when the host may be
    Node.js (which stops a parked main once nothing is pending), none for Node.js alone."""
    if ctx.host.js == "node":
        return None
    edit = insert_before_block_end(ctx.package.file_of(decl), body, "select {}")
    if ctx.host.js == "browser":
        return Fix(
            Applicability.SAFE, "Block main with select {} so callbacks stay callable", (edit,)
        )
    return Fix(
        Applicability.UNSAFE,
        "Block main with select {} so callbacks stay callable (in a browser; under Node.js "
        "main then stops once no JS event is pending)",
        (edit,),
    )


def _released_on_return(funcof: Node) -> bool:
    """Whether the ``js.Func`` that ``funcof`` makes is bound to a name that the function
    making it releases with ``defer NAME.Release()``: once that function has returned, the
    callback is gone, whatever ``main`` does next. In ``main`` a plain ``NAME.Release()``
    statement counts too: either way the program says it needs the callback no longer."""
    name = _bound_name(funcof)
    home = _named_function_of(funcof)
    if name is None or home is None:
        return False
    body = home.child_by_field_name("body")
    statements = block_statements(body) if body is not None else []
    releases = {f"defer{name}.Release()"}
    if _is_main(home):
        releases.add(f"{name}.Release()")
    return any("".join(text(s).split()) in releases for s in statements)


def _bound_name(funcof: Node) -> str | None:
    """``cb`` of ``cb := js.FuncOf(...)`` or ``cb = js.FuncOf(...)``."""
    values = funcof.parent
    statement = values.parent if values is not None else None
    if values is None or statement is None:
        return None
    if statement.type not in ("assignment_statement", "short_var_declaration"):
        return None
    left = statement.child_by_field_name("left")
    names = left.named_children if left is not None else []
    if len(names) != 1 or names[0].type != "identifier" or values.named_child_count != 1:
        return None
    return text(names[0])


def _named_function_of(node: Node) -> Node | None:
    """The function or method declaration whose own body (not a literal's) holds ``node``."""
    home = node.parent
    while home is not None and home.type not in ("function_declaration", "method_declaration"):
        if home.type == "func_literal":
            return None
        home = home.parent
    return home


def _is_main(decl: Node) -> bool:
    name = decl.child_by_field_name("name")
    return decl.type == "function_declaration" and name is not None and text(name) == "main"


RULE = MainReturnsWithCallbacks()
