"""Self-recursive functions and how deep a call site drives them.

Only recursion whose depth follows from what the code shows is measured: a parameter
counted down by a constant (``f(n - 1)``), a slice cut from the front (``f(xs[1:])``) or a
list followed one field at a time (``f(node.next)``), called with a constant count, or with
a slice or list built by a loop with a constant bound. Tree recursion (two fields, halving)
and inputs of unknown size are not measured.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from tree_sitter import Node

from wasmvet.analysis.constants import Constant, ConstantEvaluator
from wasmvet.analysis.effects import Analyzer, walk
from wasmvet.analysis.parsing import text

_FUNCTIONS = frozenset({"func_literal"})


@dataclass(frozen=True)
class Recursion:
    """A function that calls itself, shrinking parameter ``position`` each time: by
    ``step`` (``count``: ``n - step``; ``slice``: ``xs[step:]``) or along ``field``
    (``list``: ``node.field``)."""

    decl: Node
    call: Node
    position: int
    kind: str
    step: int = 1
    field: str = ""


@dataclass(frozen=True)
class DeepCall:
    """A call that drives a recursion about ``depth`` calls deep; ``why`` says from what."""

    call: Node
    recursion: Recursion
    depth: int
    why: str


def _parameters(decl: Node) -> list[str]:
    params = decl.child_by_field_name("parameters")
    names: list[str] = []
    for param in params.named_children if params is not None else []:
        if param.type == "parameter_declaration":
            names += [text(n) for n in param.children_by_field_name("name")]
    return names


def _arguments(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def _callee(call: Node) -> str | None:
    func = call.child_by_field_name("function")
    return text(func) if func is not None and func.type == "identifier" else None


def _receiver(decl: Node) -> tuple[str, str] | None:
    """(receiver name, type name) of ``func (t *T) M(...)``."""
    receiver = decl.child_by_field_name("receiver")
    params = (
        [p for p in receiver.named_children if p.type == "parameter_declaration"]
        if receiver
        else []
    )
    name = params[0].child_by_field_name("name") if len(params) == 1 else None
    kind = params[0].child_by_field_name("type") if len(params) == 1 else None
    if name is None or kind is None:
        return None
    return text(name), text(kind).lstrip("*")


def _calls(name: str, call: Node) -> bool:
    """Whether ``call`` is ``name(...)``."""
    return _callee(call) == name


def _method_of(receiver: str, method: str, call: Node) -> bool:
    """Whether ``call`` is ``receiver.method(...)``."""
    func = call.child_by_field_name("function")
    if func is None or func.type != "selector_expression":
        return False
    operand, field = func.child_by_field_name("operand"), func.child_by_field_name("field")
    return (
        operand is not None
        and field is not None
        and (text(operand), text(field))
        == (
            receiver,
            method,
        )
    )


def recursions(analyzer: Analyzer) -> dict[str, Recursion]:
    """How the package's self-recursive functions (by name) and methods (by ``.T.M``, as
    ``Resolver.call_symbol`` names them) recurse, when their self-calls all shrink the same
    parameter the same way."""

    def compute() -> dict[str, Recursion]:
        found: dict[str, Recursion] = {}
        for gofile in analyzer.package.files:
            for ident in gofile.index.all("func"):
                decl, name = ident.parent, text(ident)
                if decl is None or not _names_itself(gofile.source.data, decl, name):
                    continue
                shape = _shape(analyzer, decl, partial(_calls, name))
                if shape is not None:
                    found[name] = shape
            for ident in gofile.index.all("method"):
                decl = ident.parent
                receiver = _receiver(decl) if decl is not None else None
                if decl is None or receiver is None:
                    continue
                recv, method = receiver[0], text(ident)
                if not _names_itself(gofile.source.data, decl, method):
                    continue
                shape = _shape(analyzer, decl, partial(_method_of, recv, method))
                if shape is not None:
                    found[f".{receiver[1]}.{method}"] = shape
        return found

    return analyzer.shared("recursions", compute)


def _names_itself(data: bytes, decl: Node, name: str) -> bool:
    """Whether ``decl``'s body holds ``name`` followed by ``(`` (comments and strings too:
    the test only has to keep every real self-call). Most functions never name themselves,
    and this text search spares walking them."""
    body = decl.child_by_field_name("body")
    if body is None:
        return False
    word = name.encode()
    at = data.find(word, body.start_byte, body.end_byte)
    while at != -1:
        rest = data[at + len(word) : min(at + len(word) + 64, body.end_byte)].lstrip()
        if rest.startswith(b"("):
            return True
        at = data.find(word, at + 1, body.end_byte)
    return False


def _shape(analyzer: Analyzer, decl: Node, is_self: Callable[[Node], bool]) -> Recursion | None:
    body = decl.child_by_field_name("body")
    if body is None:
        return None
    params = _parameters(decl)
    evaluator = ConstantEvaluator(analyzer.resolver_for(decl))
    shapes: set[Recursion] = set()
    for node in walk(body, skip=_FUNCTIONS):
        if node.type != "call_expression" or not is_self(node):
            continue
        shape = _shrinking(decl, node, params, evaluator)
        if shape is None:
            return None  # a self-call that does not visibly shrink: depth unknown
        shapes.add(shape)
    kinds = {(s.position, s.kind, s.field) for s in shapes}
    if len(kinds) != 1:
        return None  # no self-call, or tree recursion (several fields or parameters)
    return min(shapes, key=lambda s: (s.step, s.call.start_byte))


def _shrinking(
    decl: Node, call: Node, params: list[str], evaluator: ConstantEvaluator
) -> Recursion | None:
    for position, arg in enumerate(_arguments(call)):
        if position >= len(params):
            break
        param = params[position]
        if arg.type == "binary_expression":
            left, right = arg.child_by_field_name("left"), arg.child_by_field_name("right")
            op = arg.child_by_field_name("operator")
            step = evaluator.value(right) if right is not None else None
            counted = left is not None and op is not None and text(left) == param
            if counted and op is not None and text(op) == "-" and _positive(step):
                assert step is not None
                return Recursion(decl, call, position, "count", int(step.value))
        elif arg.type == "slice_expression":
            operand, start = arg.child_by_field_name("operand"), arg.child_by_field_name("start")
            step = evaluator.value(start) if start is not None else None
            no_end = arg.child_by_field_name("end") is None
            if operand is not None and text(operand) == param and no_end and _positive(step):
                assert step is not None
                return Recursion(decl, call, position, "slice", int(step.value))
        elif arg.type == "selector_expression":
            operand, field = arg.child_by_field_name("operand"), arg.child_by_field_name("field")
            if operand is not None and field is not None and text(operand) == param:
                return Recursion(decl, call, position, "list", field=text(field))
    return None


def _positive(step: Constant | None) -> bool:
    return step is not None and step.is_integer and step.value >= 1


def deep_calls(analyzer: Analyzer, threshold: int) -> Iterator[DeepCall]:
    """Calls from outside a recursive function that drive it deeper than ``threshold``."""
    shapes = recursions(analyzer)
    if not shapes:
        return
    methods = {k.rsplit(".", 1)[1] for k in shapes if k.startswith(".")}
    for gofile in analyzer.package.files:
        resolver = analyzer.resolver(gofile)
        evaluator = ConstantEvaluator(resolver)
        for call in gofile.index.all("call"):
            key = _callee(call)
            func = call.child_by_field_name("function")
            field = func.child_by_field_name("field") if func is not None else None
            if key is None and field is not None and text(field) in methods:
                key = resolver.call_symbol(call)
            recursion = shapes.get(key or "")
            if recursion is None or _inside(call, recursion.decl):
                continue
            args = _arguments(call)
            if recursion.position >= len(args):
                continue
            found = _depth(recursion, args[recursion.position], call, evaluator)
            if found is not None and found[0] > threshold:
                yield DeepCall(call, recursion, found[0], found[1])


def _inside(node: Node, ancestor: Node) -> bool:
    return ancestor.start_byte <= node.start_byte and node.end_byte <= ancestor.end_byte


def _depth(
    recursion: Recursion, arg: Node, call: Node, evaluator: ConstantEvaluator
) -> tuple[int, str] | None:
    """(depth, why) that ``arg`` drives the recursion to, when the code shows it."""
    if recursion.kind == "count":
        value = evaluator.value(arg)
        if value is None or not value.is_integer:
            return None
        return int(value.value) // recursion.step, f"`{text(arg)}` is {int(value.value):,}"
    if arg.type != "identifier":
        return None
    size = _loop_built(text(arg), call, recursion.kind, evaluator)
    if size is None:
        return None
    what = "slice" if recursion.kind == "slice" else "list"
    return size // recursion.step, f"`{text(arg)}` is a {what} of {size:,} built by a loop"


def _loop_built(name: str, call: Node, kind: str, evaluator: ConstantEvaluator) -> int | None:
    """The size of the slice or list ``name`` that a loop with a constant bound builds
    before ``call``, in the function around it."""
    home = call.parent
    while home is not None and home.type not in (
        "function_declaration",
        "method_declaration",
        "func_literal",
    ):
        home = home.parent
    body = home.child_by_field_name("body") if home is not None else None
    if body is None:
        return None
    for loop in walk(body, skip=_FUNCTIONS):
        if loop.type != "for_statement" or loop.start_byte > call.start_byte:
            continue
        bound = _loop_bound(loop, evaluator)
        if bound is not None and _grows(loop, name, kind):
            return bound
    return None


def _loop_bound(loop: Node, evaluator: ConstantEvaluator) -> int | None:
    """N of ``for i := 0; i < N; i++`` or ``for range N`` (N constant)."""
    for clause in loop.named_children:
        if clause.type == "for_clause":
            cond = clause.child_by_field_name("condition")
            op = cond.child_by_field_name("operator") if cond is not None else None
            right = cond.child_by_field_name("right") if cond is not None else None
            if op is None or right is None or text(op) not in ("<", "<="):
                return None
            value = evaluator.value(right)
        elif clause.type == "range_clause":
            right = clause.child_by_field_name("right")
            value = evaluator.value(right) if right is not None else None
        else:
            continue
        if value is None or not value.is_integer:
            return None
        return int(value.value)
    return None


def _grows(loop: Node, name: str, kind: str) -> bool:
    """Whether the loop's body grows ``name`` by one each time: ``name = append(name, ...)``
    for a slice, ``name = &T{... name ...}`` for a list."""
    body = loop.child_by_field_name("body")
    for node in walk(body, skip=_FUNCTIONS) if body is not None else []:
        if node.type != "assignment_statement":
            continue
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or text(left) != name or right.named_child_count != 1:
            continue
        value = right.named_child(0)
        if value is None:
            continue
        if kind == "slice" and value.type == "call_expression":
            args = _arguments(value)
            if _callee(value) == "append" and args and text(args[0]) == name:
                return True
        built = kind == "list" and value.type in ("unary_expression", "composite_literal")
        if built and any(n.type == "identifier" and text(n) == name for n in walk(value)):
            return True
    return False
