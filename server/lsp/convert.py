"""wasmvet findings and fixes as LSP objects, in the negotiated position encoding."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pygls.workspace import PositionCodec

from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Diagnostic, Edit, Fix, Severity, Span
from wasmvet.rules import all_rules
from wasmvet.suppressions import UNUSED_CODE

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


@cache
def codec(encoding: str) -> PositionCodec:
    """pygls's converter between characters and the negotiated encoding's code units."""
    return PositionCodec(encoding)


def column(source: SourceFile, line: int, byte_col: int, encoding: str) -> int:
    """The column, in ``encoding``'s code units, of a byte column of ``line``."""
    if encoding == "utf-8":
        return byte_col
    start = source.offset(line, 0)
    prefix = source.data[start : start + byte_col].decode("utf-8", "replace")
    return int(codec(encoding).client_num_units(prefix))


def position(source: SourceFile, line: int, byte_col: int, encoding: str) -> lsp.Position:
    if line >= source.line_count:
        return lsp.Position(line=line, character=0)
    return lsp.Position(line=line, character=column(source, line, byte_col, encoding))


def to_range(source: SourceFile, span: Span, encoding: str) -> lsp.Range:
    return lsp.Range(
        start=position(source, span.start_line, span.start_col, encoding),
        end=position(source, span.end_line, span.end_col, encoding),
    )


def byte_column(source: SourceFile, pos: lsp.Position, encoding: str) -> int:
    """The byte column of an LSP position in ``encoding`` (a column past the end of the line
    is its end)."""
    if pos.line >= source.line_count:
        return 0
    line = source.line_text(pos.line)
    if encoding == "utf-8":
        return min(pos.character, len(line.encode("utf-8")))
    units = codec(encoding).client_num_units(line)
    if pos.character >= units:
        return len(line.encode("utf-8"))
    where = lsp.Position(line=0, character=pos.character)  # pygls may change what it is given
    characters = codec(encoding).position_from_client_units([line], where).character
    return len(line[:characters].encode("utf-8"))


def uri_of(path: Path) -> str:
    """The ``file:`` URI of a path, spelled as pygls spells the ones it receives."""
    return from_fs_path(str(path)) or path.resolve().as_uri()


def to_lsp(diag: Diagnostic, sources: Mapping[Path, SourceFile], encoding: str) -> lsp.Diagnostic:
    """An LSP diagnostic; ``sources`` has the file of ``diag`` and the files of its related
    locations (its package). ``data`` keeps the code and targets for code actions."""
    source = sources[diag.path]
    targets = ", ".join(diag.targets)
    related = [
        lsp.DiagnosticRelatedInformation(
            location=lsp.Location(
                uri=uri_of(r.path), range=to_range(sources[r.path], r.span, encoding)
            ),
            message=r.message,
        )
        for r in diag.related
        if r.path in sources
    ]
    return lsp.Diagnostic(
        range=to_range(source, diag.span, encoding),
        severity=SEVERITY[diag.severity],
        code=diag.code,
        code_description=_code_description(diag.code),
        source="wasmvet",
        message=f"{diag.message} [{targets}]" if targets else diag.message,
        related_information=related or None,
        tags=[lsp.DiagnosticTag.Unnecessary] if diag.code == UNUSED_CODE else None,
        data={"code": diag.code, "targets": list(diag.targets)},
    )


def _code_description(code: str) -> lsp.CodeDescription | None:
    rule = all_rules().get(code)
    return lsp.CodeDescription(href=rule.url) if rule is not None else None


def text_edits(fix: Fix, source: SourceFile, encoding: str) -> list[lsp.TextEdit]:
    """A fix's edits for one file."""
    return [edit_to_lsp(e, source, encoding) for e in fix.edits if e.path == source.path]


def edit_to_lsp(edit: Edit, source: SourceFile, encoding: str) -> lsp.TextEdit:
    return lsp.TextEdit(range=to_range(source, edit.span, encoding), new_text=edit.new_text)
