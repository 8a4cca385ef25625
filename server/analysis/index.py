"""A per-file index of the nodes the analysis needs, found with one tree-sitter query.

A query's cost is dominated by visiting the tree, so the engine runs a single combined query
per file version and serves every question from its captures: declarations, imports, calls,
loops, channel operations, writes, local names, and the boundaries of code that runs elsewhere
(function literals, ``go`` and ``defer`` statements). Range lookups then answer "what is inside
this loop or function body?" without walking the tree in Python.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from tree_sitter import Node

from wasmvet.analysis.parsing import captures

QUERY = """
(import_spec) @import
((comment) @directive (#match? @directive "^//(wasmvet:|nolint|lint:|go:wasm|export )"))
(source_file (function_declaration name: (identifier) @func))
(source_file (method_declaration name: (field_identifier) @method))
(source_file (var_declaration (var_spec name: (identifier) @var)))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @var))))
(source_file (type_declaration (type_spec name: (type_identifier) @type)))
(source_file (const_declaration (const_spec name: (identifier) @const)))
(for_statement) @loop
(go_statement (call_expression function: (identifier) @launched))
(go_statement (call_expression function: (selector_expression field: (field_identifier) @launched)))
(short_var_declaration left: (expression_list (identifier) @local))
(var_spec name: (identifier) @local)
(const_spec name: (identifier) @local)
(parameter_declaration name: (identifier) @local)
(variadic_parameter_declaration name: (identifier) @local)
(range_clause left: (expression_list (identifier) @local))
(receive_statement left: (expression_list (identifier) @local))
(type_switch_statement alias: (expression_list (identifier) @local))
(call_expression) @call
(send_statement) @send
(unary_expression operator: "<-") @recv
(select_statement) @select
(assignment_statement left: (expression_list (_) @write))
(inc_statement (_) @write)
(dec_statement (_) @write)
(for_statement (range_clause right: (_) @range))
(func_literal) @boundary
(go_statement) @boundary
(defer_statement) @boundary
"""
KINDS = (
    "import",
    "directive",
    "func",
    "method",
    "var",
    "type",
    "const",
    "loop",
    "launched",
    "local",
    "call",
    "send",
    "recv",
    "select",
    "write",
    "range",
    "boundary",
)


@dataclass
class _Sorted:
    nodes: list[Node] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def within(self, start: int, end: int) -> list[Node]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.nodes[lo:hi]


class FileIndex:
    """The captures of ``QUERY`` for one file, by capture name, sorted by position."""

    def __init__(self, root: Node) -> None:
        caps = captures(QUERY, root)
        self._by_kind: dict[str, _Sorted] = {}
        for kind in KINDS:
            nodes = sorted(caps.get(kind, []), key=lambda n: n.start_byte)
            self._by_kind[kind] = _Sorted(nodes, [n.start_byte for n in nodes])

    def all(self, kind: str) -> list[Node]:
        """Every node captured as ``kind`` in the file, in source order."""
        return self._by_kind[kind].nodes

    def within(self, node: Node, kind: str) -> list[Node]:
        """Nodes of ``kind`` that start inside ``node``."""
        return self._by_kind[kind].within(node.start_byte, node.end_byte)

    def inside(self, node: Node, kind: str, skip: list[tuple[int, int]]) -> Iterator[Node]:
        """Nodes of ``kind`` within ``node`` but outside every ``skip`` byte range."""
        for found in self._by_kind[kind].within(node.start_byte, node.end_byte):
            if not any(s <= found.start_byte < e for s, e in skip):
                yield found

    def boundaries(self, node: Node) -> list[tuple[int, int]]:
        """Byte ranges inside ``node`` that run elsewhere (closures, go and defer)."""
        ranges: list[tuple[int, int]] = []
        for b in self._by_kind["boundary"].within(node.start_byte + 1, node.end_byte):
            if ranges and b.start_byte < ranges[-1][1]:
                continue  # nested in the previous boundary
            ranges.append((b.start_byte, b.end_byte))
        return ranges
