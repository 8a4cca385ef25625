"""The VS Code extension (editors/vscode) as a new user builds it, in a copy of the folder:
``npm ci``, ``npm run package -- linux-x64`` (a platform-specific ``.vsix`` with wasmvet and its
libraries in ``bundled/libs``), ``npm test`` (unit tests, and tests against this checkout's
server and the bundled copy); then the ``.vsix`` is unpacked, checked for what it contributes,
and its bundled wasmvet lints a module with a bare Python (``-I -S``: no site-packages)."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_cli import SPIN
from tests.test_integrations import _action_checkout
from wasmvet.hosts import JS_HOSTS
from wasmvet.targets import TARGETS

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "editors" / "vscode"
LEFT_OUT = ("node_modules", "out", "dist", ".wasmvet-venv", "*.vsix")
SETTINGS = {
    "wasmvet.path",
    "wasmvet.interpreter",
    "wasmvet.importStrategy",
    "wasmvet.targets",
    "wasmvet.goVersion",
    "wasmvet.tinygoVersion",
    "wasmvet.buildTags",
    "wasmvet.select",
    "wasmvet.ignore",
    "wasmvet.host",
    "wasmvet.wasiDirs",
    "wasmvet.wasiEnv",
    "wasmvet.trace.server",
}
COMMANDS = {
    "wasmvet.restartServer",
    "wasmvet.showOutput",
    "wasmvet.explainRule",
    "wasmvet.switchTarget",
    "wasmvet.installServer",
}


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"{tool} is not installed (.ci/run installs Node.js and npm)")
        pytest.skip(f"{tool} is not installed")
    return found


def _target() -> str:
    """This machine's VS Code platform target (the bundled compiled modules must load here)."""
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
    if sys.platform != "linux" or platform.machine().lower() not in arch:
        pytest.skip(f"the test packages for Linux; this is {sys.platform} {platform.machine()}")
    return f"linux-{arch[platform.machine().lower()]}"


def _bare_python() -> list[str]:
    """A Python 3.10+ with none of this venv's packages: Debian's, else the venv's base one,
    isolated (-I: no PYTHONPATH, no user site) and without site-packages (-S)."""
    system = Path("/usr/bin/python3")
    for python in (str(system), sys._base_executable):
        if Path(python).exists():
            version = subprocess.run(
                [python, "-I", "-S", "-c", "import sys; print(sys.version_info >= (3, 10))"],
                capture_output=True,
                text=True,
                check=False,
            )
            if version.stdout.strip() == "True":
                return [python, "-I", "-S"]
    pytest.fail("no Python 3.10+ outside the venv")


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{output[-6000:]}"
    return output


def test_vscode_extension_builds_passes_its_tests_and_packages(tmp_path: Path) -> None:
    node = _require("node")
    npm = _require("npm")
    major = int(subprocess.check_output([node, "-p", "process.versions.node"], text=True)[:2])
    assert major >= 20, f"Node.js {major} is too old for @vscode/vsce 3 (needs 20+)"
    work = tmp_path / "vscode"
    shutil.copytree(EXTENSION, work, ignore=shutil.ignore_patterns(*LEFT_OUT))
    env = {
        **os.environ,
        "WASMVET_TEST_INTERPRETER": sys.executable,  # this checkout's wasmvet
        "npm_config_audit": "false",
        "npm_config_fund": "false",
        "npm_config_update_notifier": "false",
    }

    _run([npm, "ci"], work, env)
    target = _target()
    source = _action_checkout(tmp_path / "source")  # pip builds the wheel inside it
    bundling = {**env, "WASMVET_PYTHON": sys.executable, "WASMVET_SOURCE": str(source)}
    _run([npm, "run", "package", "--", target], work, bundling)

    report = _run([npm, "test"], work, env)
    assert re.search(r"^# fail 0$", report, re.M), report[-6000:]
    passed = int(re.search(r"^# pass (\d+)$", report, re.M).group(1))  # type: ignore[union-attr]
    assert passed >= 30, report[-6000:]
    for name in (
        "VS Code's client (pull diagnostics) gets WV101 for a spin-wait",
        "a Go file gets WV101; Switch Target and wasmvet.ignore reach the running server",
    ):
        assert re.search(rf"^ok \d+ - {re.escape(name)}", report, re.M), name
    bundled = "with no wasmvet installed, the bundled one runs with python3 from PATH"
    assert re.search(rf"^ok \d+ - {re.escape(bundled)}$", report, re.M), report  # not # SKIP

    (vsix,) = work.glob("*.vsix")
    assert vsix.name == f"wasmvet-{target}-0.1.0.vsix"
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(unpacked)
    names = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    manifest = json.loads((unpacked / "extension" / "package.json").read_text())
    bundle_size = (unpacked / "extension" / "dist" / "extension.js").stat().st_size
    assert f'TargetPlatform="{target}"' in (unpacked / "extension.vsixmanifest").read_text()
    assert not any("node_modules/" in n or "/src/" in n or "/test/" in n for n in names), names
    assert not any("__pycache__" in n or "/libs/bin/" in n for n in names), names
    _check_bundled(unpacked / "extension" / "bundled", tmp_path)
    assert bundle_size > 100_000  # vscode-languageclient is bundled in
    contributes = manifest["contributes"]
    properties = contributes["configuration"]["properties"]
    assert set(properties) == SETTINGS
    assert properties["wasmvet.targets"]["items"]["enum"] == [*TARGETS, "all"]
    assert {c["command"] for c in contributes["commands"]} == COMMANDS
    assert "onLanguage:go" in manifest["activationEvents"]
    assert manifest["main"] == "./dist/extension.js"


def _check_bundled(bundled: Path, tmp_path: Path) -> None:
    """The unpacked bundle: tree-sitter's compiled module for every CPython from 3.10 to 3.14,
    and a bare Python runs its wasmvet from the bundle alone."""
    libs = bundled / "libs"
    bindings = sorted(p.name.split(".")[1] for p in (libs / "tree_sitter").glob("_binding.*.so"))
    machine = platform.machine()
    assert bindings == [f"cpython-3{minor}-{machine}-linux-gnu" for minor in range(10, 15)]
    assert (libs / "tomli").is_dir()  # Python 3.10 reads wasmvet.toml with it
    python = _bare_python()
    leaked = subprocess.run([*python, "-c", "import tree_sitter"], capture_output=True, check=False)
    assert leaked.returncode == 1 and b"No module named 'tree_sitter'" in leaked.stderr
    source = tmp_path / "module" / "main.go"
    source.parent.mkdir()
    (source.parent / "go.mod").write_text("module example.com/spin\n\ngo 1.24\n")
    source.write_text(SPIN)
    runner = bundled / "tool" / "run_wasmvet.py"
    version = subprocess.run([*python, str(runner), "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("wasmvet "), version.stderr
    for other in [python[0], *_other_pythons()]:
        done = subprocess.run(
            [other, "-I", "-S", str(runner), "check", "--target", "go-js", "."],
            cwd=source.parent,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if _version_of(other) >= (3, 10):
            assert done.returncode == 1, f"{other}: {done.stdout}{done.stderr}"
            assert "main.go:8:2: WV101" in done.stdout, f"{other}: {done.stdout}{done.stderr}"
        else:
            assert done.returncode == 1 and done.stdout == "", f"{other}: {done.stdout}"
            assert "the bundled wasmvet needs Python 3.10 or later" in done.stderr, other


def _version_of(python: str) -> tuple[int, int]:
    out = subprocess.run(
        [python, "-c", "import sys; print('%d %d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


def _other_pythons() -> list[str]:
    """CPython 3.x installed beside the test's (pyenv's versions, /usr/bin/python3.N), where
    there are any: the bundle must serve each from 3.10 on, and tell older ones it cannot."""
    found = [
        *Path("/usr/bin").glob("python3.[0-9]*"),
        *Path(sys.base_prefix).parent.glob("3.*/bin/python3"),
    ]
    return [str(p) for p in found if re.fullmatch(r"python3(\.\d+)?", p.name) and p.is_file()]


def test_target_lists_match_wasmvets() -> None:
    """The settings enum and the Switch Target pick list name wasmvet's targets, in order."""
    manifest = json.loads((EXTENSION / "package.json").read_text())
    enum = manifest["contributes"]["configuration"]["properties"]["wasmvet.targets"]["items"]
    assert enum["enum"] == [*TARGETS, "all"]
    picks = re.findall(r'\{ id: "([^"]+)"', (EXTENSION / "src" / "settings.ts").read_text())
    assert picks == list(TARGETS)


def test_host_setting_names_wasmvets_js_hosts() -> None:
    """``wasmvet.host`` offers the js hosts ``--js-host`` accepts (and empty: not set)."""
    manifest = json.loads((EXTENSION / "package.json").read_text())
    host = manifest["contributes"]["configuration"]["properties"]["wasmvet.host"]
    assert host["enum"] == ["", *JS_HOSTS]
