"""Linting a package as the editor sees it: files from disk, open buffers in their place."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from wasmvet import cache, summary_cache
from wasmvet.analysis.dependencies import MODE
from wasmvet.analysis.memo import MEMO
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.source import SourceFile, UnreadableSource
from wasmvet.cache import cache_dir_for
from wasmvet.config import ConfigError, load_config
from wasmvet.diagnostics import Diagnostic
from wasmvet.engine import analyse_files
from wasmvet.gomod import LATEST_GO_MINOR, module_go_minor
from wasmvet.inference import FileHints, infer_targets
from wasmvet.lsp.call_summary import CallSummaries
from wasmvet.runtime_model.model import Versions
from wasmvet.settings import Overrides, Settings, resolve
from wasmvet.summary_cache import SummaryCache
from wasmvet.suppressions import UNUSED_CODE

Summaries = Literal["known", "all", "settle"]


@dataclass
class PackageLint:
    """One package's findings, by file, and the exact sources they refer to."""

    directory: Path
    files: dict[Path, GoFile]
    diagnostics: dict[Path, list[Diagnostic]]
    targets: tuple[str, ...]
    versions: Versions  # the Go and TinyGo releases the lint assumed
    pending: bool = False
    """Some dependency summaries were not known yet: findings through them are missing."""
    calls: CallSummaries = field(default_factory=CallSummaries)
    """The package's calls into dependency functions, with their summaries (hover)."""

    @property
    def sources(self) -> dict[Path, SourceFile]:
        return {path: gofile.source for path, gofile in self.files.items()}


def innermost(directory: Path, overrides: Overrides, by_folder: dict[Path, Overrides]) -> Overrides:
    """``by_folder``'s entry for the innermost folder holding ``directory``, else ``overrides``."""
    holding = [root for root in by_folder if directory.is_relative_to(root)]
    if not holding:
        return overrides
    return by_folder[max(holding, key=lambda root: len(root.parts))]


@dataclass
class Linter:
    """Lints packages; keeps the parsed files of packages that have open documents."""

    overrides: Overrides = field(default_factory=Overrides)
    folder_overrides: dict[Path, Overrides] = field(default_factory=dict)
    _disk: dict[Path, tuple[float, int, GoFile]] = field(default_factory=dict)
    _buffers: dict[Path, tuple[bytes, GoFile]] = field(default_factory=dict)

    def forget_configs(self) -> None:
        """Drop cached configuration (a wasmvet.toml or go.mod changed)."""
        load_config.cache_clear()
        module_go_minor.cache_clear()

    def settings(self, directory: Path) -> Settings:
        """Settings for a folder, with the editor's settings of the innermost workspace
        folder holding it; ConfigError (or ValueError) when they are broken."""
        return resolve(directory, self.overrides_for(directory))

    def overrides_for(self, directory: Path) -> Overrides:
        """The editor's settings for the innermost workspace folder holding ``directory``."""
        return innermost(directory, self.overrides, self.folder_overrides)

    def fallback(self) -> Settings:
        """What to use while a wasmvet.toml is broken: the editor's settings over defaults,
        or plain defaults when the editor's settings are the broken part."""
        try:
            return resolve(Path("/"), replace(self.overrides, isolated=True))
        except (ConfigError, ValueError):
            return resolve(Path("/"), Overrides(isolated=True))

    def _from_disk(self, path: Path, keep: bool) -> GoFile | None:
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
        if keep:
            self._disk[path] = (stat.st_mtime, stat.st_size, gofile)
        return gofile

    def _from_buffer(self, path: Path, text: str) -> GoFile:
        data = text.encode("utf-8", "replace")  # a lone surrogate cannot be Go source
        cached = self._buffers.get(path)
        if cached is not None and cached[0] == data:
            return cached[1]
        previous = cached[1].source if cached is not None else None
        gofile = GoFile.from_source(SourceFile(path, data, previous))
        self._buffers[path] = (data, gofile)
        return gofile

    def close(self, path: Path, still_open: set[Path]) -> None:
        """Forget a closed buffer, and the package's disk files once none of it is open."""
        self._buffers.pop(path, None)
        if not any(p.parent == path.parent for p in still_open):
            for cached in [p for p in self._disk if p.parent == path.parent]:
                del self._disk[cached]

    def lint_package(
        self,
        directory: Path,
        buffers: dict[Path, str],
        settings: Settings,
        tests: bool,
        summaries: Summaries = "known",
    ) -> PackageLint:
        """Lint the Go package in ``directory``; ``buffers`` holds the open documents' text.

        Parsed files and analysis results are kept only for packages with an open document,
        so that linting a whole workspace does not keep every tree in memory. Dependency
        summaries are ``known`` ones only (memory, the summary cache: the lint says when
        some were missing), computed as needed (``all``), or computed and settled for the
        cache (``settle``: the background work).
        """
        cache_dir = cache_dir_for(directory, settings, None)
        writes = summaries != "known" and cache.prepare(cache_dir)
        store = (
            SummaryCache(cache_dir, summaries == "settle")
            if writes or summaries == "known"
            else None
        )
        MODE.known_only, MODE.missed = summaries == "known", 0
        try:
            with summary_cache.using(store):
                lint = self._lint_package(directory, buffers, settings, tests)
        finally:
            MODE.known_only = False
        lint.pending = MODE.missed > 0
        if lint.pending:  # a suppression may silence a finding held back until then
            lint.diagnostics = {
                path: [d for d in found if d.code != UNUSED_CODE]
                for path, found in lint.diagnostics.items()
            }
        return lint

    def _lint_package(
        self, directory: Path, buffers: dict[Path, str], settings: Settings, tests: bool
    ) -> PackageLint:
        keep = any(p.parent == directory for p in buffers)
        # An edit leaves most declarations as they were: reuse their results, for packages
        # being edited (not for the rest of the workspace, which would only fill the memo).
        MEMO.enabled = keep
        names = {p for p in buffers if p.parent == directory}
        with contextlib.suppress(OSError):
            names |= {directory / n for n in os.listdir(directory) if n.endswith(".go")}
        files: dict[Path, GoFile] = {}
        for name in sorted(names):
            if (
                name.name.startswith(("_", "."))
                or (name.name.endswith("_test.go") and not tests)
                or settings.excluded(name)
            ):
                continue
            text = buffers.get(name)
            gofile = (
                self._from_buffer(name, text) if text is not None else self._from_disk(name, keep)
            )
            if gofile is not None:
                files[name] = gofile
        go_minor = module_go_minor(directory.resolve()) or LATEST_GO_MINOR
        calls = CallSummaries()
        found = analyse_files(
            list(files.values()), settings, go_minor, on_dependency_call=calls.remember
        )
        by_file: dict[Path, list[Diagnostic]] = {path: [] for path in files}
        for diag in found:
            by_file.setdefault(diag.path, []).append(diag)
        versions = Versions(go=settings.go_minor or go_minor, tinygo=settings.tinygo_minor)
        hints = [FileHints.of(f) for f in files.values()] if not settings.targets else []
        targets = settings.targets or infer_targets(hints, versions, settings.build_tags)[0]
        return PackageLint(
            directory,
            files,
            by_file,
            tuple(t.id for t in targets),
            versions,
            calls=calls,
        )
