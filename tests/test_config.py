"""wasmvet.toml: discovery, every key, and clear errors for broken files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.test_cli import wasmvet as run_wasmvet

SPIN_AND_EXEC = """package main

import (
\t"os/exec"
\t"sync/atomic"
)

func main() {
\tvar done atomic.Bool
\tgo func() { done.Store(true) }()
\tfor !done.Load() {
\t}
\t_ = exec.Command("ls").Run()
}
"""


def wasmvet(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_wasmvet("check", *args, cwd=cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cmd" / "tool").mkdir(parents=True)
    (tmp_path / "cmd" / "tool" / "main.go").write_text(SPIN_AND_EXEC)
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "main.go").write_text(SPIN_AND_EXEC)
    return tmp_path


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.split()[1] for line in result.stdout.splitlines() if ": WV" in line]


def test_nearest_config_applies(project: Path) -> None:
    (project / "wasmvet.toml").write_text('targets = ["go-wasip1"]\nselect = ["WV3"]\n')
    (project / "gen" / ".wasmvet.toml").write_text('targets = ["go-js"]\nignore = ["WV3"]\n')
    out = wasmvet(project, ".").stdout
    assert "cmd/tool/main.go:13:6: WV301 [go-wasip1]" in out
    assert "cmd/tool/main.go:11:2" not in out  # WV101 not selected at the root
    assert "gen/main.go:11:2: WV101 [*] [go-js]" in out
    assert "gen/main.go:13" not in out


def test_flags_override_config(project: Path) -> None:
    (project / "wasmvet.toml").write_text('targets = ["go-wasip1"]\nselect = ["WV3"]\n')
    result = wasmvet(project, "--target", "go-js", "--select", "WV101", ".")
    assert codes(result) == ["WV101", "WV101"]
    assert "[go-js]" in result.stdout and "go-wasip1" not in result.stdout


def test_per_file_ignores_severity_exclude_and_tests(project: Path) -> None:
    (project / "cmd" / "tool" / "main_test.go").write_text(
        'package main\n\nimport "os/exec"\n\nfunc helper() { _ = exec.Command("x").Run() }\n'
    )
    (project / "wasmvet.toml").write_text(
        'exclude = ["gen/**"]\ntests = true\n'
        '[per-file-ignores]\n"cmd/tool/main.go" = ["WV301"]\n'
        '[severity]\nWV101 = "info"\n'
    )
    result = wasmvet(project, "--target", "go-js", ".")
    assert "gen/" not in result.stdout
    assert "cmd/tool/main.go:11:2: WV101" in result.stdout and "(note)" in result.stdout
    assert "cmd/tool/main.go:13" not in result.stdout
    assert "cmd/tool/main_test.go:5:21: WV301" in result.stdout
    assert result.returncode == 1  # the test file's WV301 still counts


def test_go_version_gates_build_tags(tmp_path: Path) -> None:
    (tmp_path / "new.go").write_text("//go:build go1.26\n\n" + SPIN_AND_EXEC)
    (tmp_path / "wasmvet.toml").write_text('go-version = "1.25"\n')
    assert codes(wasmvet(tmp_path, ".")) == []
    assert "WV101" in codes(wasmvet(tmp_path, "--go-version", "1.26", "."))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('targets = ["go-js"]\nselct = ["WV1"]\n', "wasmvet.toml:2: selct: unknown key"),
        ('targets = "go-js"\n', "wasmvet.toml:1: targets: expected a list of strings"),
        ('targets = ["go-jss"]\n', "wasmvet.toml:1: targets: unknown target 'go-jss'"),
        ("go-version = 1.24\n", "wasmvet.toml:1: go-version: expected a Go version string"),
        ('\n\nignore = ["WV999"]\n', "wasmvet.toml:3: ignore: unknown rule code or prefix"),
        ('[severity]\nWV101 = "fatal"\n', "wasmvet.toml:2: severity.WV101: expected"),
        ("targets = [\n", "wasmvet.toml: invalid TOML"),
        ("tests = 1\n", "wasmvet.toml:1: tests: expected true or false"),
    ],
)
def test_broken_config_exits_2_naming_file_line_and_key(
    project: Path, content: str, message: str
) -> None:
    (project / "wasmvet.toml").write_text(content)
    result = wasmvet(project, ".")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_show_settings(project: Path) -> None:
    (project / "wasmvet.toml").write_text('targets = ["all"]\ngo-version = "1.24"\n')
    result = wasmvet(project, "--show-settings", "cmd/tool")
    assert result.returncode == 0
    assert f"config: {project / 'wasmvet.toml'}" in result.stdout
    assert "targets: go-js, go-wasip1" in result.stdout
    assert "go-version: 1.24" in result.stdout


def test_tinygo_version_from_config_and_flag(project: Path) -> None:
    (project / "wasmvet.toml").write_text('tinygo-version = "v0.34.1"\n')
    assert "tinygo-version: 0.34" in wasmvet(project, "--show-settings", ".").stdout
    flagged = wasmvet(project, "--show-settings", "--tinygo-version", "0.38", ".")
    assert "tinygo-version: 0.38" in flagged.stdout
    bad = wasmvet(project, "--tinygo-version", "1.2", ".")
    assert bad.returncode == 2
    assert "bad --tinygo-version '1.2'" in bad.stderr


def test_isolated_ignores_config(project: Path) -> None:
    (project / "wasmvet.toml").write_text("broken = true\n")
    assert wasmvet(project, "--isolated", ".").returncode == 1
