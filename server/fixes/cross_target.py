"""A fix valid on the targets of its finding must not create a finding on another target.

A finding is reported for some of the selected targets, and its fix is written for them; the
fixed file may also be built for others (``--target all``: WV202's ``select {}`` is right on
go-js and makes WV505 fire on tinygo-wasm-unknown, which has no scheduler). Such a fix is
not offered: the package is analysed again with the fix applied, for the selected targets
that build the file (before or after the fix) and that the finding does not concern, and
the fix is dropped when any rule finds more there than before. Findings are compared by
(file, code) counts per target, so that moved lines do not count as new findings.

All fixes to check are tried together first (one analysis); when that adds findings, the
fixes of each rule together, then each alone (at most ``ALONE_AT_MOST`` of a rule; beyond
that, the rule's fixes are all dropped), to find the ones at fault.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from wasmvet.analysis.build_constraints import BuildContext, file_is_built
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Diagnostic, Edit
from wasmvet.fixes.edits import OverlappingEdits, apply_edits

Analyse = Callable[[list[GoFile], tuple[str, ...]], list[Diagnostic]]
"""Findings (one target each, before merging and suppressions) for files and target ids."""

_Tally = Counter[tuple[str, Path, str]]
_Check = tuple[Diagnostic, GoFile, frozenset[str]]
"""A finding, its file and the other targets to check."""
ALONE_AT_MOST = 8
"""The most fixes of one rule tried one by one; beyond that, a rule's fixes that fail
together are all dropped (the work stays bounded; no unsound fix is offered)."""


def drop_fixes_adding_findings(
    merged: Sequence[Diagnostic],
    found: Sequence[Diagnostic],
    files: Sequence[GoFile],
    contexts: dict[str, BuildContext],
    analyse: Analyse,
) -> None:
    """Clear the fix of each of ``merged`` that creates a finding on a selected target its
    finding is not reported for; ``found`` holds the per-target findings ``merged`` came
    from, ``contexts`` the selected targets' build contexts."""
    by_path = {f.source.path: f for f in files}
    built: dict[tuple[str, Path], bool] = {}  # per target and file: asked once per finding
    checks: list[_Check] = []
    for diag in merged:
        gofile = by_path.get(diag.path)
        if diag.fix is None or gofile is None:
            continue
        edits = [e for e in diag.fix.edits if e.path == diag.path]
        if _overlapping(gofile.source, edits):
            diag.fix = None
            continue
        # Only an edit above the package clause can change which targets build the file;
        # applying every fix to the whole file just to read its header would cost O(n^2).
        fixed = _applied(gofile.source, edits) if _edits_header(gofile, edits) else None
        others = frozenset(
            target
            for target, context in contexts.items()
            if target not in diag.targets
            and (
                _built(built, target, context, gofile)
                or (fixed is not None and file_is_built(context, diag.path.name, fixed))
            )
        )
        if others:
            checks.append((diag, gofile, others))
    if not checks:
        return
    before = _tally(found)

    def sound(group: list[_Check]) -> bool:
        together = _together(group)
        return together is not None and _adds_nothing(together, files, before, analyse)

    if sound(checks):
        return
    by_code: dict[str, list[_Check]] = {}
    for check in checks:
        by_code.setdefault(check[0].code, []).append(check)
    for group in by_code.values():
        if len(by_code) > 1 and sound(group):
            continue
        for check in group:
            alone = len(group) <= ALONE_AT_MOST
            if not (alone and sound([check])):
                check[0].fix = None


def _built(
    known: dict[tuple[str, Path], bool], target: str, context: BuildContext, gofile: GoFile
) -> bool:
    """``file_is_built`` for the unchanged file, remembered in ``known``."""
    key = (target, gofile.source.path)
    found = known.get(key)
    if found is None:
        source = gofile.source
        found = known[key] = file_is_built(context, source.path.name, source.data)
    return found


def _overlapping(source: SourceFile, edits: list[Edit]) -> bool:
    """Whether two edits of one fix touch the same text."""
    spans = sorted(
        (
            source.offset(e.span.start_line, e.span.start_col),
            source.offset(e.span.end_line, e.span.end_col),
        )
        for e in edits
    )
    return any(start < end for (_, end), (start, _) in pairwise(spans))


def _edits_header(gofile: GoFile, edits: list[Edit]) -> bool:
    """Whether an edit reaches the text before the package clause (build constraints)."""
    clause = gofile.package_clause
    if clause is None:
        return bool(edits)
    limit = tuple(clause.start_point)  # an import added after the clause on its line is not
    return any((e.span.start_line, e.span.start_col) <= limit for e in edits)  # a header


def _applied(source: SourceFile, edits: list[Edit]) -> bytes | None:
    try:
        return apply_edits(source, edits)
    except OverlappingEdits:
        return None


def _together(checks: list[_Check]) -> tuple[dict[Path, bytes], frozenset[str]] | None:
    """Every fix applied at once, and the targets to analyse; None when two overlap."""
    edits: dict[Path, list[Edit]] = {}
    sources: dict[Path, SourceFile] = {}
    seen: set[Edit] = set()
    for diag, gofile, _ in checks:
        assert diag.fix is not None
        sources[diag.path] = gofile.source
        mine = edits.setdefault(diag.path, [])
        for edit in diag.fix.edits:
            if edit.path == diag.path and edit not in seen:
                seen.add(edit)
                mine.append(edit)
    contents: dict[Path, bytes] = {}
    for path, file_edits in edits.items():
        fixed = _applied(sources[path], file_edits)
        if fixed is None:
            return None
        contents[path] = fixed
    return contents, frozenset().union(*(others for _, _, others in checks))


def _adds_nothing(
    change: tuple[dict[Path, bytes], frozenset[str]],
    files: Sequence[GoFile],
    before: _Tally,
    analyse: Analyse,
) -> bool:
    """Whether the changed contents find nothing new on the given targets."""
    contents, targets = change
    changed = [
        GoFile.from_source(SourceFile(f.source.path, contents[f.source.path]))
        if f.source.path in contents
        else f
        for f in files
    ]
    if any(f.source.stopped is not None for f in changed):
        return False  # the fixed text could not be analysed within the parse budget
    after = _tally(analyse(changed, tuple(sorted(targets))))
    return not any(count > before[key] for key, count in after.items() if key[0] in targets)


def _tally(found: Iterable[Diagnostic]) -> _Tally:
    """How many findings of each code each (target, file) has."""
    return Counter((target, d.path, d.code) for d in found for target in d.targets)
