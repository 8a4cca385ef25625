"""Checking n fixes costs work linear in n (issue 16): counted, not timed.

The cross-target check (fixes/cross_target.py) applies a fix to its whole file only when the
fix edits the text before the package clause (it may change which targets build the file);
an import added after ``package main`` on the same line does not. ``apply_edits`` builds the
fixed file once, whatever the number of edits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lintkit import lint
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Edit, Span
from wasmvet.fixes import cross_target, edits

#: No import declaration: the WV101 fix adds ``import "runtime"`` right after the clause.
FLAGS = "package main\n\nvar done bool\n\nfunc main() {\n\tgo func() { done = true }()\n"


def test_fixes_after_the_package_clause_are_not_applied_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "main.go"
    path.write_text(FLAGS + "\tfor !done {\n\t}\n" * 200 + "}\n")
    applied: list[int] = []
    real = cross_target.apply_edits

    def counting(source: SourceFile, changes: list[Edit]) -> bytes:
        applied.append(len(changes))
        return real(source, changes)

    monkeypatch.setattr(cross_target, "apply_edits", counting)
    found = lint([path], ["go-js", "tinygo-wasm-unknown"])
    assert sum(d.code == "WV101" for d in found) == 200
    assert len(applied) <= 2, f"the file was built {len(applied)} times"


def test_apply_edits_applies_many_edits() -> None:
    """Edits far apart, given in any order, each applied at its original position."""
    source = SourceFile(Path("main.go"), b"x\n" * 1000)
    changes = [Edit(Path("main.go"), Span(i, 0, i, 1), "y") for i in range(998, -1, -2)]
    assert edits.apply_edits(source, changes) == b"y\nx\n" * 500
