"""WV401 cgo: cgo is always off for wasm, so files that import "C" are left out."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._import_rule import ImportRule


class Cgo(ImportRule):
    code = "WV401"
    name = "cgo"
    summary = 'cgo is not available for wasm: files importing "C" are not compiled.'
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    imports: ClassVar[frozenset[str]] = frozenset({"C", "runtime/cgo"})
    doc = """
## What it flags
`import "C"` and `import _ "runtime/cgo"` in code built for wasm.

## Why it fails
`CGO_ENABLED` defaults to 0 for `js/wasm` and `wasip1/wasm` (and forcing it on fails with
`cgo: unknown ptrSize for $GOARCH "wasm"`). A file that imports `"C"` is silently left out of
the build, so everything it declares is `undefined` elsewhere; if it is the only file of the
package, the build says `build constraints exclude all Go files`. `runtime/cgo` fails to link.

## Example
```go
// #include <sqlite3.h>
import "C"
```

## Use instead
A pure-Go implementation (for SQLite: modernc.org/sqlite or ncruces/go-sqlite3, which runs
SQLite compiled to wasm), or host functions through `//go:wasmimport`.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/cmd/dist/build.go` (cgo disabled for wasm ports)
"""

    def message(self, path: str, port: str) -> str:
        if path == "C":
            return (
                f"cgo is off for {port}: this file is left out of the build, so what it "
                "declares is undefined (use a pure-Go or wasm implementation)"
            )
        return f"`{path}` cannot link for {port}: wasm has no cgo runtime"


RULE = Cgo()
