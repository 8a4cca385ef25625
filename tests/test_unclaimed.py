"""Packages nothing ties to wasm (``server/unclaimed.py``): in a module whose run has wasm
packages, a package with no sign of wasm that no wasm package imports, and that imports
none, is a native tool or helper and is not reported."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import wasmvet

EXEC = 'import "os/exec"\n\nfunc Run() error { return exec.Command("git").Run() }\n'


def _module(root: Path, packages: dict[str, str], module: str | None = "example.com/app") -> None:
    root.mkdir(parents=True, exist_ok=True)
    if module is not None:
        (root / "go.mod").write_text(f"module {module}\n\ngo 1.24\n")
    for directory, text in packages.items():
        (root / directory).mkdir(parents=True, exist_ok=True)
        (root / directory / "main.go").write_text(text)


PACKAGES = {
    # a browser app: it imports syscall/js, and the library below
    "web": 'package main\n\nimport (\n\t"syscall/js"\n\n\t"example.com/app/lib"\n)\n\n'
    "func main() { js.Global(); _ = lib.Run() }\n",
    # imported by the app: built into the wasm binary, so checked
    "lib": "package lib\n\n" + EXEC,
    # a native dev server and the helper only it imports
    "cmd/devserver": 'package main\n\nimport "example.com/app/internal/build"\n\n'
    "func main() { _ = build.Run() }\n",
    "internal/build": "package build\n\n" + EXEC,
    # an app on the wasm package: wasm code too
    "examples/demo": 'package main\n\nimport (\n\t"os/exec"\n\n\t"example.com/app/web2"\n)\n\n'
    'func main() { web2.Start(); _ = exec.Command("ls").Run() }\n',
    "web2": 'package web2\n\nimport "syscall/js"\n\nfunc Start() { js.Global() }\n',
}


def test_native_tools_beside_wasm_code_are_not_reported(tmp_path: Path) -> None:
    _module(tmp_path, PACKAGES)
    result = wasmvet("check", "--no-cache", "./...", cwd=tmp_path)
    flagged = sorted({line.split(":")[0] for line in result.stdout.splitlines() if "WV301" in line})
    assert flagged == ["examples/demo/main.go", "lib/main.go"]
    assert "wasmvet: note: 2 packages with no sign of being built for wasm" in result.stderr


def test_every_package_is_reported_when_targets_are_asked_for(tmp_path: Path) -> None:
    _module(tmp_path, PACKAGES)
    result = wasmvet("check", "--no-cache", "--target", "go-js", "./...", cwd=tmp_path)
    assert result.stdout.count("WV301") == 3
    assert "no sign of being built for wasm" not in result.stderr


def test_without_wasm_packages_or_a_module_nothing_is_left_out(tmp_path: Path) -> None:
    native_only = {k: v for k, v in PACKAGES.items() if k in ("cmd/devserver", "internal/build")}
    _module(tmp_path / "native", native_only)
    assert (
        wasmvet("check", "--no-cache", "./...", cwd=tmp_path / "native").stdout.count("WV301") == 1
    )
    _module(tmp_path / "loose", PACKAGES, module=None)
    loose = wasmvet("check", "--no-cache", "./...", cwd=tmp_path / "loose")
    assert loose.stdout.count("WV301") >= 3
