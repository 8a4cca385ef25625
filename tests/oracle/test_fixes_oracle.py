"""Safe fixes, proved on the real toolchain: applied to each failing oracle case, the fix
leaves gofmt-clean Go that builds and runs to completion on the targets where it failed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.lintkit import lint
from tests.oracle import harness
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Applicability
from wasmvet.fixes import apply_edits

FIXABLE_RULES = ("WV101", "WV202")


def _cases() -> list[tuple[Path, str]]:
    cases = []
    for rule in FIXABLE_RULES:
        for path in sorted((harness.CASES_DIR / rule).glob("*_bad.go")):
            for exp in harness.parse_expectations(path):
                failing = exp.kind in ("hang", "deadlock") or exp.misbehaves
                if exp.target in ("go-js", "go-wasip1") and failing:
                    cases.append((path, exp.target))
    return cases


@pytest.mark.oracle
@pytest.mark.parametrize(
    ("path", "target"), _cases(), ids=lambda v: v.stem if isinstance(v, Path) else v
)
def test_safe_fix_makes_the_program_work(path: Path, target: str, tmp_path: Path) -> None:
    reason = harness.missing_tool(target)
    if reason is not None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true but the oracle cannot run {target}: {reason}")
        pytest.skip(reason)
    safe = [
        d.fix
        for d in lint([path], [target])
        if d.fix is not None and d.fix.applicability is Applicability.SAFE
    ]
    assert safe, "the rule offers no safe fix for its own bad example"
    fixed = tmp_path / "main.go"
    fixed.write_bytes(apply_edits(SourceFile.read(path), list(safe[0].edits)))
    gofmt = Path(harness.goroot()) / "bin" / "gofmt"
    listed = subprocess.run(
        [str(gofmt), "-l", str(fixed)], capture_output=True, text=True, check=False
    )
    assert listed.stdout == "" and listed.returncode == 0, fixed.read_text()
    binary = harness.build(fixed, target, tmp_path)
    outcome = harness.run(binary, target)
    assert outcome.kind in ("ok", "exit"), outcome.describe()
    if path.parent.name == "WV202":
        assert outcome.kind == "exit" and outcome.returncode == 3, outcome.describe()
    else:
        assert outcome.kind == "ok", outcome.describe()
