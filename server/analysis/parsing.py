"""Tree-sitter-go parsing and compiled-query helpers shared by the whole engine."""

from __future__ import annotations

import threading
import time
from functools import cache

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from wasmvet import cancellation

GO = Language(tree_sitter_go.language())


_PARSERS = threading.local()  # a Parser is not safe to share between threads
CHUNK = 1 << 16  # bytes handed to the parser at a time
BUDGET_SECONDS = 1.0
"""The CPU time a parse may take, plus ``BUDGET_PER_MB`` per MB of input: tree-sitter-go
takes minutes on some deeply nested texts of a few KB (a 1,362-deep ``if``/``for`` nest),
where ordinary Go parses at 3 MB or more a second. Past it the parse stops (``ParseStopped``)."""
BUDGET_PER_MB = 1.0


class ParseStopped(Exception):
    """The parser ran past its CPU budget (the analysis of the file stops there)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"parsing stopped after {seconds:.1f} s")
        self.seconds = seconds


def _parser() -> Parser:
    parser: Parser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = Parser(GO)
    return parser


def budget(size: int) -> float:
    """The CPU seconds a parse of ``size`` bytes may take."""
    return BUDGET_SECONDS + BUDGET_PER_MB * size / 1e6


def parse(data: bytes, old_tree: Tree | None = None) -> Tree:
    """Parse Go source bytes, reusing ``old_tree`` (already edited) when given.

    The parser reads the text in chunks and reports its progress, which stops it when this
    thread's CPU time passes ``budget`` (ParseStopped) or, under a cancellation token (the
    language server), when the lint is cancelled (Cancelled); between chunks it gives up the
    GIL, so that other threads are not stalled for the seconds a multi-megabyte file takes.
    """
    limit = time.thread_time() + budget(len(data))
    cancelled = False

    def read(offset: int, _point: tuple[int, int]) -> bytes:
        return data[offset : offset + CHUNK]

    def stop(_offset: int, _has_error: bool) -> bool:
        nonlocal cancelled
        try:
            cancellation.checkpoint()
        except cancellation.Cancelled:
            cancelled = True
            return True
        return time.thread_time() > limit

    start = time.thread_time()
    parser = _parser()
    try:
        tree = (
            parser.parse(read, progress_callback=stop)
            if old_tree is None
            else parser.parse(read, old_tree, progress_callback=stop)
        )
    except ValueError:  # the progress callback stopped it
        parser.reset()
        if cancelled:
            raise cancellation.Cancelled from None
        raise ParseStopped(time.thread_time() - start) from None
    # the same tree again, holding the bytes (a chunked tree's Node.text calls ``read``);
    # nothing changed, so this reuses every node (~1% of the parse)
    return parser.parse(data, tree)


def empty_tree() -> Tree:
    """The tree of an empty text (no budget: nothing to stop)."""
    return _parser().parse(b"")


@cache
def query(source: str) -> Query:
    """Compile a tree-sitter query once per process."""
    compiled: Query = Query(GO, source)
    return compiled


def captures(source: str, node: Node) -> dict[str, list[Node]]:
    """Run a query under ``node`` and return its captures by name."""
    return QueryCursor(query(source)).captures(node)


def matches(source: str, node: Node) -> list[tuple[int, dict[str, list[Node]]]]:
    """Run a query under ``node`` and return its matches."""
    return QueryCursor(query(source)).matches(node)


def text(node: Node) -> str:
    """The source text of a node."""
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


def names(node: Node) -> list[Node]:
    """The identifiers in a node's ``name`` field. (For ``const a, b = 1, 2`` tree-sitter-go
    puts the comma in that field too, so ``children_by_field_name`` alone is not a name list.)"""
    return [n for n in node.children_by_field_name("name") if n.is_named]


def block_statements(block: Node) -> list[Node]:
    """A block's statements, comments left out (tree-sitter-go wraps them in one
    ``statement_list``)."""
    statements = [s for s in block.named_children if s.type != "comment"]
    if len(statements) == 1 and statements[0].type == "statement_list":
        statements = [s for s in statements[0].named_children if s.type != "comment"]
    return statements


def specs_of(declaration: Node) -> list[Node]:
    """The named children of an import, var, const or type declaration, with the members of a
    parenthesized group (``import_spec_list``, ``var_spec_list``) in the group's place."""
    found: list[Node] = []
    for child in declaration.named_children:
        found += child.named_children if child.type.endswith("_spec_list") else [child]
    return found


def string_value(node: Node) -> str | None:
    """The value of an interpreted or raw string literal node, without quotes."""
    if node.type not in ("interpreted_string_literal", "raw_string_literal"):
        return None
    body = text(node)
    return body[1:-1] if len(body) >= 2 else None


def call_argument(call: Node, index: int) -> Node | None:
    """The ``index``-th argument of a call expression (comments skipped), if present."""
    args = call.child_by_field_name("arguments")
    values = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    return values[index] if index < len(values) else None
