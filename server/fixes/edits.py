"""Building blocks for fixes: gofmt-shaped edits that rules compose."""

from __future__ import annotations

from itertools import pairwise

from tree_sitter import Node

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import string_value
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Edit, Span


def _span_at(node_point: tuple[int, int]) -> Span:
    line, col = node_point
    return Span(line, col, line, col)


def indentation(gofile: GoFile, line: int) -> str:
    """The leading whitespace of a 0-based line."""
    text = gofile.source.line_text(line)
    return text[: len(text) - len(text.lstrip(" \t"))]


def import_name(gofile: GoFile, path: str) -> str | None:
    """The name under which ``path`` is imported in this file, if it is."""
    for name, imported in gofile.imports.items():
        if imported == path:
            return name
    return None


def add_import(gofile: GoFile, path: str) -> Edit | None:
    """An edit that imports ``path`` in gofmt's layout, or None when it is already imported."""
    if import_name(gofile, path) is not None:
        return None
    root = gofile.source.root
    decls = [c for c in root.named_children if c.type == "import_declaration"]
    source_path = gofile.source.path
    if not decls:
        clause = next((c for c in root.named_children if c.type == "package_clause"), None)
        if clause is None:  # being typed: no package clause yet
            return Edit(source_path, Span(0, 0, 0, 0), f'import "{path}"\n\n')
        return Edit(source_path, _span_at(clause.end_point), f'\n\nimport "{path}"')
    decl = decls[0]
    spec_list = next((c for c in decl.named_children if c.type == "import_spec_list"), None)
    if spec_list is None:
        spec = decl.named_child(0)
        assert spec is not None
        spec_text = spec.text.decode() if spec.text else ""
        (sl, sc), (el, ec) = spec.start_point, spec.end_point
        path_node = spec.child_by_field_name("path")
        existing = string_value(path_node) if path_node is not None else None
        lines = [spec_text, f'"{path}"']
        if existing is not None and existing > path:
            lines.reverse()
        body = "".join(f"\n\t{line}" for line in lines)
        return Edit(source_path, Span(sl, sc, el, ec), f"({body}\n)")
    specs = [c for c in spec_list.named_children if c.type == "import_spec"]
    group_end = len(specs)
    for i in range(1, len(specs)):
        if specs[i].start_point[0] > specs[i - 1].end_point[0] + 1:
            group_end = i
            break
    for spec in specs[:group_end]:
        path_node = spec.child_by_field_name("path")
        existing = string_value(path_node) if path_node is not None else None
        if existing is not None and existing > path:
            line = spec.start_point[0]
            return Edit(source_path, Span(line, 0, line, 0), f'\t"{path}"\n')
    if specs:
        last = specs[group_end - 1]
        return Edit(source_path, _span_at(last.end_point), f'\n\t"{path}"')
    return Edit(source_path, _span_at(spec_list.start_point), f'(\n\t"{path}"\n')


def insert_at_block_start(gofile: GoFile, block: Node, statement: str) -> Edit:
    """An edit that makes ``statement`` the first statement of ``block`` (``{...}``).

    A comment after the opening brace stays on its line.
    """
    indent = indentation(gofile, block.parent.start_point[0] if block.parent else 0)
    path = gofile.source.path
    if block.named_child_count == 0 and block.start_point[0] == block.end_point[0]:
        (sl, sc), (el, ec) = block.start_point, block.end_point
        return Edit(path, Span(sl, sc, el, ec), f"{{\n{indent}\t{statement}\n{indent}}}")
    line, col = block.start_point
    rest = gofile.source.line_text(line).encode("utf-8")[col + 1 :].decode("utf-8").strip()
    if rest == "" or rest.startswith("//"):
        end = len(gofile.source.line_text(line).encode("utf-8"))
        return Edit(path, Span(line, end, line, end), f"\n{indent}\t{statement}")
    return Edit(path, Span(line, col + 1, line, col + 1), f"\n{indent}\t{statement}")


def insert_before_block_end(gofile: GoFile, block: Node, statement: str) -> Edit:
    """An edit that makes ``statement`` the last statement of ``block``."""
    indent = indentation(gofile, block.parent.start_point[0] if block.parent else 0)
    line, col = block.end_point
    closing = Span(line, col - 1, line, col - 1)
    if block.named_child_count == 0:
        (sl, sc), (el, ec) = block.start_point, block.end_point
        return Edit(
            gofile.source.path, Span(sl, sc, el, ec), f"{{\n{indent}\t{statement}\n{indent}}}"
        )
    return Edit(gofile.source.path, closing, f"\t{statement}\n{indent}")


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
    for start, end, new_text in reversed(spans):
        data = data[:start] + new_text.encode("utf-8") + data[end:]
    return data
