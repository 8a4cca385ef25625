"""Build-constraint fixes: keep a file that cannot build for a target out of that target.

``constrain_file`` adds ``tag`` to the file's ``//go:build`` line (or adds the line where
gofmt puts it), but only where leaving the file out cannot break the target's build: the
package keeps another non-test file there, and no other file built there mentions a name the
file declares at top level (a plain word search, so a comment or a local variable of that
name also blocks the fix).
"""

from __future__ import annotations

import re

from wasmvet.analysis.build_constraints import (
    BuildContext,
    ConstraintSyntaxError,
    constraint_lines,
    file_is_built,
)
from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Edit, Span
from wasmvet.fixes.layout import Layout

_DECLARED = ("func", "method", "var", "type", "const")
_PLUS_BUILD = re.compile(r"^//\s*\+build\b")


def constrain_file(
    package: Package, gofile: GoFile, tag: str, excluded: BuildContext, kept: BuildContext
) -> Edit | None:
    """An edit that constrains ``gofile`` with ``tag`` so that ``excluded`` (the package view
    ``package``'s build) leaves it out and ``kept`` still builds it; None when not sound."""
    if not _can_leave_out(package, gofile):
        return None
    edit = _header_edit(gofile, tag)
    if edit is None:
        return None
    source = gofile.source
    start = source.offset(edit.span.start_line, edit.span.start_col)
    end = source.offset(edit.span.end_line, edit.span.end_col)
    fixed = source.data[:start] + edit.new_text.encode() + source.data[end:]
    name = source.path.name
    if file_is_built(excluded, name, fixed) or not file_is_built(kept, name, fixed):
        return None
    return edit


def _can_leave_out(package: Package, gofile: GoFile) -> bool:
    """The package builds without ``gofile``: another non-test file remains, and no other
    file mentions what ``gofile`` declares (``main`` of a main package is always needed)."""
    others = [f for f in package.files if f is not gofile]
    if not any(not f.source.path.name.endswith("_test.go") for f in others):
        return False
    names = {text(n) for kind in _DECLARED for n in gofile.index.all(kind)} - {"init", "_"}
    if "main" in names and gofile.package_name == "main":
        return False
    if not names:
        return True
    mention = re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")
    return not any(mention.search(f.source.data) for f in others)


def _header_edit(gofile: GoFile, tag: str) -> Edit | None:
    """The edit that adds ``tag`` to the build constraint, in gofmt's layout."""
    source = gofile.source
    clause = next((c for c in source.root.named_children if c.type == "package_clause"), None)
    if clause is None:
        return None
    nl = Layout.of(gofile).newline
    header = source.data[: clause.start_byte]
    try:
        lines = constraint_lines(header)
    except ConstraintSyntaxError:
        return None
    if lines.go_build is None:
        if lines.plus_build:
            return None  # only old // +build lines: leave them to gofmt and go fix
        line = _insertion_line(source.data, clause.start_point[0])
        return Edit(source.path, Span(line, 0, line, 0), f"//go:build {tag}{nl}{nl}")
    if tag in re.findall(r"[\w.]+", lines.go_build):
        return None
    texts = header.decode("utf-8").split("\n")
    found = [i for i, t in enumerate(texts) if t.startswith("//go:build")]
    if len(found) != 1:
        return None
    first = last = found[0]
    while last + 1 < len(texts) and _PLUS_BUILD.match(texts[last + 1]):
        last += 1  # // +build lines go: the //go:build line says it all since Go 1.17
    if len(lines.plus_build) != last - first:
        return None
    expression = f"{_and_operand(lines.go_build)} && {tag}"
    return Edit(source.path, Span(first, 0, last + 1, 0), f"//go:build {expression}{nl}")


def _insertion_line(data: bytes, package_line: int) -> int:
    """Where gofmt puts a new ``//go:build`` line: after the last blank line of the run of
    ``//`` comments and blank lines that starts the file (``go/printer``'s rule)."""
    insert = 0
    for number, line in enumerate(data.split(b"\n")[:package_line]):
        stripped = line.strip(b" \t\r")
        if not stripped:
            insert = number + 1
        elif not stripped.startswith(b"//"):
            break
    return insert


def _and_operand(expression: str) -> str:
    """``expression`` as the left operand of ``&&``: in parentheses when its top-level
    operator is ``||``, as ``go/build/constraint`` prints it."""
    depth = 0
    for index, char in enumerate(expression):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and expression.startswith("||", index):
            return f"({expression})"
    return expression
