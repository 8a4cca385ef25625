"""Loop rules followed into dependencies: a loop a rule flags inside a dependency function
the package calls (and waits for) is reported at the user's call, with the trace to it.

The rule's own check runs on the dependency package (a ``RuleContext`` over it, same
target, releases and host), once per package and view; the dependency view follows the
calls from the user's call to a flagged loop (``Dependencies.trace_to_mark``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tree_sitter import Node

from wasmvet.analysis.dependencies import Dependencies, DepPackage
from wasmvet.analysis.loops import loops
from wasmvet.analysis.package import GoFile
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule

#: A dependency file's flagged loops: their (0-based line, column) → the rule's message.
Flagged = dict[Path, dict[tuple[int, int], str]]


def report_through_dependencies(rule: Rule, ctx: RuleContext) -> None:
    """Report, at each call into a dependency, a loop ``rule`` flags that the call runs."""
    view = ctx.dependencies
    if view is None or ctx.in_dependency:
        return
    calls = ctx.dependency_calls()
    if not calls:
        return

    def marked(dep: DepPackage, gofile: GoFile) -> list[Node]:
        here = _flagged(rule, ctx, view, dep, host).get(gofile.source.path, {})
        return [loop for loop in loops(gofile) if loop.start_point in here] if here else []

    host = repr(ctx.host)
    kind = f"{rule.code}:{host}"
    for call in calls:
        trace = view.trace_to_mark(call.symbol, kind, marked)
        if not trace:
            continue
        last = trace[-1]  # the loop, flagged when the trace was first followed
        flagged = _flagged(rule, ctx, view, None, host).get(last.path, {})
        message = flagged.get((last.line - 1, last.column - 1))
        if message is None:
            continue
        ctx.report(
            call.node,
            f"a loop in `{last.function}`: {message}; reached through `{call.summary.function}`",
            trace=ctx.trace(trace),
        )


def _flagged(
    rule: Rule, ctx: RuleContext, view: Dependencies, dep: DepPackage | None, host: str
) -> Flagged:
    """What ``rule`` flags in ``dep`` on the view's target (every package's findings so far
    when ``dep`` is None), computed once per view, rule and host."""
    memo: dict[tuple[str, str, str], Flagged] = view.rule_results
    key = (rule.code, host, dep.import_path if dep is not None else "")
    if dep is None:
        merged: Flagged = {}
        for (code, on_host, _), flagged in list(memo.items()):  # another thread may add
            if (code, on_host) == key[:2]:
                merged.update(flagged)
        return merged
    known = memo.get(key)
    if known is None:
        inner = replace(
            ctx,
            package=dep.package,
            analyzer=dep.analyzer,
            build=view.build,
            rule=rule,
            found=[],
            in_dependency=True,
            _dead_code={},
            _never_dead=None,
        )
        rule.check(inner)
        known = memo[key] = {}
        for finding in inner.found:
            where = (finding.span.start_line, finding.span.start_col)
            known.setdefault(finding.path, {})[where] = finding.message
    return known
