"""Headless Neovim, Debian's 0.7 and 0.11 (tests/editors/neovim.py): wasmvet's diagnostic
appears for a Go buffer, the preferred quick fix applies, and the diagnostic goes away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.editors.neovim import NEOVIMS, nvim
from tests.test_cli import SPIN

SCENARIO = Path(__file__).with_name("scenario.lua")


@pytest.mark.parametrize("version", NEOVIMS)
def test_neovim_shows_and_fixes_a_spin_wait(version: str, tmp_path: Path) -> None:
    source = tmp_path / "main.go"
    source.write_text(SPIN)
    out = tmp_path / "result.json"
    env = {
        **os.environ,
        "WASMVET_NVIM_OUT": str(out),
        "WASMVET_PYTHON": sys.executable,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    subprocess.run(
        [nvim(version), "--headless", "-n", "-u", str(SCENARIO), str(source)],
        cwd=tmp_path,
        env=env,
        timeout=90,
        check=False,
        capture_output=True,
    )
    result = json.loads(out.read_text())
    assert "error" not in result, result
    assert result["before"][0]["code"] == "WV101" and result["before"][0]["lnum"] == 7
    assert result["before"][0]["source"] == "wasmvet"
    assert result["applied"].startswith("Yield with runtime.Gosched()")
    assert result["after"] == 0, result
    assert "runtime.Gosched()" in result["text"]
