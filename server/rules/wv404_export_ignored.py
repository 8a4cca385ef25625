"""WV404 export-directive-ignored: //export does not export from a standard-Go wasm module."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.directives import function_directives
from wasmvet.diagnostics import Applicability, Edit, Fix, Severity
from wasmvet.fixes.edits import text_span
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL


class ExportDirectiveIgnored(Rule):
    code = "WV404"
    name = "export-directive-ignored"
    summary = (
        "//export is TinyGo's (and cgo's) directive; the standard toolchain ignores it for wasm."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    fix = "unsafe"
    doc = """
## What it flags
`//export name` above a function in code built with the standard Go toolchain for wasm.

## Why it fails
`//export` is how TinyGo (and cgo) export functions. The standard toolchain builds the module
without that export, so the host cannot find it. Measured with go1.27.3: a module with
`//export mul` exports `_start`, `memory` and the `//go:wasmexport` functions, but no `mul`.

## Example
```go
//export mul
func mul(a, b int32) int32 { return a * b }
```

## Use instead
With Go 1.24 or newer, `//go:wasmexport mul`. Or build with TinyGo (switch the target to
`tinygo-wasip1` or `tinygo-wasm`), where `//export` works.

## Fix safety
With Go ≥ 1.24 the fix rewrites the directive to `//go:wasmexport`. It is unsafe: it changes
what the module exports (which is the point, but the host's expectations may differ).

## References
- `tests/oracle/test_directives_oracle.py`; Go 1.24 release notes
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            for directive in function_directives(gofile):
                if directive.name != "export" or not directive.args:
                    continue
                fact = MODEL.directive("export", ctx.target.id, ctx.versions)
                if fact is None or fact.works:
                    continue
                wasmexport = MODEL.directive("go:wasmexport", ctx.target.id, ctx.versions)
                fix = None
                if wasmexport is not None and wasmexport.works:
                    fix = Fix(
                        Applicability.UNSAFE,
                        f"Use //go:wasmexport {directive.args[0]}",
                        (
                            Edit(
                                gofile.source.path,
                                text_span(directive.comment),
                                f"//go:wasmexport {directive.args[0]}",
                            ),
                        ),
                    )
                    remedy = f"use `//go:wasmexport {directive.args[0]}`"
                else:
                    remedy = "use Go 1.24+ with //go:wasmexport, or build with TinyGo"
                ctx.report(
                    directive.comment,
                    f"`//export {directive.args[0]}` is ignored by the standard Go toolchain: "
                    f"the module will not export `{directive.args[0]}` ({remedy})",
                    fix=fix,
                )


RULE = ExportDirectiveIgnored()
