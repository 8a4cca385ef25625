"""The rules: one module per rule, each exposing ``RULE``. The registry finds them by name."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from wasmvet.rules.base import Rule


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


def select_rules(select: list[str], ignore: list[str]) -> list[Rule]:
    """Rules whose code starts with a ``select`` prefix and with no ``ignore`` prefix."""
    rules = all_rules()
    for prefix in [*select, *ignore]:
        if prefix != "ALL" and not any(code.startswith(prefix) for code in rules):
            raise UnknownRule(f"unknown rule code or prefix {prefix!r}")
    chosen = [
        rule
        for code, rule in rules.items()
        if (not select or "ALL" in select or any(code.startswith(p) for p in select))
        and not any(code.startswith(p) for p in ignore)
    ]
    return chosen
