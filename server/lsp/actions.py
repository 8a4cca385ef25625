"""Code actions: a quick fix per fixable finding, a suppression comment, and fix-all."""

from __future__ import annotations

from lsprotocol import types as lsp

from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Applicability
from wasmvet.lsp.convert import edit_to_lsp, text_edits
from wasmvet.lsp.store import Stored
from wasmvet.lsp.switch_actions import switch_actions
from wasmvet.suppression_writer import suppression_edit
from wasmvet.suppressions import UNUSED_CODE

FIX_ALL = "source.fixAll.wasmvet"


def code_actions(
    uri: str,
    stored: Stored,
    wanted: lsp.Range,
    only: list[str] | None,
    encoding: str,
    can_create: bool,
) -> list[lsp.CodeAction]:
    """The actions for ``wanted`` (quick fixes, switch target) and the whole file (fix-all);
    ``can_create``: the client can create files (a new wasmvet.toml)."""
    gofile = stored.gofile
    if gofile is None:
        return []
    source = gofile.source
    actions: list[lsp.CodeAction] = []
    if only is None or any(k == lsp.CodeActionKind.QuickFix for k in only):
        actions += quick_fixes(uri, stored, source, wanted, encoding, can_create)
    if only is None or any(k in (FIX_ALL, "source.fixAll", "source") for k in only):
        actions += fix_all(uri, stored, source, encoding)
    return actions


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)


def quick_fixes(
    uri: str,
    stored: Stored,
    source: SourceFile,
    wanted: lsp.Range,
    encoding: str,
    can_create: bool,
) -> list[lsp.CodeAction]:
    actions: list[lsp.CodeAction] = []
    for diag, item in zip(stored.diagnostics, stored.items, strict=True):
        if not _overlaps(item.range, wanted):
            continue
        if diag.fix is not None:
            actions.append(
                lsp.CodeAction(
                    title=f"{diag.fix.message} ({diag.code})",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[item],
                    is_preferred=diag.fix.preferred or diag.fix.applicability is Applicability.SAFE,
                    edit=lsp.WorkspaceEdit(changes={uri: text_edits(diag.fix, source, encoding)}),
                )
            )
        if diag.code != UNUSED_CODE and (
            suppress := suppress_action(uri, source, diag.code, item, encoding)
        ):
            actions.append(suppress)
        actions += switch_actions(diag, item, encoding, can_create)
    return actions


def suppress_action(
    uri: str, source: SourceFile, code: str, item: lsp.Diagnostic, encoding: str
) -> lsp.CodeAction | None:
    """A suppression of ``code`` on the finding's line that works: merged into the comment
    the line already has, or ``//wasmvet:ignore`` beside or above it
    (``suppression_writer``); None where no comment can go."""
    edit = suppression_edit(source, item.range.start.line, [code], "reason")
    if edit is None:
        return None
    return lsp.CodeAction(
        title=f"Suppress {code} on this line",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[item],
        edit=lsp.WorkspaceEdit(changes={uri: [edit_to_lsp(edit, source, encoding)]}),
    )


def fix_all(uri: str, stored: Stored, source: SourceFile, encoding: str) -> list[lsp.CodeAction]:
    """Every safe fix at once. An edit two fixes share (the same import) is made once; a fix
    that overlaps one already taken is left for the next round."""
    taken: dict[tuple[int, int, str], lsp.TextEdit] = {}
    for diag in stored.diagnostics:
        fix = diag.fix
        if fix is None or fix.applicability is not Applicability.SAFE:
            continue
        mine = {
            (
                source.offset(e.span.start_line, e.span.start_col),
                source.offset(e.span.end_line, e.span.end_col),
                e.new_text,
            ): edit
            for e, edit in zip(
                [e for e in fix.edits if e.path == source.path],
                text_edits(fix, source, encoding),
                strict=True,
            )
        }
        new = {key: edit for key, edit in mine.items() if key not in taken}
        if any((s < te and ts < e) or s == ts for s, e, _ in new for ts, te, _ in taken):
            continue
        taken.update(new)
    if not taken:
        return []
    return [
        lsp.CodeAction(
            title="Apply all safe wasmvet fixes",
            kind=FIX_ALL,
            edit=lsp.WorkspaceEdit(changes={uri: list(taken.values())}),
        )
    ]
