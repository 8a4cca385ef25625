"""The Neovim plugin (editors/neovim) headless in Debian's Neovim 0.7 and in Neovim 0.11: with
only the plugin on the runtime path and ``setup{}`` called, a Go file with a spin-wait gets
wasmvet's WV101, and ``:WasmvetExplain`` opens the rule's documentation. On 0.11,
``lsp/wasmvet.lua`` alone with ``vim.lsp.enable("wasmvet")`` does the same."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.editors.neovim import NEOVIMS, nvim
from tests.test_cli import ROOT as REPOSITORY
from tests.test_cli import SPIN

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "editors" / "neovim"
NVIM_DIR = Path(__file__).with_name("nvim")
CHECK = ["-c", f"luafile {NVIM_DIR / 'check.lua'}"]


@pytest.fixture(params=NEOVIMS)
def neovim(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(version, nvim binary)"""
    return request.param, nvim(request.param)


def _path_without_wasmvet() -> list[str]:
    """PATH minus folders with another wasmvet, so the one under test is the one found."""
    return [
        d
        for d in os.environ.get("PATH", "").split(os.pathsep)
        if not (Path(d) / "wasmvet").exists()
    ]


def _run(
    neovim: tuple[str, str],
    tmp_path: Path,
    path: list[str],
    setup: dict[str, Any] | None,
    wait_ms: int = 30000,
    init: str = "init.lua",
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
        [neovim[1], "--headless", "-n", "-u", str(NVIM_DIR / init), str(source), *CHECK],
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
    ran_on = tuple(int(n) for n in result["version"].split("."))
    assert (ran_on >= (0, 11)) == (neovim[0] == "0.11"), result["version"]
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


def _wasmvet_bin() -> str:
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "wasmvet").exists(), "wasmvet is not installed next to the test's Python"
    return str(bin_dir)


def test_setup_with_wasmvet_on_path(neovim: tuple[str, str], tmp_path: Path) -> None:
    result = _run(neovim, tmp_path, [_wasmvet_bin(), *_path_without_wasmvet()], None)
    _check(result)
    assert result["clients"][0]["cmd"] == ["wasmvet", "server"]
    assert result["clients"][0]["init_options"] == {}  # setup{} sets nothing


def test_setup_with_python_and_settings(neovim: tuple[str, str], tmp_path: Path) -> None:
    setup = {
        "python": sys.executable,
        "targets": ["go-js", "go-wasip1"],
        "ignore": ["wv309"],
        "build_tags": ["integration"],
    }
    result = _run(neovim, tmp_path, _path_without_wasmvet(), setup)
    _check(result)
    client = result["clients"][0]
    assert client["cmd"] == [sys.executable, "-m", "wasmvet", "server"]
    assert client["init_options"] == {
        "targets": ["go-js", "go-wasip1"],
        "ignore": ["WV309"],
        "buildTags": ["integration"],
    }


def test_missing_server_names_the_install_command(neovim: tuple[str, str], tmp_path: Path) -> None:
    setup = {"python": "/nonexistent/python3"}
    result = _run(neovim, tmp_path, _path_without_wasmvet(), setup, 1000)
    assert result["diagnostics"] == [] and result["clients"] == []
    assert (
        "/nonexistent/python3 is not executable; install the server: "
        "pipx install git+https://github.com/wasmvet/wasmvet"
    ) in result["messages"]


def test_lsp_config_file_with_vim_lsp_enable(tmp_path: Path) -> None:
    """Neovim 0.11 with no setup{}: lsp/wasmvet.lua on the runtime path, vim.lsp.enable."""
    path = [_wasmvet_bin(), *_path_without_wasmvet()]
    result = _run(("0.11", nvim("0.11")), tmp_path, path, None, init="enable.lua")
    assert [(d["code"], d["lnum"]) for d in result["diagnostics"]] == [("WV101", 7)]
    (client,) = result["clients"]
    assert client["name"] == "wasmvet" and client["cmd"] == ["wasmvet", "server"]
    assert client["root"] == result["root_expected"]


def test_docs_propose_the_lsp_config_file_to_nvim_lspconfig() -> None:
    """docs/editors.md holds lsp/wasmvet.lua as it would go into nvim-lspconfig."""
    text = (REPOSITORY / "docs" / "editors.md").read_text(encoding="utf-8")
    block = re.compile(r"^```lua\n-- lsp/wasmvet\.lua\n(.*?\n)```$", re.DOTALL | re.MULTILINE)
    blocks = block.findall(text)
    assert blocks == [(PLUGIN / "lsp" / "wasmvet.lua").read_text(encoding="utf-8")]
