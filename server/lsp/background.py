"""Dependency summaries worked out off the edit path, in a process of their own.

An edit-time lint answers calls into dependencies from the summaries already known (in
memory or in the summary cache) and says when some were missing. The server then asks this
process to lint the package with every summary computed and settled, which stores them in
the summary cache; a second lint of the package reads them there and publishes the
findings through dependencies. A process, not a thread: summarising a large dependency tree
would otherwise hold the interpreter lock the edit-time lints need.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from wasmvet.lsp.linting import Linter
from wasmvet.settings import Settings

_LINTER = Linter()  # the worker's own: its parsed dependency files stay warm between jobs


def summarise(directory: Path, buffers: dict[Path, str], settings: Settings, tests: bool) -> None:
    """Lint a package with every dependency summary computed and stored (in the worker)."""
    _LINTER.lint_package(directory, buffers, settings, tests, "settle")


def worker_pool() -> ProcessPoolExecutor:
    """One worker, started fresh (spawn: the server's threads are not forked)."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
