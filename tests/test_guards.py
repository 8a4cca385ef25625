"""``guards.DeadCode`` (dead byte ranges, built once per file and platform) agrees with the
definition it replaced: a walk up a node's parents that evaluates every guard on the way and
rescans the earlier statements of each enclosing block for an early exit. The walk is kept
here as the reference, and both answer for every node of random guard-heavy programs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tree_sitter import Node

from wasmvet.analysis import guards
from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import string_value, text
from wasmvet.analysis.scope import Resolver
from wasmvet.analysis.source import SourceFile
from wasmvet.targets import TARGETS


def recursive_evaluate(cond: Node, ctx: guards.Platform, resolver: Resolver) -> bool | None:
    """The reference for ``guards.evaluate``: the recursive definition."""
    if cond.type == "parenthesized_expression" and cond.named_child_count:
        inner = cond.named_child(0)
        return recursive_evaluate(inner, ctx, resolver) if inner is not None else None
    if cond.type == "unary_expression" and text(cond).lstrip().startswith("!"):
        operand = cond.child_by_field_name("operand")
        value = recursive_evaluate(operand, ctx, resolver) if operand is not None else None
        return None if value is None else not value
    op_node = cond.child_by_field_name("operator")
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if cond.type != "binary_expression" or op_node is None or left is None or right is None:
        return None
    op = text(op_node)
    if op in ("&&", "||"):
        a, b = recursive_evaluate(left, ctx, resolver), recursive_evaluate(right, ctx, resolver)
        if op == "&&":
            return False if False in (a, b) else True if a is True and b is True else None
        return True if True in (a, b) else False if a is False and b is False else None
    if op not in ("==", "!="):
        return None
    var, literal = guards._runtime_var(left, resolver), string_value(right)
    if var is None:
        var, literal = guards._runtime_var(right, resolver), string_value(left)
    if var is None or literal is None:
        return None
    return (ctx.value(var) == literal) == (op == "==")


def case_reachable(case: Node, switch: Node, ctx: guards.Platform, r: Resolver) -> bool:
    value = switch.child_by_field_name("value")
    var = guards._runtime_var(value, r) if value is not None else None
    if var is None:
        return True
    actual = ctx.value(var)
    labels = {
        c.id: [string_value(v) for v in (c.child_by_field_name("value") or c).named_children]
        for c in switch.named_children
        if c.type == "expression_case"
    }
    if case.type == "expression_case":
        return actual in labels.get(case.id, [])
    if case.type == "default_case":
        return all(actual not in values for values in labels.values())
    return True


def walk_up_reachable(node: Node, ctx: guards.Platform, resolver: Resolver) -> bool:
    """The reference: the per-node definition, in the shape of the code before issue 16."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "if_statement":
            cond = parent.child_by_field_name("condition")
            value = recursive_evaluate(cond, ctx, resolver) if cond is not None else None
            if child == parent.child_by_field_name("consequence") and value is False:
                return False
            if child == parent.child_by_field_name("alternative") and value is True:
                return False
        elif parent.type in ("expression_case", "default_case"):
            switch = parent.parent
            if (
                switch is not None
                and switch.type == "expression_switch_statement"
                and not case_reachable(parent, switch, ctx, resolver)
            ):
                return False
        elif parent.type == "statement_list":
            for stmt in parent.named_children:
                if stmt.start_byte >= child.start_byte:
                    break
                body = stmt.child_by_field_name("consequence")
                cond = stmt.child_by_field_name("condition")
                if (
                    stmt.type == "if_statement"
                    and stmt.child_by_field_name("alternative") is None
                    and cond is not None
                    and body is not None
                    and recursive_evaluate(cond, ctx, resolver) is True
                    and guards._always_exits(body)
                ):
                    return False
        child, parent = parent, parent.parent
    return True


CONDITIONS = [
    'runtime.GOOS == "js"',
    'runtime.GOOS != "wasip1"',
    'runtime.GOARCH == "wasm"',
    'runtime.Compiler == "tinygo"',
    '"js" == runtime.GOOS',
    "x > 0",
    'rt.GOOS == "linux"',
]


def condition(rng: random.Random, depth: int = 0) -> str:
    choice = rng.randrange(6 if depth < 3 else 1)
    if choice == 0:
        return rng.choice(CONDITIONS)
    if choice == 1:
        return f"!({condition(rng, depth + 1)})"
    if choice == 2:
        return f"({condition(rng, depth + 1)})"
    op = rng.choice(["&&", "||"])
    return f"{condition(rng, depth + 1)} {op} {condition(rng, depth + 1)}"


def statements(rng: random.Random, depth: int) -> str:
    out = []
    for _ in range(rng.randrange(1, 5)):
        kind = rng.randrange(8 if depth < 4 else 2)
        if kind <= 1:
            out.append(rng.choice(["x++", "v.Store(true)", "println(x)"]))
        elif kind == 2:
            exit_stmt = rng.choice(["return", "panic(1)", "os.Exit(1)", "x++"])
            out.append(f"if {condition(rng)} {{\n{exit_stmt}\n}}")
        elif kind == 3:
            body = statements(rng, depth + 1)
            tail = f" else {{\n{statements(rng, depth + 1)}}}" if rng.random() < 0.5 else ""
            out.append(f"if {condition(rng)} {{\n{body}}}{tail}")
        elif kind == 4:
            out.append(
                f"if {condition(rng)} {{\n{statements(rng, depth + 1)}}} "
                f"else if {condition(rng)} {{\n{statements(rng, depth + 1)}}}"
            )
        elif kind == 5:
            var = rng.choice(["runtime.GOOS", "runtime.GOARCH", "runtime.Compiler", "rt.GOOS"])
            cases = "".join(
                f'case "{rng.choice(["js", "wasip1", "wasm", "gc", "tinygo", "linux"])}":\n'
                f"{statements(rng, depth + 1)}"
                for _ in range(rng.randrange(1, 4))
            )
            default = f"default:\n{statements(rng, depth + 1)}" if rng.random() < 0.5 else ""
            out.append(f"switch {var} {{\n{cases}{default}}}")
        elif kind == 6:
            out.append(f"go func() {{\n{statements(rng, depth + 1)}}}()")
        else:
            out.append(f"for !v.Load() {{\n{statements(rng, depth + 1)}}}")
    return "".join(s + "\n" for s in out)


def program(rng: random.Random) -> str:
    header = 'package main\n\nimport (\n\t"os"\n\trt "runtime"\n\t"runtime"\n\t"sync/atomic"\n)\n\n'
    funcs = "".join(f"func f{i}() {{\n{statements(rng, 0)}}}\n\n" for i in range(3))
    return header + "var v atomic.Bool\nvar x int\n\n" + funcs + "var _, _ = os.Exit, rt.GOOS\n"


#: What rules report on (statements, calls), and the blocks and cases around them.
REPORTED = frozenset(
    {"call_expression", "for_statement", "go_statement", "inc_statement", "block"}
    | {"expression_case", "default_case", "if_statement", "return_statement"}
)


def reported_nodes(root: Node) -> list[Node]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.type in REPORTED:
            found.append(node)
        stack.extend(node.named_children)
    return found


@pytest.mark.parametrize("seed", range(25))
def test_dead_code_agrees_with_the_walk_up_the_parents(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path / "main.go"
    path.write_text(program(rng))
    gofile = GoFile.from_source(SourceFile.read(path))
    resolver = Analyzer(Package(str(tmp_path), [gofile])).resolver(gofile)
    root = gofile.source.root
    assert not root.has_error, text(root)
    found = guards.Guards.of(root, gofile.source.data)
    nodes = reported_nodes(root)
    dead_somewhere = 0
    for platform in {t.runtime for t in TARGETS.values()}:
        dead = guards.DeadCode(found, platform, resolver)
        for node in nodes:
            expected = walk_up_reachable(node, platform, resolver)
            assert (not dead.covers(node)) == expected, (platform, node.start_point, text(node))
            dead_somewhere += not expected
    assert dead_somewhere > 0  # the programs do exercise the guards
