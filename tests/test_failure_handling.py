"""A failure the program handles with a fallback is a note; one it stops on, gives up on or
only reports stays a warning (analysis/failure_handling.py, through SymbolRule)."""

from __future__ import annotations

from pathlib import Path

from tests.lintkit import lint
from wasmvet.diagnostics import Severity
from wasmvet.hosts import HostProfile

CASES = Path(__file__).parent / "failure_handling"
BARE = HostProfile(js="node", wasi_dirs=(), wasi_env=())


def _severities(name: str, target: str) -> dict[int, set[tuple[str, Severity]]]:
    found: dict[int, set[tuple[str, Severity]]] = {}
    for d in lint([CASES / name], [target], host=BARE):
        found.setdefault(d.span.start_line + 1, set()).add((d.code, d.severity))
    return found


def test_fallbacks_are_notes() -> None:
    found = _severities("handled.go", "go-wasip1")
    assert found[14] == {("WV307", Severity.INFO)}  # user.Current, then $USER
    assert found[21] == {("WV301", Severity.INFO)}  # exec.Command, up through two callers
    assert found[31] == {("WV301", Severity.INFO)}  # exec.LookPath, then the data as is
    assert found[40] == {("WV307", Severity.INFO)}  # os.UserHomeDir, then "."
    assert found[57] == {("WV309", Severity.INFO)}  # os.Stat as a yes/no question
    assert found[63] == {("WV309", Severity.INFO)}  # os.Stat, a fast path before a slow one


def test_stopping_giving_up_and_reporting_are_warnings() -> None:
    found = _severities("unhandled.go", "go-wasip1")
    for line in (13, 22, 30, 34, 50):
        assert {s for _, s in found[line]} & {Severity.ERROR, Severity.WARNING}, line


def test_panics_are_never_notes() -> None:
    found = _severities("handled.go", "tinygo-wasip1")
    assert ("WV502", Severity.ERROR) in found[51]
