"""``--new-from-rev``: the lines a git work tree added or changed since a revision."""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from wasmvet.diagnostics import Diagnostic, Edit

_HUNK = re.compile(rb"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class GitError(ValueError):
    """Not a git work tree, an unknown revision, or git missing (exit 2)."""


#: Settings that keep git from running a program a repository's configuration names (an
#: untrusted clone's ``.git/config``): the fsmonitor hook and hooks. External diff and
#: textconv drivers are off by ``--no-ext-diff --no-textconv``, the pager by ``--no-pager``,
#: and clean/smudge filters, which the repository names, by ``Git.filters_off``.
_SAFE_CONFIG = ("core.fsmonitor=false", "core.hooksPath=/dev/null", "core.quotePath=false")
_SAFE_ENV = {"GIT_CONFIG_NOSYSTEM": "1"}


@lru_cache(maxsize=1)
def git_program() -> str:
    """git as found in PATH's absolute folders only: an empty or relative entry (``.``)
    would find a ``git`` in the workspace (Go's exec.LookPath refuses those too)."""
    trusted = [d for d in os.environ.get("PATH", os.defpath).split(os.pathsep) if os.path.isabs(d)]
    found = shutil.which("git", path=os.pathsep.join(trusted))
    if found is None:
        raise GitError("--new-from-rev needs git, which is not installed")
    return found


class Git:
    """git commands in one folder, with nothing the repository configures as a command
    enabled, no pager and no opportunistic index writes (``--no-optional-locks``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = list(_SAFE_CONFIG)
        self.config += self.filters_off()

    def __call__(self, *args: str) -> bytes:
        command = [git_program(), "--no-pager", "--no-optional-locks"]
        for setting in self.config:
            command += ["-c", setting]
        try:
            done = subprocess.run(
                [*command, *args],
                cwd=self.root,
                env=os.environ | _SAFE_ENV,
                capture_output=True,
                check=False,
            )
        except OSError as exc:
            raise GitError(f"--new-from-rev: cannot run git: {exc.strerror or exc}") from exc
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip().splitlines()
            raise GitError(message[-1] if message else f"git {args[0]} failed")
        return done.stdout

    def filters_off(self) -> list[str]:
        """Settings that empty every filter driver the configuration defines: git runs no
        filter whose command is empty (and fails on none unless it is ``required``)."""
        try:
            found = self("config", "-z", "--get-regexp", r"^filter\..+\.")
        except GitError:  # exit 1: no filter is configured
            return []
        drivers = {
            os.fsdecode(item.split(b"\n", 1)[0]).rsplit(".", 1)[0]
            for item in found.split(b"\0")
            if item
        }
        for driver in drivers:
            if "=" in driver:  # ``-c`` would read the name's end as the value
                raise GitError(f"--new-from-rev: cannot turn off git filter {driver!r}")
        return [
            f"{driver}.{key}"
            for driver in sorted(drivers)
            for key in ("clean=", "smudge=", "process=", "required=false")
        ]


def _work_tree(pattern: str) -> Path:
    """The top of the work tree holding a path argument (``dir/...`` patterns included)."""
    path = Path(pattern.removesuffix("...").rstrip("/") or ".").resolve()
    while not path.is_dir():
        path = path.parent
    git = Git(path)
    try:
        top = os.fsdecode(git("rev-parse", "--show-toplevel").strip())
    except GitError as exc:
        raise GitError(f"--new-from-rev: {pattern} is not in a git work tree") from exc
    return Path(top).resolve()


def _unquote(name: bytes) -> bytes:
    """git's C-style quoting of unusual file names."""
    if name.startswith(b'"') and name.endswith(b'"'):
        return codecs.escape_decode(name[1:-1])[0]
    return name


def parse_diff(diff: bytes) -> dict[str, set[int]]:
    """Lines (1-based, new side) added or changed per file in ``git diff -U0`` output.

    A hunk that only deletes marks the lines on either side of the deletion: removing a yield
    from a loop makes the loop a finding on a line the diff does not list.
    """
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    remaining = 0
    for line in diff.splitlines():
        if remaining:  # hunk content: never a header, whatever it starts with
            if line.startswith((b"+", b"-", b" ")):
                remaining -= 1
            continue
        if line.startswith(b"+++ "):
            name = _unquote(line[4:])
            current = None
            if name != b"/dev/null":
                current = changed.setdefault(os.fsdecode(name.removeprefix(b"b/")), set())
            continue
        match = _HUNK.match(line)
        if match is None or current is None:
            continue
        old = int(match[1]) if match[1] is not None else 1
        start = int(match[2])
        new = int(match[3]) if match[3] is not None else 1
        remaining = old + new
        current.update(range(start, start + new) if new else (start, start + 1))
    return changed


@dataclass
class ChangedLines:
    """What changed since a revision: lines per file, and files that are new as a whole."""

    lines: dict[Path, set[int]] = field(default_factory=dict)
    new_files: set[Path] = field(default_factory=set)

    def contains(self, diag: Diagnostic) -> bool:
        path = diag.path.resolve()
        if path in self.new_files:
            return True
        touched = self.lines.get(path, set())
        lines = range(diag.span.start_line + 1, diag.span.end_line + 2)
        return any(line in touched for line in lines)

    def keep(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [d for d in diagnostics if self.contains(d)]

    def after_edits(self, path: Path, edits: Sequence[Edit]) -> None:
        """Move ``path``'s changed lines to where they are once ``edits`` (which do not
        overlap) are applied, so that ``--fix`` keeps to the changed lines round after round.
        Lines an edit rewrites count as changed; text an insertion pushes down keeps its
        state."""
        key = path.resolve()
        touched = self.lines.get(key)
        if key in self.new_files or not touched:
            return
        ordered = sorted(edits, key=lambda e: (e.span.start_line, e.span.start_col))
        self.lines[key] = {moved for line in touched for moved in _moved(line, ordered)}


def _moved(line: int, edits: Sequence[Edit]) -> tuple[int, ...]:
    """Where 1-based ``line`` is once ``edits`` (sorted, not overlapping) are applied: moved
    by the lines the edits above it add or remove, or, when an edit touches it, the lines
    that edit writes (only the pushed-down line for an insertion at its start)."""
    row, shift = line - 1, 0
    for edit in edits:
        span, added = edit.span, edit.new_text.count("\n")
        if span.start_line > row:
            break
        if span.end_line < row:
            shift += added - (span.end_line - span.start_line)
            continue
        first = span.start_line + shift + 1
        if (span.start_line, span.start_col) != (span.end_line, span.end_col):
            return tuple(range(first, first + added + 1))
        return (first + added,) if span.start_col == 0 else (first, first + added)
    return (line + shift,)


def changed_since(rev: str, patterns: Sequence[str]) -> ChangedLines:
    """Lines changed in the work trees of ``patterns`` between ``rev`` and the files on disk
    (staged or not); untracked files count as new, ignored files do not."""
    if rev.startswith("-"):
        raise GitError(f"--new-from-rev: bad revision {rev!r}")
    changed = ChangedLines()
    for root in dict.fromkeys(_work_tree(p) for p in patterns or ["."]):
        git = Git(root)
        try:
            git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        except GitError as exc:
            raise GitError(f"--new-from-rev: unknown revision {rev!r} in {root}") from exc
        diff = git(
            "diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
            "--src-prefix=a/", "--dst-prefix=b/", rev, "--",
        )  # fmt: skip
        for name, lines in parse_diff(diff).items():
            changed.lines[(root / name).resolve()] = lines
        untracked = git("ls-files", "--others", "--exclude-standard", "-z")
        changed.new_files.update(
            (root / name).resolve() for name in os.fsdecode(untracked).split("\0") if name
        )
    return changed
