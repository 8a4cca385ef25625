"""``--new-from-rev`` in an untrusted repository: nothing its configuration names is run.

A cloned repository's ``.git/config`` and ``.gitattributes`` can name programs that git runs
while it diffs (an fsmonitor hook, external diff and textconv drivers, clean/smudge filters,
a pager, hooks). Each one here writes its name to a marker file; ``wasmvet check
--new-from-rev`` must leave the marker absent, and (where strace runs) start no process
other than git itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import SPIN
from tests.test_new_from_rev import git

#: Configuration keys whose value is run as a command, each set to a script named after it.
HOSTILE_CONFIG = (
    "core.fsmonitor",
    "core.pager",
    "pager.diff",
    "diff.external",
    "diff.evil.textconv",
    "diff.evil.command",
    "filter.evil.clean",
    "filter.evil.smudge",
    "filter.evilproc.process",
    "alias.diff",
    "alias.ls-files",
    "alias.rev-parse",
)
HOOKS = ("post-index-change", "post-checkout", "reference-transaction", "fsmonitor-watchman")


def _script(path: Path, name: str, marker: Path) -> str:
    """A program that notes it ran, then behaves (copies stdin) so git carries on."""
    path.write_text(f"#!/bin/sh\necho {name} >> {marker}\ncat\nexit 1\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A committed repository with a changed file, whose configuration names a script for
    every key above and whose hooks directory holds one per hook; (repository, marker)."""
    repo, scripts, marker = tmp_path / "repo", tmp_path / "scripts", tmp_path / "ran"
    repo.mkdir()
    scripts.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "main.go").write_text(SPIN)
    (repo / "notes.txt").write_text("notes\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "initial")
    for key in HOSTILE_CONFIG:
        command = _script(scripts / key, key, marker)
        shell = key.startswith(("alias.", "core.pager"))
        git(repo, "config", key, f"!{command}" if shell else command)
    hooks = repo / ".git" / "hooks"
    for hook in HOOKS:
        _script(hooks / hook, f"hook {hook}", marker)
    git(repo, "config", "core.hooksPath", str(hooks))
    (repo / ".gitattributes").write_text("*.go diff=evil filter=evil\n*.txt filter=evilproc\n")
    main = repo / "main.go"
    main.write_text(main.read_text().replace("for !done.Load() {", "for !done.Load() { // changed"))
    (repo / "notes.txt").write_text("more notes\n")
    os.utime(main, (1, 1))  # an index entry that no longer matches: git must re-read the file
    return repo, marker


def _check(repo: Path, *prefix: str, path: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "WASMVET_CACHE_DIR"}
    if path:
        env["PATH"] = path
    return subprocess.run(
        [*prefix, sys.executable, "-m", "wasmvet", "check", "--no-cache", "--new-from-rev",
         "HEAD", "--format", "json", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**env, "NO_COLOR": "1", "GIT_CONFIG_GLOBAL": os.devnull},
        check=False,
    )  # fmt: skip


def test_the_hostile_configuration_is_live(hostile: tuple[Path, Path]) -> None:
    """Plain git in this repository does run the configured programs (else the test below
    would prove nothing)."""
    repo, marker = hostile
    subprocess.run(["git", "diff", "HEAD"], cwd=repo, capture_output=True, check=False)
    ran = marker.read_text().split("\n")
    assert {"core.fsmonitor", "diff.evil.command", "filter.evil.clean"} <= set(ran), ran


def test_new_from_rev_runs_nothing_the_repository_configures(hostile: tuple[Path, Path]) -> None:
    repo, marker = hostile
    result = _check(repo)
    assert result.returncode == 1, result.stderr
    assert '"line": 8' in result.stdout  # the changed loop
    assert not marker.exists(), marker.read_text()


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_new_from_rev_starts_only_git(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    """Every program the run executes, as the kernel saw it: python and git, nothing else."""
    repo, marker = hostile
    log = tmp_path / "strace.log"
    probe = subprocess.run(["strace", "-f", "-o", os.devnull, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.decode(errors='replace')}")
    result = _check(repo, "strace", "-f", "-qq", "-e", "trace=execve", "-e", "signal=none",
                    "-o", str(log))  # fmt: skip
    assert result.returncode == 1, result.stderr
    started = {
        line.split('execve("', 1)[1].split('"', 1)[0]
        for line in log.read_text().splitlines()
        if 'execve("' in line and "= 0" in line
    }
    names = {Path(p).name for p in started}
    assert names <= {Path(sys.executable).name, "git"}, started
    assert not marker.exists()


def test_a_git_in_the_workspace_is_not_run(hostile: tuple[Path, Path]) -> None:
    """An empty or ``.`` entry in PATH would find the repository's own ``git`` first."""
    repo, marker = hostile
    _script(repo / "git", "workspace git", marker)
    result = _check(repo, path=os.pathsep.join(["", ".", os.environ["PATH"]]))
    assert result.returncode == 1, result.stderr
    assert not marker.exists(), marker.read_text()


def test_a_filter_that_cannot_be_turned_off_stops_the_run(hostile: tuple[Path, Path]) -> None:
    repo, marker = hostile
    command = _script(marker.parent / "scripts" / "odd", "filter odd", marker)
    git(repo, "config", "filter.a=b.clean", command)
    (repo / ".gitattributes").write_text("*.go filter=a=b\n")
    result = _check(repo)
    assert result.returncode == 2
    assert result.stderr.endswith(": cannot turn off git filter 'filter.a=b'\n")
    assert result.stderr.count("\n") == 1
    assert not marker.exists(), marker.read_text()
