"""The WV201 fix: move a ``js.FuncOf`` callback's work into ``go func() { ... }()``.

The callback then returns at once and the event loop runs while the work waits. Offered only
where the callback's result cannot depend on the moved work: the body ends with ``return`` of
a constant (``nil``, a literal, ``js.Undefined()``, ``js.Null()``), every other ``return`` of
the moved statements returns that same constant (it becomes a bare ``return`` that ends the
goroutine, as it ended the callback), and the layout lets the moved lines be indented one level
(the file's own unit) more without changing any text (no comment or raw string spans lines).
"""

from __future__ import annotations

from tree_sitter import Node

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Resolver
from wasmvet.diagnostics import Edit, Span
from wasmvet.fixes.layout import Layout, indentation

_LITERALS = frozenset(
    {
        "int_literal",
        "float_literal",
        "imaginary_literal",
        "rune_literal",
        "interpreted_string_literal",
        "raw_string_literal",
    }
)
_PREDECLARED = frozenset({"nil", "true", "false"})
_JS_CONSTANTS = frozenset({"syscall/js.Undefined", "syscall/js.Null"})
_BINDINGS = frozenset(
    {
        "short_var_declaration",
        "range_clause",
        "receive_statement",
        "var_spec",
        "const_spec",
        "parameter_declaration",
        "variadic_parameter_declaration",
        "type_spec",
    }
)
_MULTILINE = frozenset({"raw_string_literal", "comment"})
_NESTED = frozenset({"func_literal"})


def wrap_in_goroutine(gofile: GoFile, function: Node, resolver: Resolver) -> Edit | None:
    """An edit that runs the statements of ``function`` (a callback's ``func`` literal) before
    its final constant ``return`` in a new goroutine, or None where that is not sound."""
    body = function.child_by_field_name("body")
    if function.type != "func_literal" or body is None or not _unnamed_result(function):
        return None
    statements = _statements(body)
    code = [s for s in statements if s.type != "comment"]
    if len(code) < 2:
        return None
    final = code[-1]
    value = _returned(final)
    if value is None or not _constant(value, resolver):
        return None
    source = gofile.source
    first_line, end_line = body.start_point[0] + 1, final.start_point[0]
    if (
        any(s.start_point[0] < first_line <= s.end_point[0] for s in statements)
        or code[0].start_point[0] < first_line
        or code[-2].end_point[0] >= end_line
        or source.line_text(end_line).encode()[: final.start_point[1]].strip()
    ):
        return None
    moved = [s for s in statements if first_line <= s.start_point[0] < end_line]
    rewrites = _returns_to_rewrite(gofile, moved, text(value))
    if rewrites is None or any(_spans_lines(s) for s in moved):
        return None
    start, end = source.offset(first_line, 0), source.offset(end_line, 0)
    data = source.data
    pieces: list[bytes] = []
    cursor = start
    for ret in rewrites:
        pieces += [data[cursor : ret.start_byte], b"return"]
        cursor = ret.end_byte
    pieces.append(data[cursor:end])
    lines = [line.removesuffix("\r") for line in b"".join(pieces).decode("utf-8").split("\n")]
    indent = indentation(gofile, end_line)
    layout = Layout.of(gofile)
    nl, unit = layout.newline, layout.unit
    inner = "".join(f"{unit}{line}{nl}" if line else nl for line in lines[:-1])
    new_text = f"{indent}go func() {{{nl}{inner}{indent}}}(){nl}"
    return Edit(source.path, Span(first_line, 0, end_line, 0), new_text)


def _unnamed_result(function: Node) -> bool:
    """The literal returns one unnamed value (named results could carry the work's result)."""
    result = function.child_by_field_name("result")
    return result is not None and result.type != "parameter_list"


def _statements(body: Node) -> list[Node]:
    """The statements and comments of a block, in order."""
    found: list[Node] = []
    for child in body.named_children:
        found += child.named_children if child.type == "statement_list" else [child]
    return found


def _returned(statement: Node) -> Node | None:
    """The single value a ``return`` statement returns."""
    if statement.type != "return_statement":
        return None
    values = statement.named_child(0)
    if values is None or values.type != "expression_list" or values.named_child_count != 1:
        return None
    return values.named_child(0)


def _constant(value: Node, resolver: Resolver) -> bool:
    """A value that no statement can change: a literal, an unshadowed ``nil``/``true``/
    ``false``, or ``js.Undefined()`` / ``js.Null()``."""
    kind = value.type
    if kind in _LITERALS:
        return value.start_point[0] == value.end_point[0]
    if kind in _PREDECLARED:
        name = text(value)
        package = resolver.package
        declared = (
            package.functions(name)
            or package.is_package_var(name)
            or package.is_type(name)
            or package.is_const(name)
        )
        return not declared and not _binds_locally(value, name)
    if kind == "call_expression":
        args = value.child_by_field_name("arguments")
        return (
            args is not None
            and args.named_child_count == 0
            and resolver.call_symbol(value) in _JS_CONSTANTS
        )
    return False


def _binds_locally(node: Node, name: str) -> bool:
    """Whether the top-level declaration around ``node`` declares ``name`` anywhere (a
    parameter, ``name := ...``, ``var name``, ...), whatever the scope: the conservative
    answer for predeclared names, which the index does not record as locals."""
    top = node
    while top.parent is not None and top.parent.type != "source_file":
        top = top.parent
    stack = [top]
    while stack:
        current = stack.pop()
        stack += current.named_children
        if current.type not in (name, "identifier") or text(current) != name:
            continue
        parent = current.parent
        if parent is not None and parent.type == "expression_list":
            parent = parent.parent
        if parent is not None and parent.type in _BINDINGS:
            return True
    return False


def _returns_to_rewrite(gofile: GoFile, moved: list[Node], value: str) -> list[Node] | None:
    """The ``return`` statements of the moved code (outside nested ``func`` literals), in
    order, when each returns ``value`` alone on its line (a trailing comment would need
    realigning once the line is shorter); else None."""
    found: list[Node] = []
    stack = list(reversed(moved))
    while stack:
        node = stack.pop()
        if node.type == "return_statement":
            returned = _returned(node)
            (line, col), (end_line, end_col) = node.start_point, node.end_point
            line_bytes = gofile.source.line_text(line).encode()
            if (
                returned is None
                or text(returned) != value
                or line != end_line
                or line_bytes[:col].strip()
                or line_bytes[end_col:].strip()
            ):
                return None
            found.append(node)
            continue
        stack += [c for c in reversed(node.named_children) if c.type not in _NESTED]
    return found


def _spans_lines(node: Node) -> bool:
    """A raw string or comment over several lines (re-indenting would change its text)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in _MULTILINE and current.start_point[0] != current.end_point[0]:
            return True
        stack += current.named_children
    return False
