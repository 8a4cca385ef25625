"""Whether an address a call uses comes from one of the program's own listeners (``ln.Addr()``),
directly, through a local of the same function, or through a parameter every caller in the
file fills from one: such a dial or request stays on the in-process network and reaches it."""

from __future__ import annotations

from tree_sitter import Node

from wasmvet.analysis.effects import walk
from wasmvet.analysis.parsing import text

_ADDR = ".Addr()"
_FUNCTIONS = ("function_declaration", "method_declaration")
_DEFINITIONS = ("short_var_declaration", "assignment_statement", "var_spec")


def enclosing_function(node: Node) -> Node | None:
    """The function or method declaration ``node`` is in."""
    home = node.parent
    while home is not None and home.type not in _FUNCTIONS:
        home = home.parent
    return home


def from_own_listener(call: Node) -> bool:
    """Whether the call's arguments read a listener's address of the program's own."""
    args = call.child_by_field_name("arguments")
    if args is None:
        return False
    return _reads_addr(args, enclosing_function(call), depth=2)


def _reads_addr(expr: Node, home: Node | None, depth: int) -> bool:
    if _ADDR in text(expr):
        return True
    if home is None or depth == 0:
        return False
    names = {text(n) for n in walk(expr, skip=frozenset()) if n.type == "identifier"}
    for name in names:
        if _local_from_addr(home, name) or _parameter_from_addr(home, name, depth):
            return True
    return False


def _local_from_addr(home: Node, name: str) -> bool:
    """A local ``name`` of ``home`` defined from an expression that reads ``.Addr()``."""
    for node in walk(home, skip=frozenset()):
        if node.type not in _DEFINITIONS:
            continue
        left = node.child_by_field_name("left") or node.child_by_field_name("name")
        right = node.child_by_field_name("right") or node.child_by_field_name("value")
        if left is None or right is None:
            continue
        defined = {text(n) for n in walk(left, skip=frozenset()) if n.type == "identifier"}
        if name in defined and _ADDR in text(right):
            return True
    return False


def _parameter_from_addr(home: Node, name: str, depth: int) -> bool:
    """``name`` is a parameter of the function ``home`` and every call of it in the file
    (at least one) passes, at that position, an expression that reads a listener's address."""
    if home.type != "function_declaration":
        return False
    func_name = home.child_by_field_name("name")
    params = home.child_by_field_name("parameters")
    if func_name is None or params is None:
        return False
    position = _parameter_position(params, name)
    if position is None:
        return False
    root = home
    while root.parent is not None:
        root = root.parent
    callers = [
        n
        for n in walk(root, skip=frozenset())
        if n.type == "call_expression" and _calls(n, text(func_name))
    ]
    if not callers:
        return False
    for caller in callers:
        args = caller.child_by_field_name("arguments")
        values = [a for a in args.named_children if a.type != "comment"] if args else []
        if position >= len(values):
            return False
        if not _reads_addr(values[position], enclosing_function(caller), depth - 1):
            return False
    return True


def _parameter_position(params: Node, name: str) -> int | None:
    """The argument position of parameter ``name`` (not a variadic one)."""
    position = 0
    for decl in params.named_children:
        if decl.type == "variadic_parameter_declaration":
            return None
        if decl.type != "parameter_declaration":
            continue
        names = [c for c in decl.children_by_field_name("name")]
        for n in names or [decl]:
            if names and text(n) == name:
                return position
            position += 1
    return None


def _calls(call: Node, name: str) -> bool:
    func = call.child_by_field_name("function")
    return func is not None and func.type == "identifier" and text(func) == name


_CLIENT_CALLS = frozenset(
    {"Dial", "DialTimeout", "DialContext", "Get", "Post", "Head", "PostForm", "NewRequest"}
)


def makes_client_calls(home: Node) -> bool:
    """Whether ``home`` makes a client call (``net.Dial``, ``http.Get``, ...), itself or in a
    function of the same file it calls directly."""
    if any(_is_client(n) for n in walk(home, skip=frozenset()) if n.type == "call_expression"):
        return True
    root = home
    while root.parent is not None:
        root = root.parent
    called = {
        text(f)
        for n in walk(home, skip=frozenset())
        if n.type == "call_expression"
        for f in [n.child_by_field_name("function")]
        if f is not None and f.type == "identifier"
    }
    for decl in root.named_children:
        name = decl.child_by_field_name("name") if decl.type == "function_declaration" else None
        if name is not None and text(name) in called and decl.id != home.id:
            body = walk(decl, skip=frozenset())
            if any(_is_client(n) for n in body if n.type == "call_expression"):
                return True
    return False


def _is_client(call: Node) -> bool:
    """A client call: ``net.Dial``, ``http.Get``, ``http.NewRequest``, ..."""
    func = call.child_by_field_name("function")
    field = func.child_by_field_name("field") if func is not None else None
    return field is not None and text(field) in _CLIENT_CALLS
