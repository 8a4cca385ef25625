"""``wasmvet check --add-ignore REASON``: suppress every current finding in place, as ruff's
``--add-noqa`` does, so a team can turn wasmvet on in CI today and burn the list down.

One comment a flagged line (all its codes), written by ``suppression_writer``. Lines next to
another flagged line get their comment on the line above, so that no two new trailing
comments stand on consecutive lines (gofmt would align them). A file whose new text parses
worse than before, or whose real path is outside the workspace (as with ``--fix``), is left
as it was. A second run finds nothing to add.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from wasmvet.analysis.source import SourceFile, UnreadableSource
from wasmvet.diagnostics import Diagnostic, Edit
from wasmvet.fixes.applying import FileChange, error_count
from wasmvet.fixes.edits import OverlappingEdits, apply_edits
from wasmvet.suppression_writer import suppression_edit
from wasmvet.suppressions import UNUSED_CODE
from wasmvet.workspace import outside, workspace_root


def suppression_changes(
    diagnostics: Iterable[Diagnostic], reason: str
) -> tuple[list[FileChange], list[str]]:
    """The files with a suppression for each finding, and problem lines for the findings
    that could not be suppressed."""
    flagged: dict[Path, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for diag in diagnostics:
        if diag.code != UNUSED_CODE:
            flagged[diag.path][diag.span.start_line].add(diag.code)
    changes: list[FileChange] = []
    problems: list[str] = []
    for path, lines in sorted(flagged.items()):
        refused = outside(path, workspace_root(path.parent, None))
        if refused is not None:
            problems.append(refused.replace("not fixed", "not suppressed"))
            continue
        try:
            source = SourceFile.read(path)
        except UnreadableSource as exc:
            problems.append(f"{path}: {exc}")
            continue
        edits: list[Edit] = []
        for line, codes in sorted(lines.items()):
            if line >= source.line_count:
                continue
            edit = suppression_edit(source, line, codes, reason, crowded=lines.keys())
            if edit is None:
                problems.append(f"{path}:{line + 1}: no place for a suppression comment")
            else:
                edits.append(edit)
        if not edits:
            continue
        try:
            after = apply_edits(source, edits)
        except OverlappingEdits:
            problems.append(f"{path}: suppressions overlap; not changed")
            continue
        if error_count(SourceFile(path, after).root) > error_count(source.root):
            problems.append(f"{path}: suppressions would break the syntax; not changed")
            continue
        changes.append(FileChange(path, source.data, after, len(edits)))
    return changes, problems


def summary(changes: list[FileChange]) -> str:
    """``added 3 suppressions in 2 files``."""
    count = sum(c.fixes for c in changes)
    files = len(changes)
    return (
        f"added {count} suppression{'s' if count != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}"
    )
