"""WV504 tinygo-int-truncation: a 64-bit value that outgrows 32 bits, converted to int."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Resolver
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import TINYGO_TARGETS

# Go APIs whose int64/uint64 results exceed 32 bits in ordinary use (go doc, go1.27.3).
WIDE_RESULTS = {
    "time.Time.UnixNano": "nanoseconds since 1970 (about 1.8e18)",
    "time.Time.UnixMicro": "microseconds since 1970 (about 1.8e15)",
    "time.Time.UnixMilli": "milliseconds since 1970 (about 1.8e12)",
    "time.Since": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)",
    "time.Until": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)",
    "time.Time.Sub": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)",
    "time.Duration.Nanoseconds": "nanoseconds (2^31 ns is 2.1 s)",
    "hash.Hash64.Sum64": "a 64-bit hash",
    "hash/maphash.Hash.Sum64": "a 64-bit hash",
    "hash/crc64.Checksum": "a 64-bit checksum",
    "math/rand.Int63": "a random 63-bit number",
    "math/rand.Uint64": "a random 64-bit number",
    "math/rand/v2.Int64": "a random 64-bit number",
    "math/rand/v2.Uint64": "a random 64-bit number",
}
WIDE_TYPES = {"time.Duration": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)"}
NARROW = frozenset({"int", "uint", "uintptr"})


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
`UnixNano`, `UnixMicro`, `UnixMilli`, 64-bit hashes and random numbers.

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


def _truncations(ctx: RuleContext, gofile: GoFile) -> list[tuple[Node, str]]:
    """(call, message) for each narrowing conversion of a value known to be wide."""
    found = []
    resolver = ctx.resolver(gofile)
    for call, narrow in resolver.predeclared_calls(NARROW):
        args = call.child_by_field_name("arguments")
        if args is None or len(args.named_children) != 1:
            continue
        why = _wide(args.named_children[0], resolver)
        if why is not None:
            found.append(
                (
                    call,
                    f"`{text(call)}` keeps only the low 32 bits on TinyGo, where "
                    f"{narrow} is 32 bits: the value is {why}; keep it as int64",
                )
            )
    return found


def _wide(expr: Node, resolver: Resolver) -> str | None:
    """Why ``expr`` is wider than 32 bits in ordinary use, or None if it is not known to be."""
    if expr.type == "call_expression":
        symbol = resolver.call_symbol(expr)
        if symbol in WIDE_RESULTS:
            return WIDE_RESULTS[symbol]
    named = resolver.type_of(expr)
    return WIDE_TYPES.get(named or "")


RULE = TinygoIntTruncation()
