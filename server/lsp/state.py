"""The language server's state: what the client can do, the results, and how a package's
lint is run, stored and reported."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from wasmvet import __version__
from wasmvet.analysis.dependencies import forget_facts
from wasmvet.analysis.source import stopped_note
from wasmvet.cancellation import Cancelled, Token, cancellable
from wasmvet.config import ConfigError
from wasmvet.lsp.background import summarise, worker_pool
from wasmvet.lsp.convert import to_lsp, uri_of
from wasmvet.lsp.linting import Linter, PackageLint, Summaries, innermost
from wasmvet.lsp.options import SECTION, has_settings, lint_workspace, merged, overrides_from
from wasmvet.lsp.protocol import UNREADABLE, WasmvetProtocol
from wasmvet.lsp.queue import LintQueue
from wasmvet.lsp.store import Results
from wasmvet.lsp.workspace import lint_workspace as run_workspace_lint
from wasmvet.settings import Overrides, Settings

if TYPE_CHECKING:
    from pygls.server import ServerErrors

log = logging.getLogger(__name__)
SETTINGS_DEBOUNCE = 0.25  # seconds without didChangeConfiguration before settings apply


class Client:
    """What the client said it can do, from its capabilities."""

    def __init__(self, caps: lsp.ClientCapabilities | None = None) -> None:
        caps = caps or lsp.ClientCapabilities()
        text, ws, window = caps.text_document, caps.workspace, caps.window
        self.pull = text is not None and text.diagnostic is not None
        # A client that can refresh workspace diagnostics asks for them (workspace/diagnostic)
        self.workspace_pull = self.pull and ws is not None and ws.diagnostics is not None
        self.refresh = bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)
        self.configuration = bool(ws and ws.configuration)
        watched = ws.did_change_watched_files if ws is not None else None
        self.watch = bool(watched and watched.dynamic_registration)
        self.progress = bool(window and window.work_done_progress)
        edit = ws.workspace_edit if ws is not None else None
        operations = edit.resource_operations if edit is not None else None
        self.create_files = bool(
            edit and edit.document_changes and operations and "create" in operations
        )


class WasmvetServer(LanguageServer):
    """The linter, the stored results and the queue of packages to lint."""

    def __init__(self) -> None:
        super().__init__("wasmvet", __version__, protocol_cls=WasmvetProtocol)
        self.linter = Linter()
        self.results = Results()
        self.queue: LintQueue[Path] = LintQueue(self.lint_package, self.package_bytes)
        # one thread per lane of the queue
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wasmvet-lint")
        self.client = Client()
        self.init_options: Any = None
        self.editor_settings: dict[str, Any] = {}
        self.folder_settings: dict[Path, dict[str, Any]] = {}
        self.roots: list[Path] = []
        self.workspace_task: asyncio.Task[int] | None = None
        self.settings_task: asyncio.Task[None] | None = None
        self.settings_payload: Any = None
        self.settings_before: tuple[Overrides, dict[Path, Overrides], dict[Path, bool]] = (
            Overrides(),
            {},
            {},
        )
        self.config_errors_shown: set[str] = set()
        self.stopped_shown: set[Path] = set()  # files whose parse ran past its budget
        self.shutting_down = False
        self.pool: ProcessPoolExecutor | None = None
        """The background worker that computes dependency summaries (started on need)."""
        self.summarising: dict[Path, asyncio.Task[None]] = {}
        self.after_summaries: set[Path] = set()
        """Packages whose next lint follows a background round of summaries."""
        self.full_lints: set[Path] = set()
        """Packages to lint computing summaries in the lint itself (the round failed)."""

    def report_server_error(self, error: Exception, source: ServerErrors) -> None:
        """A message that could not be read or handled: JSON-RPC's parse error when it was
        not JSON (a message with an id got its own error already), and a line on stderr
        (OneLineMessageErrors) instead of pygls's pop-up."""
        if isinstance(error, UNREADABLE) and isinstance(self.protocol, WasmvetProtocol):
            self.protocol.report_unreadable(error)
        elif source is not JsonRpcException:
            super().report_server_error(error, source)

    @property
    def encoding(self) -> str:
        """The negotiated position encoding: ``utf-8``, ``utf-16`` or ``utf-32``."""
        kind = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        return kind.value if isinstance(kind, lsp.PositionEncodingKind) else str(kind)

    def open_documents(self) -> dict[Path, str]:
        """The URI of every open Go document, by path."""
        found: dict[Path, str] = {}
        for uri in self.workspace.text_documents:
            path = to_fs_path(uri)
            if path is not None and path.endswith(".go"):
                found[Path(path)] = uri
        return found

    def directory_of(self, uri: str) -> Path | None:
        path = to_fs_path(uri)
        return Path(path).parent if path is not None and path.endswith(".go") else None

    def has_open_documents(self, directory: Path) -> bool:
        return any(p.parent == directory for p in self.open_documents())

    def in_workspace(self, path: Path) -> bool:
        return any(path.is_relative_to(root) for root in self.roots)

    # -- linting -----------------------------------------------------------------------------

    def request(self, uri: str) -> asyncio.Future[None] | None:
        """Lint the package of ``uri`` as soon as the linter is free."""
        directory = self.directory_of(uri)
        return self.queue.request(directory) if directory is not None else None

    def settings_for(self, directory: Path) -> Settings:
        """Settings for a package; a broken configuration is shown once and defaults used."""
        try:
            return self.linter.settings(directory)
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
            return self.linter.fallback()

    def package_bytes(self, directory: Path) -> int:
        """What a package's lint reads: its open documents and its other Go files on disk."""
        documents = {p: u for p, u in self.open_documents().items() if p.parent == directory}
        size = sum(len(self.workspace.text_documents[u].source) for u in documents.values())
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".go") and Path(entry.path) not in documents:
                    with contextlib.suppress(OSError):
                        size += entry.stat().st_size
        return size

    async def lint_package(self, directory: Path, token: Token) -> None:
        """Lint one package with the open documents as they are now, then report it (unless
        ``token`` was cancelled meanwhile)."""
        documents = {p: u for p, u in self.open_documents().items() if p.parent == directory}
        buffers = {p: self.workspace.text_documents[u].source for p, u in documents.items()}
        versions = {u: self.workspace.text_documents[u].version for u in documents.values()}
        settings = self.settings_for(directory)
        tests = settings.tests or any(p.name.endswith("_test.go") for p in documents)
        loop = asyncio.get_running_loop()
        mode: Summaries = "all" if directory in self.full_lints else "known"
        self.full_lints.discard(directory)
        after_round = directory in self.after_summaries
        self.after_summaries.discard(directory)

        def lint() -> PackageLint:
            with cancellable(token):
                return self.linter.lint_package(directory, buffers, settings, tests, mode)

        try:
            result = await loop.run_in_executor(self.executor, lint)
        except Cancelled:
            log.debug("lint of %s cancelled", directory)
            return
        except Exception as exc:  # keep the last good diagnostics, say why in the log
            log.exception("linting %s failed", directory)
            self.window_log_message(
                lsp.LogMessageParams(
                    type=lsp.MessageType.Error,
                    message=f"wasmvet: analysing {directory} failed: {type(exc).__name__}: {exc}",
                )
            )
            return
        if not token.cancelled:
            self.report(result, documents, versions)
            self.tell_stopped(result)
            if result.pending:
                self.summarise(directory, (buffers, settings, tests), after_round)

    def tell_stopped(self, lint: PackageLint) -> None:
        """Say once per file (until it parses within the budget again) that its parse was
        stopped, so its findings may be incomplete."""
        for path, gofile in lint.files.items():
            seconds = gofile.source.stopped
            if seconds is None:
                self.stopped_shown.discard(path)
            elif path not in self.stopped_shown:
                self.stopped_shown.add(path)
                self.window_show_message(
                    lsp.ShowMessageParams(
                        type=lsp.MessageType.Warning,
                        message=f"wasmvet: {stopped_note(path, seconds)}",
                    )
                )

    def summarise(
        self, directory: Path, lint: tuple[dict[Path, str], Settings, bool], after_round: bool
    ) -> None:
        """Compute a package's missing dependency summaries in the background worker, then
        lint it again; when a round did not make them known (no summary cache to keep them
        in), the next lint computes them itself."""
        if self.shutting_down or directory in self.summarising:
            return
        if after_round:
            self.full_lints.add(directory)
            self.queue.request(directory, background=True)
            return
        task = asyncio.ensure_future(self._summarise(directory, lint))
        self.summarising[directory] = task
        task.add_done_callback(lambda _: self.summarising.pop(directory, None))

    async def _summarise(
        self, directory: Path, lint: tuple[dict[Path, str], Settings, bool]
    ) -> None:
        if self.pool is None:
            self.pool = worker_pool()
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self.pool, summarise, directory, *lint)
        except Exception as exc:  # a broken worker: the lint computes them itself
            log.warning("background summaries of %s failed: %s", directory, exc)
            self.pool = None
            self.full_lints.add(directory)
        if self.shutting_down:
            return
        forget_facts()  # read the worker's entries from the summary cache
        self.after_summaries.add(directory)
        self.queue.request(directory, background=True)

    def stop_background(self) -> None:
        """Shutdown: the worker stops with its current job."""
        for task in list(self.summarising.values()):
            task.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def report(
        self, lint: PackageLint, documents: dict[Path, str], versions: dict[str, int | None]
    ) -> None:
        """Store and publish a package's results: open documents only if they did not change
        since (a newer lint is queued then), the edited ones first."""
        sources = lint.sources
        reported: set[str] = set()
        now_open = self.open_documents()
        refresh = False
        for path in sorted(lint.diagnostics, key=lambda p: p not in documents):
            found = lint.diagnostics[path]
            uri = documents.get(path) or now_open.get(path) or uri_of(path)
            items = [to_lsp(d, sources, self.encoding) for d in found]
            if path in documents:
                reported.add(uri)
                doc = self.workspace.text_documents.get(uri)
                if doc is None or doc.version != versions[uri]:
                    continue
                before = self.results.get(uri)
                changed = self.results.put(uri, path, doc.version, items, lint, found)
                # the text did not change, another file of the package did: pull clients
                # would not ask again on their own
                refresh |= changed and before is not None and before.version == doc.version
                self.publish(uri, doc.version, items, is_open=True)
            elif path in now_open:
                reported.add(uri)  # opened during the lint: its own lint is queued
            elif self.in_workspace(path):
                reported.add(uri)
                if self.results.put(uri, path, None, items):
                    self.publish(uri, None, items, is_open=False)
        for uri in self.results.in_directory(lint.directory):
            stored = self.results.get(uri)
            if uri in reported or stored is None or not stored.items:
                continue
            self.results.put(uri, stored.path, stored.version, [])  # deleted or now excluded
            self.publish(uri, stored.version, [], is_open=stored.version is not None)
        if refresh and self.client.pull and self.client.refresh:
            self.workspace_diagnostic_refresh(None)

    def publish(
        self, uri: str, version: int | None, items: list[lsp.Diagnostic], is_open: bool
    ) -> None:
        """Push diagnostics, unless the client pulls them: open documents through
        textDocument/diagnostic, the others through workspace/diagnostic when it asks."""
        if self.client.pull and (is_open or self.client.workspace_pull):
            return
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=items)
        )

    async def current(self, uri: str) -> None:
        """Wait until the stored results of ``uri`` are those of its current text (every
        change asks for a lint, so the last one asked for is the one to wait for)."""
        directory = self.directory_of(uri)
        for _ in range(5):
            doc = self.workspace.text_documents.get(uri)
            stored = self.results.get(uri)
            version = doc.version if doc is not None else None
            if directory is None or (stored is not None and stored.version == version):
                return
            await (self.queue.latest(directory) or self.queue.request(directory))

    def settings_changed(self, payload: Any) -> None:
        """didChangeConfiguration: settings in the payload apply at once (to every lint that
        starts from now on); asking the client for them (an empty payload) and linting again
        wait until a burst of changes is over (``SETTINGS_DEBOUNCE``), and then lint only the
        packages whose settings differ from those before the burst."""
        if self.settings_task is None or self.settings_task.done():
            self.settings_before = (
                self.linter.overrides,
                dict(self.linter.folder_overrides),
                {r: self.lints_workspace(r) for r in self.roots},
            )
        else:
            self.settings_task.cancel()
        self.settings_payload = payload
        if has_settings(payload):
            self.apply_settings(self.init_options, payload)
        self.settings_task = asyncio.ensure_future(self._apply_changed_settings())

    async def _apply_changed_settings(self) -> None:
        await asyncio.sleep(SETTINGS_DEBOUNCE)
        if not has_settings(self.settings_payload):
            await self.pull_settings()
        overrides, by_folder, lint_before = self.settings_before

        def changed(directory: Path) -> bool:
            return innermost(directory, overrides, by_folder) != self.linter.overrides_for(
                directory
            )

        self.config_errors_shown.clear()
        for path, uri in self.open_documents().items():
            if changed(path.parent):
                self.request(uri)
        roots = [
            r
            for r in self.roots
            if self.lints_workspace(r) and (changed(r) or not lint_before.get(r, False))
        ]
        if roots:
            self.start_workspace_lint(roots)

    def relint_all(self) -> None:
        """Settings changed: lint the open documents now and the workspace again."""
        self.config_errors_shown.clear()
        for uri in self.open_documents().values():
            self.request(uri)
        self.start_workspace_lint()

    def lints_workspace(self, root: Path) -> bool:
        return lint_workspace(self.folder_settings.get(root, self.editor_settings))

    def start_workspace_lint(self, roots: list[Path] | None = None) -> None:
        """Lint every package under ``roots`` (default: the workspace folders) in the
        background, those with open documents excepted."""
        if self.workspace_task is not None:
            self.workspace_task.cancel()
        roots = [r for r in (self.roots if roots is None else roots) if self.lints_workspace(r)]
        if not roots:
            return
        self.workspace_task = asyncio.ensure_future(
            run_workspace_lint(
                self,
                roots,
                self.client.progress,
                lambda d: self.queue.request(d, background=True),
                self.has_open_documents,
            )
        )

    async def pull_settings(self) -> None:
        """Editor settings: initializationOptions under workspace/configuration (when the
        client answers it, asked for each workspace folder) under a non-empty
        didChangeConfiguration payload."""
        # A payload pushed while the question was out still wins (it is the newest).
        pushed = self.settings_payload if has_settings(self.settings_payload) else None
        if not self.client.configuration:
            self.apply_settings(self.init_options, pushed)
            return
        scopes: list[Path | None] = list(self.roots) or [None]
        items = [
            lsp.ConfigurationItem(scope_uri=uri_of(r) if r else None, section=SECTION)
            for r in scopes
        ]
        try:
            answer = await self.workspace_configuration_async(lsp.ConfigurationParams(items=items))
        except Exception as exc:  # a client that fails the request: keep what we have
            log.warning("workspace/configuration failed: %s", exc)
            self.apply_settings(self.init_options, pushed)
            return
        answers = list(answer or [])
        answers += [None] * (len(scopes) - len(answers))
        pushed = self.settings_payload if has_settings(self.settings_payload) else None
        per_folder = {
            r: merged(a, pushed) for r, a in zip(scopes, answers, strict=False) if r is not None
        }
        self.apply_settings(self.init_options, answers[0], pushed, per_folder=per_folder)

    def apply_settings(self, *layers: Any, per_folder: dict[Path, Any] | None = None) -> None:
        """Settings for the whole workspace (``layers``, later ones winning) and, when the
        client answered per folder, for each workspace folder (its answer over
        initializationOptions)."""
        self.editor_settings = merged(*layers)
        self.folder_settings = {
            root: merged(self.init_options, answer) for root, answer in (per_folder or {}).items()
        }
        self.linter.overrides = overrides_from(self.editor_settings)
        self.linter.folder_overrides = {
            root: overrides_from(found) for root, found in self.folder_settings.items()
        }

    def change_folders(self, added: list[Path], removed: list[Path]) -> None:
        """Workspace folders were added or removed: forget the closed files' diagnostics
        under removed ones (no longer in the workspace)."""
        self.roots = [r for r in self.roots if r not in removed]
        self.roots += [r for r in added if r not in self.roots]
        for uri, stored in self.results.items():
            if stored.version is None and stored.items and not self.in_workspace(stored.path):
                self.results.put(uri, stored.path, None, [])
                self.publish(uri, None, [], is_open=False)
