"""``runtime.GOOS`` / ``GOARCH`` / ``Compiler`` guards: is a node reachable on a target?"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from tree_sitter import Node

from wasmvet.analysis.parsing import matches, string_value, text
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
    """Truth of a condition about runtime.GOOS/GOARCH for ``ctx``; None when it depends on more.

    Iterative (operands first, from an explicit stack): a condition may nest deeper than
    Python's recursion limit (``((((...))))``, a long ``||`` chain)."""
    values: dict[int, bool | None] = {}
    stack: list[tuple[Node, bool]] = [(cond, False)]
    while stack:
        node, ready = stack.pop()
        operands = _operands(node)
        if not ready and operands:
            stack.append((node, True))
            stack.extend((operand, False) for operand in operands)
            continue
        values[node.id] = _value(node, [values[o.id] for o in operands], ctx, resolver)
    return values[cond.id]


def _operands(cond: Node) -> list[Node]:
    """The sub-conditions whose truth decides ``cond``'s: (x), !x, x && y, x || y."""
    kind = cond.type
    if kind == "parenthesized_expression":
        inner = cond.named_child(0) if cond.named_child_count else None
        return [inner] if inner is not None else []
    if kind == "unary_expression" and _operator(cond) == "!":
        operand = cond.child_by_field_name("operand")
        return [operand] if operand is not None else []
    if kind == "binary_expression" and _operator(cond) in ("&&", "||"):
        left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
        return [left, right] if left is not None and right is not None else []
    return []


def _operator(expr: Node) -> str:
    op = expr.child_by_field_name("operator")
    return text(op) if op is not None else ""


def _value(
    cond: Node, operands: list[bool | None], ctx: Platform, resolver: Resolver
) -> bool | None:
    """``cond``'s truth from its operands' (see ``_operands``), or from a comparison."""
    kind = cond.type
    if kind == "parenthesized_expression":
        return operands[0] if operands else None
    if kind == "unary_expression":
        return None if not operands or operands[0] is None else not operands[0]
    if kind != "binary_expression":
        return None
    op = _operator(cond)
    if op in ("&&", "||"):
        if not operands:
            return None
        a, b = operands
        if op == "&&":
            if a is False or b is False:
                return False
            return True if a is True and b is True else None
        if a is True or b is True:
            return True
        return False if a is False and b is False else None
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if op not in ("==", "!=") or left is None or right is None:
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


def _dead_cases(switch: Node, ctx: Platform, r: Resolver) -> list[Node]:
    """The cases of ``switch runtime.GOOS { ... }`` that cannot run on ``ctx``."""
    value = switch.child_by_field_name("value")
    var = _runtime_var(value, r) if value is not None else None
    if var is None:
        return []
    actual = ctx.value(var)
    cases = [c for c in switch.named_children if c.type in ("expression_case", "default_case")]
    labels = {
        c.id: [string_value(v) for v in (c.child_by_field_name("value") or c).named_children]
        for c in cases
        if c.type == "expression_case"
    }
    matched = any(actual in values for values in labels.values())
    return [c for c in cases if (actual not in labels[c.id] if c.id in labels else matched)]


GUARD_QUERY = """
(if_statement) @if
(expression_switch_statement) @switch
(statement_list (if_statement !alternative) @early) @list
"""
#: Words a guard's condition must contain (``runtime.GOOS``, a dot-imported ``GOARCH``...).
_GUARD_WORDS = re.compile(rb"GOOS|GOARCH|Compiler")


@dataclass(frozen=True)
class Guards:
    """A file's statements that may be GOOS/GOARCH guards, whatever the target: ``if`` and
    ``switch`` statements that mention a runtime variable, and of those ``if`` statements
    without ``else`` that are followed by more statements of their list (early exits)."""

    ifs: list[Node]
    switches: list[Node]
    early: list[tuple[Node, Node]]
    """(``if`` statement, the statement list it is in)."""

    @classmethod
    def of(cls, root: Node, data: bytes) -> Guards:
        if not _GUARD_WORDS.search(data):
            return cls([], [], [])

        def mentions(node: Node | None) -> bool:
            return node is not None and bool(
                _GUARD_WORDS.search(data, node.start_byte, node.end_byte)
            )

        ifs, switches, early = [], [], []
        for pattern, found in matches(GUARD_QUERY, root):
            if pattern == 0 and mentions(found["if"][0].child_by_field_name("condition")):
                ifs.append(found["if"][0])
            elif pattern == 1 and mentions(found["switch"][0].child_by_field_name("value")):
                switches.append(found["switch"][0])
            elif pattern == 2:
                stmt = found["early"][0]
                if mentions(stmt.child_by_field_name("condition")):
                    early.append((stmt, found["list"][0]))
        return cls(ifs, switches, early)


class DeadCode:
    """The byte ranges of one file that GOOS/GOARCH guards make dead code on one platform.

    Built once per file and platform in one pass over the guards, each condition evaluated
    once; ``covers`` is then a bisect, whatever the nesting depth or the statement count."""

    def __init__(self, guards: Guards, ctx: Platform, resolver: Resolver) -> None:
        truth: dict[int, bool | None] = {}

        def value(stmt: Node) -> bool | None:
            if stmt.id not in truth:
                cond = stmt.child_by_field_name("condition")
                truth[stmt.id] = evaluate(cond, ctx, resolver) if cond is not None else None
            return truth[stmt.id]

        ranges: list[tuple[int, int]] = []
        for stmt in guards.ifs:
            dead_branch = {False: "consequence", True: "alternative", None: None}[value(stmt)]
            branch = stmt.child_by_field_name(dead_branch) if dead_branch else None
            if branch is not None:
                ranges.append((branch.start_byte, branch.end_byte))
        for switch in guards.switches:
            # the case node itself stays reachable, what is inside it does not
            ranges += [(c.start_byte + 1, c.end_byte) for c in _dead_cases(switch, ctx, resolver)]
        for stmt, stmts in guards.early:
            body = stmt.child_by_field_name("consequence")
            if body is not None and value(stmt) is True and _always_exits(body):
                ranges.append((stmt.end_byte, stmts.end_byte))  # every later statement
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(ranges):
            if start >= end:
                continue
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def ranges(self) -> list[tuple[int, int]]:
        """The dead byte ranges, sorted and disjoint."""
        return list(zip(self._starts, self._ends, strict=True))

    def covers(self, node: Node) -> bool:
        """Whether ``node`` lies in dead code."""
        i = bisect.bisect_right(self._starts, node.start_byte) - 1
        return i >= 0 and node.start_byte < self._ends[i]
