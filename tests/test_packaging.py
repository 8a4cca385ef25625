"""The Python package as it would be published: ``python -m build`` makes an sdist and a wheel
from a copy of the repository's files without setuptools warnings, ``twine check`` accepts
both, and the wheel holds every module and data file of ``server/``."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.test_cli import ROOT
from tests.test_integrations import _action_checkout


def test_build_and_twine_check(tmp_path: Path) -> None:
    source = _action_checkout(tmp_path / "source")  # build writes egg-info into the tree
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    log = built.stdout + built.stderr
    assert built.returncode == 0, log[-6000:]
    assert "absent from the `packages` configuration" not in log, log[-6000:]
    (wheel,) = dist.glob("wasmvet-*-py3-none-any.whl")
    (sdist,) = dist.glob("wasmvet-*.tar.gz")

    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr

    server = ROOT / "server"
    expected = {
        "wasmvet/" + p.relative_to(server).as_posix()
        for p in server.rglob("*")
        if p.suffix in (".py", ".toml", ".json") and "__pycache__" not in p.parts
    }
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(
            next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        ).decode()
    assert {n for n in names if n.startswith("wasmvet/")} == expected
    assert "wasmvet = wasmvet.cli:main" in entry_points
