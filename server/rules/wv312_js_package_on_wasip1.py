"""WV312 js-package-on-wasip1: syscall/js exists only for GOOS=js."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._import_rule import ImportRule


class JsPackageOnWasip1(ImportRule):
    code = "WV312"
    name = "js-package-on-wasip1"
    summary = "syscall/js (and packages built on it) cannot be imported for wasip1."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-wasip1"})
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
No automatic fix. Adding `//go:build js` to the file is the usual remedy.

## References
- golang/go#26598
"""

    def message(self, path: str, port: str) -> str:
        return (
            f"`{path}` exists only for GOOS=js; building for {port} fails with "
            "`build constraints exclude all Go files` (add `//go:build js` to this file)"
        )


RULE = JsPackageOnWasip1()
