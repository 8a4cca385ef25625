"""Fixes on the command line: ``--fix``, ``--unsafe-fixes`` and ``--diff``.

Fixes are applied in memory, package by package: the chosen fixes of every file (no two
touching the same text) are applied, the package is analysed again, and so on until no fix
applies (at most ``MAX_ROUNDS`` rounds, like ruff), so that overlapping fixes and fixes that
share an import all land. A file whose fixed text has more syntax errors than before is left
as it was. Files are written only at the end, atomically, and only if their bytes are still
the ones that were analysed.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from tree_sitter import Node

from wasmvet.analysis.parsing import ParseStopped, parse
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Applicability, Diagnostic, Edit
from wasmvet.fixes.edits import apply_edits

MAX_ROUNDS = 10
FixMode = Literal["safe", "unsafe"]
"""``--fix`` applies safe fixes, ``--unsafe-fixes`` unsafe ones too."""


@dataclass(frozen=True)
class FileChange:
    """A file the fixes changed: its bytes as analysed and as fixed."""

    path: Path
    before: bytes
    after: bytes
    fixes: int


@dataclass
class Fixed:
    """The outcome of fixing one package in memory."""

    diagnostics: list[Diagnostic]
    changes: list[FileChange]
    problems: list[str]


def applicable(diag: Diagnostic, unsafe: bool) -> bool:
    """Whether ``--fix`` (safe fixes) or ``--unsafe-fixes`` applies this finding's fix."""
    if diag.fix is None or not diag.fix.edits:
        return False
    allowed = (Applicability.SAFE, Applicability.UNSAFE) if unsafe else (Applicability.SAFE,)
    return diag.fix.applicability in allowed


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two byte ranges touch the same text; two insertions at one point conflict too."""
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]


def choose(
    diagnostics: Sequence[Diagnostic], unsafe: bool, sources: dict[Path, SourceFile]
) -> tuple[dict[Path, list[Edit]], dict[Path, int]]:
    """Edits per file of the fixes that can be applied together, and how many fixes each
    file gets. In source order, a fix is taken whole or not at all, and skipped when it
    overlaps one already taken (the next round gets it); an edit identical to one already
    taken (the same import) is shared. Fixes that edit another file than their finding's
    are not applied."""
    taken: dict[Path, list[tuple[tuple[int, int], Edit]]] = {}
    counts: dict[Path, int] = {}
    for diag in sorted(diagnostics, key=Diagnostic.sort_key):
        source = sources.get(diag.path)
        if source is None or not applicable(diag, unsafe):
            continue
        assert diag.fix is not None
        if any(edit.path != diag.path for edit in diag.fix.edits):
            continue
        previous = taken.setdefault(diag.path, [])
        new: list[tuple[tuple[int, int], Edit]] = []
        for edit in diag.fix.edits:
            span = edit.span
            where = (
                source.offset(span.start_line, span.start_col),
                source.offset(span.end_line, span.end_col),
            )
            if any(e == edit for _, e in previous):
                continue
            if any(_overlaps(where, w) for w, _ in previous + new):
                break
            new.append((where, edit))
        else:
            previous.extend(new)
            counts[diag.path] = counts.get(diag.path, 0) + 1
    return {path: [e for _, e in edits] for path, edits in taken.items() if edits}, counts


def error_count(root: Node) -> int:
    """ERROR and MISSING nodes in a tree, visiting only subtrees that contain errors."""
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            count += 1
        stack.extend(c for c in node.children if c.has_error or c.is_missing)
    return count


_UNCHECKED = "could not be checked within the parse budget; not applied"


def _why_not(fixed: bytes, source: SourceFile) -> str | None:
    """Why the fixed text ``fixed`` of ``source`` must not be written, if it must not: more
    syntax errors than before, or a parse stopped by its budget (nothing can be checked)."""
    if source.stopped is not None:
        return _UNCHECKED
    try:
        more = error_count(parse(fixed).root_node) > error_count(source.root)
    except ParseStopped:
        return _UNCHECKED
    return "would introduce syntax errors; not applied (please report it)" if more else None


class FixScope(Protocol):
    """Which findings to fix (``--new-from-rev``: those on changed lines), followed across
    rounds as fixes move lines."""

    def contains(self, diag: Diagnostic) -> bool: ...

    def after_edits(self, path: Path, edits: Sequence[Edit]) -> None: ...


def fix_in_memory(
    contents: dict[Path, bytes],
    diagnostics: list[Diagnostic],
    relint: Callable[[dict[Path, bytes]], list[Diagnostic]],
    unsafe: bool,
    scope: FixScope | None = None,
) -> Fixed:
    """Apply fixes round by round to ``contents`` (the package's files as analysed) until
    none applies; ``relint`` analyses the package again from given contents. With a
    ``scope``, only the findings in it are fixed."""
    current = dict(contents)
    counts: dict[Path, int] = {}
    problems: list[str] = []
    frozen: set[Path] = set()

    def pending() -> list[Diagnostic]:
        return [
            d
            for d in diagnostics
            if d.path not in frozen
            and applicable(d, unsafe)
            and (scope is None or scope.contains(d))
        ]

    for _ in range(MAX_ROUNDS):
        if not pending():
            break
        sources = {p: SourceFile.from_bytes(p, current[p]) for p in {d.path for d in pending()}}
        edits, chosen = choose(pending(), unsafe, sources)
        for path, file_edits in edits.items():
            source = sources[path]
            fixed = apply_edits(source, file_edits)
            why = _why_not(fixed, source)
            if why is not None:
                codes = sorted({d.code for d in pending() if d.path == path})
                problems.append(f"{path}: the fixes for {', '.join(codes)} {why}")
                frozen.add(path)
                continue
            current[path] = fixed
            counts[path] = counts.get(path, 0) + chosen[path]
            if scope is not None:
                scope.after_edits(path, file_edits)
        if not any(current[p] != sources[p].data for p in edits):
            break
        diagnostics = relint(current)
    else:
        for path in sorted({d.path for d in pending()}):
            problems.append(f"{path}: fixes did not settle after {MAX_ROUNDS} rounds")
    changes = [
        FileChange(path, contents[path], data, counts.get(path, 0))
        for path, data in current.items()
        if data != contents[path]
    ]
    return Fixed(diagnostics, changes, problems)


def write_change(change: FileChange) -> str | None:
    """Write a fixed file atomically (through symlinks, keeping its mode); a problem line
    instead when it changed since it was read or cannot be written."""
    target = change.path.resolve()
    try:
        if target.read_bytes() != change.before:
            return f"{change.path}: changed since wasmvet read it; not fixed"
        mode = stat.S_IMODE(target.stat().st_mode)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(change.after)
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        return f"{change.path}: cannot write the fixes: {exc.strerror or exc}"
    return None


def unified_diff(change: FileChange, name: str) -> str:
    """The change as a unified diff, with ``name`` on the ``---``/``+++`` lines."""
    before = change.before.decode("utf-8").splitlines(keepends=True)
    after = change.after.decode("utf-8").splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(before, after, fromfile=name, tofile=name):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def fix_summary(changes: Sequence[FileChange], would: bool) -> str:
    """``fixed 3 problems in 2 files`` (``would fix ...`` for ``--diff``)."""
    count = sum(c.fixes for c in changes)
    verb = "would fix" if would else "fixed"
    problems = f"{count} problem{'s' if count != 1 else ''}"
    files = f"{len(changes)} file{'s' if len(changes) != 1 else ''}"
    return f"{verb} {problems} in {files}"
