"""WV104's severity: a warning where the code after ``runtime.GOMAXPROCS(n)`` busy-waits for
a goroutine that would have to run in parallel, a note elsewhere (fixtures cannot say which)."""

from __future__ import annotations

from pathlib import Path

from tests.lintkit import lint
from wasmvet.diagnostics import Severity

FIXTURE = Path(__file__).parent / "fixtures" / "WV104" / "barrier.go"
CASES = Path(__file__).parent / "oracle" / "cases" / "WV104"


def _severities(path: Path) -> dict[int, Severity]:
    """The WV104 findings of ``path`` on go-js and go-wasip1: 1-based line to severity."""
    found = lint([path], ["go-js", "go-wasip1"])
    return {d.span.start_line + 1: d.severity for d in found if d.code == "WV104"}


def _line_of(path: Path, needle: str, after: str) -> int:
    """The 1-based line of the first ``needle`` after the line containing ``after``."""
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def test_busy_waits_after_the_call_make_it_a_warning() -> None:
    got = _severities(FIXTURE)
    expected = {
        "func barrier": Severity.WARNING,  # spin barrier in the goroutines it starts
        "func handOff": Severity.WARNING,  # busy-wait in a function it calls
        "func yielding": Severity.INFO,  # the loop yields
        "func before": Severity.INFO,  # the busy-wait runs before the call
        "func one": Severity.INFO,  # GOMAXPROCS(1): the wait hangs natively too
    }
    for function, severity in expected.items():
        assert got[_line_of(FIXTURE, "runtime.GOMAXPROCS", function)] is severity, function


def test_warning_points_at_the_loop() -> None:
    path = CASES / "gomaxprocs_barrier_bad.go"
    (finding,) = [d for d in lint([path], ["go-js"]) if d.code == "WV104"]
    assert finding.severity is Severity.WARNING
    assert "never runs while it spins" in finding.message
    loop = _line_of(path, "for arrived.Load() < 4", "func main")
    assert [r.span.start_line + 1 for r in finding.related] == [loop]


def test_waitgroup_keeps_it_a_note() -> None:
    got = _severities(CASES / "gomaxprocs_waitgroup_good.go")
    assert list(got.values()) == [Severity.INFO]
