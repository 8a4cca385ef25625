"""Spin locks on one P: a compare-and-swap acquire loop waits only for a holder that parks.

With one P and no preemption, a goroutine that holds a spin lock keeps running until it
releases it, unless its critical section parks it (a sleep, a channel operation, I/O that
yields). So ``for !l.held.CompareAndSwap(false, true) {}`` can only spin forever when some
holder may park between taking the lock and releasing it.

A *lock* here is a CAS loop whose every acquisition is followed, on the holder's own path,
by a write of the same state (the release, possibly deferred). A CAS loop that waits for
another goroutine's write (a signal, not a lock) is not one.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from wasmvet.analysis.effects import Analyzer, Tri, state_key
from wasmvet.analysis.loops import loop_condition
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import block_statements, text
from wasmvet.analysis.scope import FUNCTION_NODES, enclosing_function

_BLOCKS = ("block", "statement_list")


def cas_acquire_key(loop: Node) -> str | None:
    """``.held`` of ``for !l.held.CompareAndSwap(false, true) {}`` (or of
    ``atomic.CompareAndSwapInt32(&held, 0, 1)``); None for other loops."""
    cond = loop_condition(loop)
    if cond is None or cond.type != "unary_expression" or not text(cond).startswith("!"):
        return None
    call = cond.child_by_field_name("operand")
    func = call.child_by_field_name("function") if call is not None else None
    if call is None or call.type != "call_expression" or func is None:
        return None
    field_node = func.child_by_field_name("field")
    if func.type != "selector_expression" or field_node is None:
        return None
    if not text(field_node).startswith("CompareAndSwap"):
        return None
    operand = func.child_by_field_name("operand")
    if operand is not None and text(operand) == "atomic":
        args = call.child_by_field_name("arguments")
        operand = args.named_child(0) if args is not None and args.named_child_count else None
    return state_key(operand)


def holder_may_park(analyzer: Analyzer, loop: Node, key: str, target: str) -> bool:
    """Whether the CAS acquire ``loop`` on ``key`` can spin forever on ``target``: it is not
    a lock (some acquisition has no release after it), or some holder's critical section
    yields. Unknown calls in a critical section do not count as parking."""
    sections = _critical_sections(analyzer, loop, key)
    if sections is None:
        return True
    return any(analyzer.yields(s, target) is Tri.YES for section in sections for s in section)


def _critical_sections(analyzer: Analyzer, loop: Node, key: str) -> list[list[Node]] | None:
    """The statements each holder runs with the lock held; None when an acquisition has no
    release after it (not a lock) or the acquisitions cannot be found."""
    sites = _acquisitions(analyzer, loop)
    if not sites:
        return None
    sections = []
    for site in sites:
        section = _until_release(analyzer, site, key)
        if section is None:
            return None
        sections.append(section)
    return sections


def _acquisitions(analyzer: Analyzer, loop: Node) -> list[Node]:
    """Statements after which the lock is held: the loop itself, or, when the loop ends the
    body of a named function (``Lock``), the statements that call that function."""
    home = enclosing_function(loop)
    body = home.child_by_field_name("body") if home is not None else None
    if home is None or body is None or home.type == "func_literal":
        return [loop]
    if block_statements(body)[-1:] != [loop]:
        return [loop]
    sites = []
    for gofile in analyzer.package.files:
        for call in gofile.index.all("call"):
            if home in _local_callees(analyzer, gofile, call):
                sites.append(_statement_of(call))
    return sites


def _local_callees(analyzer: Analyzer, gofile: GoFile, call: Node) -> list[Node]:
    """The package's declarations ``call`` may invoke: by name for a function; for a method,
    by the receiver's type when known, else every method of that name (a ``Lock`` method
    is not followed by the effects analysis, which takes it for a mutex's)."""
    func = call.child_by_field_name("function")
    if func is None:
        return []
    if func.type == "identifier":
        return analyzer.package.functions(text(func))
    field_node = func.child_by_field_name("field")
    if func.type != "selector_expression" or field_node is None:
        return []
    symbol = analyzer.resolver(gofile).call_symbol(call)
    if symbol is None:
        return analyzer.package.methods(text(field_node))
    return analyzer.callees("method", symbol) if symbol.startswith(".") else []


def _writes(analyzer: Analyzer, statement: Node, key: str) -> bool:
    """Whether ``statement`` writes ``key``, itself or through a function it calls."""
    if key in analyzer.assigns(statement):
        return True
    gofile = analyzer.package.file_of(statement)
    return any(
        key in analyzer.function_assigns(decl)
        for call in gofile.index.within(statement, "call")
        for decl in _local_callees(analyzer, gofile, call)
    )


def _until_release(analyzer: Analyzer, site: Node, key: str) -> list[Node] | None:
    """The statements after ``site`` up to the first that writes ``key``, climbing out of
    enclosing blocks to the function's end; a deferred write releases at the end. None when
    nothing writes ``key`` on the way."""
    section: list[Node] = []
    deferred = False
    for statement in _following(site):
        if _writes(analyzer, statement, key):
            if statement.type != "defer_statement":
                return section
            deferred = True
            continue
        section.append(statement)
    return section if deferred else None


def _following(site: Node) -> Iterator[Node]:
    """The statements that run after ``site`` in its function, innermost block first."""
    node = site
    while node.parent is not None and node.type not in FUNCTION_NODES:
        parent = node.parent
        if parent.type in _BLOCKS:
            sibling = node.next_named_sibling
            while sibling is not None:
                if sibling.type != "comment":
                    yield sibling
                sibling = sibling.next_named_sibling
        node = parent


def _statement_of(node: Node) -> Node:
    while node.parent is not None and node.parent.type not in _BLOCKS:
        node = node.parent
    return node
