"""A package view: the files of one directory compiled for one target, and what they declare."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from wasmvet.analysis.index import FileIndex
from wasmvet.analysis.lazy import cached_property
from wasmvet.analysis.parsing import captures, names, specs_of, string_value, text
from wasmvet.analysis.source import SourceFile


@dataclass
class GoFile:
    """A parsed file with its import table (local name → import path)."""

    source: SourceFile
    package_name: str
    imports: dict[str, str] = field(default_factory=dict)
    dot_imports: list[str] = field(default_factory=list)
    import_nodes: dict[str, Node] = field(default_factory=dict)
    _captures: dict[str, dict[str, list[Node]]] = field(default_factory=dict, repr=False)

    @cached_property
    def index(self) -> FileIndex:
        """The file's nodes of interest (declarations, calls, loops, writes, ...)."""
        return FileIndex(self.source.root, self.source.data)

    @cached_property
    def specs(self) -> list[Node]:
        """``import_specs`` of the file, found once per version (fixes ask per finding)."""
        return import_specs(self.source.root)

    @cached_property
    def top_children(self) -> tuple[list[Node], list[int]]:
        """The root's children and their start bytes, for bisecting the top-level
        declaration around a node (the root's child list costs a node per declaration)."""
        children = self.source.root.children
        return children, [c.start_byte for c in children]

    @cached_property
    def package_clause(self) -> Node | None:
        """The package clause, if the file has one yet."""
        return next((c for c in self.top_children[0] if c.type == "package_clause"), None)

    @cached_property
    def local_constants(self) -> frozenset[str]:
        """Names of the constants declared inside the file's functions."""
        return frozenset(
            text(name)
            for spec in self.index.all("spec")
            if spec.type == "const_spec"
            and spec.parent is not None
            and spec.parent.parent is not None
            and spec.parent.parent.type != "source_file"
            for name in names(spec)
        )

    def captures(self, query_source: str) -> dict[str, list[Node]]:
        """A query's captures over the whole file, computed once per file version."""
        found = self._captures.get(query_source)
        if found is None:
            found = self._captures[query_source] = captures(query_source, self.source.root)
        return found

    @classmethod
    def from_source(cls, source: SourceFile) -> GoFile:
        root = source.root
        name = ""
        for child in root.named_children:
            if child.type == "package_clause":
                ident = child.named_child(0)
                name = text(ident) if ident is not None else ""
                break
        gofile = cls(source, name)
        for spec in gofile.specs:
            path_node = spec.child_by_field_name("path")
            path = string_value(path_node) if path_node is not None else None
            if not path:
                continue
            alias = spec.child_by_field_name("name")
            gofile.import_nodes[path] = spec
            if alias is None:
                gofile.imports[_default_name(path)] = path
            elif alias.type == "dot":
                gofile.dot_imports.append(path)
            elif text(alias) != "_":
                gofile.imports[text(alias)] = path
        return gofile

    @property
    def imported_paths(self) -> set[str]:
        """Imported packages whose names the file can use (blank imports left out)."""
        return set(self.imports.values()) | set(self.dot_imports)


def import_specs(root: Node) -> list[Node]:
    """The import specs of a file's import declarations, in source order (read from the
    root's children, so a file only parsed for its imports is never queried)."""
    return [
        spec
        for decl in root.named_children
        if decl.type == "import_declaration"
        for spec in specs_of(decl)
        if spec.type == "import_spec"
    ]


# Imports precede every declaration, so the text before the first line that starts one holds
# them all; a cut inside a comment or string leaves a syntax error and the whole file is read.
_FIRST_DECLARATION = re.compile(rb"^(?:func|type|var|const)\b", re.MULTILINE)


def imported_paths(data: bytes) -> set[str]:
    """What ``GoFile.imported_paths`` would say of ``data``, from a parse of its import
    section only (target inference reads every file; most are never analysed)."""
    first = _FIRST_DECLARATION.search(data)
    source = SourceFile(_IMPORTS_ONLY, data[: first.start()] if first else data)
    if first is not None and source.root.has_error:
        source = SourceFile(_IMPORTS_ONLY, data)
    return GoFile.from_source(source).imported_paths


_IMPORTS_ONLY = Path("imports.go")  # a name for sources parsed only for their imports


def _default_name(path: str) -> str:
    """The package name Go assumes for an import path (last element, minus a /vN suffix)."""
    parts = path.split("/")
    last = parts[-1]
    if len(parts) > 1 and last.startswith("v") and last[1:].isdigit():
        last = parts[-2]
    for prefix in ("go-",):
        if last.startswith(prefix):
            last = last[len(prefix) :]
    return last.replace("-", "_").removesuffix(".go")


@dataclass
class Package:
    """All files of one directory that a target compiles, analysed together."""

    directory: str
    files: list[GoFile]
    _last_file: GoFile | None = field(default=None, init=False, repr=False, compare=False)
    _file_by_node: dict[int, GoFile] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @cached_property
    def _declarations(self) -> dict[str, dict[str, list[Node]]]:
        table: dict[str, dict[str, list[Node]]] = {
            k: {} for k in ("func", "method", "var", "type", "const")
        }
        for gofile in self.files:
            for kind in ("func", "method"):
                for ident in gofile.index.all(kind):
                    if ident.parent is not None:
                        table[kind].setdefault(text(ident), []).append(ident.parent)
            for kind in ("var", "type", "const"):
                for ident in gofile.index.all(kind):
                    table[kind].setdefault(text(ident), []).append(ident)
        return table

    def functions(self, name: str) -> list[Node]:
        """Top-level function declarations named ``name``."""
        return self._declarations["func"].get(name, [])

    def methods(self, name: str) -> list[Node]:
        """Method declarations named ``name`` on any receiver type."""
        return self._declarations["method"].get(name, [])

    def methods_of(self, type_name: str, name: str) -> list[Node]:
        """Methods ``name`` whose receiver is the package type ``type_name`` (or a pointer)."""
        found: list[Node] = []
        for decl in self.methods(name):
            receiver = decl.child_by_field_name("receiver")
            param = receiver.named_child(0) if receiver is not None else None
            rtype = param.child_by_field_name("type") if param is not None else None
            base = text(rtype).lstrip("*").split("[", 1)[0] if rtype is not None else ""
            if base == type_name:
                found.append(decl)
        return found

    def is_package_var(self, name: str) -> bool:
        return name in self._declarations["var"]

    @cached_property
    def names(self) -> frozenset[tuple[str, str]]:
        """Every top-level name as (kind, name): what name resolution depends on."""
        return frozenset(
            (kind, name) for kind, table in self._declarations.items() for name in table
        )

    def is_type(self, name: str) -> bool:
        return name in self._declarations["type"]

    def is_const(self, name: str) -> bool:
        return name in self._declarations["const"]

    def constants(self, name: str) -> list[Node]:
        """The identifiers of package-level ``const`` declarations named ``name``."""
        return self._declarations["const"].get(name, [])

    @cached_property
    def _files_by_root(self) -> dict[int, GoFile]:
        return {f.source.root.id: f for f in self.files}

    def file_of(self, node: Node) -> GoFile:
        """The file a node belongs to.

        The deepest node spanning ``node``'s bytes, asked of ``node`` itself and of a file's
        root, is the same node exactly when ``node`` is in that file's tree (node equality
        includes the tree): that costs the node's depth once per file tried, where climbing
        ``Node.parent`` to the root cost the depth once per step. The file of the previous
        answer is tried first."""
        if len(self.files) == 1:
            return self.files[0]
        known = self._file_by_node.get(node.id)  # the files' trees are alive: ids are unique
        if known is not None:
            return known
        found = self._file_of(node)
        self._file_by_node[node.id] = found
        return found

    def _file_of(self, node: Node) -> GoFile:
        start, end = node.start_byte, node.end_byte
        if start < end:
            innermost = node.descendant_for_byte_range(start, end)
            last = [self._last_file] if self._last_file is not None else []
            for gofile in last + self.files:
                root = gofile.source.root
                if end <= root.end_byte and root.descendant_for_byte_range(start, end) == innermost:
                    self._last_file = gofile
                    return gofile
        root = node  # empty nodes (error recovery) may share their position with others
        while root.parent is not None:
            root = root.parent
        found = self._files_by_root.get(root.id)
        if found is None:
            raise LookupError("node is not in this package")
        return found

    @property
    def name(self) -> str:
        return self.files[0].package_name if self.files else ""
