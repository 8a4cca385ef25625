"""Loops and what they wait for: the shared machinery of the scheduler rules."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer, state_key, walk
from wasmvet.analysis.index import FileIndex
from wasmvet.analysis.memo import MEMO, Relative, locate, locate_all, relative
from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Resolver, top_level

_ATOMIC_WRITES = ("Store", "Add", "Swap", "CompareAndSwap")
Site = Node | tuple[Node, Relative]
"""A node, or its top-level declaration and where it is in it (to be located when needed)."""
_NESTED_BOUNDARIES = frozenset({"func_literal", "for_statement"})
#: What ``effects.walk`` does not enter by default: code that runs elsewhere.
_RUNS_ELSEWHERE = frozenset({"func_literal", "go_statement", "defer_statement"})
_CLOCK = frozenset({"time.Now", "time.Since", "time.Until"})
_CLOCK_WORDS = re.compile(rb"\b(?:Now|Since|Until)\b")
_CAS = re.compile(rb"CompareAndSwap")


@dataclass(frozen=True)
class Watched:
    """State a loop condition reads that something outside the loop must change."""

    key: str
    node: Node
    what: str


def loops(gofile: GoFile) -> list[Node]:
    """Every ``for`` statement of a file."""
    return gofile.index.all("loop")


#: The longest loop whose facts are kept by its text (language server). A key costs the
#: loop's length to read and hash, while the facts skip nested loops: keyed by text, each
#: loop of a nest n deep would cost n (quadratic); computed, it costs its own statements.
MEMO_TEXT_AT_MOST = 4096


def _memo_key(loop: Node) -> bytes | None:
    """The text to keep ``loop``'s facts under, or None: compute them (memo off, a loop
    whose error recovery depends on its surroundings, or one longer than
    ``MEMO_TEXT_AT_MOST``)."""
    if not MEMO.enabled or loop.end_byte - loop.start_byte > MEMO_TEXT_AT_MOST:
        return None
    return None if loop.has_error else loop.text


T = TypeVar("T")


def by_declaration(
    analyzer: Analyzer, gofile: GoFile, question: str, answer: Callable[[list[Node]], list[T]]
) -> list[T]:
    """``answer`` for the loops of each top-level declaration that has some, concatenated in
    source order (memo off: for all the file's loops at once). ``answer`` must depend only on
    the declaration's text and the file's context (its imports, the package's top-level
    names): a declaration it found nothing in is remembered under ``question`` by that text
    and context, and on later versions its loops are not even located (language server)."""
    if not MEMO.enabled:
        found = loops(gofile)
        return answer(found) if found else []
    index = gofile.index
    context = analyzer.context(gofile)
    results: list[T] = []
    for i in index.having("loop"):
        decl, decl_text = index.declarations[i], index.texts[i]
        # error recovery depends on the surroundings
        key = None if decl.has_error or decl_text is None else (question, decl_text, context)
        if key is not None and MEMO.get(key):
            continue
        answered = answer(index.part(i, "loop"))
        if answered:
            results += answered
        elif key is not None:
            MEMO.put(key, True)
    return results


def _shape(loop: Node, kind: str, compute: Callable[[Node], list[Node]]) -> list[Node]:
    """``compute(loop)``, which depends on the loop's text alone: kept by that text."""
    loop_text = _memo_key(loop)
    if loop_text is None:
        return compute(loop)
    key = (kind, loop_text)
    found = MEMO.get(key)
    if found == ():
        return []
    if found is not None:
        nodes = locate_all(loop, found)  # type: ignore[arg-type]
        if nodes is not None:
            return nodes
    nodes = compute(loop)
    MEMO.put(key, tuple(relative(loop, n) for n in nodes))
    return nodes


def cannot_spin(loop: Node) -> bool:
    """Loops that run at most once (the body always ends in return, break or panic)."""
    return _cannot_spin(loop)  # a look at the body's last statement: cheaper than a key


def _cannot_spin(loop: Node) -> bool:
    body = loop.child_by_field_name("body")
    return body is not None and _leaves(body)


def iteration_names(loop: Node) -> set[str]:
    """The variables a counted loop steps (``i`` of ``for i := ...``, ``k, v`` of range)."""
    clause = loop.named_child(0)
    if clause is None:
        return set()
    holder = clause.child_by_field_name("left") if clause.type == "range_clause" else None
    if clause.type == "for_clause":
        init = clause.child_by_field_name("initializer")
        holder = init.child_by_field_name("left") if init is not None else None
    if holder is None:
        return set()
    return {text(n) for n in walk(holder) if n.type == "identifier"}


def is_counted(loop: Node) -> bool:
    """``for i := 0; i < n; i++`` and ``for x := range xs``: they end by themselves
    (``for i := 0; ; i++`` has no condition: it does not)."""
    clause = loop.named_child(0)
    if clause is None:
        return False
    return clause.type == "range_clause" or (
        clause.type == "for_clause"
        and clause.child_by_field_name("update") is not None
        and clause.child_by_field_name("condition") is not None
    )


def loop_header_end(loop: Node) -> tuple[int, int]:
    """Where a loop's header ends (before its body's ``{``): findings on a loop cover that."""
    body = loop.child_by_field_name("body")
    before = None  # body.prev_sibling, without its walk down from the root
    for child in loop.children if body is not None else ():
        if child == body:
            break
        before = child
    return before.end_point if before is not None else loop.end_point


def loop_condition(loop: Node) -> Node | None:
    first = loop.named_child(0)
    if first is None or first.type == "block":
        return None
    if first.type == "for_clause":
        return first.child_by_field_name("condition")
    return first if first.type != "range_clause" else None


@dataclass(frozen=True)
class LoopShape:
    """Target-independent facts about a loop body, found in one walk of it."""

    exit_conditions: tuple[Node, ...]
    """Conditions of ``if`` statements in the body that leave the loop."""
    exit_branches: frozenset[tuple[int, int]]
    """Byte ranges of the branches that leave the loop; they do not run while it spins."""
    polled_selects: tuple[Node, ...]
    """``select`` statements with a ``default`` case directly in the loop, whose default
    does not leave it (a ``default: break out`` drains and moves on; it does not poll)."""


def loop_shape(analyzer: Analyzer, loop: Node) -> LoopShape:
    """The loop's ``LoopShape``, computed once per package view for every rule and target."""
    return analyzer.memo("loop-shape", loop, "", partial(_loop_shape, loop), _NO_SHAPE)


def _loop_shape(loop: Node) -> LoopShape:
    if MEMO.enabled:  # each fact is kept by the loop's text across versions
        conditions, selects = exit_conditions(loop), polled_selects(loop)
        return LoopShape(tuple(conditions), exit_branches(loop), tuple(selects))
    return _walk_shape(loop)


_NO_SHAPE = LoopShape((), frozenset(), ())


def _walk_shape(loop: Node) -> LoopShape:
    """The three facts of ``LoopShape`` from one walk of the loop body."""
    body = loop.child_by_field_name("body")
    if body is None:
        return _NO_SHAPE
    conditions: list[Node] = []
    branches: set[tuple[int, int]] = set()
    selects: list[Node] = []
    exits = _jumps_out(body)
    for node in walk(body, skip=_NESTED_BOUNDARIES):
        kind = node.type
        if kind == "if_statement":
            consequence = node.child_by_field_name("consequence")
            if consequence is None:
                continue
            cond = node.child_by_field_name("condition")
            if cond is not None and consequence.id in exits:
                conditions.append(cond)
            if _leaves(consequence):
                branches.add((consequence.start_byte, consequence.end_byte))
        elif kind == "communication_case":
            stmts = [c for c in node.named_children if c.type == "statement_list"]
            if stmts and _leaves(stmts[0]):
                branches.add((stmts[0].start_byte, stmts[0].end_byte))
        elif kind == "select_statement":
            cases = node.named_children
            defaults = [c for c in cases if c.type == "default_case"]
            if not defaults or not any(c.type == "communication_case" for c in cases):
                continue
            if not any(_leaves(d) for d in defaults):
                selects.append(node)
    return LoopShape(tuple(conditions), frozenset(branches), tuple(selects))


_JUMPS = frozenset({"return_statement", "break_statement", "goto_statement"})
#: Where a jump does not leave the loop around: nested functions and loops; a ``break`` in a
#: ``select`` leaves the select.
_JUMP_BOUNDARIES = _NESTED_BOUNDARIES | {"select_statement"}


def _jumps_out(body: Node) -> set[int]:
    """Ids of the nodes under ``body`` (nested loops and functions left out) that hold a
    return, break or goto outside any nested select, decided bottom-up in one walk: asking
    each ``if`` on its own rescans the ``if``s nested in it (cubic in a deep nest)."""
    order = list(walk(body, skip=_NESTED_BOUNDARIES))
    found: set[int] = set()
    for node in reversed(order):  # children before their parents
        if node.type in _JUMPS or any(
            c.id in found for c in node.named_children if c.type not in _JUMP_BOUNDARIES
        ):
            found.add(node.id)
    return found


def exit_conditions(loop: Node) -> list[Node]:
    """Conditions of ``if`` statements in the loop body that leave the loop."""
    return _shape(loop, "exit-conditions", _exit_conditions)


def _exit_conditions(loop: Node) -> list[Node]:
    return list(_walk_shape(loop).exit_conditions)


def _leaves(block: Node) -> bool:
    """Whether a block's last statement leaves the loop (return, break, goto, panic)."""
    first = _statement(block, 0, 1)
    if first is not None and first.type == "statement_list":
        block = first
    last = _statement(block, block.named_child_count - 1, -1)
    if last is None:
        return False
    if last.type in ("return_statement", "break_statement", "goto_statement"):
        return True
    return last.type == "expression_statement" and text(last).startswith(("panic(", "os.Exit("))


def _statement(block: Node, start: int, step: int) -> Node | None:
    """The first named child that is not a comment, from ``start`` going by ``step``."""
    i = start
    while 0 <= i < block.named_child_count:
        child = block.named_child(i)
        if child is not None and child.type != "comment":
            return child
        i += step
    return None


def exit_branches(loop: Node) -> frozenset[tuple[int, int]]:
    """Byte ranges of the branches that leave the loop; they do not run while it spins."""
    loop_text = _memo_key(loop)
    if loop_text is None:
        return _exit_branches(loop)
    base = loop.start_byte
    found = MEMO.cached(
        ("exit-branches", loop_text),
        lambda: frozenset((s - base, e - base) for s, e in _exit_branches(loop)),
    )
    return frozenset((s + base, e + base) for s, e in found)


def _exit_branches(loop: Node) -> frozenset[tuple[int, int]]:
    return _walk_shape(loop).exit_branches


def polled_selects(loop: Node) -> list[Node]:
    """``select`` statements with a ``default`` case directly in the loop, whose default does
    not leave the loop (a ``default: break out`` drains and moves on; it does not poll)."""
    return _shape(loop, "polled-selects", _polled_selects)


def _polled_selects(loop: Node) -> list[Node]:
    return list(_walk_shape(loop).polled_selects)


def polled_case_bodies(selects: list[Node]) -> frozenset[tuple[int, int]]:
    """Byte ranges of the channel cases of polling selects: they run only once another
    goroutine has sent, which cannot happen while the loop spins."""
    found: set[tuple[int, int]] = set()
    for select in selects:
        for case in select.named_children:
            if case.type == "communication_case":
                for stmts in case.named_children:
                    if stmts.type == "statement_list":
                        found.add((stmts.start_byte, stmts.end_byte))
    return frozenset(found)


def reads_clock(cond: Node, resolver: Resolver) -> bool:
    """Whether a condition compares against the wall clock (``time.Now()``, ``time.Since``)."""
    if not _CLOCK_WORDS.search(cond.text or b""):
        return False  # whatever the import's name, the function's name is in the text
    for node in walk(cond):
        if node.type == "call_expression":
            func = node.child_by_field_name("function")
            if func is not None and resolver.qualified(func) in _CLOCK:
                return True
    return False


class WatchFinder:
    """Finds the shared state a loop condition waits on, for one package view."""

    def __init__(self, package: Package, analyzer: Analyzer) -> None:
        self.package = package
        self.analyzer = analyzer
        self._sites: dict[str, list[tuple[GoFile, Site]]] | None = None
        self._writes: dict[str, list[Node]] = {}
        self._stale = False  # a kept write was not found again: everything is found afresh
        self._launched_names: set[str] | None = None
        self._async_by_key: dict[str, list[Node]] = {}
        self._write_files: dict[int, GoFile] = {}
        self._starts: dict[tuple[str, int], list[int]] = {}

    @classmethod
    def of(cls, analyzer: Analyzer) -> WatchFinder:
        """The finder of a package view, shared by every rule and target that asks."""
        return analyzer.shared("watch-finder", lambda: cls(analyzer.package, analyzer))

    def package_writes(self, key: str) -> list[Node]:
        """Every place in the package that writes ``key``, function literals included:
        assignments first, then atomic writes (each in source order, file by file). The
        writes kept from an earlier version are located for the keys asked about only."""
        found = self._writes.get(key)
        if found is not None:
            return found
        if self._sites is None:
            self._sites = {}
            for gofile in self.package.files:
                for kind in ("write", "call"):
                    for site, state in _keyed(gofile, kind, self._stale):
                        self._sites.setdefault(state, []).append((gofile, site))
        found = []
        for gofile, site in self._sites.get(key, []):
            node = locate(*site) if isinstance(site, tuple) else site
            if node is None:
                self._sites, self._writes, self._stale = None, {}, True
                return self.package_writes(key)
            found.append(node)
            self._write_files[node.id] = gofile
        self._writes[key] = found
        return found

    def writers_outside(self, key: str, loop: Node, at_most: int | None = None) -> list[Node]:
        """Writes of ``key`` outside ``loop`` that run concurrently with it: in goroutines,
        in callbacks handed to other code, or in functions started with ``go`` (the first
        ``at_most`` of them in package order)."""
        found: list[Node] = []
        gofile = self.package.file_of(loop)
        for node in self._async_writes(key):
            if self._write_files[node.id] is gofile and _contains(loop, node):
                continue
            found.append(node)
            if at_most is not None and len(found) >= at_most:
                break
        return found

    def count_writers(self, key: str, loop: Node, within: Node | None = None) -> int:
        """How many of ``writers_outside(key, loop)`` there are (only those in ``within``, a
        node of the loop's file, when given), counted by bisection: a loop that asks
        about a variable written in n places must not look at each of them."""
        gofile = self.package.file_of(loop)
        starts = self._async_starts(key, gofile)
        inside = _count_in(starts, loop.start_byte, loop.end_byte)
        if within is None:
            return len(self._async_writes(key)) - inside
        return _count_in(starts, within.start_byte, within.end_byte) - inside

    def _async_starts(self, key: str, gofile: GoFile) -> list[int]:
        """The sorted start offsets of the asynchronous writes of ``key`` in ``gofile``."""
        starts = self._starts.get((key, id(gofile)))
        if starts is None:
            starts = sorted(
                n.start_byte for n in self._async_writes(key) if self._write_files[n.id] is gofile
            )
            self._starts[key, id(gofile)] = starts
        return starts

    def _async_literal(self, literal: Node) -> bool:
        """``go func() {...}()``, a literal handed to an async API, or stored and started."""
        holder = literal.parent
        if holder is None:
            return False
        if holder.type == "call_expression":
            return holder.parent is not None and holder.parent.type == "go_statement"
        if holder.type == "argument_list":
            call = holder.parent
            return call is not None and _callee_name(call) in ASYNC_APIS
        if holder.type == "expression_list" and holder.parent is not None:
            left = holder.parent.child_by_field_name("left")
            names = {text(n) for n in left.named_children} if left is not None else set()
            return bool(names & self._launched())
        return False

    def _async_writes(self, key: str) -> list[Node]:
        found = self._async_by_key.get(key)
        if found is None:
            found = [n for n in self.package_writes(key) if self._is_async(n)]
            self._async_by_key[key] = found
        return found

    def _launched(self) -> set[str]:
        """Names of functions started with ``go``, handed to an asynchronous API
        (``time.AfterFunc``, ``js.FuncOf``, ``errgroup.Go``, ...), or stored in a variable
        that is started with ``go``."""
        if self._launched_names is None:
            names: set[str] = set()
            for gofile in self.package.files:
                index = gofile.index
                if not MEMO.enabled:
                    names |= _launched_in(gofile, gofile.source.root)
                    continue
                for decl, text in zip(index.declarations, index.texts, strict=True):
                    if decl.has_error:  # error recovery depends on the surroundings
                        names |= _launched_in(gofile, decl)
                    else:
                        names |= MEMO.cached(("launched", text), _launched_in, gofile, decl)
            self._launched_names = names
        return self._launched_names

    def _is_async(self, node: Node) -> bool:
        """Whether ``node`` runs in a goroutine or a callback rather than in its caller."""
        parent = node.parent
        while parent is not None:
            if parent.type == "func_literal" and self._async_literal(parent):
                return True
            if parent.type in ("function_declaration", "method_declaration"):
                name = parent.child_by_field_name("name")
                return name is not None and text(name) in self._launched()
            parent = parent.parent
        return False

    def watched(self, cond: Node, loop: Node, resolver: Resolver) -> list[Watched]:
        """The external state ``cond`` reads."""
        found: list[Watched] = []
        for node, parent in _walk_with_parents(cond, loop):
            kind = node.type
            if kind == "call_expression":
                found.extend(self._watched_call(node, resolver))
            elif kind == "identifier" and self._is_value_use(node, parent):
                found.extend(self._watched_variable(node, loop, resolver))
            elif kind == "selector_expression" and self._is_value_use(node, parent):
                key = state_key(node)
                if key and resolver.qualified(node) is None and self.count_writers(key, loop):
                    found.append(Watched(key, node, f"`{text(node)}`"))
        return found

    @staticmethod
    def _is_value_use(node: Node, parent: Node | None) -> bool:
        if parent is None:
            return False
        if parent.type == "call_expression" and parent.child_by_field_name("function") == node:
            return False
        return parent.type != "selector_expression"

    def _watched_call(self, call: Node, resolver: Resolver) -> list[Watched]:
        func = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if func is None:
            return []
        qualified = resolver.qualified(func)
        if qualified is not None:
            name = qualified.rsplit(".", 1)[1]
            if qualified == "runtime.NumGoroutine":
                return [Watched("runtime.NumGoroutine", call, "`runtime.NumGoroutine()`")]
            if name.startswith("CompareAndSwap") and args is not None and _varies(args, call):
                return []
            if qualified.startswith("sync/atomic.") and name.startswith(("Load", "CompareAndSwap")):
                first = args.named_child(0) if args is not None and args.named_child_count else None
                key = state_key(first)
                return [Watched(key, call, f"`{text(call)}`")] if key else []
            return []
        if func.type != "selector_expression":
            return []
        operand = func.child_by_field_name("operand")
        field_node = func.child_by_field_name("field")
        method = text(field_node) if field_node is not None else ""
        nargs = args.named_child_count if args is not None else 0
        symbol = resolver.call_symbol(call)
        if symbol == "context.Context.Err" or (method == "Err" and nargs == 0 and symbol is None):
            if symbol == "context.Context.Err" or _looks_like_context(operand):
                return [Watched("context", call, f"`{text(call)}` (a context deadline)")]
            return []
        if method == "CompareAndSwap" and args is not None and _varies(args, call):
            return []
        atomic_read = (method == "Load" and nargs == 0) or method == "CompareAndSwap"
        if atomic_read and (symbol is None or symbol.startswith("sync/atomic.")):
            key = state_key(operand)
            return [Watched(key, call, f"`{text(call)}`")] if key else []
        return []

    def _watched_variable(self, ident: Node, loop: Node, resolver: Resolver) -> list[Watched]:
        name = text(ident)
        if name in ("true", "false", "nil", "iota", "_"):
            return []
        decl = resolver.local_declaration(ident, name)
        if decl is None and not self.package.is_package_var(name):
            return []
        if decl is not None and loop.start_byte <= decl.ident.start_byte < loop.end_byte:
            value = decl.value_node
            if value is None or value.start_byte <= ident.start_byte <= value.end_byte:
                return []
            return [w for w in self.watched(value, loop, resolver) if w.key != name]
        home = top_level(decl.ident) if decl is not None else None
        if decl is not None and home is None:
            return []
        if not self.count_writers(name, loop, home):
            return []
        return [Watched(name, ident, f"`{name}`")]


ASYNC_APIS = frozenset({"AfterFunc", "FuncOf", "Go", "HandleFunc", "Handle"})


def _launched_in(gofile: GoFile, decl: Node) -> frozenset[str]:
    """Names started with ``go`` or handed to an asynchronous API within ``decl``."""
    names = {text(n) for n in gofile.index.within(decl, "launched")}
    for call in gofile.index.within(decl, "call"):
        if _callee_name(call) in ASYNC_APIS:
            args = call.child_by_field_name("arguments")
            for arg in args.named_children if args is not None else []:
                key = state_key(arg) if arg.type != "func_literal" else None
                if key:
                    names.add(key.lstrip("."))
    return frozenset(names)


def _keyed(gofile: GoFile, kind: str, fresh: bool = False) -> list[tuple[Site, str]]:
    """The state keys written by the file's ``write`` captures (assignments) or ``call``
    captures (atomic writes), in source order; kept per declaration by its text, and then
    given as where they are in it (not located yet) unless ``fresh``."""
    if not MEMO.enabled:
        nodes = gofile.index.all(kind)
        return [(nodes[i], key) for i, key in _write_keys(nodes, kind)]
    found: list[tuple[Site, str]] = []
    index = gofile.index
    for i in index.having(kind):
        decl, text = index.declarations[i], index.texts[i]
        key = None if decl.has_error else (f"keys-{kind}", text)  # error recovery depends
        kept = MEMO.get(key) if key else None  # on the surroundings
        if kept == ():
            continue  # nothing in this declaration writes state
        if isinstance(kept, tuple) and not fresh:
            found += [((decl, where), state) for where, state in kept]
            continue
        inside = index.part(i, kind)
        keys = _write_keys(inside, kind)
        if key:
            MEMO.put(key, tuple((relative(decl, inside[p]), state) for p, state in keys))
        found += [(inside[p], state) for p, state in keys]
    return found


def _write_keys(nodes: list[Node], kind: str) -> list[tuple[int, str]]:
    """(position in ``nodes``, state key) for the writes among ``nodes``."""
    found: list[tuple[int, str]] = []
    for i, node in enumerate(nodes):
        key = state_key(node) if kind == "write" else _atomic_write_key(node)
        if key:
            found.append((i, key))
    return found


def _atomic_write_key(call: Node) -> str | None:
    """The state ``x.Store(v)`` or ``atomic.AddInt64(&x, 1)`` writes."""
    func = call.child_by_field_name("function")
    if func is None or func.type != "selector_expression":
        return None
    field_node = func.child_by_field_name("field")
    if field_node is None or not text(field_node).startswith(_ATOMIC_WRITES):
        return None
    operand = func.child_by_field_name("operand")
    key = state_key(operand)
    args = call.child_by_field_name("arguments")
    if operand is not None and text(operand) == "atomic" and args is not None:
        key = state_key(args.named_child(0)) if args.named_child_count else None
    return key


def _callee_name(call: Node) -> str | None:
    func = call.child_by_field_name("function")
    if func is None:
        return None
    if func.type == "selector_expression":
        field_node = func.child_by_field_name("field")
        return text(field_node) if field_node is not None else None
    return text(func) if func.type == "identifier" else None


def _varies(args: Node, call: Node) -> bool:
    """Whether a CAS's expected value is a variable: a retry loop, not a spin lock."""
    values = [a for a in args.named_children if a.type != "comment"]
    old = values[-2] if len(values) >= 2 else None
    return old is not None and any(n.type == "identifier" for n in walk(old))


def _contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte < outer.end_byte


def _count_in(starts: list[int], start: int, end: int) -> int:
    """How many of the sorted ``starts`` lie in ``[start, end)``."""
    return bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)


def cas_calls(gofile: GoFile) -> tuple[list[int], list[Node]]:
    """The file's compare-and-swap calls in source order, with their start offsets: found
    once, so that each loop looks at its own only (not at every call in it)."""
    index = gofile.index
    # only the declarations whose text has the word hold such calls: locating every call of
    # the file cost more than all the rest of the question
    holding = {index.declaration_of(m.start()) for m in _CAS.finditer(gofile.source.data)}
    candidates = (
        index.all("call")
        if None in holding
        else [c for i in sorted(i for i in holding if i is not None) for c in index.part(i, "call")]
    )
    calls = [
        c
        for c in candidates
        if (_callee_name(c) or "").startswith("CompareAndSwap")
        and c.child_by_field_name("arguments") is not None
    ]
    calls.sort(key=lambda c: c.start_byte)
    return [c.start_byte for c in calls], calls


def retried_cas_keys(loop: Node, swaps: tuple[list[int], list[Node]]) -> set[str]:
    """Keys updated by a compare-and-swap whose expected value varies: a retry loop, which
    succeeds at once without contention (it does not wait for anybody). ``swaps``: the
    file's ``cas_calls``."""
    keys: set[str] = set()
    starts, calls = swaps
    first = bisect.bisect_left(starts, loop.start_byte)
    for call in calls[first : bisect.bisect_left(starts, loop.end_byte)]:
        args = call.child_by_field_name("arguments")
        assert args is not None
        if not (_varies(args, call) or _expects_nil(args)) or not _every_iteration(call, loop):
            continue  # a guarded CAS (``if n > 0 { CAS }``) waits for the guard
        func = call.child_by_field_name("function")
        operand = func.child_by_field_name("operand") if func is not None else None
        if operand is not None and text(operand) == "atomic":
            operand = args.named_child(0) if args.named_child_count else None
        key = state_key(operand)
        if key:
            keys.add(key)
    return keys


def _expects_nil(args: Node) -> bool:
    """``CompareAndSwap(nil, v)``: lazy initialisation, which succeeds at once or finds the
    value another goroutine stored."""
    values = [a for a in args.named_children if a.type != "comment"]
    return len(values) >= 2 and text(values[-2]) == "nil"


def _every_iteration(node: Node, loop: Node) -> bool:
    """Whether ``node`` runs on every pass: not inside a branch body within the loop (an
    ``if`` condition is fine, it always runs)."""
    child, parent = node, node.parent
    body = loop.child_by_field_name("body")
    while parent is not None and parent != body:
        if parent.type in ("if_statement", "expression_switch_statement", "select_statement"):
            if child != parent.child_by_field_name("condition"):
                return False
        elif parent.type in ("expression_case", "communication_case", "default_case"):
            return False
        elif parent.type == "binary_expression" and child == parent.child_by_field_name("right"):
            op = parent.child_by_field_name("operator")
            if op is not None and text(op) == "&&":
                return False  # runs only when the left side (a guard) holds
        child, parent = parent, parent.parent
    return True


def read_keys(conditions: list[Node], loop: Node, gofile_index: FileIndex) -> set[str]:
    """What the conditions read, following ``x := expr`` definitions made inside the loop."""
    keys = set().union(*(condition_keys(c) for c in conditions))
    definitions = [
        d
        for d in gofile_index.within(loop, "local")
        if d.parent is not None and d.parent.type == "expression_list"
    ]
    for _ in range(3):
        added = False
        for ident in definitions:
            decl = ident.parent.parent if ident.parent is not None else None
            if text(ident) not in keys or decl is None:
                continue
            if decl.type != "short_var_declaration":
                continue
            right = decl.child_by_field_name("right")
            new = condition_keys(right) - keys if right is not None else set()
            if new:
                keys |= new
                added = True
        if not added:
            break
    return keys


def condition_keys(cond: Node) -> set[str]:
    """Every variable name and field name a condition reads."""
    keys: set[str] = set()
    for node in walk(cond):
        if node.type == "identifier":
            keys.add(text(node))
        elif node.type == "field_identifier":
            keys.add("." + text(node))
    return keys


def _looks_like_context(operand: Node | None) -> bool:
    return operand is not None and text(operand).lower().endswith("ctx")


def _walk_with_parents(node: Node, ancestor: Node) -> Iterator[tuple[Node, Node | None]]:
    """``walk(node)`` with each node's parent, which the walk knows below ``node``; ``node``
    itself (a condition, or the value of a definition) gets ``ancestor`` instead: only a
    call's function and a selector's operand are not value uses, and it is neither."""
    stack: list[tuple[Node, Node | None]] = [(node, ancestor)]
    while stack:
        current, parent = stack.pop()
        yield current, parent
        stack.extend(
            (child, current)
            for child in reversed(current.named_children)
            if child.type not in _RUNS_ELSEWHERE
        )
