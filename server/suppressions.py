"""Suppression comments: wasmvet's own, golangci-lint's ``//nolint`` and staticcheck's.

- ``//wasmvet:ignore WV101[,WV102] reason``: at the end of a line it covers that line; on a line
  of its own, the next line. ``//wasmvet:ignore-file WV101 reason`` covers the whole file.
- ``//nolint:wasmvet`` (or ``//nolint:all``, or a bare ``//nolint``), optionally followed by
  ``// reason``: at the end of a line it covers that line; on a line of its own, the whole
  statement or declaration that follows (as golangci-lint does).
- ``//lint:ignore WV101 reason``: at the end of a line it covers that line; on a line of its
  own, the next line. ``//lint:file-ignore WV101 reason`` covers the whole file (as staticcheck
  does: its directive belongs to the statement the comment is attached to).

A suppression that names wasmvet or its codes and suppresses nothing is reported as WV900
(unused-suppression); a bare ``//nolint`` or ``//nolint:all`` is for every linter and is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from wasmvet.fixes.edits import text_span

UNUSED_CODE = "WV900"
UNUSED_NAME = "unused-suppression"
_CODES = re.compile(r"^WV\d{3}$")
_OURS = re.compile(r"^//wasmvet:(ignore|ignore-file)\s+([A-Z0-9,]+)(?:\s+(.*))?$")
_NOLINT = re.compile(r"^//nolint(?::([\w,.-]+))?(?:\s*//\s*(.*))?\s*$")
_STATICCHECK = re.compile(r"^//lint:(ignore|file-ignore)\s+([A-Z0-9,]+)(?:\s+(.*))?$")


@dataclass
class Suppression:
    """One suppression comment: which codes (None = all) it silences on which lines."""

    comment: Node
    codes: frozenset[str] | None
    first_line: int
    last_line: int
    whole_file: bool = False
    used: bool = False
    reason: str = ""
    problems: list[str] = field(default_factory=list)
    ours: bool = True
    """Whether it names wasmvet or its codes: a bare ``//nolint`` or ``//nolint:all`` is
    written for every linter, so silencing nothing of wasmvet's is no reason to remove it."""

    def covers(self, diag: Diagnostic) -> bool:
        if self.codes is not None and diag.code not in self.codes:
            return False
        return self.whole_file or self.first_line <= diag.span.start_line <= self.last_line


def _own_line(comment: Node, gofile: GoFile) -> bool:
    line, col = comment.start_point
    return gofile.source.line_text(line)[:col].strip() == ""


def _following_statement(comment: Node) -> Node | None:
    sibling = comment.next_named_sibling
    while sibling is not None and sibling.type == "comment":
        sibling = sibling.next_named_sibling
    return sibling


def _codes(raw: str) -> frozenset[str] | None:
    codes = frozenset(c for c in raw.split(",") if c)
    return codes if codes and all(_CODES.match(c) for c in codes) else None


def parse_suppressions(gofile: GoFile) -> list[Suppression]:
    """The suppression comments of a file that concern wasmvet."""
    found: list[Suppression] = []
    for comment in gofile.index.all("directive"):
        body = text(comment).rstrip()
        line = comment.start_point[0]
        own = _own_line(comment, gofile)
        next_line = line + 1 if own else line
        if m := _OURS.match(body):
            codes = _codes(m.group(2))
            if codes is None:
                continue
            whole = m.group(1) == "ignore-file"
            found.append(
                Suppression(comment, codes, next_line, next_line, whole, reason=m[3] or "")
            )
        elif m := _STATICCHECK.match(body):
            # staticcheck's list may name other checks too (SA4006,WV101): wasmvet takes its own.
            codes = frozenset(c for c in m.group(2).split(",") if _CODES.match(c)) or None
            if codes is None:
                continue
            whole = m.group(1) == "file-ignore"
            found.append(
                Suppression(comment, codes, next_line, next_line, whole, reason=m[3] or "")
            )
        elif m := _NOLINT.match(body):
            linters = {name.strip() for name in (m.group(1) or "all").split(",")}
            if not linters & {"wasmvet", "all"}:
                continue
            first = last = line
            if own:
                target = _following_statement(comment)
                if target is None:
                    continue
                first, last = target.start_point[0], target.end_point[0]
            names_us = "wasmvet" in linters
            found.append(Suppression(comment, None, first, last, reason=m[2] or "", ours=names_us))
    return found


def apply_suppressions(
    diagnostics: list[Diagnostic],
    files: list[GoFile],
    selected: set[str],
    targets: tuple[str, ...],
) -> list[Diagnostic]:
    """Drop suppressed findings; report suppressions that silenced nothing (WV900) when
    WV900 and every rule the suppression names were ``selected``."""
    by_path: dict[Path, list[Suppression]] = {f.source.path: parse_suppressions(f) for f in files}
    kept: list[Diagnostic] = []
    for diag in diagnostics:
        hits = [s for s in by_path.get(diag.path, []) if s.covers(diag)]
        for hit in hits:
            hit.used = True
        if not hits:
            kept.append(diag)
    if UNUSED_CODE in selected:
        for gofile in files:
            for sup in by_path[gofile.source.path]:
                if not sup.used and sup.ours and (sup.codes is None or sup.codes <= selected):
                    kept.append(_unused(gofile, sup, targets))
    return sorted(kept, key=Diagnostic.sort_key)


def _unused(gofile: GoFile, sup: Suppression, targets: tuple[str, ...]) -> Diagnostic:
    (sl, sc), (el, ec) = sup.comment.start_point, sup.comment.end_point
    span = Span(sl, sc, el, ec)
    if _own_line(sup.comment, gofile):
        removal = Edit(gofile.source.path, Span(sl, 0, sl + 1, 0), "")
    else:
        before = gofile.source.line_text(sl)[:sc]
        trimmed = len(before.rstrip().encode("utf-8"))
        end = text_span(sup.comment)
        removal = Edit(gofile.source.path, Span(sl, trimmed, end.end_line, end.end_col), "")
    return Diagnostic(
        path=gofile.source.path,
        span=span,
        code=UNUSED_CODE,
        name=UNUSED_NAME,
        severity=Severity.INFO,
        message=f"`{text(sup.comment)}` suppresses nothing here; remove it",
        targets=targets,
        fix=Fix(Applicability.SAFE, "Remove the unused suppression", (removal,)),
    )
