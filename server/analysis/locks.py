"""``sync.Mutex``/``sync.RWMutex`` locks: which a function takes, which are held at a node.

A mutex counts only when the package declares a variable or struct field of that name with
a ``sync`` mutex type, so ``cache.Lock()`` on some other type is left alone; see
``lock_call`` for how locks are named.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer, state_key, walk
from wasmvet.analysis.parsing import text

_MUTEX_TYPES = ("Mutex", "RWMutex")
#: Method → (takes it, shared): a read lock of an RWMutex is named ``key@read``.
_METHODS = {
    "Lock": (True, False),
    "RLock": (True, True),
    "Unlock": (False, False),
    "RUnlock": (False, True),
}
READ = "@read"
_DECLS = "(field_declaration) @decl (var_spec) @decl"
#: How deep ``locks_taken`` follows calls into the package's own functions.
DEPTH = 3


@dataclass(frozen=True)
class Mutexes:
    """The package's ``sync`` mutexes: variable names, and field name → the struct types
    that declare a mutex field of that name."""

    variables: frozenset[str]
    fields: dict[str, frozenset[str]]


def mutex_names(analyzer: Analyzer) -> Mutexes:
    """The package's ``sync.Mutex``/``sync.RWMutex`` variables and fields."""

    def compute() -> Mutexes:
        variables: set[str] = set()
        fields: dict[str, set[str]] = {}
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
                names = [text(n) for n in decl.children_by_field_name("name")]
                if decl.type == "var_spec":
                    variables.update(names)
                    continue
                owner = _struct_name(decl)
                for field in names:
                    fields.setdefault(field, set()).add(owner)
        return Mutexes(frozenset(variables), {k: frozenset(v) for k, v in fields.items()})

    return analyzer.shared("mutex-names", compute)


def _struct_name(field: Node) -> str:
    """``T`` of ``type T struct { ... field ... }`` ("" for an anonymous struct)."""
    spec = field.parent
    while spec is not None and spec.type not in ("type_spec", "source_file"):
        spec = spec.parent
    name = spec.child_by_field_name("name") if spec is not None else None
    return text(name) if spec is not None and spec.type == "type_spec" and name else ""


def lock_call(call: Node, mutexes: Mutexes) -> tuple[str, str] | None:
    """(``take``/``release``, lock name) for ``mu.Lock()``-style calls of a known mutex.

    The name is ``mu`` for a variable, ``T.mu`` for field ``mu`` of a value of type ``T``
    (the receiver of a method of ``T``, or a local made with ``&T{...}``), else ``.mu``;
    with ``@read`` for ``RLock``/``RUnlock``."""
    func = call.child_by_field_name("function")
    if call.type != "call_expression" or func is None or func.type != "selector_expression":
        return None
    field = func.child_by_field_name("field")
    method = text(field) if field is not None else ""
    if method not in _METHODS:
        return None
    operand = func.child_by_field_name("operand")
    key = state_key(operand)
    if key is None:
        return None
    if key.startswith("."):
        if key[1:] not in mutexes.fields or operand is None:
            return None
        owner = operand.child_by_field_name("operand")
        key = (_type_of(owner) or "") + key if owner is not None else key
    elif key not in mutexes.variables:
        return None
    takes, shared = _METHODS[method]
    return ("take" if takes else "release", key + READ if shared else key)


def _type_of(value: Node) -> str | None:
    """The struct type of identifier ``value``: a method receiver, a parameter, or a local
    made with ``&T{...}``, ``T{...}`` or ``new(T)``, in the functions around it."""
    if value.type != "identifier":
        return None
    name = text(value)
    home = value.parent
    while home is not None:
        if home.type in ("function_declaration", "method_declaration", "func_literal"):
            found = _declared_in(home, name)
            if found is not None:
                return found
        home = home.parent
    return None


def _declared_in(function: Node, name: str) -> str | None:
    lists = [function.child_by_field_name("parameters")]
    if function.type == "method_declaration":
        lists.append(function.child_by_field_name("receiver"))
    for params in lists:
        for param in params.named_children if params is not None else []:
            names = [text(n) for n in param.children_by_field_name("name")]
            kind = param.child_by_field_name("type")
            if name in names and kind is not None:
                return text(kind).lstrip("*")
    body = function.child_by_field_name("body")
    for node in walk(body, skip=frozenset({"func_literal"})) if body is not None else []:
        if node.type != "short_var_declaration":
            continue
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or text(left) != name or right.named_child_count != 1:
            continue
        made = right.named_child(0)
        if made is not None and made.type == "unary_expression" and made.named_child_count:
            made = made.named_child(0)
        if made is not None and made.type == "composite_literal":
            kind = made.child_by_field_name("type")
            return text(kind) if kind is not None else None
        if made is not None and made.type == "call_expression" and text(made).startswith("new("):
            args = made.child_by_field_name("arguments")
            return text(args.named_child(0)) if args and args.named_child_count else None
    return None


def conflicts(held: str, taken: str, mutexes: Mutexes) -> bool:
    """Whether a goroutine holding lock ``held`` blocks another taking ``taken``: the same
    mutex (a field of an unknown type counts only when one struct type has such a field),
    unless both are read locks."""
    if held.endswith(READ) and taken.endswith(READ):
        return False
    one, other = _known(held.removesuffix(READ), mutexes), _known(taken.removesuffix(READ), mutexes)
    return one is not None and one == other


def _known(name: str, mutexes: Mutexes) -> str | None:
    """``T.mu`` for ``.mu`` when only ``T`` has a mutex field ``mu``; None when ambiguous."""
    if not name.startswith("."):
        return name
    owners = mutexes.fields.get(name[1:], frozenset())
    return f"{next(iter(owners))}{name}" if len(owners) == 1 else None


def locks_taken(analyzer: Analyzer, body: Node, depth: int = DEPTH) -> dict[str, Node]:
    """Lock name (see ``lock_call``) → a ``Lock`` call that running ``body`` makes
    (directly or through the package's own functions, ``depth`` calls deep; not in the
    goroutines it starts)."""
    none: dict[str, Node] = {}
    return analyzer.memo(
        "locks-taken", body, str(depth), lambda: _locks_taken(analyzer, body, depth), none
    )


def _locks_taken(analyzer: Analyzer, body: Node, depth: int) -> dict[str, Node]:
    mutexes = mutex_names(analyzer)
    found: dict[str, Node] = {}
    resolver = analyzer.resolver_for(body)
    for node in walk(body, skip=frozenset({"func_literal", "go_statement"})):
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


def held_at_calls(body: Node, mutexes: Mutexes) -> Iterator[tuple[Node, frozenset[str]]]:
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
