"""Go package patterns → package directories → the Go files in each."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wasmvet.analysis.modules import nearest_folder

SKIPPED_DIRS = frozenset({"testdata", "vendor", "node_modules"})


@dataclass
class PackageDir:
    """A directory of Go files; ``only`` limits reports to files named on the command line."""

    path: Path
    files: list[Path]
    only: set[Path] | None = None


@dataclass
class Discovery:
    packages: list[PackageDir] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _go_files(directory: Path, tests: bool) -> list[Path]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        raise OSError(f"{directory}: {exc.strerror or exc}") from exc
    files: list[Path] = []
    for entry in entries:
        name = entry.name
        if not name.endswith(".go") or name.startswith(("_", ".")):
            continue
        if name.endswith("_test.go") and not tests:
            continue
        try:
            if entry.is_file():
                files.append(Path(entry.path))
        except OSError:
            continue
    return files


def _stops_at_modules(root: Path) -> bool:
    """Whether ``root/...`` leaves out directories with their own go.mod, as ``./...`` does:
    when ``root`` is inside a module. (Outside one the go command refuses ``./...``; wasmvet
    then walks every module below, each read with its own go.mod.)"""
    return nearest_folder(root.resolve(), "go.mod") is not None


def _walk(root: Path, problems: list[str], nested_modules: bool) -> Iterator[Path]:
    """Directories under ``root`` as the go command's ``./...`` sees them: symlinks to
    directories are not followed (``root`` itself may be one), symlinks to files are; with
    ``nested_modules``, also the directories of modules nested below ``root``."""
    stop_at_modules = not nested_modules and _stops_at_modules(root)
    stack = [root]
    while stack:
        directory = stack.pop()
        if stop_at_modules and directory != root and (directory / "go.mod").is_file():
            continue  # another module: not part of root/...
        yield directory
        try:
            children = sorted(
                (e for e in os.scandir(directory) if e.is_dir(follow_symlinks=False)),
                key=lambda e: e.name,
            )
        except OSError as exc:
            problems.append(f"{directory}: cannot read directory: {exc.strerror or exc}")
            continue
        for entry in reversed(children):
            if entry.name in SKIPPED_DIRS or entry.name.startswith(("_", ".")):
                continue
            stack.append(Path(entry.path))


def discover(patterns: list[str], tests: bool = False, nested_modules: bool = False) -> Discovery:
    """Expand package patterns: ``./...``, ``dir/...``, directories (recursive) and files.

    A module nested below a pattern's directory (its own go.mod) is left out, as the go
    command leaves it out of ``./...`` (go.work or not), unless ``nested_modules`` (the
    editor's workspace, where gopls, too, lints every module)."""
    result = Discovery()
    by_dir: dict[Path, PackageDir] = {}
    for pattern in patterns or ["./..."]:
        recursive_root = pattern[:-4] or "." if pattern.endswith("/...") else None
        if pattern == "...":
            recursive_root = "."
        path = Path(recursive_root if recursive_root is not None else pattern)
        if not path.exists():
            result.missing.append(pattern)
            result.problems.append(f"{pattern}: no such file or directory")
            continue
        if path.is_file():
            if path.suffix != ".go":
                result.problems.append(f"{pattern}: not a Go file")
                continue
            pkg = by_dir.get(path.parent)
            if pkg is None:
                pkg = by_dir[path.parent] = PackageDir(path.parent, [], set())
                try:
                    pkg.files = _go_files(path.parent, tests=True)
                except OSError as exc:
                    result.problems.append(str(exc))
            if pkg.only is not None:
                pkg.only.add(path)
            if path not in pkg.files:
                pkg.files.append(path)
            continue
        for directory in _walk(path, result.problems, nested_modules):
            if directory in by_dir:
                by_dir[directory].only = None
                continue
            try:
                files = _go_files(directory, tests)
            except OSError as exc:
                result.problems.append(str(exc))
                continue
            if files:
                by_dir[directory] = PackageDir(directory, files)
    result.packages = list(by_dir.values())
    return result
