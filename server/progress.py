"""A progress bar on stderr for long runs, drawn only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

MIN_PACKAGES = 20  # smaller runs finish before a bar would tell anybody anything
_WIDTH = 30
_INTERVAL = 0.1  # seconds between redraws


class Progress:
    """``wasmvet [#####.....] 120/600 packages``, redrawn in place and erased at the end.

    Silent unless ``stream`` is a terminal and there are at least ``MIN_PACKAGES`` packages,
    so pipes, CI logs and editors never see it.
    """

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = total >= MIN_PACKAGES and _is_terminal(stream)
        self._drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= _INTERVAL or self.done == self.total):
            self._drawn = now
            filled = _WIDTH * self.done // max(1, self.total)
            bar = "#" * filled + "." * (_WIDTH - filled)
            self.stream.write(f"\r\033[Kwasmvet [{bar}] {self.done}/{self.total} packages")
            self.stream.flush()

    def close(self) -> None:
        """Erase the bar so that what follows starts on a clean line."""
        if self.enabled and self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
