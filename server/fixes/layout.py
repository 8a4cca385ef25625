"""A file's own layout, which every fix keeps: its line ending and its indentation unit.

gofmt writes LF and tabs, but a file may be kept with CRLF endings or space indentation (an
editor's setting, a generated file); a fix written in gofmt's layout would then mix both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wasmvet.analysis.package import GoFile

_INDENTED = re.compile(rb"^([ \t]+)[^\s*]", re.MULTILINE)
"""An indented line (not the `` * `` continuation of a block comment)."""
_SAMPLE = 400
"""Indented lines read to tell the indentation unit (the first ones decide)."""


@dataclass(frozen=True)
class Layout:
    """How new lines are written in one file."""

    newline: str
    """``\\r\\n`` when the file's first line ends so, else ``\\n``."""
    unit: str
    """One level of indentation: a tab, unless no line is indented with one (then the
    smallest run of spaces that indents a line: a raw string's lines may use spaces)."""

    @classmethod
    def of(cls, gofile: GoFile) -> Layout:
        return layout_of(gofile.source.data)


@lru_cache(maxsize=64)
def layout_of(data: bytes) -> Layout:
    """The layout of a file's bytes, read once per file however many fixes it gets (bytes
    keep their hash, so a file's next lookups cost nothing)."""
    first = data.find(b"\n")
    newline = "\r\n" if first > 0 and data[first - 1 : first] == b"\r" else "\n"
    tabs, spaces = 0, []
    for count, match in enumerate(_INDENTED.finditer(data)):
        if count == _SAMPLE:
            break
        lead = match.group(1)
        if lead.startswith(b"\t"):
            tabs += 1
        elif lead.strip(b" ") == b"":
            spaces.append(len(lead))
    if spaces and not tabs:
        return Layout(newline, " " * min(spaces))
    return Layout(newline, "\t")


def indentation(gofile: GoFile, line: int) -> str:
    """The leading whitespace of a 0-based line."""
    text = gofile.source.line_text(line)
    return text[: len(text) - len(text.lstrip(" \t"))]
