"""A workspace's symlinks: ``--fix`` writes nothing outside the workspace, and discovery does
not follow directory symlinks (as the go command's ``./...``), but does read file symlinks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import SPIN, wasmvet

GO_MOD = "module example.com/ws\n\ngo 1.24\n"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A module ``ws`` and, beside it, a folder ``outside`` with a spin-wait."""
    workspace, elsewhere = tmp_path / "ws", tmp_path / "outside"
    workspace.mkdir()
    elsewhere.mkdir()
    (workspace / "go.mod").write_text(GO_MOD)
    (elsewhere / "spin.go").write_text(SPIN)
    return workspace, elsewhere


def _paths(result_stdout: str) -> list[str]:
    return [f"{f['path']}:{f['line']} {f['code']}" for f in json.loads(result_stdout)]


def test_fix_refuses_a_symlink_out_of_the_workspace(layout: tuple[Path, Path]) -> None:
    workspace, elsewhere = layout
    (workspace / "main.go").symlink_to(elsewhere / "spin.go")
    result = wasmvet("check", "--no-cache", "--fix", "--target", "go-js", ".", cwd=workspace)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (elsewhere / "spin.go").read_text() == SPIN  # nothing written
    (reason,) = [line for line in result.stderr.splitlines() if "not fixed" in line]
    assert reason == (
        f"wasmvet: main.go: not fixed: it resolves to {elsewhere / 'spin.go'}, "
        f"outside the workspace {workspace}"
    )
    assert "main.go:8:2: WV101" in result.stdout  # still reported, since not fixed
    assert list(elsewhere.iterdir()) == [elsewhere / "spin.go"]  # no temporary file either


def test_diff_refuses_it_too(layout: tuple[Path, Path]) -> None:
    workspace, elsewhere = layout
    (workspace / "main.go").symlink_to(elsewhere / "spin.go")
    result = wasmvet("check", "--no-cache", "--diff", "--target", "go-js", ".", cwd=workspace)
    assert result.returncode == 0 and result.stdout == ""
    assert "main.go: not fixed: it resolves to" in result.stderr


def test_fix_follows_a_symlink_inside_the_workspace(layout: tuple[Path, Path]) -> None:
    workspace, _ = layout
    (workspace / "src").mkdir()
    (workspace / "src" / "spin.go").write_text(SPIN)
    (workspace / "app").mkdir()
    (workspace / "app" / "main.go").symlink_to(workspace / "src" / "spin.go")
    result = wasmvet("check", "--no-cache", "--fix", "--target", "go-js", "app", cwd=workspace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "runtime.Gosched()" in (workspace / "src" / "spin.go").read_text()


def test_without_a_module_the_working_directory_is_the_workspace(tmp_path: Path) -> None:
    """No go.mod or wasmvet.toml: the working directory, when it holds the package."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "spin.go").write_text(SPIN)
    (tmp_path / "a" / "main.go").symlink_to(tmp_path / "b" / "spin.go")
    inside = wasmvet("check", "--no-cache", "--diff", "--target", "go-js", "a", cwd=tmp_path)
    assert inside.returncode == 1 and "+\t\truntime.Gosched()" in inside.stdout
    refused = wasmvet("check", "--no-cache", "--diff", "--target", "go-js", ".", cwd=tmp_path / "a")
    assert refused.returncode == 0 and "not fixed: it resolves to" in refused.stderr


def test_directory_symlinks_are_not_followed(layout: tuple[Path, Path]) -> None:
    """``go vet ./...`` lists no package behind a directory symlink; naming the symlink
    itself still reaches it."""
    workspace, elsewhere = layout
    (workspace / "linked").symlink_to(elsewhere, target_is_directory=True)
    (workspace / "loop").symlink_to(workspace, target_is_directory=True)
    (workspace / "main.go").write_text(SPIN)
    for pattern in ("./...", ".", "..."):
        result = wasmvet("check", "--no-cache", "--format", "json", pattern, cwd=workspace)
        assert _paths(result.stdout) == ["main.go:8 WV101"], (pattern, result.stderr)
    named = wasmvet("check", "--no-cache", "--format", "json", "./linked/...", cwd=workspace)
    assert _paths(named.stdout) == ["linked/spin.go:8 WV101"]


def test_file_symlinks_are_read(layout: tuple[Path, Path]) -> None:
    """As the go command does (``go list`` counts a symlinked file among GoFiles)."""
    workspace, elsewhere = layout
    (workspace / "main.go").symlink_to(elsewhere / "spin.go")
    result = wasmvet("check", "--no-cache", "--format", "json", "./...", cwd=workspace)
    assert _paths(result.stdout) == ["main.go:8 WV101"]
