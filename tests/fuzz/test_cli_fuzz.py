"""Seeded fuzzing of ``wasmvet check`` on mutated standard-library files (tests/fuzz/cli_fuzz.py):
no crash, no hang past the budget, exit code 0 or 1, and every report valid, for a few
thousand inputs per run, in chunks that pytest-xdist spreads over the workers.

Nesting is kept to 200 levels here: deeper nests of ``for`` loops still take quadratic time
(each loop's calls are scanned again for every enclosing loop: 2,000 levels take ~15 s);
``python -m tests.fuzz.cli_fuzz`` nests up to 3000 levels.
"""

from __future__ import annotations

import os

import pytest

from tests.fuzz.cli_fuzz import fuzz, report
from tests.oracle.harness import ToolMissing, goroot

CHUNKS = 4
INPUTS = 600  # per chunk
#: CPU seconds per package before it counts as a hang: the budget of issue 16 (2 s per file of
#: up to 1 MB) with room for a slow shared runner; these files are at most 16 KiB.
BUDGET = 10.0


@pytest.fixture(scope="module", autouse=True)
def _goroot() -> None:
    try:
        goroot()
    except ToolMissing as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(str(exc))


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_goroot_files(chunk: int) -> None:
    figures = fuzz(INPUTS, seed=chunk, seconds=BUDGET, max_bytes=16 * 1024, max_depth=200)
    assert figures.inputs == INPUTS
    assert not figures.failures, report(figures)


def test_the_fuzzer_sees_crashes_hangs_and_invalid_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind of failure is counted (else a clean fuzz run would prove nothing)."""
    from wasmvet import engine
    from wasmvet.formats import FORMATTERS

    def broken(_: object) -> str:
        raise RuntimeError("boom")

    def spin(job: engine.Job) -> engine.Result:
        while "p0001" in str(job.pkg.path):
            pass
        return real_run_job(job)

    real_run_job = engine.run_job
    monkeypatch.setitem(FORMATTERS, "junit", lambda _: "<testsuites>")
    monkeypatch.setitem(FORMATTERS, "rdjson", broken)
    monkeypatch.setattr(engine, "run_job", spin)
    figures = fuzz(6, seed=0, batch=6, seconds=0.5, max_bytes=4096, max_depth=8)
    assert [h.rsplit("/", 1)[-1] for h in figures.hangs] == [
        "p0001: analysis ran past 0.5 s of CPU time"
    ]
    assert [c.split(": ", 1)[1] for c in figures.crashes] == [
        "--format rdjson: exit 2: wasmvet: error: internal error (RuntimeError: boom); "
        "please report it"
    ]
    assert [i.split(": ", 1)[1].split(":")[0] for i in figures.invalid] == ["--format junit"]
