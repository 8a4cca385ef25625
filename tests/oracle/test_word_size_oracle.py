"""The 32-bit int fact behind WV503, measured with the real Go toolchain.

TinyGo cannot be installed here, but its wasm targets type-check with a 32-bit int (fact
tinygo.word-size), exactly like standard Go's GOARCH=386. So the rule's bad example must fail
to build for 386 with the errors the rule quotes and build for wasm, and its good example
must build for both; wasmvet must flag the bad example for TinyGo targets only. The same
holds two modules away (wordsize_deps): TinyGo type-checks every imported package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.lintkit import lint, mismatches
from tests.oracle import harness

pytestmark = pytest.mark.oracle

CASES = Path(__file__).parent / "wordsize"


def _build(source: Path, goos: str, goarch: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    (workdir / "go.mod").write_text("module wordsize\n\ngo 1.24\n")
    (workdir / "main.go").write_bytes(source.read_bytes())
    env = {**os.environ, "GOOS": goos, "GOARCH": goarch, "GOTOOLCHAIN": "local", "CGO_ENABLED": "0"}
    env.setdefault("GOCACHE", str(harness.cache_dir() / "gocache"))
    return subprocess.run(
        [harness.find_go(), "build", "-o", os.devnull, "."],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_bad_example_fails_with_a_32_bit_int(tmp_path: Path) -> None:
    result = _build(CASES / "overflow_bad.go", "linux", "386", tmp_path)
    assert result.returncode != 0
    assert "cannot use 5000000000 (untyped int constant) as int value" in result.stderr
    assert "(overflows)" in result.stderr
    assert "cannot convert 3e9 (untyped float constant 3000000000) to type int" in result.stderr


@pytest.mark.parametrize(("goos", "goarch"), [("wasip1", "wasm"), ("js", "wasm")])
def test_bad_example_builds_with_a_64_bit_int(tmp_path: Path, goos: str, goarch: str) -> None:
    result = _build(CASES / "overflow_bad.go", goos, goarch, tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("goos", "goarch"), [("linux", "386"), ("wasip1", "wasm")])
def test_good_example_builds(tmp_path: Path, goos: str, goarch: str) -> None:
    result = _build(CASES / "overflow_good.go", goos, goarch, tmp_path)
    assert result.returncode == 0, result.stderr


def test_linter_flags_each_failing_line_for_tinygo_only(tmp_path: Path) -> None:
    errors = _build(CASES / "overflow_bad.go", "linux", "386", tmp_path).stderr
    failing_lines = sorted(
        {int(line.split(":")[1]) for line in errors.splitlines() if ".go:" in line}
    )
    flagged = lint(
        [CASES / "overflow_bad.go"], ["go-js", "go-wasip1", "tinygo-wasm", "tinygo-wasip1"]
    )
    wv503 = [d for d in flagged if d.code == "WV503"]
    assert sorted(d.span.start_line + 1 for d in wv503) == failing_lines
    assert all(d.targets == ("tinygo-wasm", "tinygo-wasip1") for d in wv503)
    assert not [d for d in lint([CASES / "overflow_good.go"], ["tinygo-wasm"]) if d.code == "WV503"]


DEPS = Path(__file__).parent / "wordsize_deps"


def _build_app(goos: str, goarch: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    """Build wordsize_deps/app (its dependencies are modules beside it, by ``replace``)."""
    tree = workdir / "tree"
    shutil.copytree(DEPS, tree)
    env = {
        **os.environ,
        "GOOS": goos,
        "GOARCH": goarch,
        "GOTOOLCHAIN": "local",
        "CGO_ENABLED": "0",
        "GOFLAGS": "-mod=mod",
        "GOWORK": "off",
        "GOPROXY": "off",
    }
    env.setdefault("GOCACHE", str(harness.cache_dir() / "gocache"))
    return subprocess.run(
        [harness.find_go(), "build", "-o", os.devnull, "."],
        cwd=tree / "app",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_dependency_overflow_fails_the_build_at_its_line(tmp_path: Path) -> None:
    """Two modules away, in a function nobody calls: the 32-bit build fails there, the
    64-bit wasm build works, and wasmvet flags the user's import (TinyGo targets only) with
    a trace whose last frame is the line the compiler names."""
    failed = _build_app("linux", "386", tmp_path / "386")
    assert failed.returncode != 0
    (error,) = [line for line in failed.stderr.splitlines() if "(overflows)" in line]
    where, line, column = error.split(":")[:3]
    assert where.endswith("limits.go")
    assert "cannot use Terabyte (untyped int constant 1099511627776) as int value" in error
    built = _build_app("wasip1", "wasm", tmp_path / "wasm")
    assert built.returncode == 0, built.stderr
    main = DEPS / "app" / "main.go"
    found = lint([main], ["go-wasip1", "tinygo-wasip1", "tinygo-wasm"])
    assert mismatches([main], found) == []
    (finding,) = [d for d in found if d.code == "WV503"]
    assert finding.targets == ("tinygo-wasm", "tinygo-wasip1")
    last = finding.trace[-1]
    assert (last.path.name, last.line, last.column) == ("limits.go", int(line), int(column))
    assert [f.function for f in finding.trace] == ["example.com/sizes", "example.com/limits"]
