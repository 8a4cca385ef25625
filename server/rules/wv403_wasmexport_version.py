"""WV403 wasmexport-needs-go124: //go:wasmexport is silently ignored before Go 1.24."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.directives import function_directives
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL
from wasmvet.targets import TARGETS


class WasmexportNeedsGo124(Rule):
    code = "WV403"
    name = "wasmexport-needs-go124"
    summary = (
        "//go:wasmexport needs Go 1.24 or TinyGo 0.34; older ones build it without exporting it."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    doc = """
## What it flags
`//go:wasmexport` directives when the Go version (the `go` line of `go.mod`, `go-version` in
wasmvet.toml, or `--go-version`) is older than 1.24.

## Why it fails
The directive was added in Go 1.24. Older toolchains accept the file and build the module,
but the function is not exported: the host's call fails with a missing-export error at load
time. Measured with go1.23.9: the module exports only `_start` and `memory`.
TinyGo added the directive in 0.34 (`compiler/symbol.go` has no case for it in 0.33, which
ignores it likewise); with a TinyGo target the `tinygo-version` setting decides.

## Example
```go
//go:wasmexport add
func add(a, b int32) int32 { return a + b }
```

## Use instead
Build with Go 1.24 or newer (and say so in `go.mod`), or build with TinyGo, whose `//export`
has exported functions for a long time.

## Fix safety
No automatic fix.

## References
- Go 1.24 release notes (WebAssembly); go.dev/blog/wasmexport
- `tests/oracle/test_directives_oracle.py`
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            for directive in function_directives(gofile):
                if directive.name != "go:wasmexport":
                    continue
                fact = MODEL.directive(directive.name, ctx.target.id, ctx.versions)
                if fact is None or fact.works:
                    continue
                setting = "tinygo-version" if ctx.target.is_tinygo else "go version"
                ctx.report(
                    directive.comment,
                    f"//go:wasmexport needs {fact.since}; with {ctx.release} it is "
                    f"{fact.behaviour} (set the {setting} to {fact.since} or newer)",
                )


RULE = WasmexportNeedsGo124()
