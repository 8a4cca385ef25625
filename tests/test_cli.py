"""The command line as a user meets it: exit codes, formats, bad input, explain and rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wasmvet.rules import all_rules
from wasmvet.targets import TARGETS

ROOT = Path(__file__).resolve().parent.parent
SPIN = """package main

import "sync/atomic"

func main() {
\tvar done atomic.Bool
\tgo func() { done.Store(true) }()
\tfor !done.Load() {
\t}
}
"""


def wasmvet(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m wasmvet ARGS`` in ``cwd``, without color and without a cache directory or
    $GOFLAGS from the environment (each test's cache lives beside its project); ``env``
    adds variables."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("WASMVET_CACHE_DIR", "GOFLAGS")}
    return subprocess.run(
        [sys.executable, "-m", "wasmvet", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**inherited, "NO_COLOR": "1", **(env or {})},
        check=False,
    )


@pytest.fixture
def spin_pkg(tmp_path: Path) -> Path:
    (tmp_path / "main.go").write_text(SPIN)
    return tmp_path


def test_examples_have_findings() -> None:
    result = wasmvet("check", "examples/")
    assert result.returncode == 1, result.stderr
    assert "examples/spinwait/main.go:20:2: WV101 [*] [go-js,go-wasip1]" in result.stdout
    assert "examples/wasi-tool/main.go:18:12: WV307 [go-js,go-wasip1]" in result.stdout
    # examples/tinygo-plugin has its own wasmvet.toml: TinyGo for wasip1.
    assert "examples/tinygo-plugin/main.go:16:12: WV502 [tinygo-wasip1]" in result.stdout
    assert "examples/tinygo-plugin/main.go:22:49: WV504 [tinygo-wasip1]" in result.stdout
    assert result.stderr == ""


def test_clean_code_exits_zero() -> None:
    result = wasmvet("check", "examples/clean")
    assert result.returncode == 0
    assert "All checks passed!" in result.stdout


def test_text_format_and_exit_zero(spin_pkg: Path) -> None:
    result = wasmvet("check", ".", cwd=spin_pkg)
    assert result.returncode == 1
    assert result.stdout.startswith("main.go:8:2: WV101 [*] [go-js] spin-wait")
    assert "no target configured" in result.stderr
    assert "1 package: go-js (the default: nothing in the code names a target)" in result.stderr
    assert wasmvet("check", "--exit-zero", ".", cwd=spin_pkg).returncode == 0


def test_json_format(spin_pkg: Path) -> None:
    result = wasmvet("check", "--format", "json", "--target", "all", ".", cwd=spin_pkg)
    found = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in found] == [
        ("main.go", 7, 2, "WV505"),  # `go` without a scheduler, on tinygo-wasm-unknown only
        ("main.go", 8, 2, "WV101"),
    ]
    assert found[0]["targets"] == ["tinygo-wasm-unknown"]
    found = found[1:]
    assert found[0]["targets"] == [
        "go-js",
        "go-wasip1",
        "tinygo-wasm",
        "tinygo-wasip1",
        "tinygo-wasip2",
    ]  # not tinygo-wasm-unknown: it has no scheduler, so no other goroutine to wait for
    assert found[0]["fix"]["applicability"] == "safe"
    assert [(e["line"], e["column"], e["new_text"]) for e in found[0]["fix"]["edits"]] == [
        (3, 8, '(\n\t"runtime"\n\t"sync/atomic"\n)'),
        (8, 20, "\n\t\truntime.Gosched()"),
    ]


def test_select_and_ignore(spin_pkg: Path) -> None:
    assert wasmvet("check", "--ignore", "WV1", ".", cwd=spin_pkg).returncode == 0
    assert wasmvet("check", "--select", "WV3", ".", cwd=spin_pkg).returncode == 0
    assert wasmvet("check", "--select", "WV101", ".", cwd=spin_pkg).returncode == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--target", "wasm64"], "unknown target 'wasm64'"),
        (["check", "--select", "WV999"], "unknown rule code or prefix 'WV999'"),
        (["check", "--go-version", "two"], "bad --go-version"),
        (["check", "--format", "xml"], "invalid choice"),
        (["explain", "WV999"], "unknown rule 'WV999'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = wasmvet(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_input_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "main.go").write_text(SPIN)
    (tmp_path / "latin1").mkdir()
    (tmp_path / "latin1" / "x.go").write_bytes(b"package x\n// caf\xe9\n")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "b.go").write_text(
        'package b\nimport "os/exec"\nfunc f( {\n}\nfunc g() { exec.Command("ls").Run() }\n'
    )
    (tmp_path / "empty").mkdir()
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "self").symlink_to(tmp_path / "loop")
    result = wasmvet("check", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "latin1/x.go: skipped: invalid UTF-8 encoding at line 2" in result.stderr
    assert "broken/b.go: syntax errors; analysing what parses" in result.stderr
    assert "good/main.go:8:2: WV101" in result.stdout
    assert "broken/b.go:5:12: WV301" in result.stdout


def test_missing_path_and_no_go_files(tmp_path: Path) -> None:
    result = wasmvet("check", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert "nowhere: no such file or directory" in result.stderr
    result = wasmvet("check", ".", cwd=tmp_path)
    assert "no Go files found" in result.stderr


def test_rules_lists_every_rule() -> None:
    out = wasmvet("rules").stdout
    for code in all_rules():
        assert code in out


@pytest.mark.parametrize("code", list(all_rules()))
def test_explain_has_every_section(code: str) -> None:
    result = wasmvet("explain", code)
    assert result.returncode == 0
    for section in ("## What it flags", "## Example", "## Use instead", "## Fix safety"):
        assert section in result.stdout
    assert "## Why it fails" in result.stdout or "## Why it matters" in result.stdout
    assert "## References" in result.stdout


def test_version() -> None:
    result = wasmvet("--version")
    assert result.returncode == 0 and result.stdout.startswith("wasmvet ")


def test_readme_lists_every_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    order = list(TARGETS)
    for code, rule in all_rules().items():
        targets = (
            "all"
            if rule.targets == frozenset(order)
            else ", ".join(t for t in order if t in rule.targets)
        )
        row = f"| {code} | `{rule.name}` | {rule.severity.value} | {targets} | {rule.summary} |"
        assert row in readme, f"README's rule table is stale; expected the row\n{row}"
    for target in TARGETS.values():
        assert f"| `{target.id}` | `{target.build_command}` |" in readme


def test_rules_as_json() -> None:
    """``wasmvet rules --format json``: every rule with its metadata; links name the release."""
    from wasmvet import __version__

    table = json.loads(wasmvet("rules", "--format", "json").stdout)
    assert [r["code"] for r in table] == list(all_rules())
    spin = next(r for r in table if r["code"] == "WV101")
    assert spin["name"] == "spin-wait" and spin["fix"] == "safe" and "go-js" in spin["targets"]
    assert spin["url"].endswith(f"/blob/v{__version__}/docs/rules/WV101.md")
    assert set(spin) == {"code", "name", "severity", "targets", "hosts", "fix", "summary", "url"}
    assert spin["hosts"]["go-js"] == "browser or Node.js through wasm_exec.js"
