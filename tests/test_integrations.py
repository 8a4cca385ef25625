"""The pre-commit hook (through `pre-commit try-repo`), the GitHub Action's steps run as the runner
would run them, and the CI examples of docs/ci.md."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.test_cli import ROOT, SPIN
from tests.test_formats import COMMAND, SCHEMA
from tests.test_new_from_rev import GIT_ENV
from wasmvet.cli import build_parser

ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
CLEAN = "package main\n\nfunc main() {}\n"


def test_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "wasmvet" and hook["language"] == "python"
    assert hook["types"] == ["go"] and hook["entry"] == "wasmvet check"


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """pre-commit builds its own environment from the clone (pip, from PyPI) and runs the hook
    on the files it selects, passed as arguments."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        if os.environ.get("CI") in ("true", "1"):
            pytest.fail("pre-commit is not installed (pip install -e '.[dev]')")
        pytest.skip("pre-commit is not installed")
    project = tmp_path / "project"
    (project / "cmd").mkdir(parents=True)
    (project / "cmd" / "main.go").write_text(SPIN)
    (project / "ok").mkdir()
    (project / "ok" / "ok.go").write_text(CLEAN)
    (project / "notes.txt").write_text("not Go\n")
    subprocess.run(["git", "init", "-q"], cwd=project, env=GIT_ENV, check=True)
    subprocess.run(["git", "add", "."], cwd=project, env=GIT_ENV, check=True)
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "try-repo", str(ROOT), "wasmvet", "--color", "never", *args],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    failing = try_repo("--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "wasmvet" in failing.stdout and "Failed" in failing.stdout
    assert "cmd/main.go:8:2: WV101" in failing.stdout
    passing = try_repo("--files", "ok/ok.go", "notes.txt")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_action_inputs_are_declared_and_used() -> None:
    assert ACTION["runs"]["using"] == "composite"
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert used == set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "expressions go through env, not into scripts"
        else:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", step["uses"])


def _evaluate(value: str, context: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: context[m.group(1)], value)


def _run_step(
    name: str, inputs: dict[str, str], runner: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a `run:` step of action.yml as the runner does: inputs through its env, in its
    working directory, with `bash -e {0}`."""
    (step,) = [s for s in ACTION["runs"]["steps"] if s.get("name") == name]
    values = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    values.update(inputs)
    context = {f"inputs.{k}": v for k, v in values.items()}
    context["steps.python.outputs.python-path"] = sys.executable
    env = {**os.environ, **runner, "NO_COLOR": "1"}
    env.update({k: _evaluate(v, context) for k, v in step.get("env", {}).items()})
    cwd = Path(runner["GITHUB_WORKSPACE"]) / _evaluate(step.get("working-directory", "."), context)
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _action_checkout(target: Path) -> Path:
    """A copy of the repository's files, as the runner checks an action out (pip builds in
    the source tree, which must not touch this one)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_action_steps_install_annotate_and_write_sarif(tmp_path: Path) -> None:
    """The install step (pip from the action's folder), then the SARIF and annotation steps."""
    workspace = tmp_path / "workspace"
    (workspace / "app").mkdir(parents=True)
    (workspace / ".git").mkdir()
    (workspace / "app" / "main.go").write_text(SPIN)
    runner = {
        "RUNNER_TEMP": str(tmp_path / "temp"),
        "GITHUB_ACTION_PATH": str(_action_checkout(tmp_path / "action")),
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
    }
    installed = _run_step("Install wasmvet", {}, runner)
    assert installed.returncode == 0, installed.stderr

    result = _run_step("wasmvet SARIF report", {"sarif-file": "out/w.sarif"}, runner)
    assert result.returncode == 0, result.stderr
    path = workspace / "out" / "w.sarif"
    document = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["runs"][0]["results"][0]["ruleId"] == "WV101"
    assert f"path={path}\n" in Path(runner["GITHUB_OUTPUT"]).read_text(encoding="utf-8")
    (upload,) = [s for s in ACTION["runs"]["steps"] if "upload-sarif" in s.get("uses", "")]
    assert upload["with"]["sarif_file"] == "${{ steps.sarif.outputs.path }}"

    result = _run_step("wasmvet", {"args": "--target go-js --target go-wasip1"}, runner)
    assert result.returncode == 1, result.stderr
    (line,) = result.stdout.splitlines()
    assert COMMAND.match(line) and line.startswith("::error file=app/main.go,line=8,")
    passed = _run_step("wasmvet", {"exit-zero": "true", "working-directory": "app"}, runner)
    assert passed.returncode == 0 and "file=app/main.go" in passed.stdout


def _yaml_blocks() -> list[Any]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def _commands(node: Any) -> list[str]:
    """Every `wasmvet check ...` command line in a parsed YAML document."""
    if isinstance(node, dict):
        return [c for v in node.values() for c in _commands(v)]
    if isinstance(node, list):
        return [c for v in node for c in _commands(v)]
    if isinstance(node, str):
        return re.findall(r"wasmvet check[^|\n]*", node)
    return []


def test_docs_examples_are_valid() -> None:
    blocks = _yaml_blocks()
    workflows = [b for b in blocks if "jobs" in b]
    assert len(workflows) == 3
    for workflow in workflows:
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("wasmvet/wasmvet@"):
                    assert set(step.get("with", {})) <= set(ACTION["inputs"])
    (gitlab,) = [b for b in blocks if "wasmvet" in b and "script" in b["wasmvet"]]
    reports = gitlab["wasmvet"]["artifacts"]["reports"]
    script = "\n".join(gitlab["wasmvet"]["script"])
    assert f"--output-file {reports['codequality']}" in script
    assert f"--output-file {reports['junit']}" in script
    (hooks,) = [b for b in blocks if "repos" in b]
    assert hooks["repos"][0]["hooks"][0]["id"] == "wasmvet"
    commands = [c for b in blocks for c in _commands(b)]
    assert len(commands) >= 3
    for command in commands:
        args = shlex.split(EXPRESSION.sub("X", command).replace("$", ""))[1:]
        parsed = build_parser().parse_args(args)  # exits 2 on an unknown option
        assert parsed.command == "check"
