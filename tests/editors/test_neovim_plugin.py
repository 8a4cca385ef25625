"""The Neovim plugin (editors/neovim) in Debian's headless Neovim: with only the plugin on the
runtime path and ``setup{}`` called, a Go file with a spin-wait gets wasmvet's WV101, and
``:WasmvetExplain`` opens the rule's documentation."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import SPIN

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "editors" / "neovim"
NVIM_DIR = Path(__file__).with_name("nvim")
CHECK = ["-c", f"luafile {NVIM_DIR / 'check.lua'}"]


def _nvim() -> str:
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("nvim is not installed (apt-get install neovim)")
        pytest.skip("nvim is not installed")
    return nvim


def _path_without_wasmvet() -> list[str]:
    """PATH minus folders with another wasmvet, so the one under test is the one found."""
    return [
        d
        for d in os.environ.get("PATH", "").split(os.pathsep)
        if not (Path(d) / "wasmvet").exists()
    ]


def _run(
    tmp_path: Path, path: list[str], setup: dict[str, Any] | None, wait_ms: int = 30000
) -> dict[str, Any]:
    project = tmp_path / "project"
    (project / "cmd" / "spin").mkdir(parents=True)
    (project / "go.mod").write_text("module example.com/spin\n\ngo 1.24\n")
    source = project / "cmd" / "spin" / "main.go"
    source.write_text(SPIN)
    out = tmp_path / "result.json"
    env = {
        **os.environ,
        "PATH": os.pathsep.join(path),
        "WASMVET_PLUGIN": str(PLUGIN),
        "WASMVET_NVIM_OUT": str(out),
        "WASMVET_NVIM_WAIT": str(wait_ms),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    if setup is not None:
        env["WASMVET_SETUP"] = json.dumps(setup)
    done = subprocess.run(
        [_nvim(), "--headless", "-n", "-u", str(NVIM_DIR / "init.lua"), str(source), *CHECK],
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
        capture_output=True,
        text=True,
    )
    assert out.exists(), done.stdout + done.stderr
    result: dict[str, Any] = json.loads(out.read_text())
    assert "error" not in result, result
    result["root_expected"] = str(project)
    return result


def _check(result: dict[str, Any]) -> None:
    assert result["diagnostics"], result
    first = result["diagnostics"][0]
    assert (first["code"], first["lnum"], first["source"]) == ("WV101", 7, "wasmvet")
    assert [c["name"] for c in result["clients"]] == ["wasmvet"]
    assert result["clients"][0]["root"] == result["root_expected"]  # the go.mod folder
    assert result["explain"]["first"] == "# spin-wait (WV101)"
    assert result["explain"]["filetype"] == "markdown"
    assert result["explain"]["modifiable"] is False


def test_setup_with_wasmvet_on_path(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "wasmvet").exists(), "wasmvet is not installed next to the test's Python"
    result = _run(tmp_path, [str(bin_dir), *_path_without_wasmvet()], None)
    _check(result)
    assert result["clients"][0]["cmd"] == ["wasmvet", "server"]
    assert result["clients"][0]["init_options"] == {}  # setup{} sets nothing


def test_setup_with_python_and_settings(tmp_path: Path) -> None:
    setup = {"python": sys.executable, "targets": ["go-js", "go-wasip1"], "ignore": ["wv309"]}
    result = _run(tmp_path, _path_without_wasmvet(), setup)
    _check(result)
    client = result["clients"][0]
    assert client["cmd"] == [sys.executable, "-m", "wasmvet", "server"]
    assert client["init_options"] == {"targets": ["go-js", "go-wasip1"], "ignore": ["WV309"]}


def test_missing_server_names_the_install_command(tmp_path: Path) -> None:
    result = _run(tmp_path, _path_without_wasmvet(), {"python": "/nonexistent/python3"}, 1000)
    assert result["diagnostics"] == [] and result["clients"] == []
    assert (
        "/nonexistent/python3 is not executable; install the server: pipx install wasmvet"
        in (result["messages"])
    )


def test_setup_on_0_11_uses_lsp_config_and_enable(tmp_path: Path) -> None:
    """Checks the arguments only: no Neovim 0.11 is available to run the plugin on."""
    out = tmp_path / "calls.json"
    env = {
        **os.environ,
        "PATH": os.pathsep.join(_path_without_wasmvet()),
        "WASMVET_PLUGIN": str(PLUGIN),
        "WASMVET_NVIM_OUT": str(out),
    }
    init = NVIM_DIR / "record_011.lua"
    subprocess.run([_nvim(), "--headless", "-n", "-u", str(init)], env=env, timeout=60, check=True)
    result = json.loads(out.read_text())
    (config_call, enable_call) = result["calls"]
    assert enable_call == ["enable", "wasmvet"]
    name, config = config_call[1], config_call[2]
    assert name == "wasmvet"
    assert config["cmd"] == ["python3", "-m", "wasmvet", "server"]  # no wasmvet on PATH
    assert config["filetypes"] == ["go"]
    assert config["root_markers"] == ["go.mod", "go.work", ".git"]
    assert config["init_options"] == {
        "targets": ["go-js"],
        "goVersion": "1.24",
        "buildTags": ["integration"],
    }
    assert config["settings"] == {"wasmvet": config["init_options"]}
    assert "root_dir" not in config and "name" not in config
    assert result["command"] == 2
