"""Gitignore-style globs of a configuration file, relative to the folder that holds it.

``exclude`` and ``per-file-ignores`` match paths as ``.gitignore`` lines do (through the
pathspec library): ``tool/*.go`` is anchored at the folder and ``*`` stops at a ``/``, so it
does not match ``tool/sub/main.go``; a glob without a ``/`` (``*_gen.go``) matches at any
depth; ``gen/`` matches everything below a ``gen`` folder; ``**`` crosses folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pathspec import GitIgnoreSpec

# A bracket expression: "[" then an optional "!" or "^", then at least one character (a
# leading "]" is part of the set), up to the closing "]".
_BRACKET = re.compile(r"\[[!^]?\]?[^\]]*\]")


def glob_problem(glob: str) -> str | None:
    """Why ``glob`` cannot be a project glob (blank, malformed, or reaching outside the
    folder of its configuration file); None when it is fine."""
    if not glob.strip():
        return "empty glob"
    body = glob.removeprefix("!")
    if not body.strip("/"):
        return f"glob {glob!r} names no file"
    if "\\" in body:
        return f"invalid glob {glob!r}: use / between folders (backslash escapes are not supported)"
    if "[" in _BRACKET.sub("", body):
        return f"invalid glob {glob!r}: [ without a closing ]"
    if ".." in body.split("/"):
        return f"glob {glob!r} reaches outside the project (no .. in globs)"
    return None


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    return GitIgnoreSpec.from_lines(patterns)


@dataclass(frozen=True)
class PathGlobs:
    """Globs (``!glob`` re-includes, as in .gitignore) relative to the folder ``root``."""

    root: Path
    patterns: tuple[str, ...]

    def matches(self, path: Path) -> bool:
        """Whether ``path`` (below ``root``) is matched; a path outside ``root`` never is."""
        try:
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return False
        return _spec(self.patterns).match_file(rel)
