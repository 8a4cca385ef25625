"""WV311 x-sys-unix: golang.org/x/sys/unix does not build for wasm."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._import_rule import ImportRule


class XSysUnix(ImportRule):
    code = "WV311"
    name = "x-sys-unix"
    summary = "golang.org/x/sys/unix has no files for js/wasm or wasip1/wasm: the build fails."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    imports: ClassVar[frozenset[str]] = frozenset({"golang.org/x/sys/unix"})
    doc = """
## What it flags
Imports of `golang.org/x/sys/unix` in files built for a wasm target.

## Why it fails
The package's files are constrained to Unix systems; `js` and `wasip1` are not in Go's `unix`
set. The build stops with `build constraints exclude all Go files in .../x/sys/unix`.
Dependencies such as fsnotify or some database drivers pull it in the same way.

## Example
```go
import "golang.org/x/sys/unix"
```

## Use instead
Use the standard library's portable API, or keep the code in a file with
`//go:build !wasm` (or `unix`) and give wasm its own implementation.

## Fix safety
No automatic fix.

## References
- golang/go#32548; `$GOROOT/src/internal/syslist/syslist.go` (`UnixOS`)
"""

    def message(self, path: str, port: str) -> str:
        return (
            f"`{path}` does not build for {port}: build constraints exclude all its Go files "
            "(move this code behind `//go:build !wasm`)"
        )


RULE = XSysUnix()
