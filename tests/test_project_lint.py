"""The project's own hygiene: ruff (lint and format) and mypy --strict on the package.

These run in CI through the README's test command, so a style or type error fails the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        if os.environ.get("CI") in ("true", "1"):
            pytest.fail(f"{name} is not installed (pip install -e '.[dev]')")
        pytest.skip(f"{name} is not installed")
    return found


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


def test_ruff_check() -> None:
    result = _run(_tool("ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(_tool("ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict(tmp_path: Path) -> None:
    # The package lives in server/ but is imported as wasmvet: give mypy that name.
    (tmp_path / "wasmvet").symlink_to(ROOT / "server")
    env = {**os.environ, "MYPYPATH": str(tmp_path)}
    result = _run(_tool("mypy"), "-p", "wasmvet", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
