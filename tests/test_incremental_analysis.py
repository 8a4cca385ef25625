"""The language server's analysis memo (results kept across edits by declaration text) gives
the same findings as analysing each version from scratch, over random edits of real cases."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tree_sitter import Node

from wasmvet.analysis.index import KINDS, FileIndex
from wasmvet.analysis.memo import MEMO
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Diagnostic
from wasmvet.engine import analyse_files
from wasmvet.lsp.linting import Linter
from wasmvet.settings import Overrides, Settings

TESTS = Path(__file__).parent
CASES = sorted(
    {p.parent for p in (TESTS / "fixtures").rglob("*.go")}
    | {p.parent for p in sorted((TESTS / "corpus").rglob("*.go"))[::6]}
)
SNIPPETS = [
    "x",
    "\n",
    "}",
    "{",
    "runtime.Gosched()\n",
    "go f()\n",
    "for !done.Load() {\n}\n",
    "time.Sleep(time.Millisecond)\n",
    'import "runtime"\n',
    "var done atomic.Bool\n",
    "// comment\n",
    "🙂",
]


@pytest.fixture(autouse=True)
def memo_off_afterwards() -> Iterator[None]:
    yield
    MEMO.enabled = False
    MEMO.clear()


def edit(rng: random.Random, text: str) -> str:
    """One edit: a deletion, an insertion, a duplicated or moved line, or two top-level
    declarations swapped (so unchanged declarations move)."""
    lines = text.split("\n")
    choice = rng.randrange(5)
    if choice == 0:
        at = rng.randrange(len(text) + 1)
        return text[:at] + text[at + rng.randrange(1, 12) :]
    if choice == 1:
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(SNIPPETS) + text[at:]
    if choice == 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        return "\n".join([*lines[:j], lines[i], *lines[j:]])
    if choice == 3:
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i] + lines[i + 1 :])
    decls = text.split("\n\nfunc ")
    if len(decls) > 2:
        i, j = rng.sample(range(1, len(decls)), 2)
        decls[i], decls[j] = decls[j], decls[i]
    return "\n\nfunc ".join(decls)


def without_memo(sources: list[SourceFile], settings: Settings) -> list[Diagnostic]:
    """The files indexed and analysed with the memo off: the batch CLI's path."""
    MEMO.enabled = False
    try:
        files = [GoFile.from_source(source) for source in sources]
        return sorted(analyse_files(files, settings), key=Diagnostic.sort_key)
    finally:
        MEMO.enabled = True


def parsed_afresh(directory: Path, edited: Path, text: str) -> list[SourceFile]:
    return [
        SourceFile.from_bytes(p, text.encode() if p == edited else p.read_bytes())
        for p in sorted(directory.glob("*.go"))
        if not p.name.endswith("_test.go")
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda p: str(p.relative_to(TESTS)))
def test_memoised_analysis_matches_a_fresh_one(case: Path, tmp_path: Path) -> None:
    """Against the same trees with the memo off; and, while the text parses without errors,
    against trees parsed from scratch (tree-sitter's error recovery may build a different
    tree for broken code when it reparses incrementally)."""
    directory = tmp_path / case.name
    shutil.copytree(case, directory)
    edited = sorted(p for p in directory.glob("*.go") if not p.name.endswith("_test.go"))[0]
    text = edited.read_text(encoding="utf-8")
    linter = Linter(overrides=Overrides(targets=("all",), isolated=True))
    settings = linter.settings(directory)
    rng = random.Random(case.name)
    for _ in range(25):
        text = edit(rng, text)
        lint = linter.lint_package(directory, {edited: text}, settings, False)
        memoised = sorted(
            (d for found in lint.diagnostics.values() for d in found), key=Diagnostic.sort_key
        )
        assert memoised == without_memo(list(lint.sources.values()), settings), text
        if not lint.files[edited].source.has_syntax_errors:
            assert memoised == without_memo(parsed_afresh(directory, edited, text), settings)


def _positions(nodes: list[Node]) -> list[tuple[int, int, str]]:
    return sorted((n.start_byte, n.end_byte, n.type) for n in nodes)


@pytest.mark.parametrize("name", ["fixtures", "corpus"])
def test_index_by_declaration_matches_the_whole_file_query(name: str) -> None:
    """Per-declaration captures (queried on each declaration, or located again from an
    earlier version's offsets) are the captures of the one whole-file query."""
    for path in sorted((TESTS / name).rglob("*.go")):
        source = SourceFile.read(path)
        MEMO.enabled = False
        whole = FileIndex(source.root)
        MEMO.enabled = True
        for _ in range(2):  # queried, then located from the memo
            parts = FileIndex(source.root)
            for kind in KINDS:
                assert _positions(parts.all(kind)) == _positions(whole.all(kind)), (path, kind)
