"""How file names and other outside text appear in reports: printable, valid UTF-8, one line.

A file name is bytes; Python gives the bytes that are not UTF-8 as lone surrogates
(``os.fsdecode``), which no UTF-8 output can hold. Every format shows such a byte as
``\\xNN`` (80-FF), and a character that is not printable (line breaks, tabs, escape
sequences, other controls and formatting characters) as ``\\xNN`` when it is ASCII, else
``\\uNNNN`` or ``\\UNNNNNNNN``, so the two never collide. URIs (SARIF) percent-encode the
bytes instead (``uri``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

_BREAKS = re.compile(r" *[^\S ]+[\s]*")
#: Characters XML 1.0 cannot hold, even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(char: str) -> str:
    point = ord(char)
    if 0xDC80 <= point <= 0xDCFF:  # an undecodable byte, as os.fsdecode gives it
        return f"\\x{point - 0xDC00:02x}"
    if point < 0x80:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def printable(text: str) -> str:
    """``text`` with every character that is not printable escaped (see the module)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def display(path: Path | str) -> str:
    """A path as reports show it."""
    return printable(str(path))


def one_line(text: str) -> str:
    """``text`` (a message that may quote code) on one line: whitespace other than spaces
    becomes one space, with the spaces around it; other unprintable characters escaped."""
    return printable(_BREAKS.sub(" ", text))


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids escaped (tabs and line breaks kept)."""
    return _NOT_XML.sub(lambda m: _escape(m.group()), text)


def uri(relative: str) -> str:
    """A relative path as a URI reference: its bytes percent-encoded (RFC 3986)."""
    return quote(os.fsencode(relative), safe="/")
