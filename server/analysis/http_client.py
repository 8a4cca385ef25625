"""Requests through net/http's default client: which calls they are and whether the package
changes the default transport (a transport with a dial function of its own, or any other
round tripper, changes where requests go on js/wasm)."""

from __future__ import annotations

from tree_sitter import Node

from wasmvet.analysis.calls import Call, resolved_calls
from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Resolver

#: Requests through the default client (package functions, or DefaultClient's methods).
DEFAULT_CLIENT_METHODS = frozenset({"Get", "Post", "Head", "PostForm"})


def default_client_requests(analyzer: Analyzer) -> list[Call]:
    """``http.Get(url)``, ``http.DefaultClient.Post(url, ...)`` and the like, in a package
    that leaves ``http.DefaultTransport`` and ``http.DefaultClient.Transport`` alone."""
    calls = resolved_calls(analyzer, frozenset({"net/http"}), DEFAULT_CLIENT_METHODS)
    if not calls or _replaces_default_transport(analyzer):
        return []
    return [c for c in calls if _default_client(c.node, c.symbol, analyzer.resolver(c.file))]


def _default_client(call: Node, symbol: str, resolver: Resolver) -> bool:
    if symbol in {f"net/http.{name}" for name in DEFAULT_CLIENT_METHODS}:
        return True
    func = call.child_by_field_name("function")
    operand = func.child_by_field_name("operand") if func is not None else None
    return (
        symbol.startswith("net/http.Client.")
        and operand is not None
        and resolver.qualified(operand) == "net/http.DefaultClient"
    )


def _replaces_default_transport(analyzer: Analyzer) -> bool:
    """Whether the package assigns ``http.DefaultTransport`` or ``DefaultClient.Transport``."""
    for gofile in analyzer.package.files:
        for write in gofile.index.all("write"):
            if text(write).endswith(("DefaultTransport", "DefaultClient.Transport")):
                return True
    return False
