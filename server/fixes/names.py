"""Names a fix introduces, checked against the scopes they land in.

A fix that writes ``runtime.Gosched()`` must not meet a ``runtime`` that is something else
there: a package-level declaration (of any file of the package), another import of the file,
or a local declaration around the insertion point. ``reference`` finds how to name an
imported package's member at a point: through an import the file already has (its alias, or
the bare member for a dot import), through a blank import made a named one, or through a new
import, aliased (``goruntime "runtime"``) when the package's own name is taken; None when no
way is sound.

Locals are judged conservatively: a name counts as taken when it is an identifier anywhere in
the top-level declaration around the point (anywhere in the file, for a new import's name)
other than the operand of a selector (``name.X``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import string_value, text
from wasmvet.analysis.scope import BASIC_TYPES, BUILTINS, top_level
from wasmvet.diagnostics import Edit, Span
from wasmvet.fixes.edits import add_import

_PREDECLARED = BASIC_TYPES | BUILTINS | {"true", "false", "iota", "nil", "comparable"}
_IDENTIFIERS = frozenset({"identifier", "type_identifier"})
_ALIASES = 9
"""How many ``go<name>``, ``go<name>2``, ... aliases are tried for a new import."""


@dataclass(frozen=True)
class Reference:
    """How to write a package member at a point, and the import edits that takes."""

    expression: str
    edits: tuple[Edit, ...] = ()


def declared_in_package(package: Package, name: str) -> bool:
    """A package-level function, variable, constant or type called ``name``."""
    return bool(package.functions(name)) or any(
        (kind, name) in package.names for kind in ("var", "const", "type")
    )


def used_around(gofile: GoFile, at: Node, name: str) -> bool:
    """``name`` is an identifier in the top-level declaration around ``at`` other than
    the operand of a selector (``name.X``): the conservative test for a local
    declaration of it."""
    return _used_in(_top_level(gofile, at) or at, name)


def _top_level(gofile: GoFile, node: Node) -> Node | None:
    """The package-level declaration around ``node``, found among the root's children by
    their byte ranges (``scope.top_level`` climbs ``Node.parent``, which walks down from the
    root at each step: depth squared in a deep nest)."""
    children, starts = gofile.top_children
    i = bisect.bisect_right(starts, node.start_byte) - 1
    if i < 0 or node.end_byte > children[i].end_byte or children[i] == node:
        return top_level(node)
    return children[i]


@lru_cache(maxsize=16)  # small: each entry keeps its tree alive
def _used_in(scope: Node, name: str) -> bool:
    """``name`` is an identifier in ``scope`` other than the operand of a selector (kept per
    scope and name: every fix in one function asks about the same declaration). Only the
    places where the word occurs are looked at, not every node of the scope."""
    encoded = name.encode()
    base = scope.start_byte
    for match in _word(name).finditer(scope.text or b""):
        start, end = base + match.start(), base + match.end()
        node = scope.named_descendant_for_byte_range(start, end)
        if node is None or node.type not in _IDENTIFIERS or node.text != encoded:
            continue  # in a comment, a string or a longer name
        parent = node.parent
        if parent is None or parent.type != "selector_expression":
            return True
        if parent.child_by_field_name("operand") != node:
            return True
    return False


@lru_cache(maxsize=64)
def _word(name: str) -> re.Pattern[bytes]:
    return re.compile(rb"(?<!\w)" + re.escape(name.encode()) + rb"(?!\w)")


def free_for_import(gofile: GoFile, package: Package, name: str) -> bool:
    """``name`` can be a new import's name in this file: it is not predeclared, not another
    import's name, not declared in the package and not used as a name anywhere in the file
    (so that every fix in the file picks the same name, and shares one import)."""
    return (
        name not in _PREDECLARED
        and name not in gofile.imports
        and not declared_in_package(package, name)
        and not _used_in(gofile.source.root, name)
    )


def refers_to_universe(gofile: GoFile, package: Package, at: Node, name: str) -> bool:
    """A predeclared ``name`` (``int64``) written at ``at`` still means the predeclared one."""
    return (
        name not in gofile.imports
        and not declared_in_package(package, name)
        and not used_around(gofile, at, name)
    )


def reference(
    gofile: GoFile, package: Package, at: Node, path: str, member: str
) -> Reference | None:
    """How to name ``path``'s exported ``member`` at ``at``, or None when no sound way."""
    specs = [s for s in gofile.specs if _path(s) == path]
    named = [n for n, p in gofile.imports.items() if p == path]
    for name in named:
        if not used_around(gofile, at, name):
            return Reference(f"{name}.{member}")
    if named:
        return None  # a second import of the same package is not worth it
    if any(_name(s) == "." for s in specs):
        shadowed = declared_in_package(package, member) or used_around(gofile, at, member)
        return None if shadowed else Reference(member)
    alias = _free_name(gofile, package, path)
    if alias is None:
        return None
    default = path.rsplit("/", 1)[-1]
    blank = next((s for s in specs if _name(s) == "_"), None)
    if blank is not None:
        edit = _name_blank_import(gofile, blank, None if alias == default else alias)
        return Reference(f"{alias}.{member}", (edit,)) if edit is not None else None
    edit = add_import(gofile, path, None if alias == default else alias)
    return Reference(f"{alias}.{member}", (edit,))


def same_everywhere(gofile: GoFile, path: str) -> bool:
    """Whether ``reference`` to ``path`` gives one answer at every point of the file: when
    the file does not import ``path`` (a new import, named the same for every fix)."""
    return not any(_path(s) == path for s in gofile.specs)


def _free_name(gofile: GoFile, package: Package, path: str) -> str | None:
    """The package's own name when it is free, else the first free ``go<name>[N]``."""
    default = path.rsplit("/", 1)[-1]
    candidates = [default, f"go{default}"] + [f"go{default}{n}" for n in range(2, _ALIASES + 1)]
    return next((c for c in candidates if free_for_import(gofile, package, c)), None)


def _name_blank_import(gofile: GoFile, spec: Node, alias: str | None) -> Edit | None:
    """Make ``_ "path"`` a named import; None when a comment shares the import group
    (gofmt would realign it once the line's width changes)."""
    declaration = spec.parent
    while declaration is not None and declaration.type != "import_declaration":
        declaration = declaration.parent
    if declaration is None or "comment" in {c.type for c in _descendants(declaration)}:
        return None
    name, path_node = spec.child_by_field_name("name"), spec.child_by_field_name("path")
    if name is None or path_node is None:
        return None
    (sl, sc), (el, ec) = name.start_point, path_node.start_point
    return Edit(gofile.source.path, Span(sl, sc, el, ec), f"{alias} " if alias else "")


def _descendants(node: Node) -> list[Node]:
    found, stack = [], list(node.children)
    while stack:
        current = stack.pop()
        found.append(current)
        stack += current.children
    return found


def _path(spec: Node) -> str | None:
    path_node = spec.child_by_field_name("path")
    return string_value(path_node) if path_node is not None else None


def _name(spec: Node) -> str | None:
    name = spec.child_by_field_name("name")
    return text(name) if name is not None else None
