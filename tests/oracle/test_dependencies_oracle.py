"""Hazards inside other modules, for real: each program under tests/oracle/deps/<case>/ is a
main module (``app``) whose hazard sits in a dependency module beside it (``replace``
directives), built with the real Go toolchain and run (Node for go-js, wasmtime for
go-wasip1) as its ``// oracle`` header says; wasmvet must flag the user's call on exactly
those targets, with a trace whose frames point at the calls that lead to the hazard (the
last frame is the hazard itself: a call, or the loop that spins).

``never`` checks the other side: code after a dependency call that never returns on js
(``select {}`` behind a ``runtime.GOOS`` guard) does not run there, and is flagged on
wasip1 only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.lintkit import lint, mismatches
from tests.oracle import harness
from wasmvet.diagnostics import Diagnostic

pytestmark = pytest.mark.oracle

DEPS = Path(__file__).resolve().parent / "deps"

#: case → (code flagged at the user's call, [(dependency file, function, call text there)])
CASES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "exec": (
        "WV301",
        [
            ("runner/runner.go", "runner.Run", "start(name)"),
            ("runner/runner.go", "runner.start", "exec.Command(name)"),
        ],
    ),
    "callback": (
        "WV201",
        [
            ("logger/logger.go", "logger.Log", 'format.Line("log: " + message)'),
            ("format/format.go", "format.Line", "fmt.Println(text)"),
        ],
    ),
    "dial": (
        "WV304",
        [
            ("store/store.go", "store.Ping", "wire.Connect(address)"),
            ("wire/wire.go", "wire.Connect", 'net.Dial("tcp", address)'),
        ],
    ),
    "never": ("WV301", []),
    "spin": (
        "WV101",
        [
            ("poller/poller.go", "poller.Wait", "await()"),
            ("poller/poller.go", "poller.await", "for !ready.Load()"),
        ],
    ),
}


def _build(case: Path, target: str, workdir: Path) -> Path:
    tree = workdir / case.name
    shutil.copytree(case, tree)
    goos, goarch = harness.TARGETS[target]
    env = {
        **os.environ,
        "GOOS": goos,
        "GOARCH": goarch,
        "CGO_ENABLED": "0",
        "GOTOOLCHAIN": "local",
        "GOFLAGS": "-mod=mod",
        "GOWORK": "off",
        "GOPROXY": "off",
    }
    out = tree / "app" / "x.wasm"
    proc = subprocess.run(
        [harness.find_go(), "build", "-o", out.name, "."],
        cwd=tree / "app",
        env=env,
        capture_output=True,
        text=True,
        timeout=harness.BUILD_TIMEOUT,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return out


def _findings(main: Path, targets: list[str]) -> list[Diagnostic]:
    diagnostics = lint([main], targets, go_minor=22)
    assert mismatches([main], diagnostics) == []
    return diagnostics


@pytest.mark.parametrize("name", sorted(CASES))
def test_dependency_hazard_fails_for_real(name: str, tmp_path: Path) -> None:
    case = DEPS / name
    main = case / "app" / "main.go"
    expectations = harness.parse_expectations(main)
    targets = sorted({e.target for e in expectations})
    for target in targets:
        missing = harness.missing_tool(target)
        if missing and os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true but the oracle cannot run {target}: {missing}")
        if missing:
            pytest.skip(missing)
    for expectation in expectations:
        binary = _build(case, expectation.target, tmp_path / expectation.target)
        outcome = harness.run(binary, expectation.target)
        assert harness.check(expectation, outcome) is None, (expectation, outcome)

    code, frames = CASES[name]
    found = [d for d in _findings(main, targets) if d.code == code]
    assert len(found) == 1
    finding = found[0]
    if name == "never":  # the call after ui.RunWhenOnBrowser is dead on js
        assert finding.targets == ("go-wasip1",)
        assert finding.trace == ()
        return
    assert finding.targets == tuple(targets)
    assert [(f.path, f.function) for f in finding.trace] == [
        (case / path, function) for path, function, _ in frames
    ]
    for frame, (_, _, call) in zip(finding.trace, frames, strict=True):
        line = frame.path.read_bytes().splitlines()[frame.line - 1]
        assert line[frame.column - 1 :].startswith(call.encode()), (frame, line)
