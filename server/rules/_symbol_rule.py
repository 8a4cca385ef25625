"""Shared check for rules that flag calls the runtime model marks as failing on a target."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.calls import Call, all_model_calls
from wasmvet.analysis.failure_handling import handled_with_fallback
from wasmvet.analysis.parsing import call_argument, string_value
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import DependencyCall, RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL, Status, SymbolFact


class SymbolRule(Rule):
    """Flags calls to symbols whose runtime-model fact has one of ``topics`` and ``statuses``.

    A fact with a host condition is reported as the hosts the package runs on make it
    (``RuleContext.on_host``): not at all where it does not hold, else with the words that
    name the host.

    ``symbols`` (when set) narrows the rule to those symbols; ``severities`` maps a status to a
    severity other than the rule's default.
    """

    topics: ClassVar[frozenset[str]]
    statuses: ClassVar[frozenset[Status]]
    symbols: ClassVar[frozenset[str] | None] = None
    severities: ClassVar[dict[Status, Severity]] = {}
    #: A call whose error the program handles with a fallback is a note (not for panics).
    fallback_is_note: ClassVar[bool] = True

    def check(self, ctx: RuleContext) -> None:
        for call, facts in _calls_with_facts(ctx):
            if self.symbols is not None and call.symbol not in self.symbols:
                continue
            fact = next(
                (f for f in facts if f.topic in self.topics and f.status in self.statuses), None
            )
            if fact is None:
                continue
            if not self.applies(call.node):
                continue
            argument = _string_argument(call.node, fact.error_argument)
            verdict = ctx.on_host(fact.condition, argument)
            if verdict is None:
                continue
            message = self.message(fact, argument)
            message = f"{message}, {verdict.clause}" if verdict.clause else message
            severity = verdict.severity or self.severities.get(fact.status, self.severity)
            if self.fallback_is_note and handled_with_fallback(ctx.package, call.node):
                message += "; the program handles the error with a fallback"
                severity = Severity.INFO
            ctx.report(call.node, message, severity=severity)
        for dep_call in ctx.dependency_calls():
            self._check_dependency_call(ctx, dep_call)

    def _check_dependency_call(self, ctx: RuleContext, dep_call: DependencyCall) -> None:
        """Report at the user's call the first symbol this rule flags that the dependency
        function reaches, with the trace that leads there."""
        for reach in dep_call.summary.reaches:
            if self.symbols is not None and reach.symbol not in self.symbols:
                continue
            facts = MODEL.symbol_facts(reach.symbol, ctx.target.id, ctx.versions)
            fact = next(
                (f for f in facts if f.topic in self.topics and f.status in self.statuses), None
            )
            if fact is None:
                continue
            node = reach.call()
            if node is not None and not self.applies(node):
                continue
            argument = _string_argument(node, fact.error_argument) if node is not None else None
            verdict = ctx.on_host(fact.condition, argument)
            if verdict is None:
                continue
            message = self.message(fact, argument)
            if verdict.clause:
                message = f"{message}, {verdict.clause}"
            message += f"; reached through `{dep_call.summary.function}`"
            severity = verdict.severity or self.severities.get(fact.status, self.severity)
            if self.fallback_is_note and handled_with_fallback(ctx.package, dep_call.node):
                message += "; the program handles the error with a fallback"
                severity = Severity.INFO
            ctx.report(dep_call.node, message, severity=severity, trace=ctx.trace(reach))
            return

    def applies(self, call: Node) -> bool:
        """A rule's own veto for a call the model flags (default: none)."""
        return True

    def message(self, fact: SymbolFact, argument: str | None) -> str:
        """``exec.Command``: summary; the error text a program sees, when there is one."""
        short = fact.symbol.rsplit("/", 1)[-1]
        text = f"`{short}` on wasm: {fact.summary}"
        if fact.error:
            text += f" (fails with `{fact.error_text(argument)}`)"
        return text


def _calls_with_facts(ctx: RuleContext) -> list[tuple[Call, list[SymbolFact]]]:
    """The package's calls that the model has symbol facts about on this target, found once
    per package view and target for every symbol rule."""

    def compute() -> list[tuple[Call, list[SymbolFact]]]:
        found = []
        for call in all_model_calls(ctx.analyzer):
            facts = MODEL.symbol_facts(call.symbol, ctx.target.id, ctx.versions)
            if facts:
                found.append((call, facts))
        return found

    key = f"symbol-facts:{ctx.target.id}:{ctx.go_minor}:{ctx.tinygo_minor}"
    return ctx.analyzer.shared(key, compute)


def _string_argument(call: Node, index: int) -> str | None:
    """The call's ``index``-th argument when it is a string literal."""
    argument = call_argument(call, index)
    return string_value(argument) if argument is not None else None
