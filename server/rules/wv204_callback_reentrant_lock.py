"""WV204 callback-reentrant-lock: Go holds a mutex while JavaScript runs a listener that
takes the same mutex."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.callbacks import Callback, js_callbacks, js_function_called
from wasmvet.analysis.effects import Analyzer, walk
from wasmvet.analysis.locks import READ, conflicts, held_at_calls, locks_taken, mutex_names
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

#: How deep a call is followed to a synchronous dispatch inside the package's own functions.
_DEPTH = 2


class CallbackReentrantLock(Rule):
    code = "WV204"
    name = "callback-reentrant-lock"
    summary = (
        "A mutex is held across a JS call that runs a js.FuncOf listener synchronously, "
        "and the listener locks the same mutex: deadlock."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    facts = ("js.sync-callbacks", "js.event-loop")
    doc = """
## What it flags
A call into JavaScript that runs event listeners before it returns (`dispatchEvent`,
`click()`, `focus()`, `blur()`, `requestSubmit()`, `reset()`: the model's
`[[js_sync_dispatch]]` table), directly or through the package's own functions, made while
a `sync.Mutex` or `sync.RWMutex` is held, when a `js.FuncOf` callback of the package locks
the same mutex (directly or through the functions it calls, not in a goroutine it starts),
unless both only read-lock an `RWMutex`. A mutex is matched by its variable or field name
(`s.mu` and `st.mu` are the same field `mu`).

## Why it fails
JavaScript runs the listener inside the call, on the same thread: wasm_exec.js calls back
into Go, which runs the listener on a new goroutine while the calling goroutine waits inside
the JS call, still holding the mutex. The listener blocks on `Lock`, the holder cannot run
until the listener returns, and the Go runtime finds every goroutine asleep:
`fatal error: all goroutines are asleep - deadlock!`. This happens in browsers and under
Node.js alike (typical in UI code that locks its state while it renders and notifies).
Natively the same code deadlocks too only when the dispatch is synchronous, which Go code
rarely meets outside of syscall/js.

## Example
```go
func (s *store) Commit(delta int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count += delta
	s.events.Call("dispatchEvent", change) // the listener calls s.Count(), which locks s.mu
}
```

## Use instead
Release the mutex before the call that dispatches (update the state under the lock, then
unlock and notify), or have the listener hand its work to a goroutine.

## Fix safety
No automatic fix: where the critical section may end depends on the program.

## References
- `$GOROOT/src/syscall/js/func.go` (handleEvent), `$GOROOT/lib/wasm/wasm_exec.js`
  (`_makeFuncWrapper`), the DOM standard's dispatch algorithm
- Oracle cases: `tests/oracle/cases/WV204/`
"""

    def check(self, ctx: RuleContext) -> None:
        callbacks = js_callbacks(ctx.analyzer)
        if not callbacks or not MODEL.js_sync_dispatch:
            return
        listeners: dict[str, tuple[Callback, Node]] = {}
        for callback in callbacks:
            for key, lock in locks_taken(ctx.analyzer, callback.body).items():
                listeners.setdefault(key, (callback, lock))
        if not listeners:
            return
        mutexes = mutex_names(ctx.analyzer)
        for body in _function_bodies(ctx):
            for call, held in held_at_calls(body, mutexes):
                shared = sorted(t for t in listeners if any(conflicts(h, t, mutexes) for h in held))
                dispatch = _dispatch(ctx.analyzer, call, _DEPTH) if shared else None
                if dispatch is None:
                    continue
                callback, lock = listeners[shared[0]]
                self._report(ctx, call, dispatch, callback, lock, shared[0])

    def _report(
        self,
        ctx: RuleContext,
        call: Node,
        dispatch: Node,
        callback: Callback,
        lock: Node,
        key: str,
    ) -> None:
        method = js_function_called(dispatch)
        key = key.removesuffix(READ)
        field = key.partition(".")[2]
        mutex = f"field `{field}`" if field else f"`{key}`"
        through = _through(lock)
        if through:
            mutex += f", through `{through}`"
        how = f"`{method}`" if dispatch is call else f"`{_callee_text(call)}` (it calls `{method}`)"
        related = [ctx.related(callback.funcof, "the listener is created here")]
        related.append(ctx.related(lock, "the listener locks the mutex here"))
        if dispatch is not call:
            related.append(ctx.related(dispatch, f"`{method}` runs listeners here"))
        ctx.report(
            call,
            f"{how} runs JS event listeners before it returns, while a mutex is held, and a "
            f"js.FuncOf listener locks the same mutex ({mutex}): the program deadlocks with "
            "`all goroutines are asleep` (unlock before dispatching)",
            related=related,
        )


def _function_bodies(ctx: RuleContext) -> list[Node]:
    """Bodies of every function, method and function literal in the package."""
    bodies: list[Node] = []
    for gofile in ctx.package.files:
        for node in walk(gofile.source.root, skip=frozenset()):
            if node.type in ("function_declaration", "method_declaration", "func_literal"):
                body = node.child_by_field_name("body")
                if body is not None:
                    bodies.append(body)
    return bodies


def _dispatch(analyzer: Analyzer, call: Node, depth: int) -> Node | None:
    """The synchronous-dispatch call that ``call`` is or makes (through the package's own
    functions, ``depth`` calls deep), or None."""
    if js_function_called(call) in MODEL.js_sync_dispatch:
        return call
    if depth == 0:
        return None
    func = call.child_by_field_name("function")
    symbol = analyzer.resolver_for(call).call_symbol(call)
    if symbol is not None and symbol.startswith("."):
        decls = analyzer.callees("method", symbol)
    elif func is not None and func.type == "identifier":
        decls = analyzer.package.functions(text(func))
    else:
        return None
    for decl in decls:
        body = decl.child_by_field_name("body")
        if body is None:
            continue
        for node in walk(body, skip=frozenset({"func_literal"})):
            if node.type == "call_expression":
                found = _dispatch(analyzer, node, depth - 1)
                if found is not None:
                    return found
    return None


def _through(lock: Node) -> str:
    """``s.Count()`` when the listener locks through a call; "" for a direct ``Lock``."""
    func = lock.child_by_field_name("function")
    field = func.child_by_field_name("field") if func is not None else None
    if field is not None and text(field) in ("Lock", "RLock"):
        return ""
    return f"{_callee_text(lock)}()"


def _callee_text(call: Node) -> str:
    func = call.child_by_field_name("function")
    return text(func) if func is not None else text(call)


RULE = CallbackReentrantLock()
