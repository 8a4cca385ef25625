"""The rules: one module per rule, each exposing ``RULE``. The registry finds them by name."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from wasmvet.rules.base import Rule
from wasmvet.suggest import did_you_mean


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every rule by code, in code order."""
    found: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("wv"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule: Rule = module.RULE
        if rule.code in found:
            raise RuntimeError(f"duplicate rule code {rule.code}")
        found[rule.code] = rule
    return dict(sorted(found.items()))


class UnknownRule(ValueError):
    """A rule code or prefix that matches no rule."""


@dataclass(frozen=True)
class Selection:
    """One layer of rule selection (a configuration file, the command line): ``select``
    (None: not said) starts over, ``extend_select`` adds, ``ignore`` removes."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return (*(self.select or ()), *self.extend_select, *self.ignore)


def check_codes(codes: Iterable[str]) -> None:
    """UnknownRule for a code or prefix (``ALL`` aside) that matches no rule, or an empty one."""
    rules = all_rules()
    for prefix in codes:
        if not prefix.strip():
            raise UnknownRule("empty rule code")
        if prefix != "ALL" and not any(code.startswith(prefix) for code in rules):
            hint = did_you_mean(prefix, [*rules, "ALL"])
            raise UnknownRule(f"unknown rule code or prefix {prefix!r}{hint}")


def selected_rules(layers: Iterable[Selection]) -> list[Rule]:
    """The rules every layer leaves selected, starting from all of them."""
    rules = all_rules()
    chosen = set(rules)
    for layer in layers:
        check_codes(layer.codes)
        if layer.select is not None:
            chosen = _matching(rules, layer.select)
        chosen |= _matching(rules, layer.extend_select)
        chosen -= _matching(rules, layer.ignore)
    return [rule for code, rule in rules.items() if code in chosen]


def _matching(rules: dict[str, Rule], prefixes: tuple[str, ...]) -> set[str]:
    if "ALL" in prefixes:
        return set(rules)
    return {code for code in rules if any(code.startswith(p) for p in prefixes)}


def select_rules(select: list[str], ignore: list[str]) -> list[Rule]:
    """Rules whose code starts with a ``select`` prefix (any, when empty) and with no
    ``ignore`` prefix."""
    return selected_rules([Selection(tuple(select) or None, (), tuple(ignore))])
