"""Writing suppression comments that work: the editor's "Suppress" quick fix and
``wasmvet check --add-ignore``.

The edit for one line, in order of preference:

1. the line already ends in ``//wasmvet:ignore`` or ``//lint:ignore``: add the codes to it;
   a ``//nolint:LINTERS`` list gets ``wasmvet``;
2. the line above is a ``//wasmvet:ignore`` of its own: add the codes to it;
3. the line ends in code and neither neighbour ends in a comment: append
   `` //wasmvet:ignore CODES REASON`` (gofmt aligns the comments of consecutive lines, so a
   comment beside another one would move it);
4. otherwise (the line ends in another comment, or is a directive): a ``//wasmvet:ignore``
   line above it, indented as the line, with the file's line ending (``fixes.layout``);
   appended after all when the line starts inside a raw string or block comment.

No edit when the line both starts and ends inside a raw string or a block comment (or ends
in a comment wasmvet cannot add to and starts inside one): a comment cannot go there
without changing the program.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from tree_sitter import Node

from wasmvet.analysis.parsing import text
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Edit, Span
from wasmvet.fixes.layout import layout_of

OURS = "//wasmvet:ignore"
_CODE_LIST = re.compile(r"^(//(?:wasmvet|lint):ignore\s+)([A-Z0-9,]+)(.*)$", re.DOTALL)
_NOLINT_LIST = re.compile(r"^(//nolint:)([\w,.-]+)(.*)$", re.DOTALL)
_MULTILINE_TOKENS = ("raw_string_literal", "comment", "interpreted_string_literal")


def suppression_edit(
    source: SourceFile,
    line: int,
    codes: Collection[str],
    reason: str,
    crowded: Collection[int] = (),
) -> Edit | None:
    """The edit that makes a suppression cover ``codes`` on 0-based ``line`` (see the module
    docstring), or None when no comment can be written there. ``crowded``: other lines that
    are getting a comment too, so that a neighbour among them counts as commented."""
    wanted = sorted(set(codes))
    reason = " ".join(reason.split()) or "reason"
    trailing = _trailing_comment(source, line)
    if trailing is not None and (edit := _merged(source, trailing, wanted)) is not None:
        return edit
    above = _trailing_comment(source, line - 1) if line > 0 else None
    if (
        above is not None
        and _own_line(source, above)
        and text(above).startswith(OURS)
        and (edit := _merged(source, above, wanted)) is not None
    ):
        return edit
    comment = f"{OURS} {','.join(wanted)} {reason}"
    body = source.line_text(line)
    end = len(body.rstrip().encode("utf-8"))
    append = Edit(source.path, Span(line, end, line, len(body.encode("utf-8"))), f" {comment}")
    can_append = trailing is None and not _inside_token(source, _line_end(source, line))
    if can_append and not any(
        n in crowded or _ends_in_comment(source, n) for n in (line - 1, line + 1)
    ):
        return append
    if _inside_token(source, _line_start(source, line)):
        return append if can_append else None
    indent = body[: len(body) - len(body.lstrip())]
    newline = layout_of(source.data).newline
    return Edit(source.path, Span(line, 0, line, 0), f"{indent}{comment}{newline}")


def _merged(source: SourceFile, comment: Node, codes: list[str]) -> Edit | None:
    """The comment with ``codes`` added to its list, if it is a list wasmvet reads."""
    body = text(comment)
    if m := _CODE_LIST.match(body):
        listed = [c for c in m[2].split(",") if c]
        new = f"{m[1]}{','.join(listed + [c for c in codes if c not in listed])}{m[3]}"
    elif m := _NOLINT_LIST.match(body):
        new = f"{m[1]}{m[2]},wasmvet{m[3]}"
    else:
        return None
    (sl, sc), (el, ec) = comment.start_point, comment.end_point
    return Edit(source.path, Span(sl, sc, el, ec), new)


def _line_start(source: SourceFile, line: int) -> int:
    return source.offset(line, 0)


def _line_end(source: SourceFile, line: int) -> int:
    """The offset just after the line's last non-blank character."""
    body = source.line_text(line)
    return source.offset(line, len(body.rstrip().encode("utf-8")))


def _inside_token(source: SourceFile, offset: int) -> bool:
    """Whether ``offset`` lies strictly inside a string or comment that spans lines."""
    node = source.root.descendant_for_byte_range(offset, offset)
    while node is not None:
        if node.type in _MULTILINE_TOKENS:
            return node.start_byte < offset < node.end_byte
        node = node.parent
    return False


def _trailing_comment(source: SourceFile, line: int) -> Node | None:
    """The comment that ends ``line`` (on a line of its own or after code), if any."""
    if not 0 <= line < source.line_count:
        return None
    end = _line_end(source, line)
    if end == _line_start(source, line):
        return None
    node = source.root.descendant_for_byte_range(end - 1, end)
    if node is None or node.type != "comment" or node.end_byte != end:
        return None
    return node if node.start_point[0] == line else None


def _own_line(source: SourceFile, comment: Node) -> bool:
    line, col = comment.start_point
    return source.line_text(line)[:col].strip() == ""


def _ends_in_comment(source: SourceFile, line: int) -> bool:
    """Whether ``line`` ends in a comment after code (one gofmt would align with ours)."""
    comment = _trailing_comment(source, line)
    return comment is not None and not _own_line(source, comment)
