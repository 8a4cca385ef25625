"""Calls through function-valued parameters, resolved at the call sites that bind them.

A helper such as ``eventually(limit time.Duration, cond func() bool)`` polls ``cond()`` in a
loop: whether that loop ever yields depends on the function each caller passes. For a loop
in a package-level function, this module finds the calls it makes through the function's
parameters, and at each call of the function in the package the value bound to those
parameters when the analysis can see it: a function literal, or a package-level function
named directly. A site passing anything else (a variable, a method value, a spread
argument) binds nothing, so nothing is claimed for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer, Ranges, is_receive, walk
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import enclosing_function


@dataclass(frozen=True)
class Binding:
    """A call of a loop's function and the functions it binds to the loop's parameter calls."""

    site: Node
    """The call of the function that holds the loop."""
    bodies: tuple[Node, ...]
    """The body of the function bound to each parameter the loop calls."""
    params: tuple[str, ...]
    """The names of the parameters the loop calls."""


@dataclass(frozen=True)
class _ParamCalls:
    calls: tuple[Node, ...]
    bindings: tuple[Binding, ...]


def sites_where_loop_never_yields(
    analyzer: Analyzer, loop: Node, target: str, spinning: Ranges
) -> list[Binding]:
    """The call sites at which ``loop``, which calls function-valued parameters of its
    function, never yields on ``target``: the rest of the loop does not yield (``spinning``
    left out, as for the loop itself), nor does any function the site binds."""
    found = analyzer.memo(
        "param-calls", loop, "", partial(_param_calls, analyzer, loop, spinning), None
    )
    if found is None or not found.bindings:
        return []
    excluded = spinning | {(c.start_byte, c.end_byte) for c in found.calls}
    if not analyzer.never_yields(loop, target, frozenset(excluded)):
        return []
    return [
        b for b in found.bindings if all(analyzer.never_yields(body, target) for body in b.bodies)
    ]


def _param_calls(analyzer: Analyzer, loop: Node, spinning: Ranges) -> _ParamCalls | None:
    """The loop's calls through parameters of its package-level function and what each call
    site of that function binds to them; None when the loop makes no such call, or one whose
    removal could hide a yield (its arguments call or receive)."""
    function = enclosing_function(loop)
    if function is None or function.type != "function_declaration":
        return None
    name_node = function.child_by_field_name("name")
    params = function.child_by_field_name("parameters")
    if name_node is None or params is None or function.child_by_field_name("type_parameters"):
        return None
    positions = _function_params(params)
    if not positions:
        return None
    gofile = analyzer.package.file_of(loop)
    resolver = analyzer.resolver(gofile)
    index = gofile.index
    skip = index.boundaries(loop) + sorted(spinning)
    calls: list[Node] = []
    used: list[int] = []
    names: list[str] = []
    for call in index.inside(loop, "call", skip):
        func = call.child_by_field_name("function")
        if func is None or func.type != "identifier" or text(func) not in positions:
            continue
        decl = resolver.local_declaration(func, text(func))
        if decl is None or decl.ident.parent is None or decl.ident.parent.parent != params:
            continue  # a local of the same name shadows the parameter
        args = call.child_by_field_name("arguments")
        if args is not None and any(
            n.type == "call_expression" or is_receive(n) for n in walk(args)
        ):
            return None
        calls.append(call)
        used.append(positions[text(func)])
        names.append(text(func))
    if not calls or _reassigned(gofile, function, names):
        return None
    name = text(name_node)
    if analyzer.package.functions(name) != [function]:
        return None
    bindings = []
    for site_file in analyzer.package.files:
        site_resolver = analyzer.resolver(site_file)
        for site, _ in site_file.index.named_calls(frozenset({name})):
            func = site.child_by_field_name("function")
            if func is None or site_resolver.local_declaration(func, name) is not None:
                continue
            bodies = _bound_bodies(analyzer, site_file, site, used)
            if bodies is not None:
                bindings.append(Binding(site, bodies, tuple(dict.fromkeys(names))))
    return _ParamCalls(tuple(calls), tuple(bindings))


def _function_params(params: Node) -> dict[str, int]:
    """Position of each function-typed parameter by name (no variadic parameter before it)."""
    found: dict[str, int] = {}
    position = 0
    for decl in params.named_children:
        if decl.type != "parameter_declaration":
            break  # a variadic parameter is last; its position is not one argument
        names = decl.children_by_field_name("name")
        kind = decl.child_by_field_name("type")
        for ident in names:
            if kind is not None and kind.type == "function_type":
                found[text(ident)] = position
            position += 1
        if not names:
            position += 1
    return found


def _reassigned(gofile: GoFile, function: Node, names: list[str]) -> bool:
    """Whether the function assigns to any of ``names`` (then the bound value may change)."""
    return any(text(w) in names for w in gofile.index.within(function, "write"))


def _bound_bodies(
    analyzer: Analyzer, gofile: GoFile, site: Node, positions: list[int]
) -> tuple[Node, ...] | None:
    """The body of the function ``site`` passes at each of ``positions``, or None when one
    of them is not a function literal or a package-level function named directly."""
    args = site.child_by_field_name("arguments")
    if args is None or any(c.type == "..." for c in args.children):
        return None
    values = [a for a in args.named_children if a.type != "comment"]
    bodies: list[Node] = []
    for position in positions:
        if position >= len(values):
            return None
        value = values[position]
        while value.type == "parenthesized_expression" and value.named_child_count == 1:
            value = value.named_child(0)
        if value.type == "identifier":
            resolver = analyzer.resolver(gofile)
            declared = analyzer.package.functions(text(value))
            if resolver.local_declaration(value, text(value)) is not None or len(declared) != 1:
                return None
            value = declared[0]
        elif value.type != "func_literal":
            return None
        body = value.child_by_field_name("body")
        if body is None:
            return None
        bodies.append(body)
    return tuple(bodies)
