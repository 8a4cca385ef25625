"""What keeps Node.js's event loop alive in a js/wasm package (``[[js_node_keepalive]]``)."""

from __future__ import annotations

from tree_sitter import Node

from wasmvet.analysis.callbacks import js_function_called
from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.parsing import text
from wasmvet.runtime_model import MODEL


def _last_name(call: Node) -> str | None:
    """``Sleep`` of ``time.Sleep(d)``, ``f`` of ``f()``."""
    func = call.child_by_field_name("function")
    if func is not None and func.type == "selector_expression":
        func = func.child_by_field_name("field")
    return text(func) if func is not None else None


def _in_endless_loop(node: Node) -> bool:
    """Whether ``node`` sits in a ``for { ... }`` loop (no condition, no range) of its own
    function."""
    parent = node.parent
    while parent is not None and parent.type not in ("func_literal", "function_declaration"):
        if parent.type == "for_statement" and parent.named_child_count == 1:
            return True
        parent = parent.parent
    return False


def keeps_node_alive(analyzer: Analyzer) -> Node | None:
    """A call in the package that keeps Node.js's event loop alive for good (a timer that
    nothing cancels), or None."""

    def compute() -> Node | None:
        made: list[tuple[Node, int]] = []
        called: set[str] = set()
        wanted = {
            n.rsplit(".", 1)[-1] for k in MODEL.js_node_keepalives for n in (*k.go, *k.cancel)
        }
        for gofile in analyzer.package.files:
            resolver = analyzer.resolver(gofile)
            for call in gofile.index.all("call"):
                js_name = js_function_called(call)
                last = _last_name(call)
                symbol = resolver.call_symbol(call) if last in wanted else None
                names = {n for n in (js_name, symbol) if n}
                called |= names
                for i, keepalive in enumerate(MODEL.js_node_keepalives):
                    wanted_call = js_name in keepalive.js or symbol in keepalive.go
                    if wanted_call and (not keepalive.in_endless_loop or _in_endless_loop(call)):
                        made.append((call, i))
        for call, i in made:
            if not MODEL.js_node_keepalives[i].cancel & called:
                return call
        return None

    return analyzer.shared("node-keepalive", compute)
