"""Finding the calls a package makes to APIs the runtime model knows about."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text


@dataclass(frozen=True)
class Call:
    """A call and the qualified symbol it invokes (``os/exec.Command``, ``os/exec.Cmd.Run``)."""

    file: GoFile
    node: Node
    symbol: str


def resolved_calls(
    analyzer: Analyzer, packages: frozenset[str], methods: frozenset[str]
) -> list[Call]:
    """Calls into ``packages`` (``pkg.F``) and typed method calls named in ``methods``.

    Only files that import one of ``packages`` are searched, and a method call is resolved
    only when its name is in ``methods``, so the cost stays proportional to relevant code.
    """
    found: list[Call] = []
    for gofile in analyzer.package.files:
        names = {n for n, p in gofile.imports.items() if p in packages}
        dotted = any(p in packages for p in gofile.dot_imports)
        if not names and not dotted:
            continue
        resolver = analyzer.resolver(gofile)
        for call in gofile.index.all("call"):
            func = call.child_by_field_name("function")
            if func is None:
                continue
            if func.type == "identifier":
                if not dotted:
                    continue
            elif func.type == "selector_expression":
                operand = func.child_by_field_name("operand")
                field = func.child_by_field_name("field")
                if operand is None or field is None:
                    continue
                if text(operand) not in names and text(field) not in methods:
                    continue
            else:
                continue
            symbol = resolver.call_symbol(call)
            if symbol is not None:
                found.append(Call(gofile, call, symbol))
    return found


def all_model_calls(analyzer: Analyzer) -> list[Call]:
    """Every call the runtime model may have a fact about, memoised per package view."""
    from wasmvet.runtime_model import MODEL

    def compute() -> list[Call]:
        return resolved_calls(analyzer, MODEL.known_packages, MODEL.known_methods)

    return analyzer.shared("model-calls", compute)
