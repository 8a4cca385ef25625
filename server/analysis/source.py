"""A Go source file as the engine sees it: bytes, a parse tree and position conversions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tree_sitter import Node, Tree

from wasmvet.analysis.parsing import ParseStopped, empty_tree, parse


class UnreadableSource(Exception):
    """A file that cannot be analysed (unreadable, not UTF-8, too large)."""


MAX_FILE_BYTES = 8 * 1024 * 1024
_NEWLINE = re.compile(b"\n")
_PACKAGE_CLAUSE = re.compile(rb"^package[ \t]+\w+", re.MULTILINE)


def _common_prefix(a: bytes, b: bytes) -> int:
    """Length of the common prefix, by bisection over C-speed slice comparisons."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def read_source(path: Path) -> bytes:
    """The bytes of a Go file; UnreadableSource if it is unreadable, too large or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableSource(f"file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableSource(exc.strerror or str(exc)) from exc
    check_utf8(data)
    return data


def check_utf8(data: bytes) -> None:
    """Raise UnreadableSource naming the line of the first invalid UTF-8 sequence."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableSource(f"invalid UTF-8 encoding at line {line}") from exc


def stopped_note(path: Path, seconds: float) -> str:
    """What to tell about a file whose parse was stopped (``SourceFile.stopped``)."""
    return f"analysis of {path} stopped after {seconds:.1f} s; results may be incomplete"


def _header_tree(data: bytes) -> Tree:
    """The tree of the text up to the package clause (build constraints, package name): what
    is left of a file whose parse was stopped. Its nodes have the file's offsets."""
    clause = _PACKAGE_CLAUSE.search(data)
    try:
        return parse(data[: clause.end()] if clause else b"")
    except ParseStopped:
        return empty_tree()


def _point(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset)
    return line, offset - (data.rfind(b"\n", 0, offset) + 1)


@dataclass
class SourceFile:
    """One Go file: its path, bytes and tree. Lines and columns are 0-based internally."""

    path: Path
    data: bytes
    previous: SourceFile | None = field(default=None, repr=False, compare=False)
    tree: Tree = field(init=False)
    stopped: float | None = field(default=None, init=False, compare=False)
    """CPU seconds after which the parser was stopped (``parsing.budget``): the tree then
    holds the file's header only, and the analysis of the file is incomplete."""

    def __post_init__(self) -> None:
        try:
            if self.previous is not None and self.previous.stopped is None:
                self.tree = self._incremental(self.previous)
            else:
                self.tree = parse(self.data)
        except ParseStopped as stopped:
            self.stopped = stopped.seconds
            self.tree = _header_tree(self.data)
        self.previous = None  # keep no chain of old versions alive

    @cached_property
    def _line_starts(self) -> list[int]:
        """Byte offsets where lines start: computed on first use for a fresh parse (a batch
        run needs them for few files), carried over from the previous version otherwise."""
        return [0, *[m.end() for m in _NEWLINE.finditer(self.data)]]

    def _incremental(self, previous: SourceFile) -> Tree:
        """Reparse from the previous version's tree, told about the one changed region
        (the bytes between the common prefix and the common suffix); line starts outside
        that region are the previous ones, shifted after it."""
        old, new = previous.data, self.data
        start = _common_prefix(old, new)
        tail = _common_prefix(old[start:][::-1], new[start:][::-1])
        old_end, new_end = len(old) - tail, len(new) - tail
        starts = previous._line_starts
        before = starts[: bisect.bisect_right(starts, start)]
        changed = [m.end() for m in _NEWLINE.finditer(new, start, new_end)]
        delta = new_end - old_end
        after = starts[bisect.bisect_right(starts, old_end) :]
        self._line_starts = before + changed + ([s + delta for s in after] if delta else after)
        tree = previous.tree.copy()
        tree.edit(
            start_byte=start,
            old_end_byte=old_end,
            new_end_byte=new_end,
            start_point=_point(old, start),
            old_end_point=_point(old, old_end),
            new_end_point=_point(new, new_end),
        )
        return parse(new, tree)

    @classmethod
    def read(cls, path: Path) -> SourceFile:
        """Read and parse ``path``; raise UnreadableSource with a one-line reason."""
        return cls(path, read_source(path))

    @classmethod
    def from_bytes(cls, path: Path, data: bytes) -> SourceFile:
        """Build a source file from bytes; Go source must be valid UTF-8."""
        check_utf8(data)
        return cls(path, data)

    @property
    def root(self) -> Node:
        return self.tree.root_node

    @property
    def has_syntax_errors(self) -> bool:
        return self.root.has_error

    def line_text(self, line: int) -> str:
        """The text of 0-based ``line`` without its newline."""
        start = self._line_starts[line]
        end = (
            self._line_starts[line + 1] - 1 if line + 1 < len(self._line_starts) else len(self.data)
        )
        return self.data[start:end].decode("utf-8", "replace").rstrip("\r")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def offset(self, line: int, byte_column: int) -> int:
        """Byte offset of a 0-based (line, byte column) point."""
        return self._line_starts[line] + byte_column

    def point(self, offset: int) -> tuple[int, int]:
        """0-based (line, byte column) of a byte offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line, offset - self._line_starts[line]
