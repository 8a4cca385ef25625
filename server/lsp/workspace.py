"""Linting the whole workspace on start, with work-done progress the user can cancel."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from wasmvet.analysis.loader import discover


def package_directories(roots: list[Path]) -> list[Path]:
    """Every directory with Go files below ``roots``, as ``./...`` finds them (skipping
    ``testdata``, ``vendor`` and ``_``- or ``.``-prefixed directories), modules nested in a
    root included (as gopls lints them)."""
    found = discover(
        [f"{root}/..." for root in roots if root.is_dir()], tests=True, nested_modules=True
    )
    return [pkg.path for pkg in found.packages]


class Progress:
    """A work-done progress bar, or nothing when the client cannot show one."""

    def __init__(self, server: LanguageServer, supported: bool) -> None:
        self._server = server
        self._supported = supported
        self.token: str | None = None
        self._cancel: Future[None] | None = None

    async def begin(self, title: str, message: str) -> None:
        if not self._supported:
            return
        token = f"wasmvet-workspace-{uuid.uuid4().hex[:8]}"
        try:
            await asyncio.wait_for(self._server.work_done_progress.create_async(token), 10)
        except Exception:  # refused or unanswered: lint without a progress bar
            return
        self.token = token
        self._cancel = self._server.work_done_progress.tokens.get(token)
        self._server.work_done_progress.begin(
            token,
            lsp.WorkDoneProgressBegin(title=title, message=message, cancellable=True, percentage=0),
        )

    @property
    def cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.cancelled()

    def report(self, message: str, percentage: int) -> None:
        if self.token is not None:
            self._server.work_done_progress.report(
                self.token, lsp.WorkDoneProgressReport(message=message, percentage=percentage)
            )

    def end(self, message: str) -> None:
        if self.token is not None:
            self._server.work_done_progress.end(
                self.token, lsp.WorkDoneProgressEnd(message=message)
            )
            self._server.work_done_progress.tokens.pop(self.token, None)
            self.token = None


async def lint_workspace(
    server: LanguageServer,
    roots: list[Path],
    progress_supported: bool,
    lint: Callable[[Path], Awaitable[None]],
    skip: Callable[[Path], bool],
) -> int:
    """Lint each package under ``roots`` (one at a time, in the background so that edits
    go first) unless ``skip`` says it is linted already (it has open documents). Returns
    the number of packages linted; stops early when the user cancels the progress."""
    loop = asyncio.get_running_loop()
    directories = await loop.run_in_executor(None, package_directories, roots)
    progress = Progress(server, progress_supported)
    await progress.begin("wasmvet", f"linting {len(directories)} packages")
    done = 0
    try:
        for index, directory in enumerate(directories):
            if progress.cancelled:
                progress.end(f"cancelled after {done} of {len(directories)} packages")
                return done
            if not skip(directory):
                await lint(directory)
                done += 1
            progress.report(
                str(
                    directory.relative_to(roots[0])
                    if directory.is_relative_to(roots[0])
                    else directory
                ),
                (index + 1) * 100 // max(1, len(directories)),
            )
    except asyncio.CancelledError:
        progress.end(f"stopped after {done} of {len(directories)} packages")
        raise
    progress.end(f"{done} packages linted")
    return done
