"""The language server: diagnostics as you type, quick fixes, hover and settings."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from wasmvet import __version__
from wasmvet.config import ConfigError
from wasmvet.diagnostics import Applicability
from wasmvet.lsp.convert import byte_column, text_edits, to_lsp
from wasmvet.lsp.linting import Linted, Linter
from wasmvet.lsp.options import overrides_from
from wasmvet.lsp.switch_actions import switch_actions
from wasmvet.rules import all_rules

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.05
FIX_ALL = "source.fixAll.wasmvet"


class WasmvetProtocol(LanguageServerProtocol):
    """Prefers UTF-8 positions whenever the client offers them (pygls takes the client's
    first choice), so columns need no conversion for such clients."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Generator[Any, Any, Any]:
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            offered = list(general.position_encodings)
            if lsp.PositionEncodingKind.Utf8 in offered:
                offered.remove(lsp.PositionEncodingKind.Utf8)
                general.position_encodings = [lsp.PositionEncodingKind.Utf8, *offered]
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Answer a request whose params do not fit its method with a JSON-RPC error
        (pygls only logs it, and the client would wait forever)."""
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class WasmvetServer(LanguageServer):
    """State shared by the handlers: the linter, the last results and pending lint tasks."""

    def __init__(self) -> None:
        super().__init__("wasmvet", __version__, protocol_cls=WasmvetProtocol)
        self.linter = Linter()
        self.results: dict[str, tuple[int | None, Linted]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wasmvet-lint")
        self.config_errors_shown: set[str] = set()
        self.pull = False  # the client asks for diagnostics (textDocument/diagnostic)

    @property
    def encoding(self) -> str:
        """The negotiated position encoding: ``utf-8``, ``utf-16`` or ``utf-32``."""
        kind = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        return kind.value if isinstance(kind, lsp.PositionEncodingKind) else str(kind)

    def buffers(self) -> dict[Path, str]:
        """The text of every open Go document, by path."""
        found: dict[Path, str] = {}
        for uri, doc in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path is not None and path.endswith(".go"):
                found[Path(path)] = doc.source
        return found

    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint already waiting."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        await self.lint_and_publish(uri)

    async def lint_and_publish(self, uri: str) -> None:
        linted = await self.lint_now(uri)
        if linted is None or self.pull:
            return
        version, result = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri,
                version=version,
                diagnostics=[to_lsp(d, result.source, self.encoding) for d in result.diagnostics],
            )
        )

    async def lint_now(self, uri: str) -> tuple[int | None, Linted] | None:
        """Lint the document's current text; None if it changed meanwhile or failed."""
        doc = self.workspace.text_documents.get(uri)
        path = to_fs_path(uri)
        if doc is None or path is None:
            return None
        version = doc.version
        buffers = self.buffers()  # on the event loop: the worker must not see it change
        loop = asyncio.get_running_loop()
        try:
            linted = await loop.run_in_executor(self.executor, self._lint, Path(path), buffers)
        except Exception as exc:  # keep the last good diagnostics, say why in the log
            log.exception("linting %s failed", uri)
            self.window_log_message(
                lsp.LogMessageParams(
                    type=lsp.MessageType.Error,
                    message=f"wasmvet: analysing {path} failed: {type(exc).__name__}: {exc}",
                )
            )
            return None
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return None  # a newer version is on its way; never report stale results
        self.results[uri] = (version, linted)
        return version, linted

    def _lint(self, path: Path, buffers: dict[Path, str]) -> Linted:
        try:
            settings = self.linter.settings(path.parent)
        except (ConfigError, ValueError) as exc:
            message = str(exc)
            if message not in self.config_errors_shown:
                self.config_errors_shown.add(message)
                self.window_show_message(
                    lsp.ShowMessageParams(
                        type=lsp.MessageType.Error,
                        message=f"wasmvet: {message} (using defaults until it is fixed)",
                    )
                )
            settings = self.linter.fallback()
        return self.linter.lint(path, buffers, settings)

    def package_peers(self, uri: str) -> list[str]:
        """Other open Go documents in the same package directory as ``uri``."""
        path = to_fs_path(uri)
        if path is None:
            return []
        folder = Path(path).parent
        return [
            other
            for other in self.workspace.text_documents
            if other != uri
            and other.endswith(".go")
            and (p := to_fs_path(other)) is not None
            and Path(p).parent == folder
        ]

    def relint_all(self) -> None:
        self.config_errors_shown.clear()
        if self.pull:
            self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            if uri.endswith(".go"):
                self.schedule(uri, 0)


SERVER = WasmvetServer()


@SERVER.feature(lsp.INITIALIZE)
def initialize(ls: WasmvetServer, params: lsp.InitializeParams) -> None:
    ls.linter.overrides = overrides_from(params.initialization_options)
    text_document = params.capabilities.text_document
    ls.pull = text_document is not None and text_document.diagnostic is not None


@SERVER.feature(
    lsp.TEXT_DOCUMENT_DIAGNOSTIC,
    lsp.DiagnosticOptions(
        identifier="wasmvet", inter_file_dependencies=True, workspace_diagnostics=False
    ),
)
async def document_diagnostic(
    ls: WasmvetServer, params: lsp.DocumentDiagnosticParams
) -> lsp.FullDocumentDiagnosticReport:
    """Pull diagnostics, for clients that ask (push is used for the others)."""
    uri = params.text_document.uri
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    linted = await ls.lint_now(uri)
    if linted is None:
        stored = ls.results.get(uri)
        items = stored[1].diagnostics if stored else []
        source = stored[1].source if stored else None
    else:
        items, source = linted[1].diagnostics, linted[1].source
    return lsp.FullDocumentDiagnosticReport(
        items=[to_lsp(d, source, ls.encoding) for d in items] if source else []
    )


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WasmvetServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WasmvetServer, params: lsp.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.schedule(uri)
    for other in ls.package_peers(uri):
        ls.schedule(other, DEBOUNCE_SECONDS * 4)  # the package view changed for them too


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: WasmvetServer, params: lsp.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri.endswith(("wasmvet.toml", "go.mod")):
        ls.linter.forget_configs()
        ls.relint_all()
    else:
        ls.schedule(params.text_document.uri, 0)


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WasmvetServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.results.pop(uri, None)
    path = to_fs_path(uri)
    if path is not None:
        ls.linter.close(Path(path))
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: WasmvetServer, params: lsp.DidChangeConfigurationParams) -> None:
    if params.settings:
        ls.linter.overrides = overrides_from(params.settings)
    ls.relint_all()


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: WasmvetServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    ls.linter.forget_configs()
    ls.relint_all()


@SERVER.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
)
def code_action(ls: WasmvetServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    stored = ls.results.get(uri)
    doc = ls.workspace.text_documents.get(uri)
    if stored is None or doc is None or stored[0] != doc.version:
        return []
    linted = stored[1]
    only = params.context.only
    actions: list[lsp.CodeAction] = []
    if only is None or lsp.CodeActionKind.QuickFix in only:
        actions += quick_fixes(ls, uri, linted, params.range)
    if only is None or any(str(k).startswith(FIX_ALL) or k == "source.fixAll" for k in only):
        actions += fix_all(ls, uri, linted)
    return actions


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)


def quick_fixes(
    ls: WasmvetServer, uri: str, linted: Linted, wanted: lsp.Range
) -> list[lsp.CodeAction]:
    actions: list[lsp.CodeAction] = []
    for diag in linted.diagnostics:
        lsp_diag = to_lsp(diag, linted.source, ls.encoding)
        if not _overlaps(lsp_diag.range, wanted):
            continue
        if diag.fix is not None:
            edits = text_edits(diag.fix, linted.source, ls.encoding)
            actions.append(
                lsp.CodeAction(
                    title=f"{diag.fix.message} ({diag.code})",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diag],
                    is_preferred=diag.fix.applicability is Applicability.SAFE,
                    edit=lsp.WorkspaceEdit(changes={uri: edits}),
                )
            )
        if diag.code != "WV900":
            actions.append(suppress_action(ls, uri, linted, diag.code, lsp_diag))
        actions += switch_actions(diag, lsp_diag, ls.encoding, _can_create_files(ls))
    return actions


def _can_create_files(ls: WasmvetServer) -> bool:
    workspace = ls.client_capabilities.workspace
    edit = workspace.workspace_edit if workspace is not None else None
    operations = edit.resource_operations if edit is not None else None
    return bool(edit and edit.document_changes and operations and "create" in operations)


def suppress_action(
    ls: WasmvetServer, uri: str, linted: Linted, code: str, lsp_diag: lsp.Diagnostic
) -> lsp.CodeAction:
    """Append ``//wasmvet:ignore CODE reason`` to the finding's line."""
    line = lsp_diag.range.start.line
    text = linted.source.line_text(line)
    end = lsp.Position(
        line=line, character=linted.source.column_in(line, len(text.encode()), ls.encoding)
    )
    return lsp.CodeAction(
        title=f"Suppress {code} on this line",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[lsp_diag],
        edit=lsp.WorkspaceEdit(
            changes={
                uri: [
                    lsp.TextEdit(
                        range=lsp.Range(start=end, end=end),
                        new_text=f" //wasmvet:ignore {code} reason",
                    )
                ]
            }
        ),
    )


def fix_all(ls: WasmvetServer, uri: str, linted: Linted) -> list[lsp.CodeAction]:
    """Every safe fix at once, skipping any that overlaps one already taken."""
    taken: list[tuple[int, int]] = []
    edits: list[lsp.TextEdit] = []
    source = linted.source
    for diag in linted.diagnostics:
        fix = diag.fix
        if fix is None or fix.applicability is not Applicability.SAFE:
            continue
        spans = [
            (
                source.offset(e.span.start_line, e.span.start_col),
                source.offset(e.span.end_line, e.span.end_col),
            )
            for e in fix.edits
            if e.path == source.path
        ]
        if any((s < te and ts < e) or s == ts for s, e in spans for ts, te in taken):
            continue
        new = text_edits(fix, source, ls.encoding)
        if any(e in edits for e in new):
            new = [e for e in new if e not in edits]
        taken += spans
        edits += new
    if not edits:
        return []
    return [
        lsp.CodeAction(
            title="Apply all safe wasmvet fixes",
            kind=FIX_ALL,
            edit=lsp.WorkspaceEdit(changes={uri: edits}),
        )
    ]


@SERVER.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: WasmvetServer, params: lsp.HoverParams) -> lsp.Hover | None:
    stored = ls.results.get(params.text_document.uri)
    if stored is None:
        return None
    linted = stored[1]
    line = params.position.line
    col = byte_column(linted.source, params.position, ls.encoding)
    rules = all_rules()
    for diag in linted.diagnostics:
        span = diag.span
        if (span.start_line, span.start_col) <= (line, col) <= (span.end_line, span.end_col):
            rule = rules.get(diag.code)
            if rule is None:
                continue
            header = f"**{diag.code}** ({', '.join(diag.targets)}): {diag.message}\n\n---\n\n"
            return lsp.Hover(
                contents=lsp.MarkupContent(
                    kind=lsp.MarkupKind.Markdown, value=header + rule.explain()
                )
            )
    return None


def main(tcp: str | None = None) -> int:
    """Serve over stdio, or over TCP at ``HOST:PORT`` for debugging."""
    if tcp:
        host, _, port = tcp.rpartition(":")
        SERVER.start_tcp(host or "127.0.0.1", int(port))
    else:
        SERVER.start_io()
    return 0
