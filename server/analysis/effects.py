"""What running a piece of code does to the scheduler: does it yield, what does it write?

A subtree is scanned once into target-independent ``Effects``; the target-specific answer comes
from asking the runtime model about the external calls it makes and from summaries of the
in-package functions it calls (the in-package call graph).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from tree_sitter import Node

from wasmvet.analysis.memo import MEMO
from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import (
    BASIC_TYPES,
    BUILTINS,
    Resolver,
    forget_statement_lists,
)
from wasmvet.cancellation import checkpoint
from wasmvet.runtime_model import MODEL

if TYPE_CHECKING:
    from wasmvet.analysis.dependencies import Dependencies

ATOMIC_READS = frozenset({"Load"})
# CompareAndSwap is left out: a spinning CAS writes only once what it waits for has happened.
ATOMIC_WRITES = frozenset({"Store", "Add", "Swap", "And", "Or"})
LOCK_METHODS = frozenset({"Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock"})
_SKIPPED = frozenset({"func_literal", "go_statement", "defer_statement"})

T = TypeVar("T")
Ranges = frozenset[tuple[int, int]]


class Tri(IntEnum):
    """A three-valued answer, ordered so that ``max`` joins evidence of yielding."""

    NO = 0
    UNKNOWN = 1
    YES = 2


@dataclass
class Effects:
    """What a subtree does, before asking about any target."""

    blocks: bool = False
    unknown: bool = False
    symbols: set[str] = field(default_factory=set)
    callees: set[tuple[str, str]] = field(default_factory=set)
    assigns: set[str] = field(default_factory=set)
    receivers: set[tuple[str, str]] = field(default_factory=set)


def state_key(expr: Node | None) -> str | None:
    """A name for the state an expression denotes: ``x``, ``.field`` (any receiver)."""
    while expr is not None:
        kind = expr.type
        if kind == "identifier":
            return text(expr)
        if kind == "selector_expression":
            field_node = expr.child_by_field_name("field")
            return "." + text(field_node) if field_node is not None else None
        if kind in ("index_expression", "parenthesized_expression", "unary_expression"):
            expr = expr.child_by_field_name("operand") or (
                expr.named_child(0) if expr.named_child_count else None
            )
            continue
        return None
    return None


def is_receive(node: Node) -> bool:
    if node.type != "unary_expression" or node.child_count == 0:
        return False
    first = node.child(0)
    return first is not None and first.type == "<-"


def walk(
    node: Node, skip: frozenset[str] = _SKIPPED, excluded: frozenset[int] = frozenset()
) -> Iterator[Node]:
    """Named descendants of ``node`` (itself included), not entering ``skip`` node types
    nor the nodes whose ids are ``excluded``."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in reversed(current.named_children):
            if child.type not in skip and child.id not in excluded:
                stack.append(child)


def nonblocking_comms(select: Node) -> set[int]:
    """Ids of the channel operations of a ``select`` that has a ``default`` case."""
    cases = select.named_children
    if not any(c.type == "default_case" for c in cases):
        return set()
    ids: set[int] = set()
    for case in cases:
        comm = case.child_by_field_name("communication")
        if comm is None:
            continue
        ids.add(comm.id)
        for sub in walk(comm):
            if is_receive(sub):
                ids.add(sub.id)
    return ids


class Analyzer:
    """Yield and write summaries for one package view, memoised per function and target."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self._resolvers: dict[int, Resolver] = {}
        self._effects: dict[int, Effects] = {}
        self._call_memo: dict[int, Effects] = {}
        self._yield_memo: dict[tuple[int, str], Tri] = {}
        self._never_memo: dict[tuple[int, str], bool] = {}
        self._assign_memo: dict[int, set[str]] = {}
        self._memo: dict[tuple[str, int, str], object] = {}
        self._contexts: dict[int, Hashable] = {}
        self.summaries: dict[str, Dependencies] = {}
        """Target id → the dependency view whose summaries answer calls into dependencies."""

    def clear(self) -> None:
        """Drop everything memoised. Rules keep objects that point back at the analyzer in
        its memo (a ``WatchFinder``), so without this a finished analysis is a reference
        cycle that only the cyclic garbage collector frees: slowly, and in pauses that
        showed in the language server's response times."""
        for memo in (
            self._resolvers,
            self._effects,
            self._call_memo,
            self._yield_memo,
            self._never_memo,
            self._assign_memo,
            self._memo,
            self._contexts,
        ):
            memo.clear()
        forget_statement_lists()  # nor keep the trees of the lists it looked names up in

    def resolver(self, gofile: GoFile) -> Resolver:
        """The name resolver of one file of this package view."""
        key = id(gofile)
        if key not in self._resolvers:
            self._resolvers[key] = Resolver(gofile, self.package)
        return self._resolvers[key]

    def resolver_for(self, node: Node) -> Resolver:
        return self.resolver(self.package.file_of(node))

    # -- results kept across versions (language server) ---------------------------------------

    def context(self, gofile: GoFile) -> Hashable:
        """What name resolution in ``gofile`` depends on besides a declaration's own text:
        the file's imports and the package's top-level names."""
        key = id(gofile)
        if key not in self._contexts:
            self._contexts[key] = MEMO.context(
                (
                    tuple(sorted(gofile.imports.items())),
                    tuple(gofile.dot_imports),
                    self.package.names,
                )
            )
        return self._contexts[key]

    def declaration_key(self, gofile: GoFile, node: Node) -> tuple[Node, bytes, Hashable] | None:
        """``node``'s top-level declaration, its text and the file's context, for keys of
        results that depend on nothing else (None when the memo is off)."""
        if not MEMO.enabled:
            return None
        index = gofile.index
        i = index.declaration_at(node)
        if i is None:
            return None
        decl, text = index.declarations[i], index.texts[i]
        if decl.has_error or text is None:  # error recovery depends on the surroundings
            return None
        return decl, text, self.context(gofile)

    # -- scanning ----------------------------------------------------------------------------

    def effects(self, node: Node, exclude: Ranges = frozenset()) -> Effects:
        """The effects of running ``node`` (function bodies and goroutines it starts excluded).

        ``exclude`` names byte ranges to leave out, such as the branch that leaves a loop,
        which does not run while the loop spins.
        """
        cached = None if exclude else self._effects.get(node.id)
        if cached is not None:
            return cached
        gofile = self.package.file_of(node)
        where = self.declaration_key(gofile, node)
        key: Hashable = None
        if where is not None:  # a function of the declaration's text, the context and offsets
            decl, decl_text, context = where
            base = decl.start_byte
            skipped = frozenset((s - base, e - base) for s, e in exclude)
            start, end = node.start_byte - base, node.end_byte - base
            key = ("effects", decl_text, context, start, end, node.type, skipped)
            found = MEMO.get(key)
            if isinstance(found, Effects):
                if not exclude:
                    self._effects[node.id] = found
                return found
        checkpoint()  # scanning a subtree is a unit of work the language server can cancel
        eff = self._scan(node, gofile, exclude)
        if key is not None:
            MEMO.put(key, eff)
        if not exclude:
            self._effects[node.id] = eff
        return eff

    def _scan(self, node: Node, gofile: GoFile, exclude: Ranges) -> Effects:
        """One pass over the events of ``node`` outside the loops nested in it, whose own
        (cached) effects are added: a nest of n loops is not scanned n times."""
        resolver = self.resolver(gofile)
        events = gofile.index
        skip = events.boundaries(node) + sorted(exclude)
        nested = self._nested_loops(gofile, node, skip)
        pending = [loop for loop in nested if loop.id not in self._effects]
        if pending:
            self._warm(gofile, pending)
        skip += [(loop.start_byte, loop.end_byte) for loop in nested]
        eff = Effects()
        for loop in nested:
            _add(eff, self.effects(loop))
        nonblocking: set[int] = set()
        for select in events.inside(node, "select", skip):
            # kept per select: each loop around it scans it again
            comms: set[int] = self.memo(
                "nonblocking", select, "", partial(nonblocking_comms, select), set[int]()
            )
            if comms:
                nonblocking |= comms
            else:
                eff.blocks = True
        for kind in ("send", "recv"):
            if any(n.id not in nonblocking for n in events.inside(node, kind, skip)):
                eff.blocks = True
        for right in events.inside(node, "range", skip):
            if self._is_channel(right, resolver):
                eff.blocks = True
        for target in events.inside(node, "write", skip):
            key = state_key(target)
            if key:
                eff.assigns.add(key)
        for call in events.inside(node, "call", skip):
            _add(eff, self._call_effect(call, resolver))
        return eff

    def _loops(self, gofile: GoFile) -> tuple[list[int], list[Node]]:
        """The file's loops in source order, with their start offsets."""
        found = self.memo("loops", gofile.source.root, "", partial(_sorted_loops, gofile), None)
        assert found is not None
        return found

    def _nested_loops(self, gofile: GoFile, node: Node, skip: list[tuple[int, int]]) -> list[Node]:
        """The outermost loops strictly inside ``node`` and outside every ``skip`` range."""
        starts, loops = self._loops(gofile)
        ranges = sorted(skip)
        found: list[Node] = []
        i = bisect.bisect_right(starts, node.start_byte)
        r = 0
        while i < len(loops) and starts[i] < node.end_byte:
            loop = loops[i]
            while r < len(ranges) and ranges[r][1] <= loop.start_byte:
                r += 1
            if r < len(ranges) and ranges[r][0] <= loop.start_byte:
                i = bisect.bisect_left(starts, ranges[r][1])  # skipped: jump past the range
                continue
            if loop.end_byte <= node.end_byte:
                found.append(loop)
            i = bisect.bisect_left(starts, max(loop.end_byte, loop.start_byte + 1))
        return found

    def _warm(self, gofile: GoFile, loops: list[Node]) -> None:
        """Compute the effects of ``loops`` and of every loop nested in them, innermost
        first, with an explicit stack: each scan then finds its nested loops done, and a
        nest deeper than Python's recursion limit is no problem."""
        order: list[Node] = []
        stack = list(loops)
        while stack:
            loop = stack.pop()
            if loop.id in self._effects:
                continue
            order.append(loop)
            stack += self._nested_loops(gofile, loop, gofile.index.boundaries(loop))
        for loop in reversed(order):  # children were appended after their parents
            self.effects(loop)

    def _is_channel(self, expr: Node, resolver: Resolver) -> bool:
        if expr.type != "identifier":
            return text(expr).startswith(("time.Tick(", "ticker.C")) or text(expr).endswith(".C")
        decl = resolver.local_declaration(expr, text(expr))
        if decl is None:
            return False
        written = decl.type_node or decl.value_node
        return written is not None and text(written).lstrip("(").startswith(
            ("chan", "<-chan", "make(chan")
        )

    def _call_effect(self, call: Node, resolver: Resolver) -> Effects:
        """The effects of one call, computed once: every loop and function around it asks."""
        found = self._call_memo.get(call.id)
        if found is None:
            found = self._call_memo[call.id] = Effects()
            self._call_effects(call, resolver, found)
        return found

    def _call_effects(self, call: Node, resolver: Resolver, eff: Effects) -> None:
        func = call.child_by_field_name("function")
        if func is None:
            eff.unknown = True
            return
        if func.type == "func_literal":
            body = func.child_by_field_name("body")
            if body is not None:
                inner = self.effects(body)
                _merge(eff, inner)
            return
        if func.type == "parenthesized_expression":
            eff.unknown = True
            return
        if func.type == "identifier":
            name = text(func)
            if resolver.local_declaration(func, name) is not None:
                eff.unknown = True
            elif name in BUILTINS or name in BASIC_TYPES or self.package.is_type(name):
                return
            elif self.package.functions(name):
                eff.callees.add(("func", name))
            else:
                qualified = resolver.qualified(func)
                if qualified is not None:
                    eff.symbols.add(qualified)
                else:
                    eff.unknown = True
            return
        if func.type != "selector_expression":
            eff.unknown = True
            return
        field_node = func.child_by_field_name("field")
        method = text(field_node) if field_node is not None else ""
        receiver = func.child_by_field_name("operand")
        if resolver.qualified(func) is not None:
            symbol = resolver.qualified(func)
            assert symbol is not None
            eff.symbols.add(symbol)
            args = call.child_by_field_name("arguments")
            if symbol.startswith("sync/atomic.") and method.startswith(tuple(ATOMIC_WRITES)):
                key = state_key(args.named_child(0)) if args and args.named_child_count else None
                if key:
                    eff.assigns.add(key)
            return
        if method in ATOMIC_WRITES:
            key = state_key(receiver)
            if key:
                eff.assigns.add(key)
        local = self.package.methods(method)
        symbol = resolver.call_symbol(call)
        if symbol is not None and symbol.startswith("."):
            eff.callees.add(("method", symbol))
        elif symbol is not None:
            eff.symbols.add(symbol)
        elif method in ATOMIC_READS | ATOMIC_WRITES | LOCK_METHODS | {"CompareAndSwap"}:
            return
        elif local:
            eff.callees.add(("method", method))
        else:
            eff.unknown = True
            return
        receiver_key = state_key(receiver)
        if local and receiver_key:
            eff.receivers.add((receiver_key, method))

    # -- per target --------------------------------------------------------------------------

    def yields(self, node: Node, target: str, exclude: Ranges = frozenset()) -> Tri:
        """Whether running ``node`` yields on ``target`` (YES), never does (NO), or unknown."""
        eff = self.effects(node, exclude)
        if eff.blocks:
            return Tri.YES
        answer = Tri.UNKNOWN if eff.unknown else Tri.NO
        for symbol in eff.symbols:
            fact = MODEL.yields(symbol, target)
            if fact is None:
                answer = max(answer, self._dependency_yields(symbol, target))
                if answer is Tri.YES:
                    return answer
            elif fact.yields:
                return Tri.YES
        for decl in self.callee_decls(eff):
            answer = max(answer, self.function_yields(decl, target))
            if answer is Tri.YES:
                return answer
        return answer

    def never_yields(self, node: Node, target: str, exclude: Ranges = frozenset()) -> bool:
        """``yields(...) is Tri.NO``, for rules that only ask that: it stops at the first sign
        of a possible yield instead of looking on for a certain one (much of the cost of
        ``yields`` is following calls after an unknown one was seen)."""
        eff = self.effects(node, exclude)
        if eff.blocks or eff.unknown:
            return False
        for symbol in eff.symbols:
            fact = MODEL.yields(symbol, target)
            if fact is None and self._dependency_yields(symbol, target) is Tri.NO:
                continue
            if fact is None or fact.yields:
                return False
        return all(self._function_never_yields(d, target) for d in self.callee_decls(eff))

    def _function_never_yields(self, decl: Node, target: str) -> bool:
        key = (decl.id, target)
        known = self._never_memo.get(key)
        if known is not None:
            return known
        self._never_memo[key] = True  # assume no yield along a recursive cycle, as yields does
        body = decl.child_by_field_name("body")
        result = body is not None and self.never_yields(body, target)
        self._never_memo[key] = result
        return result

    def _dependency_yields(self, symbol: str, target: str) -> Tri:
        """Whether a call into a dependency yields, from its summary (UNKNOWN without one)."""
        view = self.summaries.get(target)
        summary = view.summary_of(symbol) if view is not None else None
        return summary.yields if summary is not None else Tri.UNKNOWN

    def callee_decls(self, eff: Effects) -> list[Node]:
        decls: list[Node] = []
        for kind, name in eff.callees:
            decls.extend(self.callees(kind, name))
        return decls

    def callees(self, kind: str, name: str) -> list[Node]:
        """Declarations a call may reach: ``func`` by name, ``method`` ``.T.M`` or by name."""
        if kind == "func":
            return self.package.functions(name)
        if name.startswith("."):
            type_name, _, method = name[1:].rpartition(".")
            return self.package.methods_of(type_name, method)
        return self.package.methods(name)

    def function_yields(self, decl: Node, target: str) -> Tri:
        key = (decl.id, target)
        if key in self._yield_memo:
            return self._yield_memo[key]
        self._yield_memo[key] = Tri.NO  # assume no yield along a recursive cycle
        body = decl.child_by_field_name("body")
        result = self.yields(body, target) if body is not None else Tri.UNKNOWN
        self._yield_memo[key] = result
        return result

    def assigns(self, node: Node, exclude: Ranges = frozenset()) -> set[str]:
        """State keys written by ``node`` or by in-package functions it calls, transitively."""
        eff = self.effects(node, exclude)
        written = set(eff.assigns)
        for decl in self.callee_decls(eff):
            written |= self.function_assigns(decl)
        for receiver, method in eff.receivers:
            if any(self.function_assigns(d) for d in self.package.methods(method)):
                written.add(receiver)  # a method that writes fields changes its receiver
        return written

    def function_assigns(self, decl: Node) -> set[str]:
        if decl.id in self._assign_memo:
            return self._assign_memo[decl.id]
        self._assign_memo[decl.id] = set()
        body = decl.child_by_field_name("body")
        result = self.assigns(body) if body is not None else set()
        self._assign_memo[decl.id] = result
        return result

    def shared(self, kind: str, factory: Callable[[], T]) -> T:
        """A per-package-view value built once (e.g. an index several rules use)."""
        key = (kind, 0, "")
        if key not in self._memo:
            self._memo[key] = factory()
        value: T = self._memo[key]  # type: ignore[assignment]
        return value

    def memo(self, kind: str, node: Node, target: str, compute: Callable[[], T], cycle: T) -> T:
        """Memoise a rule's own per-node fact; a recursive cycle sees ``cycle`` meanwhile."""
        key = (kind, node.id, target)
        if key not in self._memo:
            self._memo[key] = cycle
            self._memo[key] = compute()
        value: T = self._memo[key]  # type: ignore[assignment]
        return value


def _sorted_loops(gofile: GoFile) -> tuple[list[int], list[Node]]:
    loops = sorted(gofile.index.all("loop"), key=lambda n: n.start_byte)
    return [n.start_byte for n in loops], loops


def _add(into: Effects, call: Effects) -> None:
    """Add a call's effects (``_call_effects`` output, receivers included) to a scan's."""
    if call.blocks:
        into.blocks = True
    if call.unknown:
        into.unknown = True
    if call.symbols:
        into.symbols |= call.symbols
    if call.callees:
        into.callees |= call.callees
    if call.assigns:
        into.assigns |= call.assigns
    if call.receivers:
        into.receivers |= call.receivers


def _merge(into: Effects, other: Effects) -> None:
    into.blocks |= other.blocks
    into.unknown |= other.unknown
    into.symbols |= other.symbols
    into.callees |= other.callees
    into.assigns |= other.assigns
