"""``wasmvet check --add-ignore REASON``: every finding gets a suppression that works, the
file keeps gofmt's layout and its line endings, and a second run changes nothing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.oracle import harness
from tests.test_cli import wasmvet

HEAD = 'package main\n\nimport (\n\t"os/exec"\n\t"runtime"\n)\n\nfunc main() {\n'
TAIL = "}\n"


def _gofmt_clean(path: Path) -> bool:
    if harness.missing_tool("native") is not None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("CI=true but go (for gofmt) is missing")
        pytest.skip("go is not installed")
    gofmt = harness.goroot() / "bin" / "gofmt"
    listed = subprocess.run([str(gofmt), "-l", str(path)], capture_output=True, text=True)
    return listed.returncode == 0 and listed.stdout == ""


def _adopt(tmp_path: Path, body: str) -> str:
    """main.go with ``body`` inside main, after --add-ignore; checks that the findings are
    gone, a second run changes nothing and gofmt finds nothing to change."""
    main = tmp_path / "main.go"
    main.write_bytes((HEAD + body + TAIL).encode())
    assert _gofmt_clean(main)
    assert wasmvet("check", "--target", "go-js", ".", cwd=tmp_path).returncode == 1
    added = wasmvet("check", "--target", "go-js", "--add-ignore", "legacy code", ".", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "added " in added.stderr
    after = main.read_bytes()
    clean = wasmvet("check", "--target", "go-js", ".", cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout
    again = wasmvet("check", "--target", "go-js", "--add-ignore", "legacy code", ".", cwd=tmp_path)
    assert again.returncode == 0 and main.read_bytes() == after
    assert "added 0 suppressions in 0 files" in again.stderr
    assert _gofmt_clean(main)
    return after.decode()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A line with no comment and no commented neighbour: beside it.
        (
            '\texec.Command("ls").Run()\n',
            '\texec.Command("ls").Run() //wasmvet:ignore WV301 legacy code\n',
        ),
        # A line that ends in a comment: above it, indented as it.
        (
            '\texec.Command("ls").Run() // list\n',
            '\t//wasmvet:ignore WV301 legacy code\n\texec.Command("ls").Run() // list\n',
        ),
        # golangci-lint's list gets wasmvet; staticcheck's list gets the code.
        (
            '\texec.Command("ls").Run() //nolint:errcheck\n',
            '\texec.Command("ls").Run() //nolint:errcheck,wasmvet\n',
        ),
        (
            '\texec.Command("ls").Run() //lint:ignore SA9999 why\n',
            '\texec.Command("ls").Run() //lint:ignore SA9999,WV301 why\n',
        ),
        # Consecutive flagged lines: a trailing comment on each would be realigned by gofmt.
        (
            '\texec.Command("a").Run()\n\t_ = runtime.NumCPU() - 1\n',
            '\t//wasmvet:ignore WV301 legacy code\n\texec.Command("a").Run()\n'
            "\t//wasmvet:ignore WV103 legacy code\n\t_ = runtime.NumCPU() - 1\n",
        ),
        # A neighbour with a trailing comment: above.
        (
            '\t_ = 1 // one\n\texec.Command("a").Run()\n',
            '\t_ = 1 // one\n\t//wasmvet:ignore WV301 legacy code\n\texec.Command("a").Run()\n',
        ),
        # An own-line suppression above that names another code: the code joins its list.
        (
            '\t//wasmvet:ignore WV103 kept\n\t_ = runtime.NumCPU() - 1 + len(exec.Command("a").'
            "Args)\n",
            "\t//wasmvet:ignore WV103,WV301 kept\n",
        ),
        # A line that starts inside a raw string: only beside it.
        (
            '\ts := `a\nb` + exec.Command("a").String()\n\t_ = s\n',
            '\ts := `a\nb` + exec.Command("a").String() //wasmvet:ignore WV301 legacy code\n',
        ),
    ],
)
def test_add_ignore_layouts(tmp_path: Path, body: str, expected: str) -> None:
    assert expected in _adopt(tmp_path, body)


def test_add_ignore_keeps_crlf_and_counts_files(tmp_path: Path) -> None:
    crlf = (HEAD + '\texec.Command("ls").Run() // list\n' + TAIL).replace("\n", "\r\n")
    (tmp_path / "main.go").write_bytes(crlf.encode())
    other = tmp_path / "tool"
    other.mkdir()
    (other / "main.go").write_text(HEAD + '\texec.Command("ls").Run()\n' + TAIL)
    added = wasmvet("check", "--target", "go-js", "--add-ignore", "later", ".", cwd=tmp_path)
    assert added.returncode == 0
    assert "added 2 suppressions in 2 files" in added.stderr
    fixed = (tmp_path / "main.go").read_bytes()
    assert b"\r\n\t//wasmvet:ignore WV301 later\r\n" in fixed
    assert fixed.count(b"\n") == fixed.count(b"\r\n")


@pytest.mark.parametrize("other", [["--fix"], ["--diff"], ["--unsafe-fixes"]])
def test_add_ignore_refuses_fixes_and_empty_reasons(tmp_path: Path, other: list[str]) -> None:
    (tmp_path / "main.go").write_text(HEAD + '\texec.Command("ls").Run()\n' + TAIL)
    before = (tmp_path / "main.go").read_bytes()
    result = wasmvet("check", "--add-ignore", "x", *other, ".", cwd=tmp_path)
    assert result.returncode == 2 and "cannot be combined" in result.stderr
    empty = wasmvet("check", "--add-ignore", " ", ".", cwd=tmp_path)
    assert empty.returncode == 2 and "needs a reason" in empty.stderr
    assert (tmp_path / "main.go").read_bytes() == before
