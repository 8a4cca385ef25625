"""``runtime.GOOS`` / ``GOARCH`` / ``Compiler`` guards: is a node reachable on a target?"""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from wasmvet.analysis.parsing import string_value, text
from wasmvet.analysis.scope import Resolver


class Platform(NamedTuple):
    """What ``runtime.GOOS``, ``runtime.GOARCH`` and ``runtime.Compiler`` are at run time.

    Not always the build's GOOS/GOARCH: TinyGo's wasip2 builds as linux/arm but its
    runtime.GOOS is "wasip2".
    """

    goos: str
    goarch: str
    compiler: str = "gc"

    def value(self, var: str) -> str:
        return {"GOOS": self.goos, "GOARCH": self.goarch}.get(var, self.compiler)


_EXITS = frozenset({"return_statement", "goto_statement"})


def _runtime_var(expr: Node, resolver: Resolver) -> str | None:
    name = resolver.qualified(expr)
    if name in ("runtime.GOOS", "runtime.GOARCH", "runtime.Compiler"):
        return name.rsplit(".", 1)[1]
    return None


def evaluate(cond: Node, ctx: Platform, resolver: Resolver) -> bool | None:
    """Truth of a condition about runtime.GOOS/GOARCH for ``ctx``; None when it depends on more."""
    kind = cond.type
    if kind == "parenthesized_expression" and cond.named_child_count:
        inner = cond.named_child(0)
        return evaluate(inner, ctx, resolver) if inner is not None else None
    if kind == "unary_expression" and text(cond).lstrip().startswith("!"):
        operand = cond.child_by_field_name("operand")
        value = evaluate(operand, ctx, resolver) if operand is not None else None
        return None if value is None else not value
    if kind != "binary_expression":
        return None
    op_node = cond.child_by_field_name("operator")
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if op_node is None or left is None or right is None:
        return None
    op = text(op_node)
    if op in ("&&", "||"):
        a, b = evaluate(left, ctx, resolver), evaluate(right, ctx, resolver)
        if op == "&&":
            if a is False or b is False:
                return False
            return True if a is True and b is True else None
        if a is True or b is True:
            return True
        return False if a is False and b is False else None
    if op not in ("==", "!="):
        return None
    var, literal = _runtime_var(left, resolver), string_value(right)
    if var is None:
        var, literal = _runtime_var(right, resolver), string_value(left)
    if var is None or literal is None:
        return None
    actual = ctx.value(var)
    return (actual == literal) == (op == "==")


def _always_exits(block: Node) -> bool:
    stmts = block.named_children
    if stmts and stmts[0].type == "statement_list":
        stmts = stmts[0].named_children
    if not stmts:
        return False
    last = stmts[-1]
    if last.type in _EXITS:
        return True
    if last.type == "expression_statement":
        call = last.named_child(0)
        func = call.child_by_field_name("function") if call is not None else None
        return func is not None and text(func) in ("panic", "os.Exit", "log.Fatal", "log.Fatalf")
    return False


def _switch_case_reachable(case: Node, switch: Node, ctx: Platform, r: Resolver) -> bool:
    value = switch.child_by_field_name("value")
    var = _runtime_var(value, r) if value is not None else None
    if var is None:
        return True
    actual = ctx.value(var)
    cases = [c for c in switch.named_children if c.type == "expression_case"]
    labels = {
        c.id: [string_value(v) for v in (c.child_by_field_name("value") or c).named_children]
        for c in cases
    }
    if case.type == "expression_case":
        return actual in labels.get(case.id, [])
    if case.type == "default_case":
        return all(actual not in values for values in labels.values())
    return True


def reachable(node: Node, ctx: Platform, resolver: Resolver) -> bool:
    """False when a GOOS/GOARCH guard makes ``node`` dead code for ``ctx``."""
    child, parent = node, node.parent
    while parent is not None:
        kind = parent.type
        if kind == "if_statement":
            cond = parent.child_by_field_name("condition")
            value = evaluate(cond, ctx, resolver) if cond is not None else None
            if value is not None:
                if child == parent.child_by_field_name("consequence") and value is False:
                    return False
                if child == parent.child_by_field_name("alternative") and value is True:
                    return False
        elif kind in ("expression_case", "default_case"):
            switch = parent.parent
            if (
                switch is not None
                and switch.type == "expression_switch_statement"
                and not _switch_case_reachable(parent, switch, ctx, resolver)
            ):
                return False
        elif kind == "statement_list":
            for stmt in parent.named_children:
                if stmt.start_byte >= child.start_byte:
                    break
                if stmt.type == "if_statement" and stmt.child_by_field_name("alternative") is None:
                    cond = stmt.child_by_field_name("condition")
                    body = stmt.child_by_field_name("consequence")
                    if cond is None or body is None:
                        continue
                    if evaluate(cond, ctx, resolver) is True and _always_exits(body):
                        return False
        child, parent = parent, parent.parent
    return True
