"""Compiler directives on functions: ``//go:wasmexport``, ``//go:wasmimport``, ``//export``."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text

DIRECTIVES = ("go:wasmexport", "go:wasmimport", "export")


@dataclass(frozen=True)
class Directive:
    """A directive comment and the function declaration it annotates."""

    name: str
    args: tuple[str, ...]
    comment: Node
    function: Node


def function_directives(gofile: GoFile) -> list[Directive]:
    """Directives written in the comment block right above a function declaration."""
    found: list[Directive] = []
    for comment in gofile.index.all("directive"):
        body = text(comment)[2:].split()
        if not body or body[0] not in DIRECTIVES:
            continue
        following = comment.next_named_sibling
        while following is not None and following.type == "comment":
            following = following.next_named_sibling
        if following is None or following.type != "function_declaration":
            continue
        if following.start_point[0] - comment.end_point[0] > 8:
            continue
        found.append(Directive(body[0], tuple(body[1:]), comment, following))
    return found
