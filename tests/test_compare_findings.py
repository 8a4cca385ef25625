"""``benchmarks/compare_findings.py`` (issue 17: findings identical before and after a speed
change) says identical for the same wasmvet, and tells a finding that one version lost."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PROGRAM = ROOT / "tests" / "corpus" / "audit_log_whoami"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "compare_findings", ROOT / "benchmarks" / "compare_findings.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_same_version_is_identical(capsys: pytest.CaptureFixture[str]) -> None:
    compare = _script()
    code = compare.main([str(ROOT), str(ROOT), str(CORPUS_PROGRAM), "--targets", "go-js"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "1 findings before" in out and "identical" in out


def test_a_lost_finding_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copy of wasmvet whose WV307 reports nothing loses the corpus program's finding."""
    compare = _script()
    copy = tmp_path / "wasmvet"
    shutil.copytree(ROOT / "server", copy / "server", ignore=shutil.ignore_patterns("__pycache__"))
    rule = copy / "server" / "rules" / "wv307_user_database.py"
    with rule.open("a") as fh:
        fh.write("\nNoUserDatabase.check = lambda self, ctx: None\n")
    code = compare.main([str(ROOT), str(copy), str(CORPUS_PROGRAM), "--targets", "go-js"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "DIFFERENT" in out and "- " in out and "WV307" in out
