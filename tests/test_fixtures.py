"""analysistest-style fixtures: ``// want "WVnnn"`` lines are flagged there, nothing else is.

Each ``tests/fixtures/<CODE>/*.go`` file is a package of its own; each sub-folder is a
multi-file package. A ``// fixture-targets: go-wasip1`` header limits the targets checked and
``// fixture-go: 1.22`` sets the Go version, ``// fixture-tinygo: 0.34`` the TinyGo version.
A ``// want "WVnnn" no-fix`` line must be flagged without a fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lintkit import (
    fixture_go_minor,
    fixture_targets,
    fixture_tinygo_minor,
    lint,
    mismatches,
    unwanted_fixes,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _cases() -> list[list[Path]]:
    cases: list[list[Path]] = []
    for rule_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        cases += [[f] for f in sorted(rule_dir.glob("*.go"))]
        cases += [sorted(d.glob("*.go")) for d in sorted(rule_dir.iterdir()) if d.is_dir()]
    return cases


@pytest.mark.parametrize(
    "paths", _cases(), ids=lambda ps: str(ps[0].relative_to(FIXTURES).parent / ps[0].stem)
)
def test_fixture(paths: list[Path]) -> None:
    diagnostics = lint(
        paths, fixture_targets(paths), fixture_go_minor(paths), fixture_tinygo_minor(paths)
    )
    assert mismatches(paths, diagnostics) == []
    assert unwanted_fixes(paths, diagnostics) == []
