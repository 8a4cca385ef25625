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


def _tinygo_framework(root: Path, wasm_host: bool) -> None:
    """A UI framework whose only sign of wasm is a TinyGo variant file (vugu's shape), with
    its native code generator; ``wasm_host`` adds a ``//go:wasmimport`` (a plugin SDK's shape)."""
    variant = "//go:build tinygo\n\npackage ui\n\ntype Key string\n"
    if wasm_host:
        variant += "\n//go:wasmimport env log\nfunc log(ptr, size uint32)\n"
    generator = (
        'package gen\n\nimport (\n\t"os/exec"\n\n\t"example.com/app/ui"\n)\n\n'
        'var _ ui.Key\n\nfunc Format() error { return exec.Command("gofmt").Run() }\n'
    )
    _module(root, {"ui": "//go:build !tinygo\n\npackage ui\n\ntype Key uint64\n", "gen": generator})
    (root / "ui" / "key_tinygo.go").write_text(variant)


def test_a_tinygo_build_tag_alone_does_not_make_importers_wasm_code(tmp_path: Path) -> None:
    for wasm_host in (False, True):
        root = tmp_path / str(wasm_host)
        _tinygo_framework(root, wasm_host)
        result = wasmvet("check", "--no-cache", "./...", cwd=root)
        assert result.stdout.count("gen/main.go") == int(wasm_host), result.stdout + result.stderr
        assert "is built for TinyGo" in result.stderr
        assert ("declares wasm imports or exports" in result.stderr) == wasm_host
