"""Whether a failing call's error is handled with a fallback, so the program goes on without it.

``if path, err := exec.LookPath("gzip"); err == nil { ... }`` followed by a built-in
alternative, or ``if err != nil { name = "unknown" }``, is code written for the call to fail:
the failure is worth a note, not a warning. An error passed up (``return nil, err``) is
followed to the package's callers of the enclosing function, up to ``MAX_DEPTH`` calls up;
it counts as handled only when every caller handles it. A call whose value is an object
(``cmd := exec.Command(...)``) fails at the calls made on that object (``cmd.Run()``).
A program that stops on the error (``os.Exit``, ``panic``, ``log.Fatal``) does not handle it.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from wasmvet.analysis.package import Package
from wasmvet.analysis.parsing import block_statements, text
from wasmvet.analysis.tokens import named_calls, selector_calls

#: How many callers up an error passed up the call chain is followed.
MAX_DEPTH = 3

_STOPS = re.compile(rb"\b(?:os\.Exit|panic|log\.(?:Fatal|Panic)\w*)\s*\(")
_ASSIGNMENTS = ("short_var_declaration", "assignment_statement")


def handled_with_fallback(package: Package, call: Node, depth: int = 0) -> bool:
    """Whether every way ``call`` can fail leads to code that goes on without its result."""
    outer = _outermost_call(call)
    statement = outer.parent.parent if outer.parent is not None else None
    if statement is None or outer.parent is None or outer.parent.type != "expression_list":
        return False
    if statement.type not in _ASSIGNMENTS or statement.child_by_field_name("right") != outer.parent:
        return False
    left = statement.child_by_field_name("left")
    targets = [n for n in left.named_children] if left is not None else []
    if not targets or targets[-1].type != "identifier" or text(targets[-1]) == "_":
        return False
    name = text(targets[-1])
    check = _check_of(statement, name)
    if check is not None:
        # an error declared in the ``if``'s own initializer is out of scope after the ``if``
        scoped = check.child_by_field_name("initializer") == statement
        return _check_handles(package, check, name, depth, scoped)
    if _answers_a_question(statement, name):
        return True
    if len(targets) == 1:  # an object: its failure shows in the calls made on it
        uses = _calls_on(statement, name, package.file_of(statement).source.data)
        return bool(uses) and all(handled_with_fallback(package, u, depth) for u in uses)
    return False


def _outermost_call(call: Node) -> Node:
    """``exec.Command(...)`` of ``exec.Command(...).Run()`` is the ``Run`` call."""
    while True:
        selector = call.parent
        outer = selector.parent if selector is not None else None
        if selector is None or selector.type != "selector_expression" or outer is None:
            return call
        if outer.type != "call_expression":
            return call
        call = outer


def _check_of(statement: Node, name: str) -> Node | None:
    """The ``if`` that tests ``name`` against nil: the one ``statement`` starts, or the next."""
    holder = statement.parent
    if holder is not None and holder.child_by_field_name("initializer") == statement:
        return holder if holder.type == "if_statement" and _tests(holder, name) else None
    following = statement.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    if following is not None and following.type == "if_statement" and _tests(following, name):
        return following
    return None


def _tests(check: Node, name: str) -> bool:
    condition = check.child_by_field_name("condition")
    return condition is not None and _nil_test(condition, name, "[!=]") is not None


def _nil_test(condition: Node, name: str, operator: str) -> re.Match[bytes] | None:
    pattern = rb"\b" + re.escape(name.encode()) + rb"\s*" + operator.encode() + rb"=\s*nil\b"
    return re.search(pattern, condition.text or b"")


def _answers_a_question(statement: Node, name: str) -> bool:
    """``_, err := os.Stat(p)`` then ``exists := err == nil`` (or ``return err != nil``): the
    call asks a yes/no question, a failure is the answer "no", and the error is read nowhere
    else in the block."""
    following = statement.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    if following is None:
        return False
    if following.type in _ASSIGNMENTS:
        value = following.child_by_field_name("right")
    elif following.type == "return_statement":
        value = following.named_children[0] if following.named_child_count == 1 else None
    else:
        return False
    word = re.escape(name.encode())
    if value is None or not re.fullmatch(rb"\s*" + word + rb"\s*[!=]=\s*nil\s*", value.text or b""):
        return False
    rest = following.next_named_sibling
    while rest is not None:
        if _uses(rest.text or b"", word):
            return False
        rest = rest.next_named_sibling
    return True


def _check_handles(package: Package, check: Node, name: str, depth: int, scoped: bool) -> bool:
    """``if err != nil { x = fallback }``, or ``if v, err := f(); err == nil { return v }``
    followed by a fallback; ``if err != nil { return ..., err }`` if the callers handle it.
    Giving up (``return`` without the error, ``os.Exit``) or reporting the error is not a
    fallback. ``scoped``: the error was declared in the ``if``'s initializer, so the code
    after the ``if`` cannot read it."""
    condition = check.child_by_field_name("condition")
    body = check.child_by_field_name("consequence")
    if condition is None or body is None:
        return False
    word = re.escape(name.encode())
    if _nil_test(condition, name, "!") is not None:
        failure_path = body.text or b""
        if _STOPS.search(failure_path):
            return False
        if re.search(rb"\breturn\b[^\n]*\b" + word + rb"\b", failure_path):
            return _callers_handle(package, check, depth)
        return not re.search(rb"\breturn\b", failure_path) and not _uses(failure_path, word)
    # err == nil: the success path leaves, the failure path is what comes after
    if check.child_by_field_name("alternative") is not None:
        return False
    if not re.search(rb"\breturn\b", body.text or b""):
        return False
    after = _next_statement(check)
    if after is None:
        return False
    if _STOPS.search(after.text or b""):
        return False
    return scoped or not _uses(after.text or b"", word)


def _next_statement(statement: Node) -> Node | None:
    """What runs after ``statement``: its next sibling, or, when it ends the body of an
    ``if`` without ``else``, what runs after that ``if``."""
    while True:
        after = statement.next_named_sibling
        while after is not None and after.type == "comment":
            after = after.next_named_sibling
        if after is not None:
            return after
        block = statement.parent
        if block is not None and block.type == "statement_list":
            block = block.parent
        outer = block.parent if block is not None else None
        if outer is None or outer.type != "if_statement" or block is None:
            return None
        if outer.child_by_field_name("consequence") != block:
            return None
        if outer.child_by_field_name("alternative") is not None:
            return None
        statement = outer


def _uses(code: bytes, word: bytes) -> bool:
    """Whether ``code`` reads the error (to report it), other than assigning it again."""
    return re.search(rb"\b" + word + rb"\b(?!\s*(?:,[^=\n]*)?:?=[^=])", code) is not None


def _callers_handle(package: Package, inner: Node, depth: int) -> bool:
    """Whether every call in the package of the function around ``inner`` handles its error."""
    if depth >= MAX_DEPTH:
        return False
    home = inner.parent
    while home is not None and home.type not in ("function_declaration", "method_declaration"):
        if home.type == "func_literal":
            return False
        home = home.parent
    name_node = home.child_by_field_name("name") if home is not None else None
    if home is None or name_node is None:
        return False
    name = text(name_node)
    callers: list[Node] = []
    for gofile in package.files:
        root, data = gofile.source.root, gofile.source.data
        if home.type == "function_declaration":
            callers += [c for c, _ in named_calls(root, data, frozenset({name}))]
        else:
            callers += selector_calls(root, data, (), frozenset({name}))
    return bool(callers) and all(handled_with_fallback(package, c, depth + 1) for c in callers)


def _calls_on(statement: Node, name: str, data: bytes) -> list[Node]:
    """Method calls ``name.M(...)`` in the statements after ``statement`` in its block."""
    block = statement.parent
    if block is None:
        return []
    later = [s for s in block_statements(block) if s.start_byte > statement.start_byte]
    found: list[Node] = []
    for s in later:
        found += [c for c in selector_calls(s, data, (name,), frozenset()) if _is_use(c, name)]
    return found


def _is_use(call: Node, name: str) -> bool:
    function = call.child_by_field_name("function")
    operand = function.child_by_field_name("operand") if function is not None else None
    return operand is not None and text(operand) == name
