"""Prove each rule's claims: build every case under tests/oracle/cases and run it.

One test per (case file, ``// oracle`` line). Missing tools (go, node, wasmtime) skip the
affected tests, except under CI=true where they fail. Run with ``pytest -m oracle``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from . import harness
from .harness import BuildFailed, CaseFormatError, Expectation, Outcome


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _collect() -> list[Any]:
    params: list[Any] = []
    for path in harness.discover_cases():
        try:
            expectations = harness.parse_expectations(path)
        except CaseFormatError as err:
            # Report a broken case as a failing test instead of breaking collection.
            params.append(pytest.param(err, id=f"{path.parent.name}/{path.stem}[malformed]"))
            continue
        params.extend(pytest.param(exp, id=exp.test_id) for exp in expectations)
    return params


# Several lines can check one (file, target) run, e.g. "ok" plus "output": run it once.
_RUNS: dict[tuple[Path, str], Outcome | BuildFailed] = {}


def _outcome(exp: Expectation, workdir: Path) -> Outcome:
    key = (exp.path, exp.target)
    if key not in _RUNS:
        result: Outcome | BuildFailed
        try:
            binary = harness.build(exp.path, exp.target, workdir)
        except BuildFailed as err:
            result = err
        else:
            if exp.preopen:
                with tempfile.TemporaryDirectory(prefix="wasmvet-oracle-root-") as root:
                    result = harness.run(binary, exp.target, preopen=Path(root))
            else:
                result = harness.run(binary, exp.target)
        _RUNS[key] = result
    result = _RUNS[key]
    if isinstance(result, BuildFailed):
        pytest.fail(f"{exp.path} does not build for {exp.target}:\n{result.stderr}", pytrace=False)
    return result


@pytest.mark.oracle
@pytest.mark.parametrize("case", _collect())
def test_oracle(case: Expectation | CaseFormatError, tmp_path: Path) -> None:
    if isinstance(case, CaseFormatError):
        pytest.fail(str(case), pytrace=False)
    reason = harness.missing_tool(case.target)
    if reason is not None:
        if _in_ci():
            pytest.fail(f"CI=true but the oracle cannot run {case.target}: {reason}")
        pytest.skip(reason)

    if case.kind == "compile-error":
        assert case.text is not None
        stderr = harness.build_error(case.path, case.target, tmp_path)
        if stderr is None:
            pytest.fail(
                f"{case.path.name} built for {case.target}; expected {case.describe()}",
                pytrace=False,
            )
        if case.text not in stderr:
            pytest.fail(
                f"{case.path.name} on {case.target}: expected {case.describe()}, got:\n{stderr}",
                pytrace=False,
            )
        return

    mismatch = harness.check(case, _outcome(case, tmp_path))
    if mismatch is not None:
        pytest.fail(mismatch, pytrace=False)
