"""The linter agrees with the oracle: each case that fails on a target is flagged on its
``// want`` lines for that target, and each case that works there gets no finding.

This test lints only (no Go toolchain needed); ``tests/oracle/test_oracle.py`` proves the
runtime outcomes themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lintkit import lint, mismatches
from tests.oracle.harness import CASES_DIR, parse_expectations

WASM_TARGETS = ("go-js", "go-wasip1")


def _cases() -> list[tuple[Path, str, str]]:
    cases: list[tuple[Path, str, str]] = []
    for path in sorted(CASES_DIR.glob("*/*.go")):
        for exp in parse_expectations(path):
            if exp.target in WASM_TARGETS:
                cases.append((path, exp.target, exp.kind))
    return cases


@pytest.mark.parametrize(
    ("path", "target", "kind"),
    _cases(),
    ids=lambda v: v.parent.name + "/" + v.stem if isinstance(v, Path) else str(v),
)
def test_linter_agrees_with_oracle(path: Path, target: str, kind: str) -> None:
    diagnostics = [d for d in lint([path], [target]) if d.counts]
    if kind == "ok":
        assert [f"{d.span.start_line + 1}: {d.code} {d.message}" for d in diagnostics] == []
    else:
        assert mismatches([path], diagnostics) == []
