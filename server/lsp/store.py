"""The diagnostics last reported for each file, with result ids for pull clients."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp

from wasmvet.analysis.package import GoFile
from wasmvet.diagnostics import Diagnostic
from wasmvet.lsp.linting import PackageLint


@dataclass
class Stored:
    """One file's diagnostics. Open documents also keep the package as it was linted (for
    code actions and hover); files that are not open keep only the LSP objects."""

    path: Path
    version: int | None  # the document version linted; None for a file that is not open
    items: list[lsp.Diagnostic]
    result_id: str
    lint: PackageLint | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # aligned with ``items``

    @property
    def gofile(self) -> GoFile | None:
        return self.lint.files.get(self.path) if self.lint is not None else None


class Results:
    """Stored diagnostics by URI; ``wait_for_change`` wakes when any file's list changes."""

    def __init__(self) -> None:
        self._by_uri: dict[str, Stored] = {}
        self._ids = itertools.count(1)
        self._changed = asyncio.Event()

    def get(self, uri: str) -> Stored | None:
        return self._by_uri.get(uri)

    def items(self) -> Iterator[tuple[str, Stored]]:
        return iter(list(self._by_uri.items()))

    def in_directory(self, directory: Path) -> list[str]:
        return [uri for uri, s in self._by_uri.items() if s.path.parent == directory]

    def put(
        self,
        uri: str,
        path: Path,
        version: int | None,
        items: list[lsp.Diagnostic],
        lint: PackageLint | None = None,
        diagnostics: list[Diagnostic] | None = None,
    ) -> bool:
        """Store a file's diagnostics; True when they differ from what was stored."""
        old = self._by_uri.get(uri)
        changed = old is None or old.items != items
        result_id = str(next(self._ids)) if changed or old is None else old.result_id
        self._by_uri[uri] = Stored(path, version, items, result_id, lint, diagnostics or [])
        if changed:
            self._changed.set()
            self._changed = asyncio.Event()
        return changed

    async def wait_for_change(self) -> None:
        await self._changed.wait()

    def wake(self) -> None:
        """Wake every waiter (at shutdown)."""
        self._changed.set()
        self._changed = asyncio.Event()
