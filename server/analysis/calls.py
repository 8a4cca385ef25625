"""Finding the calls a package makes to APIs the runtime model knows about."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.memo import MEMO, locate_all, relative
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Resolver
from wasmvet.cancellation import checkpoint


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
    Each top-level declaration's answer is kept by its text while the memo is on.
    """
    found: list[Call] = []
    for gofile in analyzer.package.files:
        names = {n for n, p in gofile.imports.items() if p in packages}
        dotted = any(p in packages for p in gofile.dot_imports)
        if not names and not dotted:
            continue
        resolver = analyzer.resolver(gofile)
        if not MEMO.enabled:
            calls = (
                gofile.index.all("call")
                if dotted
                else gofile.index.selector_calls(frozenset(names), methods)
            )
            found += [
                Call(gofile, calls[i], symbol)
                for i, symbol in _resolve(calls, resolver, names, dotted, methods)
            ]
            continue
        index = gofile.index
        for i in index.having("call"):
            decl = index.declarations[i]
            where = analyzer.declaration_key(gofile, decl)
            key = ("calls", where[1], where[2], packages, methods) if where else None
            kept = MEMO.get(key) if key else None
            if kept == ():
                continue  # no call of this declaration resolves to a wanted symbol
            if isinstance(kept, tuple):
                nodes = locate_all(decl, tuple(where for where, _ in kept))
                if nodes is not None:
                    found += [
                        Call(gofile, n, symbol) for n, (_, symbol) in zip(nodes, kept, strict=True)
                    ]
                    continue
            checkpoint()  # one declaration's calls: a unit of work the server can cancel
            inside = index.part(i, "call")
            symbols = _resolve(inside, resolver, names, dotted, methods)
            if key:
                MEMO.put(key, tuple((relative(decl, inside[p]), s) for p, s in symbols))
            found += [Call(gofile, inside[p], symbol) for p, symbol in symbols]
    return found


def _resolve(
    calls: list[Node],
    resolver: Resolver,
    names: set[str],
    dotted: bool,
    methods: frozenset[str],
) -> list[tuple[int, str]]:
    """(position in ``calls``, symbol) for each call that resolves to a wanted symbol."""
    found: list[tuple[int, str]] = []
    for i, call in enumerate(calls):
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
            found.append((i, symbol))
    return found


def all_model_calls(analyzer: Analyzer) -> list[Call]:
    """Every call the runtime model may have a fact about, memoised per package view."""
    from wasmvet.runtime_model import MODEL

    def compute() -> list[Call]:
        return resolved_calls(analyzer, MODEL.known_packages, MODEL.known_methods)

    return analyzer.shared("model-calls", compute)
