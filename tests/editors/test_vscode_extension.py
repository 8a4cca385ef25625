"""The VS Code extension (editors/vscode) as a new user builds it: ``npm ci``, ``npm test``
(unit tests and tests against this checkout's server) and ``npx @vscode/vsce package``, in a
copy of the folder; then the ``.vsix`` is opened to check what it contributes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from wasmvet.hosts import JS_HOSTS
from wasmvet.targets import TARGETS

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "editors" / "vscode"
LEFT_OUT = ("node_modules", "out", "dist", ".wasmvet-venv", "*.vsix")
SETTINGS = {
    "wasmvet.path",
    "wasmvet.interpreter",
    "wasmvet.targets",
    "wasmvet.goVersion",
    "wasmvet.tinygoVersion",
    "wasmvet.select",
    "wasmvet.ignore",
    "wasmvet.host",
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
    npx = _require("npx")
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

    report = _run([npm, "test"], work, env)
    assert re.search(r"^# fail 0$", report, re.M), report[-6000:]
    passed = int(re.search(r"^# pass (\d+)$", report, re.M).group(1))  # type: ignore[union-attr]
    assert passed >= 30, report[-6000:]
    for name in (
        "VS Code's client (pull diagnostics) gets WV101 for a spin-wait",
        "a Go file gets WV101; Switch Target and wasmvet.ignore reach the running server",
    ):
        assert re.search(rf"^ok \d+ - {re.escape(name)}", report, re.M), name

    _run([npx, "@vscode/vsce", "package"], work, env)
    (vsix,) = work.glob("*.vsix")
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("extension/package.json"))
        bundle_size = archive.getinfo("extension/dist/extension.js").file_size
    assert not any("node_modules/" in n or "/src/" in n or "/test/" in n for n in names), names
    assert bundle_size > 100_000  # vscode-languageclient is bundled in
    contributes = manifest["contributes"]
    properties = contributes["configuration"]["properties"]
    assert set(properties) == SETTINGS
    assert properties["wasmvet.targets"]["items"]["enum"] == [*TARGETS, "all"]
    assert {c["command"] for c in contributes["commands"]} == COMMANDS
    assert "onLanguage:go" in manifest["activationEvents"]
    assert manifest["main"] == "./dist/extension.js"


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
