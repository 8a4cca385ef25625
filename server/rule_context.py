"""What a rule may ask about one package view built for one target.

Rules import this module and the engine builds its instances, so rules never import the
engine (which imports every rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from wasmvet.analysis import guards
from wasmvet.analysis.build_constraints import BuildContext
from wasmvet.analysis.dependencies import (
    Dependencies,
    Reach,
    Step,
    Summary,
    never_ranges,
    receiver_method,
    renamed_call,
)
from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.scope import Resolver
from wasmvet.analysis.unreached import unreached_functions
from wasmvet.diagnostics import Diagnostic, Fix, Frame, Related, Severity, Span
from wasmvet.hosts import ANY_JS_HOST, HostCondition, HostProfile, HostVerdict, judge
from wasmvet.runtime_model.model import LATEST_TINYGO_MINOR, MODEL, Versions
from wasmvet.targets import TARGETS, Target

if TYPE_CHECKING:
    from wasmvet.rules.base import Rule


@dataclass
class RuleContext:
    """Everything a rule may ask about one package view built for one target."""

    package: Package
    target: Target
    build: BuildContext
    go_minor: int
    analyzer: Analyzer
    tinygo_minor: int = LATEST_TINYGO_MINOR
    build_tags: tuple[str, ...] = ()
    host: HostProfile = ANY_JS_HOST
    rule: Rule | None = None
    found: list[Diagnostic] = field(default_factory=list)
    in_dependency: bool = False
    """A view of a dependency package, where a rule looks for what to report at callers."""
    _dead_code: dict[int, guards.DeadCode] = field(default_factory=dict, repr=False)
    _never_dead: dict[int, list[tuple[int, int]]] | None = field(default=None, repr=False)

    @property
    def versions(self) -> Versions:
        """The Go and TinyGo releases this view is analysed for (for runtime-model queries)."""
        return Versions(go=self.go_minor, tinygo=self.tinygo_minor)

    @property
    def release(self) -> str:
        """The toolchain release this view is built with, as users write it: ``Go 1.24``,
        ``TinyGo 0.34``."""
        if self.target.is_tinygo:
            return f"TinyGo 0.{self.tinygo_minor}"
        return f"Go 1.{self.go_minor}"

    def build_for(self, target_id: str) -> BuildContext:
        """How another target selects files in this run (same releases and build tags)."""
        return TARGETS[target_id].context(self.versions, self.build_tags)

    def on_host(self, condition: HostCondition, argument: str | None = None) -> HostVerdict | None:
        """How to report a claim with a host condition on the hosts this package runs on
        (None: it does not hold there); see ``hosts.judge``."""
        is_js = self.target.id == "go-js"
        return judge(condition, self.host, is_js, MODEL.wasi_defaults, argument)

    def resolver(self, gofile: GoFile) -> Resolver:
        return self.analyzer.resolver(gofile)

    def resolver_for(self, node: Node) -> Resolver:
        return self.analyzer.resolver_for(node)

    def reachable(self, node: Node, gofile: GoFile | None = None) -> bool:
        """False when a runtime.GOOS/GOARCH guard makes ``node`` (in ``gofile`` when known)
        dead code for this target."""
        gofile = gofile or self.package.file_of(node)
        if self._guard_dead(gofile).covers(node):
            return False
        after = self._after_never_returning().get(id(gofile))
        return not after or not any(start <= node.start_byte < end for start, end in after)

    def _after_never_returning(self) -> dict[int, list[tuple[int, int]]]:
        """By file: what follows a call that never returns on this target, and the functions
        only such code (or dead guard branches) refers to; computed once per view."""
        if self._never_dead is None:
            view = self.dependencies
            found = {
                id(f): never_ranges(f, self.resolver(f), self.target.id, view)
                for f in self.package.files
            }
            self._never_dead = {k: v for k, v in found.items() if v}
            if self._never_dead:
                dead = {
                    id(f): self._never_dead.get(id(f), []) + self._guard_dead(f).ranges()
                    for f in self.package.files
                }
                for key, ranges in unreached_functions(self.package, dead).items():
                    self._never_dead.setdefault(key, []).extend(ranges)
        return self._never_dead

    def _guard_dead(self, gofile: GoFile) -> guards.DeadCode:
        """The file's code that a GOOS/GOARCH guard makes dead on this target."""
        dead = self._dead_code.get(id(gofile))
        if dead is None:
            root = gofile.source.root
            found = self.analyzer.memo(
                "guards", root, "", lambda: guards.Guards.of(root, gofile.source.data), None
            )
            assert found is not None
            dead = guards.DeadCode(found, self.target.runtime, self.resolver(gofile))
            self._dead_code[id(gofile)] = dead
        return dead

    @property
    def dependencies(self) -> Dependencies | None:
        """The dependency view of this target (None outside a module, or inside GOROOT)."""
        return self.analyzer.summaries.get(self.target.id)

    def dependency_calls(self) -> list[DependencyCall]:
        """The package's calls into dependency packages that have a summary on this target
        (``dep.F(...)``, and methods of a dependency's type when the receiver's type is
        evident), found once per package view and target."""
        view = self.dependencies
        if view is None:
            return []
        return self.analyzer.shared(
            f"dependency-calls:{self.target.id}", lambda: _dependency_calls(self, view)
        )

    def trace(self, reach: Reach | tuple[Step, ...]) -> tuple[Frame, ...]:
        """A reach's steps (or steps) as a diagnostic's call trace (outermost call first)."""
        steps = reach.steps if isinstance(reach, Reach) else reach
        return tuple(Frame(s.path, s.line, s.column, s.function) for s in steps)

    def span(self, node: Node, end_point: tuple[int, int] | None = None) -> Span:
        (sl, sc), (el, ec) = node.start_point, end_point or node.end_point
        return Span(sl, sc, el, ec)

    def report(
        self,
        node: Node,
        message: str,
        *,
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        severity: Severity | None = None,
        check_guards: bool = True,
        end_point: tuple[int, int] | None = None,
        trace: tuple[Frame, ...] = (),
    ) -> None:
        """Report a finding on ``node`` unless a GOOS/GOARCH guard, or a call before it
        that never returns on this target, excludes it here."""
        assert self.rule is not None
        gofile = self.package.file_of(node)
        if check_guards and not self.reachable(node, gofile):
            return
        self.found.append(
            Diagnostic(
                path=gofile.source.path,
                span=self.span(node, end_point),
                code=self.rule.code,
                name=self.rule.name,
                severity=severity or self.rule.severity,
                message=message,
                targets=(self.target.id,),
                fix=fix,
                related=tuple(related),
                trace=trace,
            )
        )

    def related(self, node: Node, message: str) -> Related:
        return Related(self.package.file_of(node).source.path, self.span(node), message)


@dataclass(frozen=True)
class DependencyCall:
    """A call of the analysed package into a dependency function, with its summary."""

    node: Node
    symbol: str
    summary: Summary


def _dependency_calls(ctx: RuleContext, view: Dependencies) -> list[DependencyCall]:
    found: list[DependencyCall] = []
    for gofile in ctx.package.files:
        followed = {n: p for n, p in gofile.imports.items() if view.follows(p)}
        renamed = view.renamed_imports(gofile)
        if not followed and not renamed:
            continue
        paths = set(followed.values()) | set(renamed.values())
        methods = frozenset(
            name for path in paths if (dep := view.facts(path)) is not None for name in dep.methods
        )
        resolver = ctx.resolver(gofile)
        for call in gofile.index.selector_calls(frozenset(followed) | set(renamed), methods):
            symbol = (
                resolver.call_symbol(call)
                or renamed_call(resolver, call, renamed)
                or receiver_method(view, resolver, call, None)
            )
            path = next((p for p in paths if symbol and symbol.startswith(p + ".")), None)
            if symbol is None or path is None:
                continue
            summary = view.summary(path, symbol[len(path) + 1 :])
            if summary is not None:
                found.append(DependencyCall(call, symbol, summary))
    return found
