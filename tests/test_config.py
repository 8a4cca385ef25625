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


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("targets = []\n", "wasmvet.toml:1: targets: no target given"),
        ('targets = [""]\n', "wasmvet.toml:1: targets: empty target in the list"),
        ('targets = ["go-js", " "]\n', "wasmvet.toml:1: targets: empty target"),
        ('\nselect = [""]\n', "wasmvet.toml:2: select: empty rule code"),
        ('ignore = ["WV1", ""]\n', "wasmvet.toml:1: ignore: empty rule code"),
        ('extend-select = [""]\n', "wasmvet.toml:1: extend-select: empty rule code"),
        ('go-version = "1.24\\n"\n', "wasmvet.toml:1: go-version: expected a Go version"),
        ('go-version = "1.999"\n', "go-version: Go 1.999 is newer than this wasmvet knows"),
        ('go-version = "1.5"\n', "go-version: Go 1.5 has no wasm port"),
        ('go-version = "1.0024"\n', "go-version: expected a Go version"),
        ('tinygo-version = "0.420"\n', "tinygo-version: TinyGo 0.420 is newer than"),
        ('tinygo-version = "0.34\\n"\n', "tinygo-version: expected a TinyGo version"),
        ('exclude = ["["]\n', "wasmvet.toml:1: exclude: invalid glob '['"),
        ('exclude = ["gen/**", "../**"]\n', "exclude: glob '../**' reaches outside the project"),
        ('exclude = ["a/../../b"]\n', "exclude: glob 'a/../../b' reaches outside"),
        ('exclude = [""]\n', "wasmvet.toml:1: exclude: empty glob in the list"),
        (
            '[per-file-ignores]\n"../x/*.go" = ["WV301"]\n',
            "wasmvet.toml:2: per-file-ignores: glob '../x/*.go' reaches outside",
        ),
        ('[per-file-ignores]\n"a[b" = ["WV301"]\n', "wasmvet.toml:2: per-file-ignores: invalid"),
        ('[per-file-ignores]\n"*.go" = [""]\n', "wasmvet.toml:2: per-file-ignores.*.go: expected"),
        (
            '\n[per-file-ignores]\n"cmd/*.go" = ["WV999"]\n',
            "wasmvet.toml:3: per-file-ignores.cmd/*.go: unknown rule code",
        ),
        ('build-tags = [""]\n', "wasmvet.toml:1: build-tags: empty build tag"),
        ('build-tags = ["a-b"]\n', "build-tags: 'a-b' is not a build tag"),
        ('build-tags = "a,b"\n', "wasmvet.toml:1: build-tags: expected a list of strings"),
        ('selct = ["WV1"]\n', "wasmvet.toml:1: selct: unknown key (did you mean 'select'?)"),
        ('extend_select = ["WV1"]\n', "unknown key (did you mean 'extend-select'?)"),
        ('targets = ["go-jss"]\n', "unknown target 'go-jss' (did you mean 'go-js'?)"),
        ('targets = ["wasi"]\n', "unknown target 'wasi' (did you mean 'wasip1'?)"),
        (
            'ignore = ["WV3O1"]\n',
            "ignore: unknown rule code or prefix 'WV3O1' (did you mean 'WV301'?)",
        ),
        ("extend = 3\n", "wasmvet.toml:1: extend: expected the path of a configuration file"),
        ('\nextend = "base.toml"\n', "wasmvet.toml:2: extend: no such file"),
    ],
)
def test_empty_absurd_and_mistyped_values_are_errors(
    project: Path, content: str, message: str
) -> None:
    (project / "wasmvet.toml").write_text(content)
    result = wasmvet(project, ".")
    assert result.returncode == 2, result.stdout
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stdout == ""


def test_extend_inherits_and_the_child_wins(project: Path) -> None:
    """The child's targets replace the base's; the base's exclude stays relative to the
    base's folder; select/extend-select/ignore apply file by file."""
    (project / "wasmvet.toml").write_text(
        'targets = ["go-js"]\nselect = ["WV3"]\nignore = ["WV309"]\nexclude = ["/gen/"]\n'
    )
    (project / "cmd" / "wasmvet.toml").write_text(
        'extend = "../wasmvet.toml"\ntargets = ["go-wasip1"]\nextend-select = ["WV101"]\n'
    )
    (project / "cmd" / "gen").mkdir()
    (project / "cmd" / "gen" / "main.go").write_text(SPIN_AND_EXEC)
    result = wasmvet(project, ".")
    assert "cmd/tool/main.go:11:2: WV101 [*] [go-wasip1]" in result.stdout
    assert "cmd/tool/main.go:13:6: WV301 [go-wasip1]" in result.stdout
    assert "cmd/gen/main.go:11:2: WV101" in result.stdout  # /gen/ is relative to the base
    assert "\ngen/main.go" not in "\n" + result.stdout  # excluded by the root config
    shown = wasmvet(project, "--show-settings", "cmd/tool").stdout
    assert f"config: {project / 'cmd' / 'wasmvet.toml'}" in shown
    assert "targets: go-wasip1" in shown
    assert "rules: WV101, WV301, WV302" in shown and "WV309" not in shown


def test_extend_a_later_select_starts_over(project: Path) -> None:
    (project / "base.toml").write_text('select = ["WV3"]\nextend-ignore = ["WV301"]\n')
    (project / "wasmvet.toml").write_text('extend = "base.toml"\nselect = ["WV101", "WV301"]\n')
    shown = wasmvet(project, "--show-settings", ".").stdout
    assert "rules: WV101, WV301\n" in shown
    flags = wasmvet(project, "--show-settings", "--extend-select", "WV2", "--ignore", "WV101", ".")
    assert "rules: WV201, WV202, WV203, WV204, WV205, WV206, WV207, WV301\n" in flags.stdout


def test_extend_cycle_is_an_error(project: Path) -> None:
    (project / "wasmvet.toml").write_text('extend = "cmd/wasmvet.toml"\n')
    (project / "cmd" / "wasmvet.toml").write_text(
        'targets = ["go-js"]\n\nextend = "../wasmvet.toml"\n'
    )
    result = wasmvet(project, ".")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()  # the same cycle, whichever file a package starts at
    config, other = project / "cmd" / "wasmvet.toml", project / "wasmvet.toml"
    assert line.endswith(f"{config}:3: extend: cycle: {config} -> {other} -> {config}")


def test_broken_extended_file_is_named(project: Path) -> None:
    (project / "base.toml").write_text('\ntests = "yes"\n')
    (project / "wasmvet.toml").write_text('extend = "base.toml"\n')
    result = wasmvet(project, ".")
    assert result.returncode == 2
    assert f"{project / 'base.toml'}:2: tests: expected true or false" in result.stderr


def test_globs_are_gitignore_style(project: Path) -> None:
    """``cmd/*/*.go`` stays in its folder (fnmatch's ``*`` crossed ``/``); ``!glob`` in
    per-file-ignores means every file the glob does not match; ``!`` in exclude re-includes."""
    (project / "cmd" / "tool" / "sub").mkdir()
    (project / "cmd" / "tool" / "sub" / "main.go").write_text(SPIN_AND_EXEC)
    (project / "wasmvet.toml").write_text(
        'targets = ["go-js"]\nexclude = ["main.go", "!cmd/**/main.go"]\n'
        '[per-file-ignores]\n"cmd/*/*.go" = ["WV301"]\n"!cmd/**" = ["WV101"]\n'
    )
    out = wasmvet(project, ".").stdout
    assert "cmd/tool/main.go:11:2: WV101" in out
    assert "cmd/tool/main.go:13" not in out
    assert "cmd/tool/sub/main.go:11:2: WV101" in out
    assert "cmd/tool/sub/main.go:13:6: WV301" in out  # fnmatch's cmd/*/*.go matched it
    assert "gen/main.go" not in out  # excluded; the ! re-includes only cmd/


def test_isolated_with_config_is_an_error(project: Path) -> None:
    (project / "wasmvet.toml").write_text('targets = ["go-js"]\n')
    result = wasmvet(project, "--isolated", "--config", "wasmvet.toml", ".")
    assert result.returncode == 2
    assert result.stderr == (
        "wasmvet: error: argument --config: not allowed with argument --isolated\n"
    )
    assert "--isolated" in run_wasmvet("check", "--help").stdout
