"""Nodes found from their tokens instead of by a query.

A tree-sitter query costs a visit of every node of the tree, even when it matches nothing.
The nodes here have a token of their own (``for``, ``select``, ``<-``, ``:=``, the ``(`` of
a call's arguments, a directive's ``//``, a name), so a byte search finds the candidates, and
the tree says whether each is that token (not text in a comment, a string or a longer name)
and which node it belongs to. Each of ``FINDERS`` yields what ``index.QUERY`` captures for its
kind, in source order; ``tests/test_index.py`` checks that over the fixtures and the Go
standard library.

A search pattern starts with literal bytes: Python's ``re`` then skips ahead to them, where a
leading ``\\b`` or an alternation would try every position (ten times slower).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from tree_sitter import Node

from wasmvet.analysis.parsing import specs_of, text

#: Comments that may be directives (the start of every comment kept as ``directive``).
DIRECTIVE_PREFIXES = (b"//wasmvet:", b"//nolint", b"//lint:", b"//go:wasm", b"//export ")
_DIRECTIVE = re.compile(rb"//(?:wasmvet:|nolint|lint:|go:wasm|export )")


def source_order(node: Node) -> tuple[int, int]:
    """Sort key: by start, an enclosing node before the nodes it starts with."""
    return node.start_byte, -node.end_byte


def _pattern(token: str) -> re.Pattern[bytes]:
    word = token[-1].isalpha()
    return re.compile(re.escape(token.encode()) + (rb"\b" if word else b""))


_PATTERNS = {
    token: _pattern(token)
    for token in ("for", "select", "func", "go", "defer", "var", "const", "range", "<-", ":=", "(")
}


class _Cursor:
    """Finds the node around each of a series of byte ranges given in source order, as
    ``Node.named_descendant_for_byte_range`` (or ``descendant_for_byte_range``) does, and the
    parents of what it found.

    Those ask the tree from its top every time, and ``Node.parent`` does too: each costs the
    node's depth, so a search through a deeply nested function was quadratic. One tree cursor
    that only moves forward climbs from the last range to the next only as far as needed and
    enters each node at most once, whatever the depth."""

    def __init__(self, under: Node) -> None:
        self._cursor = under.walk()

    def around(self, start: int, end: int, *, named: bool = True) -> Node | None:
        """The smallest (named) node that contains the bytes ``start:end``.

        The hottest loop of a batch run (once per token found): the cursor's methods are
        bound to locals and its node read once per move."""
        cursor = self._cursor
        up, right = cursor.goto_parent, cursor.goto_next_sibling
        down = cursor.goto_first_child_for_byte
        node: Node = cursor.node  # type: ignore[assignment]  # a cursor always has a node
        while node.start_byte > start or node.end_byte < end:
            if not up():
                return None
            node = cursor.node  # type: ignore[assignment]
        while down(start) is not None:
            child: Node = cursor.node  # type: ignore[assignment]
            child_end = child.end_byte
            while child_end <= start and right():
                child = cursor.node  # type: ignore[assignment]
                child_end = child.end_byte
            if child.start_byte <= start < child_end and end <= child_end:
                node = child
            else:
                up()
                break
        if named:
            while not node.is_named and up():
                node = cursor.node  # type: ignore[assignment]
        return node

    def parent(self) -> Node | None:
        """The parent of the node ``around`` (or ``parent``) returned last."""
        cursor = self._cursor
        return cursor.node if cursor.goto_parent() else None


_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _inside_word(data: bytes, start: int) -> bool:
    """Whether the byte before ``start`` continues a name: a name or keyword found there is
    the tail of a longer token, which the tree would only confirm at a cost."""
    return start > 0 and data[start - 1] in _WORD_BYTES


_NAME_OR_DOT = _WORD_BYTES | {ord(".")}


def name_matches(pattern: re.Pattern[bytes], data: bytes) -> Iterator[re.Match[bytes]]:
    """The matches of ``pattern`` (names, then ``\\b``) that are not preceded by a name byte
    or a dot: what ``(?<![\\w.])`` before the names would find, but with the literal first,
    so that ``re`` skips ahead to it (four to twenty-five times faster)."""
    pos = 0
    while (match := pattern.search(data, pos)) is not None:
        start = match.start()
        if start > 0 and data[start - 1] in _NAME_OR_DOT:
            pos = start + 1  # a match may start inside this one, as with the lookbehind
            continue
        yield match
        pos = max(match.end(), start + 1)


def _word_around(data: bytes, start: int, end: int) -> bytes:
    """The run of ASCII name bytes that holds ``data[start:end]``: an identifier spelled in
    ASCII is exactly that run (a non-ASCII letter beside it makes a longer identifier)."""
    while start > 0 and data[start - 1] in _WORD_BYTES:
        start -= 1
    size = len(data)
    while end < size and data[end] in _WORD_BYTES:
        end += 1
    return data[start:end]


def _tokens(
    under: Node, data: bytes, token: str, parent_type: str
) -> Iterator[tuple[Node, _Cursor]]:
    """Each node of type ``parent_type`` that has a ``token`` token of its own, under
    ``under``, in source order, with a cursor whose ``parent()`` climbs from it.

    A token is anonymous, so the smallest named node around its bytes is its parent; bytes
    that only look like the token (in a comment, a string, a longer name) are inside a
    named node of another type."""
    cursor = _Cursor(under)
    word = token[0].isalpha()
    for match in _PATTERNS[token].finditer(data, under.start_byte, under.end_byte):
        if word and _inside_word(data, match.start()):
            continue  # the end of a longer name (``ago``, ``platform``): no tree lookup
        parent = cursor.around(*match.span())
        if parent is not None and parent.type == parent_type:
            yield parent, cursor


def _parents_of_type(under: Node, data: bytes, token: str, parent_type: str) -> list[Node]:
    """The nodes ``_tokens`` finds."""
    return [node for node, _ in _tokens(under, data, token, parent_type)]


def directives(under: Node, data: bytes) -> list[Node]:
    """Comments that start with one of ``DIRECTIVE_PREFIXES``."""
    found: list[Node] = []
    cursor = _Cursor(under)
    for match in _DIRECTIVE.finditer(data, under.start_byte, under.end_byte):
        start = match.start()
        node = cursor.around(start, start + 2, named=False)
        if node is not None and node.type == "comment" and node.start_byte == start:
            found.append(node)
    return found


def calls(under: Node, data: bytes) -> list[Node]:
    """Call expressions, found from the ``(`` that opens their argument list."""
    found: list[Node] = []
    for _, cursor in _tokens(under, data, "(", "argument_list"):
        call = cursor.parent()
        if call is not None and call.type == "call_expression":
            found.append(call)
    return sorted(found, key=source_order)


def loops(under: Node, data: bytes) -> list[Node]:
    return _parents_of_type(under, data, "for", "for_statement")


def selects(under: Node, data: bytes) -> list[Node]:
    return _parents_of_type(under, data, "select", "select_statement")


def short_vars(under: Node, data: bytes) -> list[Node]:
    return _parents_of_type(under, data, ":=", "short_var_declaration")


def sends(under: Node, data: bytes) -> list[Node]:
    return _parents_of_type(under, data, "<-", "send_statement")


def receives(under: Node, data: bytes) -> list[Node]:
    """Receive expressions ``<-ch`` (unary ``<-``; a channel type's arrow has another parent)."""
    return _parents_of_type(under, data, "<-", "unary_expression")


def boundaries(under: Node, data: bytes) -> list[Node]:
    """Function literals, ``go`` and ``defer`` statements: code that runs elsewhere."""
    found = (
        _parents_of_type(under, data, "func", "func_literal")
        + _parents_of_type(under, data, "go", "go_statement")
        + _parents_of_type(under, data, "defer", "defer_statement")
    )
    return sorted(found, key=source_order)


def launched(under: Node, data: bytes) -> list[Node]:
    """The function name of each ``go f(...)`` or ``go x.f(...)``."""
    found: list[Node] = []
    for statement in _parents_of_type(under, data, "go", "go_statement"):
        for call in statement.named_children:
            if call.type != "call_expression":
                continue
            func = call.child_by_field_name("function")
            if func is not None and func.type == "selector_expression":
                func = func.child_by_field_name("field")
                if func is not None and func.type == "field_identifier":
                    found.append(func)
            elif func is not None and func.type == "identifier":
                found.append(func)
    return found


def ranged(under: Node, data: bytes) -> list[Node]:
    """What a ``for ... range`` loop ranges over (a range clause outside a loop exists only in
    a tree's error recovery, and does not count)."""
    found: list[Node] = []
    for clause, cursor in _tokens(under, data, "range", "range_clause"):
        right, loop = clause.child_by_field_name("right"), cursor.parent()
        if right is not None and right.is_named and loop and loop.type == "for_statement":
            found.append(right)
    return found


def specs(under: Node, data: bytes) -> list[Node]:
    """Every ``var`` and ``const`` spec, at any depth (also those that error recovery left
    inside an ERROR node of their declaration, as ``QUERY`` finds them)."""
    found: dict[tuple[int, int, str], Node] = {}  # an ERROR may hold both keywords
    for keyword, declaration in (("var", "var_declaration"), ("const", "const_declaration")):
        # Error recovery may leave the keyword directly in an ERROR node, its specs beside it.
        broken = [e.named_children for e in _parents_of_type(under, data, keyword, "ERROR")]
        declared = [specs_of(d) for d in _parents_of_type(under, data, keyword, declaration)]
        for pending in broken + declared:
            while pending:
                node = pending.pop()
                if node.type in ("var_spec", "const_spec"):
                    found[node.start_byte, node.end_byte, node.type] = node
                elif node.type == "ERROR":
                    pending += node.named_children
    return sorted(found.values(), key=source_order)


def named_calls(under: Node, data: bytes, names: frozenset[str]) -> list[tuple[Node, str]]:
    """Calls ``name(...)`` of an identifier spelled as one of ``names``, with that name.

    The search is for the longest text every name contains (``int`` for ``int8``, ``uint``
    and ``uintptr``), so one pass serves all the names."""
    found: list[tuple[Node, str]] = []
    spelled = frozenset(name.encode() for name in names)
    ascii_names = all(_WORD_BYTES.issuperset(word) for word in spelled)
    for pattern in _shared_parts(names):
        cursor = _Cursor(under)
        for match in pattern.finditer(data, under.start_byte, under.end_byte):
            if ascii_names and _word_around(data, *match.span()) not in spelled:
                continue  # ``print`` for ``int``: a name's token is the word around the match
            ident = cursor.around(*match.span(), named=False)
            if ident is None or ident.type != "identifier":
                continue
            name = text(ident)
            call = cursor.parent()
            if (
                name in names
                and call is not None
                and call.type == "call_expression"
                and call.child_by_field_name("function") == ident
                and not (found and found[-1][0] == call)  # the shared part twice in a name
            ):
                found.append((call, name))
    return sorted(found, key=lambda pair: source_order(pair[0]))


@lru_cache(maxsize=32)
def _shared_parts(names: frozenset[str]) -> tuple[re.Pattern[bytes], ...]:
    """A search for the longest text all ``names`` contain, or one per name if none."""
    shortest = min(names, key=len)
    for size in range(len(shortest), 0, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start : start + size]
            if all(part in name for name in names):
                return (re.compile(re.escape(part.encode())),)
    return tuple(re.compile(re.escape(name.encode())) for name in sorted(names))


def selector_calls(
    under: Node, data: bytes, operands: Iterable[str], fields: frozenset[str]
) -> list[Node]:
    """Calls ``x.f(...)`` whose ``x`` is an identifier among ``operands`` or whose ``f`` is
    among ``fields``, in source order."""
    found: dict[int, Node] = {}
    for operand in operands:
        cursor = _Cursor(under)
        for match in _word(operand).finditer(data, under.start_byte, under.end_byte):
            if _inside_word(data, match.start()):
                continue  # ``pos`` for ``os``, ``runtime`` for ``time``
            ident = cursor.around(*match.span(), named=False)
            if ident is not None and ident.type == "identifier" and ident.text == match[0]:
                selector = cursor.parent()
                if selector is not None and selector.child_by_field_name("operand") == ident:
                    _add_call(found, selector, cursor)
    if fields:
        cursor = _Cursor(under)
        for start, end in _field_spans(data, under.start_byte, under.end_byte, fields):
            ident = cursor.around(start, end, named=False)
            if ident is not None and ident.type == "field_identifier":
                selector = cursor.parent()
                if selector is not None and selector.type == "selector_expression":
                    _add_call(found, selector, cursor)
    return sorted(found.values(), key=source_order)


def _add_call(found: dict[int, Node], selector: Node, cursor: _Cursor) -> None:
    """Keep the call whose function ``selector`` (where ``cursor`` is) is, if it is one."""
    call = cursor.parent()
    if (
        selector.type == "selector_expression"
        and call is not None
        and call.type == "call_expression"
        and call.child_by_field_name("function") == selector
    ):
        found[call.id] = call


@lru_cache(maxsize=256)
def _word(name: str) -> re.Pattern[bytes]:
    return re.compile(re.escape(name.encode()) + rb"\b")


def _field_spans(data: bytes, start: int, end: int, names: frozenset[str]) -> list[tuple[int, int]]:
    """Where one of ``names`` follows a ``.`` past blanks and comments, in ``data[start:end]``,
    in order: the ``.`` is searched first (a literal keeps the search fast); comments after it
    are skipped here, each search for a comment's end remembered for the dots after it."""
    spans: list[tuple[int, int]] = []
    pattern, name = _fields(names)
    ends = {b"*/": _Next(data, b"*/", end), b"\n": _Next(data, b"\n", end)}
    for match in pattern.finditer(data, start, end):
        if match.lastindex:
            spans.append(match.span(1))
            continue
        at = match.end()  # a comment starts here
        while at < end:
            if data.startswith(b"/*", at):
                close = ends[b"*/"].find(at + 2)
                at = close + 2 if close >= 0 else end
            elif data.startswith(b"//", at):
                close = ends[b"\n"].find(at + 2)
                at = close + 1 if close >= 0 else end
            elif data[at : at + 1].isspace():
                at += 1
            else:
                break
        found = name.match(data, at, end)
        if found is not None:
            spans.append(found.span(1))
    return sorted(set(spans))


class _Next:
    """``data.find(token, at, end)``, remembering the last answer: every ``at`` up to it has
    the same one, so that dots in a run of comments do not each search to the same end."""

    def __init__(self, data: bytes, token: bytes, end: int) -> None:
        self._data, self._token, self._end = data, token, end
        self._asked, self._found = end + 1, -1

    def find(self, at: int) -> int:
        asked, found = self._asked, self._found
        if asked <= at and (found < 0 or at <= found):
            return found
        self._asked, self._found = at, self._data.find(self._token, at, self._end)
        return self._found


@lru_cache(maxsize=8)
def _fields(names: frozenset[str]) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """A ``.`` then, past blanks, one of ``names`` (group 1) or the start of a comment; and
    one of ``names`` alone (group 1), for after the comments.

    (One pattern that skipped comments, ``/\\*.*?\\*/``, let a comment end at any later
    ``*/`` too: m comments in a row after a dot could be split in 2^m ways, each tried
    before the search moved on, and a mutated file with a run of comments hung.)"""
    spelled = b"|".join(re.escape(n.encode()) for n in sorted(names, key=len, reverse=True))
    after_dot = re.compile(rb"\.\s*(?:(" + spelled + rb")\b|(?=/[/*]))")
    return after_dot, re.compile(rb"(" + spelled + rb")\b")


FINDERS: dict[str, Callable[[Node, bytes], list[Node]]] = {
    "directive": directives,
    "call": calls,
    "loop": loops,
    "select": selects,
    "short_var": short_vars,
    "send": sends,
    "recv": receives,
    "boundary": boundaries,
    "launched": launched,
    "range": ranged,
    "spec": specs,
}
