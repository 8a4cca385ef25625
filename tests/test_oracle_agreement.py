"""The linter agrees with the oracle: each case that fails on a target is flagged on its
``// want`` lines for that target, and each case that works there gets no error or warning.
Notes (``info``) nobody asked for are free; a ``// want`` for a note's code must be met.

This test lints only (no Go toolchain needed); ``tests/oracle/test_oracle.py`` proves the
runtime outcomes themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lintkit import lint, mismatches
from tests.oracle.harness import (
    SCRATCH_ENV,
    Expectation,
    case_files,
    discover_cases,
    parse_expectations,
)
from wasmvet.hosts import HostProfile

#: Each oracle target: the target wasmvet lints for and the host profile the run had.
HOST_PROFILES: dict[str, tuple[str, HostProfile | None]] = {
    "go-js": ("go-js", HostProfile(js="node")),
    "go-js@browser": ("go-js", HostProfile(js="browser")),
    "go-wasip1": ("go-wasip1", None),  # the caller's environment: grants not known
    "go-wasip1@bare": ("go-wasip1", HostProfile(wasi_dirs=(), wasi_env=())),
    "go-wasip1@go-script": ("go-wasip1", HostProfile(wasi_dirs=("/",), wasi_env=("PWD", "PATH"))),
    "go-wasip1@scratch": (
        "go-wasip1",
        HostProfile(wasi_dirs=("SCRATCH::/",), wasi_env=tuple(SCRATCH_ENV)),
    ),
}


def _cases() -> list[tuple[Path, str, bool]]:
    """(case, target, whether the program fails there) for every wasm target of every case."""
    cases: list[tuple[Path, str, bool]] = []
    for path in discover_cases():
        expectations = parse_expectations(path)
        for target in HOST_PROFILES:
            mine = [e for e in expectations if e.target == target]
            if mine:
                cases.append((path, target, _fails(mine)))
    return cases


def _fails(expectations: list[Expectation]) -> bool:
    """A target fails unless it runs cleanly: an explicit ``ok`` (with or without expected
    output) and no ``oracle-misbehaves``; a target with only ``output`` lines failed with
    that text."""
    if any(
        e.misbehaves or e.kind in ("hang", "deadlock", "exit", "compile-error")
        for e in expectations
    ):
        return True
    return not any(e.kind in ("ok", "waits") for e in expectations)


@pytest.mark.parametrize(
    ("path", "target", "fails"),
    _cases(),
    ids=lambda v: v.parent.name + "/" + v.stem if isinstance(v, Path) else str(v),
)
def test_linter_agrees_with_oracle(path: Path, target: str, fails: bool) -> None:
    files = case_files(path)
    lint_target, host = HOST_PROFILES[target]
    diagnostics = lint(files, [lint_target], host=host)
    if fails:
        assert mismatches(files, diagnostics, notes_are_free=True) == []
    else:
        counted = [d for d in diagnostics if d.counts]
        assert [f"{d.span.start_line + 1}: {d.code} {d.message}" for d in counted] == []
