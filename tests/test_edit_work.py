"""An edit of one function makes the language server's lint redo the loop checks of that
function only: the other declarations' answers are kept by their text (work is counted, not
timed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tree_sitter import Node

from wasmvet.analysis.memo import MEMO
from wasmvet.lsp.linting import Linter
from wasmvet.rules import wv101_spin_wait
from wasmvet.settings import Overrides

FUNCTIONS = 30


def source(edited: int) -> str:
    """A package of counting loops, the first function's bound being ``edited``."""
    parts = ["package main\n"]
    for i in range(FUNCTIONS):
        bound = edited if i == 0 else 10
        parts.append(
            f"func f{i}(xs []int) int {{\n\ts := 0\n\tfor j := 0; j < {bound}; j++ {{\n"
            f"\t\ts += xs[j]\n\t}}\n\treturn s\n}}\n"
        )
    parts.append("func main() {}\n")
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def memo_off_afterwards() -> Iterator[None]:
    yield
    MEMO.enabled = False
    MEMO.clear()


def test_an_edit_rechecks_the_loops_of_the_edited_function_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "main.go"
    path.write_text(source(10))
    linter = Linter(overrides=Overrides(targets=("go-js",)))
    settings = linter.settings(tmp_path)
    asked: list[Node] = []
    real = wv101_spin_wait._candidate

    def counting(analyzer: object, loop: Node) -> object:
        asked.append(loop)
        return real(analyzer, loop)  # type: ignore[arg-type]

    monkeypatch.setattr(wv101_spin_wait, "_candidate", counting)
    linter.lint_package(tmp_path, {path: source(10)}, settings, False)
    assert len(asked) == FUNCTIONS  # the first lint checks every loop
    asked.clear()
    linter.lint_package(tmp_path, {path: source(11)}, settings, False)
    assert [loop.start_point[0] for loop in asked] == [4]  # f0's loop, nothing else
