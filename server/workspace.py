"""The workspace a run may change: ``--fix`` writes only files whose real path is inside it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wasmvet.diagnostics import Diagnostic, Edit
from wasmvet.fixes.applying import FixScope
from wasmvet.gomod import module_root


def workspace_root(directory: Path, config: Path | None) -> Path:
    """The workspace of the package in ``directory``: the first of its module root (the
    nearest go.mod or go.work), its wasmvet.toml's folder and the working directory that
    holds the package's real folder, else that folder itself. Returned resolved."""
    real = directory.resolve()
    found = module_root(real)
    candidates = [found, config.parent if config is not None else None, Path.cwd()]
    for candidate in candidates:
        if candidate is not None and real.is_relative_to(candidate.resolve()):
            return candidate.resolve()
    return real


def outside(path: Path, root: Path) -> str | None:
    """Why ``--fix`` must not write ``path`` (its real path, symlinks followed, is not under
    ``root``), or None."""
    real = path.resolve()
    if real.is_relative_to(root):
        return None
    return f"{path}: not fixed: it resolves to {real}, outside the workspace {root}"


class Confined:
    """A fix scope (``fixing.FixScope``) that leaves out files outside the workspace, in
    front of an optional other scope (``--new-from-rev``)."""

    def __init__(self, refused: set[Path], inner: FixScope | None) -> None:
        self.refused = refused
        self.inner = inner

    def contains(self, diag: Diagnostic) -> bool:
        return diag.path not in self.refused and (self.inner is None or self.inner.contains(diag))

    def after_edits(self, path: Path, edits: Sequence[Edit]) -> None:
        if self.inner is not None:
            self.inner.after_edits(path, edits)
