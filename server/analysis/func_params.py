"""Calls of a function-valued parameter, resolved through the package's callers.

``func eventually(limit time.Duration, cond func() bool) bool { for !cond() { ... } }``:
what ``cond()`` does is what the callers pass. When the function is unexported (every caller
is in the package), never used but called, and never reassigns the parameter, the functions
its callers pass in that slot (function literals, package functions) are all that the call
can run. Anything else (an exported function, a variable passed, a spread) stays unknown.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from wasmvet.analysis.package import Package
from wasmvet.analysis.parsing import text
from wasmvet.analysis.tokens import name_matches


def param_slot(ident: Node) -> tuple[Node, int] | None:
    """(the top-level function, the parameter's position) when ``ident`` declares a plain
    parameter of an unexported top-level function (no variadic parameters)."""
    pdecl = ident.parent
    plist = pdecl.parent if pdecl is not None else None
    func = plist.parent if plist is not None else None
    if (
        pdecl is None
        or pdecl.type != "parameter_declaration"
        or plist is None
        or func is None
        or func.type != "function_declaration"
        or func.child_by_field_name("parameters") != plist
    ):
        return None
    name = func.child_by_field_name("name")
    if name is None or text(name)[:1].isupper() or text(name) in ("main", "init"):
        return None
    index = 0
    for param in plist.named_children:
        if param.type == "comment":
            continue
        if param.type != "parameter_declaration":
            return None
        names = param.children_by_field_name("name")
        for named in names or [param]:
            if named == ident:
                return func, index
            index += 1
    return None


def passed_functions(package: Package, func: Node, index: int, param: str) -> list[Node] | None:
    """The function literals and declarations every caller passes as parameter ``index``
    (named ``param``) of ``func``; None when there is no caller, or some use of ``func`` or
    of the parameter is not a plain call with a function there."""
    body = func.child_by_field_name("body")
    if body is not None and _reassigned(text(body), param):
        return None
    name_node = func.child_by_field_name("name")
    assert name_node is not None
    name = text(name_node)
    use = re.compile(re.escape(name.encode()) + rb"\b")
    found: list[Node] = []
    for gofile in package.files:
        root = gofile.source.root
        for match in name_matches(use, gofile.source.data):
            node = root.descendant_for_byte_range(match.start(), match.end())
            if node is None or node.type != "identifier":
                continue  # a comment or a string
            if node == name_node:
                continue
            passed = _argument(node, index)
            if passed is None:
                return None
            if passed.type == "func_literal":
                found.append(passed)
                continue
            named = package.functions(text(passed)) if passed.type == "identifier" else []
            if not named:
                return None
            found.extend(named)
    return found or None  # no caller in view (tests, other build tags...): not known


def _argument(use: Node, index: int) -> Node | None:
    """The argument in position ``index`` when ``use`` is the callee of a call; else None."""
    call = use.parent
    if call is None or call.type != "call_expression":
        return None
    if call.child_by_field_name("function") != use:
        return None
    args = call.child_by_field_name("arguments")
    if args is None or any(c.type == "..." for c in args.children):
        return None
    values = [c for c in args.named_children if c.type != "comment"]
    return values[index] if index < len(values) else None


def _reassigned(body: str, param: str) -> bool:
    """Whether the body may assign the parameter or take its address (by its text)."""
    name = re.escape(param)
    pattern = (
        rf"(?<![\w.]){name}\s*(?:,[\w\s,.\[\]]*)?:?=(?!=)"  # cond = f / cond, err = ...
        rf"|,\s*{name}\s*(?:,[\w\s,]*)?:?=(?!=)"  # x, cond = ...
        rf"|&\s*{name}\b"
    )
    return re.search(pattern, body) is not None
