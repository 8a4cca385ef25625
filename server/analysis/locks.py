"""``sync.Mutex``/``sync.RWMutex`` locks: which a function takes, which are held at a node.

A mutex is named by ``effects.state_key`` (``mu`` for a variable, ``.mu`` for a field of
any receiver) and counts only when the package declares a variable or field of that name
with a ``sync`` mutex type, so ``cache.Lock()`` on some other type is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer, state_key, walk
from wasmvet.analysis.parsing import text

_MUTEX_TYPES = ("Mutex", "RWMutex")
_TAKE = ("Lock", "RLock")
_RELEASE = ("Unlock", "RUnlock")
#: Suffix of the key of a mutex taken for reading (``RLock``/``RUnlock``): readers share it.
READ = "/r"
_DECLS = "(field_declaration) @decl (var_spec) @decl"
#: How deep ``locks_taken`` follows calls into the package's own functions.
DEPTH = 3


def mutex_names(analyzer: Analyzer) -> frozenset[str]:
    """State keys of the package's ``sync.Mutex``/``sync.RWMutex`` variables and fields."""

    def compute() -> frozenset[str]:
        names: set[str] = set()
        for gofile in analyzer.package.files:
            sync = {n for n, p in gofile.imports.items() if p == "sync"}
            if not sync:
                continue
            for decl in gofile.captures(_DECLS).get("decl", []):
                kind = decl.child_by_field_name("type")
                if kind is not None and kind.type == "pointer_type" and kind.named_child_count:
                    kind = kind.named_child(0)
                if kind is None or kind.type != "qualified_type":
                    continue
                package, _, name = text(kind).partition(".")
                if package not in sync or name not in _MUTEX_TYPES:
                    continue
                prefix = "." if decl.type == "field_declaration" else ""
                names |= {prefix + text(n) for n in decl.children_by_field_name("name")}
        return frozenset(names)

    return analyzer.shared("mutex-names", compute)


def lock_call(call: Node, mutexes: frozenset[str]) -> tuple[str, str] | None:
    """(``take``/``release``, mutex key) for ``mu.Lock()``-style calls of a known mutex; the
    key of ``RLock``/``RUnlock`` ends in ``READ``."""
    func = call.child_by_field_name("function")
    if call.type != "call_expression" or func is None or func.type != "selector_expression":
        return None
    field = func.child_by_field_name("field")
    method = text(field) if field is not None else ""
    if method not in _TAKE and method not in _RELEASE:
        return None
    key = state_key(func.child_by_field_name("operand"))
    if key is None or key not in mutexes:
        return None
    if method in ("RLock", "RUnlock"):
        key += READ
    return ("take" if method in _TAKE else "release", key)


def conflicts(held: str, taken: str) -> bool:
    """Whether taking ``taken`` blocks while ``held`` is held: the same mutex, unless both
    are read locks."""
    return held.removesuffix(READ) == taken.removesuffix(READ) and not (
        held.endswith(READ) and taken.endswith(READ)
    )


def locks_taken(analyzer: Analyzer, body: Node, depth: int = DEPTH) -> dict[str, Node]:
    """Mutex key → a ``Lock`` call that running ``body`` makes (directly or through the
    package's own functions, ``depth`` calls deep)."""
    none: dict[str, Node] = {}
    return analyzer.memo(
        "locks-taken", body, str(depth), lambda: _locks_taken(analyzer, body, depth), none
    )


def _locks_taken(analyzer: Analyzer, body: Node, depth: int) -> dict[str, Node]:
    mutexes = mutex_names(analyzer)
    found: dict[str, Node] = {}
    resolver = analyzer.resolver_for(body)
    for node in walk(body, skip=frozenset({"func_literal"})):
        if node.type != "call_expression":
            continue
        op = lock_call(node, mutexes)
        if op is not None:
            if op[0] == "take":
                found.setdefault(op[1], node)
            continue
        if depth == 0:
            continue
        for decl in _callees(analyzer, node, resolver.call_symbol(node)):
            inner = decl.child_by_field_name("body")
            if inner is not None:
                for key in locks_taken(analyzer, inner, depth - 1):
                    found.setdefault(key, node)
    return found


def _callees(analyzer: Analyzer, call: Node, symbol: str | None) -> list[Node]:
    """The package's own functions a call may run."""
    func = call.child_by_field_name("function")
    if symbol is not None and symbol.startswith("."):
        return analyzer.callees("method", symbol)
    if func is not None and func.type == "identifier":
        return analyzer.package.functions(text(func))
    return []


def held_at_calls(body: Node, mutexes: frozenset[str]) -> Iterator[tuple[Node, frozenset[str]]]:
    """Every call in ``body`` (not in nested function literals) with the mutexes held there:
    taken earlier in the same or an enclosing statement list and not released since (a
    deferred release keeps it held)."""
    stack: list[tuple[Node, frozenset[str]]] = [(body, frozenset())]
    while stack:
        node, held = stack.pop()
        if node.type == "func_literal":
            continue
        if node.type == "call_expression":
            yield node, held
        if node.type != "statement_list":
            stack.extend((c, held) for c in reversed(node.named_children))
            continue
        ordered: list[tuple[Node, frozenset[str]]] = []
        for statement in node.named_children:
            first = statement.named_child(0) if statement.type == "expression_statement" else None
            op = lock_call(first, mutexes) if first is not None else None
            if op is not None:
                held = held | {op[1]} if op[0] == "take" else held - {op[1]}
            elif statement.type != "defer_statement":
                ordered.append((statement, held))
        stack.extend(reversed(ordered))
