"""wasmvet findings and fixes as LSP objects, in the negotiated position encoding."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pygls.workspace import PositionCodec

from wasmvet.analysis.source import SourceFile
from wasmvet.call_trace import step_messages
from wasmvet.diagnostics import Diagnostic, Edit, Fix, Frame, Severity, Span
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


@lru_cache(maxsize=64)
def _file_lines(path: Path, mtime_ns: int, size: int) -> list[bytes]:
    """The lines of a file as it is on disk (the key's mtime and size tell a changed file)."""
    try:
        return path.read_bytes().splitlines()
    except OSError:
        return []


def _disk_line(path: Path, index: int) -> bytes:
    """Line ``index`` (0-based) of a file that is not open, empty when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return b""
    lines = _file_lines(path, stat.st_mtime_ns, stat.st_size)
    return lines[index] if 0 <= index < len(lines) else b""


def frame_location(frame: Frame, encoding: str) -> lsp.Location:
    """A trace frame's call as a Location: a dependency file is rarely open, so its line is
    read from disk to turn the byte column into ``encoding``'s code units."""
    byte_col = frame.column - 1
    if encoding == "utf-8":
        character = byte_col
    else:
        line = _disk_line(frame.path, frame.line - 1)
        prefix = line[:byte_col].decode("utf-8", "replace")
        # past the end of the line (or of a file that is gone): one unit a byte, as SARIF
        character = int(codec(encoding).client_num_units(prefix)) + max(0, byte_col - len(line))
    where = lsp.Position(line=frame.line - 1, character=character)
    return lsp.Location(uri=uri_of(frame.path), range=lsp.Range(start=where, end=where))


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
    """The ``file:`` URI of a path, spelled as pygls spells the ones it receives; a name
    that is not UTF-8 (a dependency's file) gets its bytes percent-encoded."""
    try:
        return from_fs_path(str(path)) or path.resolve().as_uri()
    except UnicodeEncodeError:
        return path.resolve().as_uri()


def to_lsp(diag: Diagnostic, sources: Mapping[Path, SourceFile], encoding: str) -> lsp.Diagnostic:
    """An LSP diagnostic; ``sources`` has the file of ``diag`` and the files of its related
    locations (its package). Each frame of its call trace is one more related location.
    ``data`` keeps the code and targets for code actions."""
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
    related += [
        lsp.DiagnosticRelatedInformation(location=frame_location(f, encoding), message=m)
        for f, m in zip(diag.trace, step_messages(diag), strict=True)
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
