"""Go name resolution on a syntax tree: local declarations, imports and simple local types."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import names, specs_of, text
from wasmvet.runtime_model import MODEL

FUNCTION_NODES = frozenset({"function_declaration", "method_declaration", "func_literal"})
BUILTINS = frozenset(
    [
        "append",
        "cap",
        "clear",
        "close",
        "complex",
        "copy",
        "delete",
        "imag",
        "len",
        "make",
        "max",
        "min",
        "new",
        "panic",
        "print",
        "println",
        "real",
        "recover",
    ]
)
BASIC_TYPES = frozenset(
    [
        "bool",
        "byte",
        "complex64",
        "complex128",
        "error",
        "float32",
        "float64",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "rune",
        "string",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
        "any",
    ]
)


@dataclass(frozen=True)
class Declaration:
    """Where a local name is declared: the identifier and the node that gives its type or value."""

    ident: Node
    type_node: Node | None
    value_node: Node | None


def _idents(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type == "identifier":
        return [node]
    return [c for c in node.named_children if c.type == "identifier"]


def _declared_in_statement(stmt: Node, name: str) -> Declaration | None:
    """A declaration of ``name`` made by one statement (``x := ...``, ``var x T``)."""
    return _declarations_in_statement(stmt).get(name)


def _declarations_in_statement(stmt: Node) -> dict[str, Declaration]:
    """The names one statement declares (``x := ...``, ``var x T``), each at its first."""
    found: dict[str, Declaration] = {}
    kind = stmt.type
    if kind == "short_var_declaration":
        left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        values = right.named_children if right is not None else []
        idents = _idents(left)
        for i, ident in enumerate(idents):
            value = values[i] if i < len(values) and len(values) == len(idents) else None
            if value is None and values:
                value = values[0]
            found.setdefault(text(ident), Declaration(ident, None, value))
    elif kind in ("var_declaration", "const_declaration"):
        for spec in specs_of(stmt):
            declared = names(spec)
            value_list = spec.child_by_field_name("value")
            values = value_list.named_children if value_list is not None else []
            for i, ident in enumerate(declared):
                value = values[i] if len(values) == len(declared) else None
                if value is None and values:
                    value = values[0]
                found.setdefault(
                    text(ident), Declaration(ident, spec.child_by_field_name("type"), value)
                )
    elif kind == "range_clause":
        for ident in _idents(stmt.child_by_field_name("left")):
            found.setdefault(text(ident), Declaration(ident, None, None))
    elif kind == "labeled_statement":
        inner = stmt.named_children[-1] if stmt.named_child_count else None
        return _declarations_in_statement(inner) if inner is not None else found
    return found


@lru_cache(maxsize=16)
def _declared_in_list(statements: Node) -> dict[str, tuple[int, Declaration]]:
    """Each name the statements of a list (or block) declare: where its first declaring
    statement starts, and that declaration. Kept for the few lists being asked about (a
    name looked up from each of n statements would rescan the list n times)."""
    found: dict[str, tuple[int, Declaration]] = {}
    for stmt in statements.named_children:
        for name, declaration in _declarations_in_statement(stmt).items():
            found.setdefault(name, (stmt.start_byte, declaration))
    return found


def forget_statement_lists() -> None:
    """Drop the lists ``_declared_in_list`` keeps and the answers of ``find_declaration``
    (and with them their trees)."""
    _declared_in_list.cache_clear()
    _climbed.clear()


def _declared_in_params(params: Node | None, name: str) -> Declaration | None:
    if params is None:
        return None
    for decl in params.named_children:
        for ident in decl.children_by_field_name("name"):
            if text(ident) == name:
                return Declaration(ident, decl.child_by_field_name("type"), None)
    return None


#: ``find_declaration`` answers by (node, name): the answer of a climb that starts at the
#: node (as the child of its parent). A climb stops at the first node it finds here, so that
#: names looked up at every level of a deep nest cost the nest's depth once, not each time.
#: Emptied with the statement lists (the nodes keep their trees alive, so ids stay unique).
_climbed: dict[tuple[Node, str], Declaration | None] = {}
_CLIMBED_AT_MOST = 200_000


def find_declaration(node: Node, name: str) -> Declaration | None:
    """The innermost local declaration of ``name`` visible at ``node``; None if not local."""
    passed: list[Node] = []
    found = _find_declaration(node, name, passed)
    if len(_climbed) > _CLIMBED_AT_MOST:  # a caller outside an analysis never empties it
        _climbed.clear()
    for child in passed:
        _climbed[child, name] = found
    return found


def _find_declaration(node: Node, name: str, passed: list[Node]) -> Declaration | None:
    """``find_declaration``, noting in ``passed`` each child the climb went through."""
    child, parent = node, node.parent
    while parent is not None:
        known = _climbed.get((child, name), _climbed)
        if known is not _climbed:
            return known  # type: ignore[return-value]
        passed.append(child)
        kind = parent.type
        if kind in ("statement_list", "block"):
            first = _declared_in_list(parent).get(name)
            if first is not None and first[0] < child.start_byte:
                return first[1]
        elif kind in ("for_clause", "if_statement", "expression_switch_statement"):
            init = parent.child_by_field_name("initializer")
            if init is not None and init != child:
                found = _declared_in_statement(init, name)
                if found is not None:
                    return found
        elif kind == "for_statement":
            for clause in parent.named_children:
                if clause.type == "range_clause" and clause != child:
                    found = _declared_in_statement(clause, name)
                    if found is not None:
                        return found
        elif kind == "communication_case":
            comm = parent.child_by_field_name("communication")
            if comm is not None and comm.type == "receive_statement":
                for ident in _idents(comm.child_by_field_name("left")):
                    if text(ident) == name:
                        return Declaration(ident, None, comm.child_by_field_name("right"))
        elif kind == "type_switch_statement":
            alias = parent.child_by_field_name("alias")
            for ident in _idents(alias):
                if text(ident) == name:
                    return Declaration(ident, None, None)
        elif kind in FUNCTION_NODES:
            for field_name in ("receiver", "parameters", "result"):
                found = _declared_in_params(parent.child_by_field_name(field_name), name)
                if found is not None:
                    return found
            if kind != "func_literal":
                return None
        child, parent = parent, parent.parent
    return None


def enclosing_function(node: Node) -> Node | None:
    """The innermost function declaration or literal containing ``node``."""
    parent = node.parent
    while parent is not None and parent.type not in FUNCTION_NODES:
        parent = parent.parent
    return parent


def top_level(node: Node) -> Node | None:
    """The package-level declaration that contains ``node``."""
    top = None
    parent = node.parent
    while parent is not None and parent.type != "source_file":
        top = parent
        parent = parent.parent
    return top


class Resolver:
    """Resolves identifiers and selectors of one file to import paths and simple types."""

    def __init__(self, gofile: GoFile, package: Package) -> None:
        self.file = gofile
        self.package = package
        self._local_names: dict[int, frozenset[str]] = {}
        self._may_be_local: dict[tuple[int, str], bool] = {}
        self._call_symbols: dict[int, str | None] = {}

    def may_be_local(self, node: Node, name: str) -> bool:
        """A cheap test: False when no declaration in ``node``'s top-level declaration binds
        ``name``, so that only the rare candidates pay for ``find_declaration``."""
        top = self._top_level(node)
        if top is None:
            return False
        found = self._may_be_local.get((top.id, name))
        if found is None:
            found = _declarable(self.file.source.data, top, name) and name in self._locals(top)
            self._may_be_local[(top.id, name)] = found
        return found

    def _locals(self, top: Node) -> frozenset[str]:
        """The names declared anywhere inside the top-level declaration ``top``."""
        local = self._local_names.get(top.id)
        if local is None:
            local = frozenset(text(n) for n in self.file.index.within(top, "local"))
            self._local_names[top.id] = local
        return local

    def _top_level(self, node: Node) -> Node | None:
        """``top_level(node)`` by bisecting the file's top-level byte ranges instead of
        walking up the parents (it is asked for nearly every name the rules resolve)."""
        children, starts = self.file.top_children
        start = node.start_byte
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start == node.end_byte or node.type == "source_file":
            return top_level(node)  # zero-width nodes may sit on a boundary: ask the tree
        top = children[i]
        if node.end_byte > top.end_byte:
            return top_level(node)
        return None if top.id == node.id else top

    def local_declaration(self, node: Node, name: str) -> Declaration | None:
        """``find_declaration`` behind the ``may_be_local`` fast path."""
        if not self.may_be_local(node, name):
            return None
        return find_declaration(node, name)

    def import_path(self, ident: Node) -> str | None:
        """The import path ``ident`` names, unless a local declaration shadows the import."""
        name = text(ident)
        path = self.file.imports.get(name)
        if path is None or self.local_declaration(ident, name) is not None:
            return None
        return path

    def qualified(self, expr: Node) -> str | None:
        """``path.Name`` for ``pkg.Name`` (or a dot-imported ``Name``) that refers to an import."""
        if expr.type == "selector_expression":
            operand = expr.child_by_field_name("operand")
            field = expr.child_by_field_name("field")
            if operand is not None and field is not None and operand.type == "identifier":
                path = self.import_path(operand)
                if path is not None:
                    return f"{path}.{text(field)}"
        elif expr.type == "identifier" and self.file.dot_imports:
            name = text(expr)
            if self.local_declaration(expr, name) is None and not self._package_level(name):
                for path in self.file.dot_imports:
                    candidate = f"{path}.{name}"
                    if MODEL.result_type(candidate) or MODEL.yields(candidate, "go-js"):
                        return candidate
                    if MODEL.knows_symbol(candidate):
                        return candidate
        return None

    def predeclared_calls(self, names: frozenset[str]) -> list[tuple[Node, str]]:
        """The file's calls of a predeclared function or type among ``names`` (``recover()``,
        ``int(x)``) that no local or package-level declaration shadows, with that name."""
        found: list[tuple[Node, str]] = []
        for call, name in self.file.index.named_calls(names):
            func = call.child_by_field_name("function")
            shadowed = self._package_level(name)
            if func is not None and not shadowed and self.local_declaration(func, name) is None:
                found.append((call, name))
        return found

    def _package_level(self, name: str) -> bool:
        pkg = self.package
        return bool(
            pkg.functions(name) or pkg.is_package_var(name) or pkg.is_type(name)
        ) or pkg.is_const(name)

    def type_of(self, expr: Node, links: int = 0) -> str | None:
        """The qualified named type of a simple expression (``path.Type``), when it is evident.

        ``links`` counts the expressions and declarations followed so far: a type at the
        end of a longer chain (``b := a; c := b; ...``) is not evident, and following one
        thousands of links long would overflow the stack."""
        if links > _MAX_LINKS:
            return None
        kind = expr.type
        if kind == "parenthesized_expression" and expr.named_child_count:
            inner = expr.named_child(0)
            return self.type_of(inner, links + 1) if inner is not None else None
        if kind == "identifier":
            decl = self.local_declaration(expr, text(expr))
            if decl is None:
                return None
            if decl.type_node is not None:
                return self.type_name(decl.type_node)
            if decl.value_node is not None and decl.value_node != expr:
                return self.type_of(decl.value_node, links + 1)
            return None
        if kind == "call_expression":
            name = self.call_symbol(expr)
            return MODEL.result_type(name) if name else None
        if kind == "unary_expression" and expr.child_by_field_name("operator") is not None:
            operand = expr.child_by_field_name("operand")
            if operand is not None and text(expr).startswith("&"):
                return self.type_of(operand, links + 1)
            return None
        if kind == "type_assertion_expression":
            type_node = expr.child_by_field_name("type")
            return self.type_name(type_node) if type_node is not None else None
        if kind == "composite_literal":
            type_node = expr.child_by_field_name("type")
            return self.type_name(type_node) if type_node is not None else None
        if kind == "selector_expression":
            qualified = self.qualified(expr)
            if qualified is not None:
                return MODEL.result_type(qualified)
            operand, field = expr.child_by_field_name("operand"), expr.child_by_field_name("field")
            if operand is None or field is None:
                return None
            owner = self.type_of(operand, links + 1)
            return MODEL.result_type(f"{owner}.{text(field)}") if owner else None
        return None

    def type_name(self, type_node: Node) -> str | None:
        """``path.Type`` for a written type ``pkg.Type`` or ``*pkg.Type``."""
        if type_node.type == "pointer_type" and type_node.named_child_count:
            inner = type_node.named_child(0)
            return self.type_name(inner) if inner is not None else None
        if type_node.type == "type_identifier" and self.package.is_type(text(type_node)):
            return "." + text(type_node)
        if type_node.type == "generic_type":
            base = type_node.child_by_field_name("type")
            return self.type_name(base) if base is not None else None
        if type_node.type == "qualified_type":
            pkg = type_node.child_by_field_name("package")
            name = type_node.child_by_field_name("name")
            if pkg is not None and name is not None:
                path = self.file.imports.get(text(pkg))
                if path is not None:
                    return f"{path}.{text(name)}"
        return None

    def call_symbol(self, call: Node) -> str | None:
        """The qualified symbol a call invokes: ``os/exec.Command`` or ``os/exec.Cmd.Run``;
        ``.T.M`` for a method of the package's own type ``T``."""
        key = call.id
        if key in self._call_symbols:
            return self._call_symbols[key]
        symbol = self._call_symbols[key] = self._call_symbol(call)
        return symbol

    def _call_symbol(self, call: Node) -> str | None:
        func = call.child_by_field_name("function")
        if func is None:
            return None
        name = self.qualified(func)
        if name is not None:
            return name
        if func.type == "selector_expression":
            operand, field = func.child_by_field_name("operand"), func.child_by_field_name("field")
            if operand is not None and field is not None:
                owner = self.type_of(operand)
                if owner is not None:
                    return f"{owner}.{text(field)}"
        return None


#: How many links ``Resolver.type_of`` follows before it gives up.
_MAX_LINKS = 50


def _declarable(data: bytes, top: Node, name: str) -> bool:
    """Whether ``name`` occurs in ``top`` other than right before a ``.``: everywhere Go
    declares a name, something else follows it, so a name only ever used as ``name.X`` (an
    import, mostly) is declared nowhere in ``top``, which this tells from its bytes.

    A byte search for the name, each hit checked as the pattern ``name\\b(?!\\s*\\.)`` over
    ``top``'s bytes would, and preceded by no word byte (compiling a pattern per name cost
    more than the searches)."""
    word = name.encode()
    if not word:
        return False
    size, end = len(word), top.end_byte
    ends_in_word = word[-1] in _WORD
    at = data.find(word, top.start_byte, end)
    while at >= 0:
        after = at + size
        boundary = ends_in_word != (after < end and data[after] in _WORD)  # \b
        rest = after
        while boundary and rest < end and data[rest] in _SPACE:
            rest += 1
        if boundary and (rest >= end or data[rest] != _DOT):
            if at == 0 or data[at - 1] not in _WORD:
                return True
            at = data.find(word, after, end)  # a match: the search goes on past it
        else:
            at = data.find(word, at + 1, end)
    return False


_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SPACE = frozenset(b" \t\n\r\f\v")
_DOT = ord(".")
