"""A per-file index of the nodes the analysis needs: declarations, imports, calls, loops,
channel operations, writes, local names, directives, and the boundaries of code that runs
elsewhere (function literals, ``go`` and ``defer`` statements). Range lookups then answer
"what is inside this loop or function body?" without walking the tree in Python.

``QUERY`` defines every kind. A query's cost is a visit of the whole tree, whatever it
matches, so a batch run asks a query only for writes and local names (``DENSE_QUERY``), which
have no token of their own to search for, and only for the one declaration a question is
about when it is about one. Top-level names come from the root's children, and the other
kinds from a search for their tokens (``tokens.FINDERS``), two to five times cheaper. The
language server (memo on) runs ``QUERY`` per top-level declaration and keeps the captures
by the declaration's text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from tree_sitter import Node, QueryCursor

from wasmvet.analysis import tokens
from wasmvet.analysis.memo import MEMO, Relative, locate_all, relative
from wasmvet.analysis.parsing import query, specs_of
from wasmvet.analysis.tokens import DIRECTIVE_PREFIXES, FINDERS, source_order
from wasmvet.cancellation import checkpoint

TOP_LEVEL_QUERY = """
(source_file (function_declaration name: (identifier) @func))
(source_file (method_declaration name: (field_identifier) @method))
(source_file (var_declaration (var_spec name: (identifier) @var)))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @var))))
(source_file (type_declaration (type_spec name: (type_identifier) @type)))
(source_file (const_declaration (const_spec (identifier) @const)))
"""
TOKEN_QUERY = """
(comment) @directive
(for_statement) @loop
(go_statement (call_expression function: (identifier) @launched))
(go_statement (call_expression function: (selector_expression field: (field_identifier) @launched)))
(send_statement) @send
(unary_expression operator: "<-") @recv
(select_statement) @select
(for_statement (range_clause right: (_) @range))
(func_literal) @boundary
(go_statement) @boundary
(defer_statement) @boundary
(call_expression) @call
(short_var_declaration) @short_var
(var_spec) @spec
(const_spec) @spec
"""
DENSE_QUERY = """
(short_var_declaration left: (expression_list (identifier) @local))
(var_spec name: (identifier) @local)
(const_spec (identifier) @local)
(parameter_declaration name: (identifier) @local)
(variadic_parameter_declaration name: (identifier) @local)
(range_clause left: (expression_list (identifier) @local))
(receive_statement left: (expression_list (identifier) @local))
(type_switch_statement alias: (expression_list (identifier) @local))
(assignment_statement left: (expression_list (_) @write))
(inc_statement (_) @write)
(dec_statement (_) @write)
"""
QUERY = TOP_LEVEL_QUERY + TOKEN_QUERY + DENSE_QUERY
# A const_spec's names are matched without the ``name:`` field: with it, tree-sitter matches
# only the first name of ``const a, b = 1, 2`` (var_spec matches every name either way);
# an identifier directly under a const_spec is always one of its names.
# The query keeps every comment as a possible directive, then filters them on their bytes
# (a ``#match?`` predicate made the whole query ~40% slower).
TOP_LEVEL_KINDS = ("func", "method", "var", "type", "const")
DENSE_KINDS = ("local", "write")
KINDS = (*TOP_LEVEL_KINDS, *FINDERS, *DENSE_KINDS)


@dataclass
class _Sorted:
    nodes: list[Node] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def within(self, start: int, end: int) -> list[Node]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.nodes[lo:hi]

    @classmethod
    def of(cls, nodes: list[Node]) -> _Sorted:
        return cls(nodes, [n.start_byte for n in nodes])


Packed = dict[str, tuple[Relative, ...]]


class FileIndex:
    """The nodes of each ``QUERY`` kind in one file, sorted by position, found when first
    asked for.

    Memo off (batch runs): top-level names come from the root's children, the other kinds
    from ``tokens.FINDERS`` or, for writes and local names, ``DENSE_QUERY``; each is found
    over the whole file when a question is about the file, or over one declaration when it
    is about that declaration only.

    Memo on (language server): every kind is found per top-level declaration. One whose text
    was indexed before (in an earlier version) has its captures located again by their
    offsets instead of queried; the others are queried over their own byte range. A kind is
    located for the whole file when first asked for, or for one declaration when a question
    is about that declaration only.
    """

    def __init__(self, root: Node, data: bytes | None = None) -> None:
        self._root = root
        self._data = data if data is not None else root.text or b""
        self._by_kind: dict[str, _Sorted] = {}
        self.declarations: list[Node] = root.named_children
        self._starts = [d.start_byte for d in self.declarations]
        self._texts: list[bytes | None] | None = None
        self._memo = MEMO.enabled
        self._parts: dict[tuple[int, str], _Sorted] = {}
        self._named: dict[frozenset[str], list[tuple[Node, str]]] = {}
        self._selected: dict[tuple[frozenset[str], frozenset[str]], list[Node]] = {}
        if self._memo:
            self._entries: list[Packed | dict[str, list[Node]]] | None = None
            self._kinds: dict[str, list[int]] | None = None
            self._slices: dict[str, list[tuple[int, int, int]]] = {}

    @property
    def texts(self) -> list[bytes | None]:
        """The text of each top-level declaration (keys for results kept across versions)."""
        if self._texts is None:
            self._texts = [d.text for d in self.declarations]
        return self._texts

    def declaration_at(self, node: Node) -> int | None:
        """The position in ``declarations`` of the one that contains ``node``."""
        i = bisect.bisect_right(self._starts, node.start_byte) - 1
        if i < 0 or self.declarations[i].end_byte < node.end_byte:
            return None
        return i

    def declaration_of(self, offset: int) -> int | None:
        """The position in ``declarations`` of the one whose bytes hold ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0 or self.declarations[i].end_byte <= offset:
            return None
        return i

    def named_calls(self, names: frozenset[str]) -> list[tuple[Node, str]]:
        """``tokens.named_calls`` over the file, kept for the other views and rules."""
        found = self._named.get(names)
        if found is None:
            found = self._named[names] = tokens.named_calls(self._root, self._data, names)
        return found

    def selector_calls(self, operands: frozenset[str], fields: frozenset[str]) -> list[Node]:
        """``tokens.selector_calls`` over the file, kept for the other views."""
        found = self._selected.get((operands, fields))
        if found is None:
            found = tokens.selector_calls(self._root, self._data, operands, fields)
            self._selected[(operands, fields)] = found
        return found

    def all(self, kind: str) -> list[Node]:
        """Every node captured as ``kind`` in the file, in source order."""
        return self._whole(kind).nodes

    def grouped(self, kind: str) -> Iterator[tuple[int, list[Node]]]:
        """(declaration position, its nodes of ``kind``) for declarations that have some."""
        whole = self._whole(kind)
        if self._memo:
            for i, lo, hi in self._slices[kind]:
                yield i, whole.nodes[lo:hi]
            return
        starts, nodes = whole.starts, whole.nodes
        lo = 0
        for i, decl in enumerate(self.declarations):
            if lo >= len(nodes):
                return
            hi = bisect.bisect_left(starts, decl.end_byte, lo)
            if hi > lo:
                yield i, nodes[lo:hi]
            lo = hi

    def having(self, kind: str) -> list[int]:
        """Positions of the declarations that have captures of ``kind`` (memo on: known
        without locating any node)."""
        if self._memo:
            return self._having().get(kind, [])
        return [i for i, _ in self.grouped(kind)]

    def part(self, i: int, kind: str) -> list[Node]:
        """The captures of ``kind`` in the ``i``-th top-level declaration."""
        decl = self.declarations[i]
        return self._range(kind, decl.start_byte, decl.end_byte)

    def _whole(self, kind: str) -> _Sorted:
        found = self._by_kind.get(kind)
        if found is not None:
            return found
        if self._memo:
            nodes: list[Node] = []
            slices = self._slices[kind] = []
            for i in self._having().get(kind, ()):
                lo = len(nodes)
                nodes += self._nodes(i, kind)
                slices.append((i, lo, len(nodes)))
            found = self._by_kind[kind] = _Sorted.of(nodes)
        elif kind in TOP_LEVEL_KINDS:
            names: dict[str, list[Node]] = {k: [] for k in TOP_LEVEL_KINDS}
            for decl in self.declarations:
                for name_kind, declared in top_level_names(decl).items():
                    names[name_kind] += declared
            for name_kind, nodes in names.items():
                self._by_kind[name_kind] = _Sorted.of(nodes)
            found = self._by_kind[kind]
        else:
            for found_kind, nodes in self._find(self._root, kind).items():
                self._by_kind[found_kind] = _Sorted.of(nodes)
            found = self._by_kind[kind]
        return found

    def _find(self, node: Node, kind: str) -> dict[str, list[Node]]:
        """The nodes of ``kind`` under ``node`` (memo off), by kind: a dense kind comes with
        the others of its query."""
        if kind in FINDERS:
            return {kind: FINDERS[kind](node, self._data)}
        return _dense(node)

    def _having(self) -> dict[str, list[int]]:
        """For each kind, the declarations (by position) that have captures of it."""
        if self._kinds is None:
            self._kinds = {}
            for i, entry in enumerate(self._loaded()):
                for kind, found in entry.items():
                    if found:
                        self._kinds.setdefault(kind, []).append(i)
        return self._kinds

    def _loaded(self) -> list[Packed | dict[str, list[Node]]]:
        if self._entries is None:
            self._entries = [self._entry(i) for i in range(len(self.declarations))]
        return self._entries

    def _range(self, kind: str, start: int, end: int) -> list[Node]:
        whole = self._by_kind.get(kind)
        if whole is not None:
            return whole.within(start, end)
        i = bisect.bisect_right(self._starts, start) - 1
        per_declaration = self._memo or kind not in TOP_LEVEL_KINDS
        if per_declaration and i >= 0 and end <= self.declarations[i].end_byte:
            part = self._parts.get((i, kind))  # one declaration: just that one
            if part is None:
                part = self._part(i, kind)
            return part.within(start, end)
        return self._whole(kind).within(start, end)

    def _part(self, i: int, kind: str) -> _Sorted:
        """Find (memo off) or locate (memo on) the nodes of ``kind`` in the ``i``-th
        top-level declaration, and keep them."""
        if self._memo:
            part = self._parts[(i, kind)] = _Sorted.of(self._nodes(i, kind))
            return part
        for found_kind, nodes in self._find(self.declarations[i], kind).items():
            self._parts[(i, found_kind)] = _Sorted.of(nodes)
        return self._parts[(i, kind)]

    def _nodes(self, i: int, kind: str) -> list[Node]:
        """The captures of ``kind`` in the ``i``-th top-level declaration (memo on)."""
        entries = self._loaded()
        found = entries[i].get(kind)
        if not found:
            return []
        if isinstance(found, list):
            return found
        located = locate_all(self.declarations[i], found)
        if located is None:  # not where the offsets say: query this declaration
            fresh = entries[i] = self._query(self.declarations[i])
            return fresh.get(kind, [])
        return located

    def _entry(self, i: int) -> Packed | dict[str, list[Node]]:
        checkpoint()  # one declaration is a unit of work the language server can cancel
        decl, text = self.declarations[i], self.texts[i]
        if decl.has_error or text is None:  # error recovery depends on the surroundings
            return self._query(decl)
        stored = MEMO.get(("index", text))
        if isinstance(stored, dict):
            return stored
        fresh = self._query(decl)
        MEMO.put(("index", text), _pack(decl, fresh))
        return fresh

    def _query(self, decl: Node) -> dict[str, list[Node]]:
        """The captures of one top-level declaration, from a query run on it alone (its
        top-level names come from ``top_level_names``: patterns anchored at the file's root
        cannot match below it)."""
        found = QueryCursor(query(QUERY)).captures(decl)
        found["directive"] = [
            c for c in found.get("directive", []) if (c.text or b"").startswith(DIRECTIVE_PREFIXES)
        ]
        found.update(top_level_names(decl))
        return {kind: sorted(nodes, key=source_order) for kind, nodes in found.items()}

    def within(self, node: Node, kind: str) -> list[Node]:
        """Nodes of ``kind`` that start inside ``node``."""
        return self._range(kind, node.start_byte, node.end_byte)

    def inside(self, node: Node, kind: str, skip: list[tuple[int, int]]) -> Iterator[Node]:
        """Nodes of ``kind`` within ``node`` but outside every ``skip`` byte range: only the
        gaps between the ranges are looked up (a loop around n nested ones does not go
        through their nodes)."""
        start, end = node.start_byte, node.end_byte
        for s, e in sorted(skip):
            if s >= end:
                break
            if s > start:
                yield from self._range(kind, start, s)
            start = max(start, e)
            if start >= end:
                return
        yield from self._range(kind, start, end)

    def gaps(self, node: Node, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The byte ranges of ``node`` outside every ``skip`` range, for ``in_gaps``."""
        found: list[tuple[int, int]] = []
        start, end = node.start_byte, node.end_byte
        for s, e in sorted(skip):
            if s >= end:
                break
            if s > start:
                found.append((start, s))
            start = max(start, e)
            if start >= end:
                return found
        found.append((start, end))
        return found

    def in_gaps(self, kind: str, gaps: list[tuple[int, int]]) -> list[Node]:
        """``inside`` for the ``gaps`` of a node: several kinds looked up in the same gaps
        sort the skipped ranges once."""
        if len(gaps) == 1:
            return self._range(kind, *gaps[0])
        found: list[Node] = []
        for start, end in gaps:
            found += self._range(kind, start, end)
        return found

    def boundaries(self, node: Node) -> list[tuple[int, int]]:
        """Byte ranges inside ``node`` that run elsewhere (closures, go and defer)."""
        ranges: list[tuple[int, int]] = []
        for b in self._range("boundary", node.start_byte + 1, node.end_byte):
            if ranges and b.start_byte < ranges[-1][1]:
                continue  # nested in the previous boundary
            ranges.append((b.start_byte, b.end_byte))
        return ranges


def _dense(node: Node) -> dict[str, list[Node]]:
    """``DENSE_QUERY``'s captures under ``node``, by kind, each in source order."""
    found = QueryCursor(query(DENSE_QUERY)).captures(node)
    for kind in DENSE_KINDS:
        found.setdefault(kind, []).sort(key=source_order)
    return found


_SPECS = {
    "var_declaration": ("var", "var_spec"),
    "const_declaration": ("const", "const_spec"),
    "type_declaration": ("type", "type_spec"),
}


def top_level_names(decl: Node) -> dict[str, list[Node]]:
    """What the ``(source_file (... name: ...))`` patterns of ``QUERY`` capture in ``decl``."""
    if decl.type in ("function_declaration", "method_declaration"):
        name = decl.child_by_field_name("name")
        wanted = "identifier" if decl.type == "function_declaration" else "field_identifier"
        kind = "func" if decl.type == "function_declaration" else "method"
        return {kind: [name]} if name is not None and name.type == wanted else {}
    if decl.type not in _SPECS:
        return {}
    kind, spec_type = _SPECS[decl.type]
    specs = [spec for spec in specs_of(decl) if spec.type == spec_type]
    ident = "type_identifier" if kind == "type" else "identifier"
    names = [n for spec in specs for n in spec.children_by_field_name("name") if n.type == ident]
    return {kind: names} if names else {}


def _pack(decl: Node, found: dict[str, list[Node]]) -> Packed:
    return {kind: tuple(relative(decl, n) for n in nodes) for kind, nodes in found.items()}
