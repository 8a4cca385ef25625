"""``scope._declarable`` (a byte search, for speed) answers as the pattern it replaced:
the name, a word boundary, not followed by blanks and a ``.``, and no word byte before it,
searched within one top-level declaration. Checked on every identifier of every top-level
declaration of the fixtures and the corpus, and on hand-made edge cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tree_sitter import Node

from wasmvet.analysis.parsing import parse
from wasmvet.analysis.scope import _declarable

TESTS = Path(__file__).parent
WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _by_pattern(data: bytes, top: Node, name: str) -> bool:
    """The former implementation: a compiled pattern per name."""
    pattern = re.compile(re.escape(name.encode()) + rb"\b(?!\s*\.)")
    for match in pattern.finditer(data, top.start_byte, top.end_byte):
        start = match.start()
        if start == 0 or data[start - 1] not in WORD:
            return True
    return False


def _identifiers(node: Node) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "field_identifier", "package_identifier"):
            found.add((current.text or b"").decode(errors="replace"))
        stack.extend(current.children)
    return found


def test_same_answer_as_the_pattern_on_fixtures_and_corpus() -> None:
    checked = 0
    paths = sorted((TESTS / "fixtures").rglob("*.go")) + sorted((TESTS / "corpus").rglob("*.go"))
    for path in paths:
        data = path.read_bytes()
        root = parse(data).root_node
        names = _identifiers(root) | {"x", "err", "fmt", "os"}
        for top in root.children:
            for name in names:
                assert _declarable(data, top, name) == _by_pattern(data, top, name), (
                    f"{path}: {name!r} in {top.start_point}"
                )
                checked += 1
    assert checked > 10_000


@pytest.mark.parametrize(
    "source",
    [
        "package p\nfunc f() { os.Exit(1) }\n",
        "package p\nfunc f() { os .Exit(1); x := os }\n",
        "package p\nfunc f() { os\n\t.Exit(1) }\n",
        "package p\nfunc f() { myos.X(); osx := 1; _ = osx }\n",
        "package p\nfunc f() { é := 1; xé.Y(); _ = é }\n",
        "package p\nvar aa = aaa\n",
        "package p\nfunc os() {}",
    ],
)
def test_edge_cases(source: str) -> None:
    data = source.encode()
    root = parse(data).root_node
    for top in root.children:
        for name in ("os", "é", "xé", "aa", "a", "osx", "Exit", "x"):
            assert _declarable(data, top, name) == _by_pattern(data, top, name), name
