"""Building blocks for fixes: gofmt-shaped edits that rules compose."""

from __future__ import annotations

from itertools import pairwise

from tree_sitter import Node

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import string_value, text
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Edit, Span
from wasmvet.fixes.layout import Layout, indentation


def _span_at(node_point: tuple[int, int]) -> Span:
    line, col = node_point
    return Span(line, col, line, col)


def text_span(node: Node) -> Span:
    """The node's span without the CR that a comment on a CRLF line ends with
    (tree-sitter-go's comments run up to the LF): an edit replacing it keeps the CR."""
    (sl, sc), (el, ec) = node.start_point, node.end_point
    if node.type == "comment" and (node.text or b"").endswith(b"\r"):
        ec -= 1
    return Span(sl, sc, el, ec)


def add_import(gofile: GoFile, path: str, name: str | None = None) -> Edit:
    """An edit that imports ``path`` (as ``name`` when given) in gofmt's layout, with the
    file's line endings and indentation. The caller knows the path is not imported yet."""
    layout = Layout.of(gofile)
    nl = layout.newline
    spec_text = f'{name} "{path}"' if name else f'"{path}"'
    root = gofile.source.root
    decls = [c for c in root.named_children if c.type == "import_declaration"]
    source_path = gofile.source.path
    if not decls:
        clause = next((c for c in root.named_children if c.type == "package_clause"), None)
        if clause is None:  # being typed: no package clause yet
            return Edit(source_path, Span(0, 0, 0, 0), f"import {spec_text}{nl}{nl}")
        return Edit(source_path, _span_at(clause.end_point), f"{nl}{nl}import {spec_text}")
    decl = decls[0]
    spec_list = next((c for c in decl.named_children if c.type == "import_spec_list"), None)
    if spec_list is None:
        spec = decl.named_child(0)
        assert spec is not None
        (sl, sc), (el, ec) = spec.start_point, spec.end_point
        path_node = spec.child_by_field_name("path")
        existing = string_value(path_node) if path_node is not None else None
        lines = [text(spec), spec_text]
        if existing is not None and existing > path:
            lines.reverse()
        body = "".join(f"{nl}{layout.unit}{line}" for line in lines)
        return Edit(source_path, Span(sl, sc, el, ec), f"({body}{nl})")
    specs = [c for c in spec_list.named_children if c.type == "import_spec"]
    group_end = len(specs)
    for i in range(1, len(specs)):
        if specs[i].start_point[0] > specs[i - 1].end_point[0] + 1:
            group_end = i
            break
    indent = indentation(gofile, specs[0].start_point[0]) if specs else layout.unit
    for spec in specs[:group_end]:
        path_node = spec.child_by_field_name("path")
        existing = string_value(path_node) if path_node is not None else None
        if existing is not None and existing > path:
            line = spec.start_point[0]
            return Edit(source_path, Span(line, 0, line, 0), f"{indent}{spec_text}{nl}")
    if specs:
        last = specs[group_end - 1]
        return Edit(source_path, _span_at(last.end_point), f"{nl}{indent}{spec_text}")
    return Edit(source_path, _span_at(spec_list.start_point), f"({nl}{indent}{spec_text}{nl}")


def _body_indent(
    gofile: GoFile, block: Node, layout: Layout, owner: Node | None = None
) -> tuple[str, str]:
    """(indentation of the line that opens ``block``, of its statements): the statements'
    own when one starts a line, else one unit more than the opening line's. ``owner``:
    the statement ``block`` belongs to, when the caller knows it (``Node.parent`` costs
    the depth of the node)."""
    owner = owner or block.parent
    outer = indentation(gofile, owner.start_point[0] if owner else 0)
    line_text = gofile.source.line_text
    for child in block.named_children:
        statements = child.named_children if child.type == "statement_list" else [child]
        for statement in (s for s in statements if s.type != "comment"):
            line, col = statement.start_point
            before = line_text(line).encode("utf-8")[:col]
            if line != block.start_point[0] and not before.strip(b" \t"):
                return outer, before.decode("utf-8")
    return outer, outer + layout.unit


def insert_at_block_start(
    gofile: GoFile, block: Node, statement: str, owner: Node | None = None
) -> Edit:
    """An edit that makes ``statement`` the first statement of ``block`` (``{...}``, the
    body of ``owner`` when given).

    A comment after the opening brace stays on its line; a statement there gets ``statement;``
    before it on that line.
    """
    layout = Layout.of(gofile)
    nl = layout.newline
    outer, inner = _body_indent(gofile, block, layout, owner)
    path = gofile.source.path
    if block.named_child_count == 0 and block.start_point[0] == block.end_point[0]:
        (sl, sc), (el, ec) = block.start_point, block.end_point
        return Edit(path, Span(sl, sc, el, ec), f"{{{nl}{inner}{statement}{nl}{outer}}}")
    line, col = block.start_point
    rest = gofile.source.line_text(line).encode("utf-8")[col + 1 :].decode("utf-8").strip()
    if rest == "" or rest.startswith("//"):
        end = len(gofile.source.line_text(line).encode("utf-8"))
        return Edit(path, Span(line, end, line, end), f"{nl}{inner}{statement}")
    return Edit(path, Span(line, col + 1, line, col + 1), f" {statement};")  # `{ x++ }`


def insert_before_block_end(gofile: GoFile, block: Node, statement: str) -> Edit:
    """An edit that makes ``statement`` the last statement of ``block``."""
    layout = Layout.of(gofile)
    nl = layout.newline
    outer, inner = _body_indent(gofile, block, layout)
    path = gofile.source.path
    if block.named_child_count == 0:
        (sl, sc), (el, ec) = block.start_point, block.end_point
        return Edit(path, Span(sl, sc, el, ec), f"{{{nl}{inner}{statement}{nl}{outer}}}")
    line, col = block.end_point
    closing = Span(line, col - 1, line, col - 1)
    if gofile.source.line_text(line).encode("utf-8")[: col - 1].strip(b" \t"):
        return Edit(path, closing, f"{nl}{inner}{statement}{nl}{outer}")  # `... }` on one line
    return Edit(path, Span(line, 0, line, 0), f"{inner}{statement}{nl}")


class OverlappingEdits(ValueError):
    """Two edits of one fix touch the same text."""


def apply_edits(source: SourceFile, edits: list[Edit]) -> bytes:
    """The file's bytes with ``edits`` applied (positions refer to the original text)."""
    spans = sorted(
        (
            source.offset(e.span.start_line, e.span.start_col),
            source.offset(e.span.end_line, e.span.end_col),
            e.new_text,
        )
        for e in edits
    )
    for (_, end, _), (start, _, _) in pairwise(spans):
        if start < end:
            raise OverlappingEdits("edits overlap")
    data = source.data
    pieces: list[bytes] = []  # the file is built once: n edits, one copy
    done = 0
    for start, end, new_text in spans:
        pieces += (data[done:start], new_text.encode("utf-8"))
        done = end
    pieces.append(data[done:])
    return b"".join(pieces)
