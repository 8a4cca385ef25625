"""WV503 tinygo-int-constant-overflow: a constant that does not fit TinyGo's 32-bit int."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.constants import Constant, ConstantEvaluator
from wasmvet.analysis.dependencies import DepPackage, PackageFacts, Step
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Applicability, Edit, Fix, Severity, Span
from wasmvet.fixes.names import refers_to_universe
from wasmvet.rule_context import RuleContext
from wasmvet.rules._dependency_imports import report_import_chains, through
from wasmvet.rules.base import Rule
from wasmvet.targets import TINYGO_TARGETS

# int, uint and uintptr are 32 bits on every TinyGo wasm target (fact tinygo.word-size).
RANGES = {
    "int": (-(1 << 31), (1 << 31) - 1),
    "uint": (0, (1 << 32) - 1),
    "uintptr": (0, (1 << 32) - 1),
}
INT_TYPES = frozenset(RANGES)
WIDER = {"int": "int64", "uint": "uint64", "uintptr": "uint64"}


def _overflows(constant: Constant, type_name: str) -> bool:
    low, high = RANGES[type_name]
    return constant.is_integer and not low <= constant.value <= high


#: A candidate: the value, the int type it becomes, its value, what makes its fix (if any).
_Site = tuple[Node, str, Constant, Callable[[], Fix | None] | None]


class TinygoIntConstantOverflow(Rule):
    code = "WV503"
    name = "tinygo-int-constant-overflow"
    summary = "A constant above 2^31-1 used as int (or 2^32-1 as uint): TinyGo's int is 32 bits."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = TINYGO_TARGETS
    fix = "unsafe"
    facts = ("tinygo.word-size",)
    doc = """
## What it flags
A constant that does not fit in 32 bits where it becomes an `int`, `uint` or `uintptr`:
`x := 5000000000` (an untyped integer constant defaults to `int`), `var n int = 1 << 40`,
`const c uint = 1 << 32`, `int(3e9)`, also through named constants.

Also the import of a dependency package that holds such a constant in a file the target
builds, or imports (through other dependency packages) one that does: reported at the
user's import with the chain of imports as the trace.

## Why it fails
TinyGo's `int`, `uint` and `uintptr` are 32 bits on every wasm target (standard Go's
GOARCH=wasm has 64-bit ones), so the program does not compile there. The same check fails on
any 32-bit Go port; measured with go1.27.3 for GOARCH=386:
`cannot use 5000000000 (untyped int constant) as int value in assignment (overflows)` and
`cannot convert 3e9 (untyped float constant 3000000000) to type int`, while the same file
builds for GOARCH=wasm. TinyGo type-checks every package the program imports, with its
32-bit sizes, before compiling any (`loader.Load` with `compiler.Sizes`, then
`Program.Parse`), so such a constant anywhere in a dependency breaks the build even if no
function holding it is called.

## Example
```go
const maxSize = 1 << 40
limit := maxSize // overflows int under TinyGo
```

## Use instead
```go
var limit int64 = maxSize
```

## Fix safety
The fix gives the variable type `int64` (`uint64` for `uint`). It is unsafe: code that passes
the variable where an `int` is expected then needs a conversion. No fix is offered where
`int64` (`uint64`) is declared in the package or around the constant (it would not be the
predeclared type there).

## References
- TinyGo `compiler/compiler.go` (Sizes: 32-bit int when pointers are 4 bytes)
- `tests/oracle/test_word_size_oracle.py` (the examples built for GOARCH=386 and wasm)
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            # The sites do not depend on the target: every TinyGo target of a view shares them.
            sites: list[tuple[Node, str, Fix | None]] = ctx.analyzer.memo(
                "wv503-sites", gofile.source.root, "", partial(self._overflows, ctx, gofile), []
            )
            for node, message, fix in sites:
                ctx.report(node, message, fix=fix)
        report_import_chains(ctx, self.code, partial(self._in_dependency, ctx), _chain_message)

    def _in_dependency(
        self, ctx: RuleContext, import_path: str, _: PackageFacts
    ) -> tuple[Step, str] | None:
        """The first overflowing constant of a dependency package (worked out once, kept in
        the summary cache)."""
        view = ctx.dependencies
        marks = view.package_marks(import_path, self.code, self._marks) if view else None
        return marks[0] if marks else None

    def _marks(self, dep: DepPackage) -> list[tuple[Step, str]]:
        found = []
        for gofile in dep.package.files:
            evaluator = ConstantEvaluator(dep.analyzer.resolver(gofile))
            for node, type_name, constant, _ in self._sites(gofile, evaluator):
                if _overflows(constant, type_name):
                    (line, column) = node.start_point
                    step = Step(gofile.source.path, line + 1, column + 1, dep.import_path)
                    found.append((step, f"`{text(node)}` overflows {type_name}"))
        return found

    def _overflows(self, ctx: RuleContext, gofile: GoFile) -> list[tuple[Node, str, Fix | None]]:
        """(value node, message, fix) for each constant that overflows its int type."""
        found = []
        evaluator = ConstantEvaluator(ctx.resolver(gofile))
        for node, type_name, constant, make_fix in self._sites(gofile, evaluator):
            if not _overflows(constant, type_name):
                continue
            fix = make_fix() if make_fix is not None else None
            low, high = RANGES[type_name]
            shown = f"{int(constant.value)}" if text(node) != str(constant.value) else ""
            value = f"`{text(node)}`" + (f" ({shown})" if shown else "")
            message = (
                f"{value} overflows {type_name} on TinyGo, where {type_name} is 32 bits "
                f"({low}..{high}): the build fails (use {WIDER[type_name]})"
            )
            found.append((node, message, fix))
        return found

    def _sites(self, gofile: GoFile, evaluator: ConstantEvaluator) -> Iterator[_Site]:
        """(value node, int type it becomes, its constant value, what makes its fix) for
        each candidate; a fix is made only for the few that overflow."""
        index = gofile.index
        for call, type_name in evaluator.resolver.predeclared_calls(INT_TYPES):
            yield from self._conversion(call, type_name, evaluator)
        for decl in index.all("short_var"):
            yield from self._short_var(decl, evaluator)
        for spec in index.all("spec"):
            yield from self._typed_spec(spec, evaluator)

    def _conversion(
        self, call: Node, type_name: str, evaluator: ConstantEvaluator
    ) -> Iterator[_Site]:
        args = call.child_by_field_name("arguments")
        if args is None or len(args.named_children) != 1:
            return
        constant = evaluator.value(args.named_children[0])
        if constant is not None:
            yield args.named_children[0], type_name, constant, None

    def _short_var(self, decl: Node, evaluator: ConstantEvaluator) -> Iterator[_Site]:
        right = decl.child_by_field_name("right")
        for value in right.named_children if right is not None else []:
            constant = evaluator.value(value)
            # Only untyped integer constants default to int (runes to int32, floats to float64).
            if constant is not None and constant.kind == "int" and constant.typed is None:
                yield value, "int", constant, partial(self._wrap_fix, evaluator, value)

    def _typed_spec(self, spec: Node, evaluator: ConstantEvaluator) -> Iterator[_Site]:
        type_node, values = spec.child_by_field_name("type"), spec.child_by_field_name("value")
        if type_node is None or values is None or text(type_node) not in RANGES:
            return
        type_name = text(type_node)
        for value in values.named_children:
            constant = evaluator.value(value)
            if constant is not None:
                yield value, type_name, constant, partial(self._retype_fix, evaluator, type_node)

    def _wrap_fix(self, evaluator: ConstantEvaluator, value: Node) -> Fix | None:
        resolver = evaluator.resolver
        if not refers_to_universe(resolver.file, resolver.package, value, "int64"):
            return None
        path = resolver.file.source.path
        (sl, sc), (el, ec) = value.start_point, value.end_point
        return Fix(
            Applicability.UNSAFE,
            "Make it an int64",
            (Edit(path, Span(sl, sc, el, ec), f"int64({text(value)})"),),
        )

    def _retype_fix(self, evaluator: ConstantEvaluator, type_node: Node) -> Fix | None:
        resolver = evaluator.resolver
        wider = WIDER[text(type_node)]
        if not refers_to_universe(resolver.file, resolver.package, type_node, wider):
            return None
        path = resolver.file.source.path
        (sl, sc), (el, ec) = type_node.start_point, type_node.end_point
        return Fix(
            Applicability.UNSAFE, f"Make it {wider}", (Edit(path, Span(sl, sc, el, ec), wider),)
        )


def _chain_message(imported: str, steps: tuple[Step, ...], what: str) -> str:
    where = steps[-1]
    return (
        f"`{imported}`{through(steps)} does not build on TinyGo, where int and uint are 32 "
        f"bits: {what} (`{where.path.name}:{where.line}` in `{where.function}`)"
    )


RULE = TinygoIntConstantOverflow()
