"""Incremental reparsing gives the same tree as parsing from scratch."""

from __future__ import annotations

import random
from pathlib import Path

from wasmvet.analysis.source import SourceFile

BASE = Path(__file__).parent.joinpath("fixtures", "WV101", "flags.go").read_bytes()


def _sexp(source: SourceFile) -> list[tuple[str, int, int]]:
    """Every node's type and byte range, in document order."""
    found, stack = [], [source.root]
    while stack:
        node = stack.pop()
        found.append((node.type, node.start_byte, node.end_byte))
        stack.extend(reversed(node.children))
    return found


def test_edits_reparse_like_a_fresh_parse() -> None:
    rng = random.Random(7)
    current = SourceFile(Path("x.go"), BASE)
    text = BASE
    for _ in range(60):
        at = rng.randrange(len(text))
        cut = rng.randrange(0, 8)
        insert = rng.choice([b"", b"x", b"\n", b"}", b"for {", b"\xf0\x9f\x99\x82", b"// c\n"])
        text = text[:at] + insert + text[at + cut :]
        current = SourceFile(Path("x.go"), text, current)
        fresh = SourceFile(Path("x.go"), text)
        assert _sexp(current) == _sexp(fresh)
        assert [current.offset(i, 0) for i in range(current.line_count)] == [
            fresh.offset(i, 0) for i in range(fresh.line_count)
        ]
