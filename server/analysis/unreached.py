"""Functions of a package that only dead code refers to, so that they are dead code too.

After a call that never returns on a target (go-app's ``app.RunWhenOnBrowser`` on js), the
rest of ``main`` does not run there, and neither does a function such as ``runLocal`` that
only that rest calls. A function counts as unreached when its name occurs outside its own
body, and every such occurrence in the package's files but comments (calls, function
values and strings alike, so that anything doubtful keeps it alive) lies in dead code (a function
nothing refers to is left as it is); found to a fixpoint, so that
what only ``runLocal`` calls follows it. Exported functions of a package other than
``main`` may be called by its importers and are never unreached; methods (called through
interfaces) neither; ``main`` and ``init`` run anyway.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import text
from wasmvet.analysis.tokens import name_matches

Ranges = list[tuple[int, int]]


def unreached_functions(package: Package, dead: dict[int, Ranges]) -> dict[int, Ranges]:
    """The byte ranges (by ``id`` of their file) of the functions only ``dead`` code refers
    to; ``dead`` maps ``id(gofile)`` to that file's dead byte ranges."""
    declared: dict[str, list[tuple[GoFile, Node]]] = {}
    for gofile in package.files:
        for ident in gofile.index.all("func"):
            name = text(ident)
            if ident.parent is None or name in ("main", "init", "_"):
                continue
            if name[:1].isupper() and package.name != "main":
                continue
            declared.setdefault(name, []).append((gofile, ident.parent))
    if not declared:
        return {}
    uses = _occurrences(package.files, set(declared))
    found: dict[int, Ranges] = {}
    changed = True
    while changed:
        changed = False
        for name in list(declared):
            decls = declared[name]
            own = {(id(f), d.start_byte, d.end_byte) for f, d in decls}
            outside = [
                (key, position)
                for key, position in uses.get(name, [])
                if not any(f == key and start <= position < end for f, start, end in own)
            ]
            if outside and all(
                _inside(at, dead.get(key, []), found.get(key, [])) for key, at in outside
            ):
                for gofile, decl in decls:
                    found.setdefault(id(gofile), []).append((decl.start_byte, decl.end_byte))
                del declared[name]
                changed = True
    return found


def _occurrences(files: list[GoFile], names: set[str]) -> dict[str, list[tuple[int, int]]]:
    """name → (id of the file, byte offset) of each occurrence not preceded by a dot and
    not in a comment."""
    alternatives = b"|".join(re.escape(n.encode()) for n in names)
    pattern = re.compile(rb"(" + alternatives + rb")\b")
    uses: dict[str, list[tuple[int, int]]] = {}
    for gofile in files:
        root = gofile.source.root
        for match in name_matches(pattern, gofile.source.data):
            node = root.descendant_for_byte_range(match.start(), match.end())
            if node is not None and node.type == "comment":
                continue
            uses.setdefault(match.group(1).decode(), []).append((id(gofile), match.start()))
    return uses


def _inside(position: int, dead: Ranges, unreached: Ranges) -> bool:
    """Whether an occurrence is in dead code or in an unreached function."""
    return any(start <= position < end for start, end in (*dead, *unreached))
