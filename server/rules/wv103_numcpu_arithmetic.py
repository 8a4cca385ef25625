"""WV103 numcpu-arithmetic: NumCPU()-1 style sizes are zero on wasm's single CPU."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.calls import all_model_calls
from wasmvet.analysis.effects import walk
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import enclosing_function
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import TARGETS

CPU_COUNTS = frozenset({"runtime.NumCPU", "runtime.GOMAXPROCS"})


def _shrinks_to_zero(expr: Node) -> bool:
    """``x - k`` (k ≥ 1) or ``x / k`` (k ≥ 2) with integer literals."""
    op = expr.child_by_field_name("operator")
    right = expr.child_by_field_name("right")
    if op is None or right is None or right.type != "int_literal":
        return False
    value = int(text(right).replace("_", ""), 0)
    return (text(op) == "-" and value >= 1) or (text(op) in ("/", ">>") and value >= 2)


def _guarded(expr: Node) -> bool:
    """``max(1, NumCPU()-1)``, or a later ``if n < 1`` style clamp of the variable."""
    parent = expr.parent
    if parent is not None and parent.type == "argument_list":
        call = parent.parent
        func = call.child_by_field_name("function") if call is not None else None
        if func is not None and text(func) == "max":
            return True
    while parent is not None and parent.type == "expression_list":
        parent = parent.parent
    if parent is None or parent.type not in ("short_var_declaration", "assignment_statement"):
        return False
    left = parent.child_by_field_name("left")
    names = {text(n) for n in left.named_children} if left is not None else set()
    home = enclosing_function(parent)
    if home is None:
        return False
    for node in walk(home, skip=frozenset()):
        if node.type == "if_statement":
            cond = node.child_by_field_name("condition")
            if cond is not None and _lower_bound(cond, names):
                return True
    return False


def _lower_bound(cond: Node, names: set[str]) -> bool:
    """``n < 1``, ``n <= 0``, ``n == 0``, ``1 > n`` or ``0 >= n`` for one of ``names``."""
    for node in walk(cond, skip=frozenset()):
        if node.type != "binary_expression":
            continue
        left, op, right = (node.child_by_field_name(f) for f in ("left", "operator", "right"))
        if left is None or op is None or right is None:
            continue
        pairs = {("<", "1"), ("<=", "0"), ("==", "0"), ("<", "0")}
        flipped = {">": "<", ">=": "<=", "==": "=="}
        if text(left) in names and (text(op), text(right)) in pairs:
            return True
        if text(right) in names and (flipped.get(text(op), ""), text(left)) in pairs:
            return True
    return False


class NumCpuArithmetic(Rule):
    code = "WV103"
    name = "numcpu-arithmetic"
    summary = "runtime.NumCPU()-1 (or GOMAXPROCS(0)/2) is 0 on wasm: pools get no workers."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    facts = ("scheduler.one-p", "tinygo.scheduler.defaults")
    doc = """
## What it flags
Sizes computed as `runtime.NumCPU() - k` or `runtime.GOMAXPROCS(0) - k` (k ≥ 1), or divided by
2 or more, unless clamped with `max(1, ...)` or a following `if n < 1` check.

## Why it fails
On wasm `runtime.NumCPU()` and `runtime.GOMAXPROCS(0)` are always 1, so `NumCPU()-1` is 0: a
worker pool starts no workers, and whoever sends it work blocks forever
(`all goroutines are asleep - deadlock!`). Natively the same code works on any machine with
two or more CPUs.

## Example
```go
workers := runtime.NumCPU() - 1 // 0 on wasm
```

## Use instead
```go
workers := max(1, runtime.NumCPU()-1)
```

## Fix safety
No automatic fix (the right minimum depends on the program).

## References
- `$GOROOT/src/runtime/os_wasm.go` (`getCPUCount` returns 1)
- Oracle cases: `tests/oracle/cases/WV103/`
"""

    def check(self, ctx: RuleContext) -> None:
        for call in all_model_calls(ctx.analyzer):
            if call.symbol not in CPU_COUNTS:
                continue
            expr = call.node.parent
            while expr is not None and expr.type == "parenthesized_expression":
                expr = expr.parent
            if expr is None or expr.type != "binary_expression":
                continue
            if expr.child_by_field_name("left") != call.node:
                continue
            if _shrinks_to_zero(expr) and not _guarded(expr):
                ctx.report(
                    expr,
                    f"`{text(expr)}` is 0 on wasm (one CPU, GOMAXPROCS 1): clamp it with "
                    f"`max(1, {text(expr)})`",
                )


RULE = NumCpuArithmetic()
