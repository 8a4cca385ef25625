"""WV313 econnrefused-never-matches: dial errors on wasm are not syscall.ECONNREFUSED."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

_USES = """
((selector_expression field: (field_identifier) @f) @use (#eq? @f "ECONNREFUSED"))
"""


class EconnrefusedNeverMatches(Rule):
    code = "WV313"
    name = "econnrefused-never-matches"
    summary = "errors.Is(err, syscall.ECONNREFUSED) is never true for dial errors on wasm."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    doc = """
## What it flags
Uses of `syscall.ECONNREFUSED`, typically `errors.Is(err, syscall.ECONNREFUSED)` to decide
that a server is not up yet.

## Why it fails
On both wasm ports, dialing goes through Go's in-process network. A refused dial's error
reads `connect: Connection refused`, but it does not match `syscall.ECONNREFUSED`:
`errors.Is` returns false (measured with go1.27.3; natively it returns true). A retry loop
that waits for "connection refused" to go away, or a check that treats it as "not running",
takes the wrong branch.

## Example
```go
if errors.Is(err, syscall.ECONNREFUSED) { // never true on wasm
	time.Sleep(backoff)
	continue
}
```

## Use instead
Treat any dial error as retryable on wasm (or check `*net.OpError` and `Op == "dial"`).

## Fix safety
No automatic fix.

## References
- Oracle case: `tests/oracle/cases/WV313/econnrefused_bad.go`
"""

    def check(self, ctx: RuleContext) -> None:
        fact = MODEL.symbol("syscall.ECONNREFUSED", ctx.target.id, ctx.versions)
        if fact is None:
            return
        for gofile in ctx.package.files:
            if "syscall" not in gofile.imports.values():
                continue
            resolver = ctx.resolver(gofile)
            for use in gofile.captures(_USES).get("use", []):
                if resolver.qualified(use) == fact.symbol:
                    ctx.report(use, f"`syscall.ECONNREFUSED` on wasm: {fact.summary}")


RULE = EconnrefusedNeverMatches()
