"""Where findings are, for CI formats: repository-relative paths, line text, UTF-16 columns and
fingerprints that survive edits elsewhere in a file."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from wasmvet.diagnostics import Diagnostic
from wasmvet.escaping import display


def repository_root(start: Path | None = None) -> Path:
    """The top of the git work tree holding ``start`` (default: the working directory).

    Without a work tree, ``start`` itself: paths are then relative to where wasmvet runs.
    """
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here


@lru_cache(maxsize=4096)
def _resolved(path: Path) -> Path:
    return path.resolve()


def relative_to(path: Path, root: Path) -> str | None:
    """``path`` as a POSIX path relative to ``root``, or None when it is outside."""
    try:
        return _resolved(path).relative_to(root).as_posix()
    except ValueError:
        return None


def repository_path(path: Path, root: Path) -> str:
    """A path as the repository-relative formats show it (GitHub, GitLab): relative to
    ``root`` when below it, else absolute; escaped for display."""
    return display(relative_to(path, root) or _resolved(path).as_posix())


class SourceLines:
    """The lines of the files findings point into, each file read once."""

    def __init__(self) -> None:
        self._files: dict[Path, list[bytes]] = {}

    def line(self, path: Path, index: int) -> bytes:
        """Line ``index`` (0-based) of ``path`` without its end of line; empty if unreadable."""
        lines = self._files.get(path)
        if lines is None:
            try:
                lines = path.read_bytes().splitlines()
            except OSError:
                lines = []
            self._files[path] = lines
        return lines[index] if 0 <= index < len(lines) else b""

    def utf16_column(self, path: Path, index: int, byte_col: int) -> int:
        """A 0-based byte column converted to 0-based UTF-16 code units (SARIF's default)."""
        line = self.line(path, index)
        prefix = line[:byte_col].decode("utf-8", errors="replace")
        return len(prefix.encode("utf-16-le")) // 2 + max(0, byte_col - len(line))


def fingerprints(diagnostics: Sequence[Diagnostic], root: Path, lines: SourceLines) -> list[str]:
    """A stable identity per finding: rule, path, the flagged line's text and an occurrence index.

    Line numbers are left out, so inserting lines above a finding keeps its fingerprint; two
    findings of one rule on identical lines of a file are told apart by their order.
    """
    seen: dict[tuple[str, str, str], int] = {}
    found: list[str] = []
    for diag in diagnostics:
        path = repository_path(diag.path, root)
        text = b" ".join(lines.line(diag.path, diag.span.start_line).split())
        key = (diag.code, path, text.decode("utf-8", errors="replace"))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        material = "\0".join((*key, str(occurrence)))
        found.append(hashlib.sha256(material.encode()).hexdigest()[:32])
    return found
