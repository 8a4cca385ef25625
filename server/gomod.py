"""The Go version a module declares (the ``go`` line of the nearest go.mod or go.work)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

LATEST_GO_MINOR = 27
_GO_LINE = re.compile(rb"^go\s+1\.(\d+)(?:\.\d+)?\s*(?://.*)?$", re.MULTILINE)


def module_root(directory: Path) -> Path | None:
    """The nearest folder at or above ``directory`` with a go.work or go.mod file."""
    for folder in (directory, *directory.parents):
        if (folder / "go.mod").is_file() or (folder / "go.work").is_file():
            return folder
    return None


@lru_cache(maxsize=4096)
def module_go_minor(directory: Path) -> int | None:
    """The minor version from the nearest go.work or go.mod at or above ``directory``."""
    for name in ("go.work", "go.mod"):
        try:
            data = (directory / name).read_bytes()
        except OSError:
            continue
        match = _GO_LINE.search(data)
        if match:
            return int(match.group(1))
    parent = directory.parent
    return None if parent == directory else module_go_minor(parent)  # siblings share parents
