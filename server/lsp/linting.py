"""Linting open documents: the package view from disk, with open buffers in place of files."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.source import SourceFile, UnreadableSource
from wasmvet.config import load_config
from wasmvet.diagnostics import Diagnostic
from wasmvet.engine import analyse_files
from wasmvet.gomod import LATEST_GO_MINOR, module_go_minor
from wasmvet.settings import Overrides, Settings, resolve


@dataclass
class Linted:
    """One document's findings and the exact source they refer to."""

    source: SourceFile
    diagnostics: list[Diagnostic]


@dataclass
class Linter:
    """Lints a document with its package; caches parsed files that did not change."""

    overrides: Overrides = field(default_factory=Overrides)
    _disk: dict[Path, tuple[float, int, GoFile]] = field(default_factory=dict)
    _buffers: dict[Path, tuple[bytes, GoFile]] = field(default_factory=dict)

    def forget_configs(self) -> None:
        """Drop cached configuration (a wasmvet.toml changed)."""
        load_config.cache_clear()
        module_go_minor.cache_clear()

    def settings(self, directory: Path) -> Settings:
        """Settings for a folder; ConfigError when its wasmvet.toml is broken."""
        return resolve(directory, self.overrides)

    def fallback(self) -> Settings:
        """Defaults (plus editor settings) used while a wasmvet.toml is broken."""
        return resolve(Path("/"), Overrides(isolated=True))

    def _from_disk(self, path: Path) -> GoFile | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        cached = self._disk.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime, stat.st_size):
            return cached[2]
        try:
            gofile = GoFile.from_source(SourceFile.read(path))
        except UnreadableSource:
            return None
        self._disk[path] = (stat.st_mtime, stat.st_size, gofile)
        return gofile

    def _from_buffer(self, path: Path, text: str) -> GoFile:
        data = text.encode("utf-8")
        cached = self._buffers.get(path)
        if cached is not None and cached[0] == data:
            return cached[1]
        previous = cached[1].source if cached is not None else None
        gofile = GoFile.from_source(SourceFile(path, data, previous))
        self._buffers[path] = (data, gofile)
        return gofile

    def close(self, path: Path) -> None:
        self._buffers.pop(path, None)

    def lint(self, path: Path, buffers: dict[Path, str], settings: Settings) -> Linted:
        """Lint the package of ``path``; ``buffers`` holds the text of open documents."""
        directory = path.parent
        tests = settings.tests or path.name.endswith("_test.go")
        names = {path}
        with contextlib.suppress(OSError):
            names |= {directory / n for n in os.listdir(directory) if n.endswith(".go")}
        names |= {p for p in buffers if p.parent == directory}
        files: list[GoFile] = []
        current: GoFile | None = None
        for name in sorted(names):
            if name != path and (
                name.name.startswith(("_", "."))
                or (name.name.endswith("_test.go") and not tests)
                or settings.excluded(name)
            ):
                continue
            gofile = (
                self._from_buffer(name, buffers[name]) if name in buffers else self._from_disk(name)
            )
            if gofile is None:
                continue
            files.append(gofile)
            if name == path:
                current = gofile
        if current is None:
            raise UnreadableSource(f"{path}: cannot read")
        go_minor = module_go_minor(directory.resolve()) or LATEST_GO_MINOR
        found = analyse_files(files, settings, go_minor)
        return Linted(current.source, [d for d in found if d.path == path])
