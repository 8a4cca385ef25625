"""The language server's handlers: diagnostics as you type, quick fixes, hover, settings."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, cast

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from wasmvet.config import CONFIG_NAMES
from wasmvet.lsp.actions import FIX_ALL, code_actions
from wasmvet.lsp.convert import byte_column
from wasmvet.lsp.hover import hover_markdown
from wasmvet.lsp.protocol import OneLineMessageErrors, ResyncingInput
from wasmvet.lsp.state import Client, WasmvetServer
from wasmvet.lsp.warmup import warm_up

log = logging.getLogger(__name__)
WATCHED = ("**/*.go", "**/go.mod", *(f"**/{name}" for name in CONFIG_NAMES))


SERVER = WasmvetServer()


@SERVER.feature(lsp.INITIALIZE)
def initialize(ls: WasmvetServer, params: lsp.InitializeParams) -> None:
    ls.init_options = params.initialization_options
    ls.apply_settings(params.initialization_options)
    ls.client = Client(params.capabilities)
    folders = [to_fs_path(f.uri) for f in params.workspace_folders or []]
    if not folders and params.root_uri:
        folders = [to_fs_path(params.root_uri)]
    if not folders and params.root_path:
        folders = [params.root_path]
    ls.roots = [Path(f) for f in folders if f]


@SERVER.feature(lsp.INITIALIZED)
async def initialized(ls: WasmvetServer, params: lsp.InitializedParams) -> None:
    if ls.client.watch:
        watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        try:
            await ls.client_register_capability_async(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="wasmvet-watched-files",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )
        except Exception as exc:
            log.warning("registering file watchers failed: %s", exc)
    await ls.pull_settings()
    ls.start_workspace_lint()


@SERVER.feature(lsp.SHUTDOWN)
def shutdown(ls: WasmvetServer, params: None) -> None:
    ls.shutting_down = True
    if ls.workspace_task is not None:
        ls.workspace_task.cancel()
    ls.queue.cancel_all()
    ls.stop_background()
    ls.results.wake()


@SERVER.feature(
    lsp.TEXT_DOCUMENT_DIAGNOSTIC,
    lsp.DiagnosticOptions(
        identifier="wasmvet", inter_file_dependencies=True, workspace_diagnostics=True
    ),
)
async def document_diagnostic(
    ls: WasmvetServer, params: lsp.DocumentDiagnosticParams
) -> lsp.FullDocumentDiagnosticReport | lsp.UnchangedDocumentDiagnosticReport:
    """Pull diagnostics for one document, for clients that ask (the others get pushed)."""
    uri = params.text_document.uri
    await ls.current(uri)
    stored = ls.results.get(uri)
    if stored is None:
        return lsp.FullDocumentDiagnosticReport(items=[])
    if params.previous_result_id == stored.result_id:
        return lsp.UnchangedDocumentDiagnosticReport(result_id=stored.result_id)
    return lsp.FullDocumentDiagnosticReport(items=stored.items, result_id=stored.result_id)


@SERVER.feature(lsp.WORKSPACE_DIAGNOSTIC)
async def workspace_diagnostic(
    ls: WasmvetServer, params: lsp.WorkspaceDiagnosticParams
) -> lsp.WorkspaceDiagnosticReport:
    """Every file's diagnostics that the client does not have yet. Answered at once when
    something changed, otherwise held open until something does (long polling, as VS Code
    expects: it asks again as soon as it has an answer)."""
    ls.client.workspace_pull = True
    previous = {p.uri: p.value for p in params.previous_result_ids}
    while True:
        reports: list[lsp.WorkspaceDocumentDiagnosticReport] = [
            lsp.WorkspaceFullDocumentDiagnosticReport(
                uri=uri, items=stored.items, version=stored.version, result_id=stored.result_id
            )
            for uri, stored in ls.results.items()
            if previous.get(uri) != stored.result_id
        ]
        if reports or ls.shutting_down:
            return lsp.WorkspaceDiagnosticReport(items=reports)
        await ls.results.wait_for_change()


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WasmvetServer, params: lsp.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    stored = ls.results.get(uri)
    if ls.client.pull and not ls.client.workspace_pull and stored and stored.items:
        # it was pushed while closed; pulls report it from now on
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.request(uri)


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WasmvetServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.request(params.text_document.uri)


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: WasmvetServer, params: lsp.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri.endswith(("wasmvet.toml", "go.mod")):
        ls.linter.forget_configs()
        ls.relint_all()


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WasmvetServer, params: lsp.DidCloseTextDocumentParams) -> None:
    """The file's diagnostics now come from its text on disk."""
    uri = params.text_document.uri
    path = to_fs_path(uri)
    if path is None or not path.endswith(".go"):
        return
    directory = Path(path).parent
    ls.linter.close(Path(path), set(ls.open_documents()))
    # cancels the lint of the buffer; the package again as on disk, after the edits elsewhere
    ls.queue.cancel(directory)
    ls.queue.request(directory, background=not ls.has_open_documents(directory))


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: WasmvetServer, params: lsp.DidChangeConfigurationParams
) -> None:
    """A payload with wasmvet's settings is used as is; any other (VS Code sends an empty
    one) means: ask for them. A burst of changes is applied once, after it."""
    ls.settings_changed(params.settings)


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
async def did_change_workspace_folders(
    ls: WasmvetServer, params: lsp.DidChangeWorkspaceFoldersParams
) -> None:
    """Folders added are linted with their own settings; closed files under removed ones
    lose their diagnostics."""

    def paths(folders: Sequence[lsp.WorkspaceFolder]) -> list[Path]:
        return [Path(p) for f in folders if (p := to_fs_path(f.uri)) is not None]

    ls.change_folders(paths(params.event.added), paths(params.event.removed))
    await ls.pull_settings()
    ls.relint_all()


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: WasmvetServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    paths = [Path(p) for c in params.changes if (p := to_fs_path(c.uri)) is not None]
    if any(p.name in (*CONFIG_NAMES, "go.mod") for p in paths):
        ls.linter.forget_configs()
        ls.relint_all()
        return
    open_paths = ls.open_documents()
    for directory in dict.fromkeys(p.parent for p in paths if p.suffix == ".go"):
        ls.queue.request(directory, background=not any(p.parent == directory for p in open_paths))


@SERVER.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
)
async def code_action(ls: WasmvetServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    await ls.current(uri)
    stored = ls.results.get(uri)
    doc = ls.workspace.text_documents.get(uri)
    if stored is None or doc is None or stored.version != doc.version:
        return []  # the text changed since the lint: edits would land in the wrong place
    only = [
        str(k.value if isinstance(k, lsp.CodeActionKind) else k) for k in params.context.only or []
    ]
    return code_actions(
        uri, stored, params.range, only or None, ls.encoding, ls.client.create_files
    )


@SERVER.feature(lsp.TEXT_DOCUMENT_HOVER)
async def hover(ls: WasmvetServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    await ls.current(uri)
    stored = ls.results.get(uri)
    doc = ls.workspace.text_documents.get(uri)
    if stored is None or stored.gofile is None or doc is None or stored.version != doc.version:
        return None
    source = stored.gofile.source
    line = params.position.line
    text = hover_markdown(stored, line, byte_column(source, params.position, ls.encoding))
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


def main(tcp: str | None = None) -> int:
    """Serve over stdio, or over TCP at ``HOST:PORT`` for debugging."""
    stderr = logging.StreamHandler()  # the editor's log: warnings and errors, one line each
    stderr.setLevel(logging.WARNING)
    stderr.addFilter(OneLineMessageErrors())
    logging.getLogger().addHandler(stderr)
    warm_up()
    if tcp:
        host, _, port = tcp.rpartition(":")
        SERVER.start_tcp(host or "127.0.0.1", int(port))
    else:
        SERVER.start_io(stdin=cast(BinaryIO, ResyncingInput(sys.stdin.buffer)))
    return 0
