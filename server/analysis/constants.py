"""Values of Go constant expressions that are evident from the source.

Covers literals, arithmetic, conversions of constants, local and package-level ``const``
declarations (without ``iota``) and the sized ``math`` limits. Anything else is unknown (None),
so rules built on this never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from tree_sitter import Node

from wasmvet.analysis.parsing import names, text
from wasmvet.analysis.scope import Resolver

Kind = Literal["int", "rune", "float"]
_KIND_ORDER: dict[Kind, int] = {"int": 0, "rune": 1, "float": 2}

# math's limits of sized types (MaxInt and MaxUint depend on the word size: unknown here).
_MATH = {
    "math.MaxInt8": (1 << 7) - 1,
    "math.MinInt8": -(1 << 7),
    "math.MaxInt16": (1 << 15) - 1,
    "math.MinInt16": -(1 << 15),
    "math.MaxInt32": (1 << 31) - 1,
    "math.MinInt32": -(1 << 31),
    "math.MaxInt64": (1 << 63) - 1,
    "math.MinInt64": -(1 << 63),
    "math.MaxUint8": (1 << 8) - 1,
    "math.MaxUint16": (1 << 16) - 1,
    "math.MaxUint32": (1 << 32) - 1,
    "math.MaxUint64": (1 << 64) - 1,
}
_MATH_NAMES = frozenset(name.removeprefix("math.") for name in _MATH)
_MAX_DEPTH = 32


@dataclass(frozen=True)
class Constant:
    """A constant's exact value; ``typed`` is its type name when it has one (``int64``)."""

    value: Fraction
    kind: Kind
    typed: str | None = None

    @property
    def is_integer(self) -> bool:
        return self.value.denominator == 1


_EXPONENT = re.compile(r"[eEpP]([+-]?[0-9]+)$")
_EXPONENT_DIGITS = 4
"""Float literals with longer exponents have no value here (an exact Fraction of 1e999999999
takes forever)."""


def _literal(node: Node) -> Constant | None:
    raw = text(node).replace("_", "")
    try:
        if node.type == "int_literal":
            if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
                return Constant(Fraction(int(raw, 8)), "int")
            return Constant(Fraction(int(raw, 0)), "int")
        if node.type == "float_literal":
            exponent = _EXPONENT.search(raw)
            if exponent is not None and len(exponent.group(1).lstrip("+-0")) > _EXPONENT_DIGITS:
                return None  # 1e999999999 would be computed exactly (a hang)
            if raw.lower().startswith("0x"):
                return Constant(Fraction(float.fromhex(raw)), "float")
            return Constant(Fraction(raw), "float")
    except (ValueError, OverflowError):  # 0x1p99999 overflows a float
        return None
    if node.type == "rune_literal":
        body = raw[1:-1]
        if len(body) == 1:
            return Constant(Fraction(ord(body)), "rune")
    return None


def _binary(op: str, a: Constant, b: Constant) -> Constant | None:
    kind = a.kind if _KIND_ORDER[a.kind] >= _KIND_ORDER[b.kind] else b.kind
    typed = a.typed or b.typed
    x, y = a.value, b.value
    if op in ("<<", ">>"):
        if not (a.is_integer and b.is_integer) or y < 0 or y > 4096:
            return None
        shifted = int(x) << int(y) if op == "<<" else int(x) >> int(y)
        return Constant(Fraction(shifted), "int" if a.kind == "float" else a.kind, a.typed)
    if op in ("+", "-", "*"):
        value = x + y if op == "+" else x - y if op == "-" else x * y
        return Constant(value, kind, typed)
    if op in ("/", "%"):
        if y == 0:
            return None
        if kind == "float" and op == "/":
            return Constant(x / y, kind, typed)
        if not (x.denominator == 1 and y.denominator == 1):
            return None
        quotient = abs(int(x)) // abs(int(y)) * (1 if (x < 0) == (y < 0) else -1)
        value = Fraction(quotient) if op == "/" else x - y * quotient
        return Constant(value, kind, typed)
    if op in ("&", "|", "^", "&^") and a.is_integer and b.is_integer:
        i, j = int(x), int(y)
        result = {"&": i & j, "|": i | j, "^": i ^ j, "&^": i & ~j}[op]
        return Constant(Fraction(result), kind, typed)
    return None


class ConstantEvaluator:
    """Evaluates constant expressions of one package with a file's resolver."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def value(self, expr: Node, depth: int = 0) -> Constant | None:
        """The constant ``expr`` denotes, or None if it is not evidently a constant."""
        if depth > _MAX_DEPTH:
            return None
        kind = expr.type
        if kind in ("int_literal", "float_literal", "rune_literal"):
            return _literal(expr)
        if kind == "parenthesized_expression" and expr.named_child_count == 1:
            inner = expr.named_child(0)
            return self.value(inner, depth + 1) if inner is not None else None
        if kind == "unary_expression":
            return self._unary(expr, depth)
        if kind == "binary_expression":
            left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
            op = expr.child_by_field_name("operator")
            if left is None or right is None or op is None:
                return None
            a, b = self.value(left, depth + 1), self.value(right, depth + 1)
            return _binary(text(op), a, b) if a is not None and b is not None else None
        if kind == "selector_expression":
            field = expr.child_by_field_name("field")
            if field is None or text(field) not in _MATH_NAMES:
                return None  # not one of math's limits: no need to resolve the operand
            name = self.resolver.qualified(expr)
            limit = _MATH.get(name or "")
            return Constant(Fraction(limit), "int") if limit is not None else None
        if kind == "identifier":
            return self._named(expr, depth)
        return None

    def _unary(self, expr: Node, depth: int) -> Constant | None:
        operand = expr.child_by_field_name("operand")
        op = expr.child_by_field_name("operator")
        inner = self.value(operand, depth + 1) if operand is not None else None
        if inner is None or op is None:
            return None
        if text(op) == "-":
            return Constant(-inner.value, inner.kind, inner.typed)
        if text(op) == "+":
            return inner
        return None

    def _named(self, ident: Node, depth: int) -> Constant | None:
        name = text(ident)
        local_consts = self.resolver.file.local_constants
        if name not in local_consts and not self.resolver.package.is_const(name):
            return None  # no constant of that name anywhere: no need to look for a declaration
        local = self.resolver.local_declaration(ident, name)
        if local is not None:
            spec = local.ident.parent
            return self._from_spec(spec, local.ident, depth) if spec is not None else None
        for declared in self.resolver.package.constants(name):
            if declared.parent is not None:
                return self._from_spec(declared.parent, declared, depth)
        return None

    def _from_spec(self, spec: Node, ident: Node, depth: int) -> Constant | None:
        if spec.type != "const_spec":
            return None
        declared = names(spec)
        values = spec.child_by_field_name("value")
        if values is None or len(values.named_children) != len(declared):
            return None  # implicit repetition (iota) or a malformed spec
        index = next((i for i, n in enumerate(declared) if n.id == ident.id), None)
        if index is None:
            return None
        value_node = values.named_children[index]
        if "iota" in text(value_node):
            return None
        found = self.value(value_node, depth + 1)
        type_node = spec.child_by_field_name("type")
        if found is None or type_node is None:
            return found
        return Constant(found.value, found.kind, text(type_node))
