"""The progress bar: drawn on a terminal's stderr for runs of many packages, never into a
pipe, and erased before the findings' summary problems are printed."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from wasmvet.progress import MIN_PACKAGES, Progress

PACKAGE = (
    'package p{n}\n\nimport "os/exec"\n\nfunc Run() error {{ return exec.Command("ls").Run() }}\n'
)


@pytest.fixture
def many(tmp_path: Path) -> Path:
    for n in range(MIN_PACKAGES + 5):
        (tmp_path / f"p{n}").mkdir()
        (tmp_path / f"p{n}" / "p.go").write_text(PACKAGE.format(n=n))
    return tmp_path


def _command() -> list[str]:
    return [sys.executable, "-m", "wasmvet", "check", "--no-cache", "--target", "go-js", "."]


def test_bar_on_a_terminal(many: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(
            _command(), cwd=many, stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL
        )
        os.close(terminal)
        terminal = -1
        seen = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal is gone once the process has exited
                break
            if not chunk:
                break
            seen += chunk
        stdout, _ = proc.communicate(timeout=120)
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)
    total = MIN_PACKAGES + 5
    assert f"] {total}/{total} packages".encode() in seen
    assert b"wasmvet [" in seen and seen.endswith(b"\r\x1b[K")  # erased at the end
    assert proc.returncode == 1 and stdout.count(b"WV301") == total


def test_no_bar_in_a_pipe(many: Path) -> None:
    result = subprocess.run(_command(), cwd=many, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == ""


def test_small_runs_stay_quiet() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    small = Progress(MIN_PACKAGES - 1, stream)
    for _ in range(MIN_PACKAGES - 1):
        small.advance()
    small.close()
    assert stream.getvalue() == ""
    big = Progress(MIN_PACKAGES, stream)
    for _ in range(MIN_PACKAGES):
        big.advance()
    big.close()
    assert f"{MIN_PACKAGES}/{MIN_PACKAGES} packages" in stream.getvalue()
