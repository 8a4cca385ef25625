"""WV504 tinygo-int-truncation: a 64-bit value that outgrows 32 bits, converted to int."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.analysis.word_size import narrowing_conversions
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import TINYGO_TARGETS


class TinygoIntTruncation(Rule):
    code = "WV504"
    name = "tinygo-int-truncation"
    summary = "int(x) of a value that exceeds 32 bits (nanoseconds, Unix millis, 64-bit hashes)."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = TINYGO_TARGETS
    facts = ("tinygo.word-size",)
    doc = """
## What it flags
`int(...)`, `uint(...)` or `uintptr(...)` of a value that is 64 bits wide and, in ordinary
use, larger than 2^31: `time.Duration` values (`time.Since`, `Sub`, `Nanoseconds`),
`UnixNano`, `UnixMicro`, `UnixMilli`, 64-bit hashes and random numbers. Also a call
into a dependency function that runs such a conversion (through further calls, into other
dependency packages), reported at the call with the trace that leads to the conversion:
unlike a build failure, a wrong number matters only where the code runs.

## Why it fails
TinyGo's `int` is 32 bits on wasm (standard Go's is 64), and a conversion between integer types
silently keeps the low bits: `int(time.Since(start))` wraps after 2.1 seconds,
`int(t.UnixMilli())` is garbage. Nothing fails at build or run time; the numbers are just wrong.

## Example
```go
elapsed := int(time.Since(start)) // wraps after 2.1 s under TinyGo
```

## Use instead
```go
elapsed := time.Since(start).Milliseconds() // int64
```
Keep the value as `int64`/`uint64`, or convert to a coarser unit first.

## Fix safety
No automatic fix: the right unit depends on the code.

## References
- TinyGo `compiler/compiler.go` (32-bit int on wasm32); the Go spec, "Conversions between
  numeric types" (truncation)
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            # Target-independent: every TinyGo target of a package view shares the findings.
            found: list[tuple[Node, str]] = ctx.analyzer.memo(
                "wv504-calls", gofile.source.root, "", partial(_truncations, ctx, gofile), []
            )
            for call, message in found:
                ctx.report(call, message)
        for dep_call in ctx.dependency_calls():
            narrows = dep_call.summary.narrows
            if narrows is not None:
                message = _message(narrows.conversion, narrows.narrow, narrows.why)
                ctx.report(
                    dep_call.node,
                    f"`{dep_call.summary.function}` narrows a 64-bit value (in "
                    f"`{narrows.steps[-1].function}`): {message}",
                    trace=ctx.trace(narrows.steps),
                )


def _truncations(ctx: RuleContext, gofile: GoFile) -> list[tuple[Node, str]]:
    """(call, message) for each narrowing conversion of a value known to be wide."""
    return [
        (call, _message(text(call), narrow, why))
        for call, narrow, why in narrowing_conversions(ctx.resolver(gofile))
    ]


def _message(conversion: str, narrow: str, why: str) -> str:
    return (
        f"`{conversion}` keeps only the low 32 bits on TinyGo, where {narrow} is 32 bits: "
        f"the value is {why}; keep it as int64"
    )


RULE = TinygoIntTruncation()
