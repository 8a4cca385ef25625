"""``syscall/js`` callbacks and the waits inside them that need the JS event loop."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from tree_sitter import Node

from wasmvet.analysis.calls import all_model_calls
from wasmvet.analysis.dependencies import Reach
from wasmvet.analysis.effects import Analyzer, is_receive, nonblocking_comms, state_key, walk
from wasmvet.analysis.parsing import call_argument, string_value, text
from wasmvet.analysis.tokens import named_calls
from wasmvet.hosts import EVERY_HOST, HostCondition
from wasmvet.runtime_model import MODEL

FUNCOF = "syscall/js.FuncOf"


@dataclass(frozen=True)
class Callback:
    """A ``js.FuncOf(fn)`` call and the body of ``fn``."""

    funcof: Node
    function: Node
    body: Node


@dataclass(frozen=True)
class EventLoopWait:
    """A place that blocks until the JS event loop runs."""

    node: Node
    what: str
    related: tuple[tuple[Node, str], ...] = field(default=())
    condition: HostCondition = EVERY_HOST
    """The hosts where the wait deadlocks (the model's ``js-hosts``)."""
    reach: Reach | None = None
    """For a wait inside a dependency function: the calls that lead there."""


def js_callbacks(analyzer: Analyzer) -> list[Callback]:
    """Every function passed to ``js.FuncOf`` in the package view."""

    def compute() -> list[Callback]:
        found: list[Callback] = []
        for call in all_model_calls(analyzer):
            if call.symbol != FUNCOF:
                continue
            args = call.node.child_by_field_name("arguments")
            fn = args.named_child(0) if args is not None and args.named_child_count else None
            if fn is None:
                continue
            if fn.type == "identifier":
                decls = analyzer.package.functions(text(fn))
                fn = decls[0] if decls else None
            if fn is None:
                continue
            body = fn.child_by_field_name("body")
            if body is not None:
                found.append(Callback(call.node, fn, body))
        return found

    return analyzer.shared("js-callbacks", compute)


def js_function_called(call: Node) -> str | None:
    """``setInterval`` for ``x.Call("setInterval", ...)``; None for other calls."""
    func = call.child_by_field_name("function")
    field = func.child_by_field_name("field") if func is not None else None
    if func is None or func.type != "selector_expression" or field is None:
        return None
    if text(field) != "Call":
        return None
    first = call_argument(call, 0)
    return string_value(first) if first is not None else None


def _inside_any(node: Node, functions: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.id in functions:
            return True
        parent = parent.parent
    return False


def _channel_sends(analyzer: Analyzer) -> dict[str, list[Node]]:
    """Sends and ``close`` calls (a receive returns once the channel is closed) by channel."""

    def compute() -> dict[str, list[Node]]:
        sends: dict[str, list[Node]] = {}
        for gofile in analyzer.package.files:
            for send in gofile.index.all("send"):
                key = state_key(send.child_by_field_name("channel"))
                if key:
                    sends.setdefault(key, []).append(send)
            root, data = gofile.source.root, gofile.source.data
            for close, _ in named_calls(root, data, frozenset({"close"})):
                args = close.child_by_field_name("arguments")
                key = state_key(args.named_child(0)) if args and args.named_child_count else None
                if key:
                    sends.setdefault(key, []).append(close)
        return sends

    return analyzer.shared("channel-sends", compute)


def _fed_only_by_callbacks(analyzer: Analyzer, channel: Node) -> list[Node]:
    """The sends on ``channel`` when every one of them sits in a JS callback, else []. A
    call of the package's own function stands for the channel variable it returns."""
    if channel.type == "call_expression":
        returned = _returned_channel(analyzer, channel)
        if returned is None:
            return []
        channel = returned
    key = state_key(channel)
    sends = _channel_sends(analyzer).get(key, []) if key else []
    callbacks = {cb.function.id for cb in js_callbacks(analyzer)}
    if sends and all(_inside_any(s, callbacks) for s in sends):
        return sends
    return []


def _returned_channel(analyzer: Analyzer, call: Node) -> Node | None:
    """``done`` when ``call`` calls a function of the package whose every ``return`` gives
    back the same one variable ``done``."""
    func = call.child_by_field_name("function")
    decls = analyzer.package.functions(text(func)) if func and func.type == "identifier" else []
    body = decls[0].child_by_field_name("body") if len(decls) == 1 else None
    if body is None:
        return None
    returned: list[Node] = []
    for node in walk(body, skip=frozenset({"func_literal"})):
        if node.type == "return_statement":
            values = node.named_child(0)
            value = values.named_child(0) if values and values.named_child_count == 1 else None
            if value is None or value.type != "identifier":
                return None
            returned.append(value)
    if not returned or len({text(v) for v in returned}) != 1:
        return None
    return returned[0]


def find_event_loop_waits(analyzer: Analyzer, body: Node, target: str) -> list[EventLoopWait]:
    """Waits in ``body`` (and the in-package functions it calls) that need the event loop."""
    waits: list[EventLoopWait] = []
    resolver = analyzer.resolver_for(body)
    nonblocking: set[int] = set()
    for node in walk(body):
        if node.type == "select_statement":
            nonblocking |= nonblocking_comms(node)
        elif is_receive(node) and node.id not in nonblocking:
            operand = node.child_by_field_name("operand")
            sends = _fed_only_by_callbacks(analyzer, operand) if operand is not None else []
            if sends and operand is not None:
                related = tuple((s, "the only senders run in JS callbacks") for s in sends[:2])
                what = f"a value on `{text(operand)}`, which only JS callbacks send on or close"
                waits.append(EventLoopWait(node, what, related))
        elif node.type == "call_expression":
            waits.extend(_call_waits(analyzer, node, resolver.call_symbol(node), target))
    return waits


def _call_waits(
    analyzer: Analyzer, call: Node, symbol: str | None, target: str
) -> list[EventLoopWait]:
    if symbol is not None and not symbol.startswith("."):
        fact = MODEL.needs_event_loop(symbol, target)
        if fact is None:
            return _dependency_waits(analyzer, call, symbol, target)
        short = symbol.rsplit("/", 1)[-1]
        return [EventLoopWait(call, f"`{short}`", condition=fact.condition)]
    func = call.child_by_field_name("function")
    if func is None:
        return []
    if func.type == "selector_expression":
        # Only methods of a receiver whose package type is known: a name alone (Get, Do)
        # would match unrelated methods and cry wolf.
        local = analyzer.resolver_for(call).call_symbol(call)
        decls = analyzer.callees("method", local) if local and local.startswith(".") else []
    elif func.type == "identifier":
        decls = analyzer.package.functions(text(func))
    else:
        decls = []
    for decl in decls:
        none: list[EventLoopWait] = []
        inner = analyzer.memo(
            "event-loop-waits", decl, target, partial(_function_waits, analyzer, decl, target), none
        )
        if inner:
            first = inner[0]
            what = f"`{text(func)}()`, which waits for {first.what}"
            related = ((first.node, "the wait is here"),)
            return [EventLoopWait(call, what, related, first.condition)]
    return []


def _dependency_waits(
    analyzer: Analyzer, call: Node, symbol: str, target: str
) -> list[EventLoopWait]:
    """A call into a dependency function that waits for the event loop before it returns
    (a reach with no goroutine or function literal on the way)."""
    view = analyzer.summaries.get(target)
    summary = view.summary_of(symbol) if view is not None else None
    if summary is None:
        return []
    for reach in summary.reaches:
        fact = MODEL.needs_event_loop(reach.symbol, target) if reach.direct else None
        if fact is not None:
            what = f"`{reach.symbol.rsplit('/', 1)[-1]}` through `{summary.function}`"
            return [EventLoopWait(call, what, condition=fact.condition, reach=reach)]
    return []


def _function_waits(analyzer: Analyzer, decl: Node, target: str) -> list[EventLoopWait]:
    body = decl.child_by_field_name("body")
    return find_event_loop_waits(analyzer, body, target) if body is not None else []
