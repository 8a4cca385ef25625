"""WV312 js-package-on-wasip1: syscall/js exists only for GOOS=js."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.package import GoFile
from wasmvet.diagnostics import Applicability, Fix, Severity
from wasmvet.fixes.build_constraint import constrain_file
from wasmvet.rule_context import RuleContext
from wasmvet.rules._import_rule import ImportRule


class JsPackageOnWasip1(ImportRule):
    code = "WV312"
    name = "js-package-on-wasip1"
    summary = "syscall/js (and packages built on it) cannot be imported for wasip1."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-wasip1"})
    fix = "unsafe"
    imports: ClassVar[frozenset[str]] = frozenset({"syscall/js", "github.com/hack-pad/safejs"})
    doc = """
## What it flags
Imports of `syscall/js` in files that are built for `go-wasip1`.

## Why it fails
`syscall/js` is constrained to `GOOS=js`: the wasip1 build fails with
`build constraints exclude all Go files in $GOROOT/src/syscall/js`. There is no JavaScript
host under WASI.

## Example
```go
import "syscall/js" // in a file without //go:build js
```

## Use instead
Put JS-specific code in `_js.go` files (or behind `//go:build js`), and talk to a WASI host
with `//go:wasmimport` functions.

## Fix safety
The fix adds `//go:build js` to the file (where gofmt puts it: above the package clause and
its doc comment, below a leading copyright block), or `&& js` to its `//go:build` line (an
`||` expression in parentheses; `// +build` lines are dropped, `//go:build` has said it all
since Go 1.17). It is unsafe: it changes what a wasip1 build (and any non-js build) includes,
and the file's `init` functions and package variables no longer run there.

It is offered only where leaving the file out cannot break the wasip1 build: the package keeps
another non-test file for wasip1, the file does not declare `main` of a main package, and no
other file built for wasip1 mentions a name the file declares at top level (a word search:
a comment or local variable of that name also blocks the fix). A program of one file gets no
fix; switching the target (the editor's "Switch target" action) covers it.

## References
- golang/go#26598
"""

    def message(self, path: str, port: str) -> str:
        return (
            f"`{path}` exists only for GOOS=js; building for {port} fails with "
            "`build constraints exclude all Go files` (add `//go:build js` to this file)"
        )

    def file_fix(self, ctx: RuleContext, gofile: GoFile) -> Fix | None:
        kept = ctx.build_for("go-js")
        edit = constrain_file(ctx.package, gofile, "js", ctx.build, kept)
        if edit is None:
            return None
        return Fix(Applicability.UNSAFE, "Build this file only for GOOS=js (//go:build)", (edit,))


RULE = JsPackageOnWasip1()
