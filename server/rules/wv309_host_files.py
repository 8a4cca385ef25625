"""WV309 host-file-access: file I/O depends on the host."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status


class HostFileAccess(SymbolRule):
    code = "WV309"
    name = "host-file-access"
    summary = (
        "File I/O depends on the host: none in browsers, only preopened directories on wasip1."
    )
    severity = Severity.INFO
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({"filesystem"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.HOST_DEPENDENT})
    doc = """
## What it flags
Opening, creating, reading, writing, listing and removing files (`os.Open`, `os.ReadFile`,
`os.WriteFile`, `os.MkdirAll`, `os.MkdirTemp`, ...), on the hosts where they fail. On
wasip1 `os.MkdirTemp("", ...)` and `os.CreateTemp("", ...)` need a preopen holding
`os.TempDir()` (`/tmp` unless `$TMPDIR` says otherwise), and a literal path to a file of
the host system itself (`/etc/hosts`, `/proc/...`, the model's `system-paths`) needs a
preopen of the host's own directory there: a directory mounted as `/`
(`--dir=./scratch::/`) does not have them.

## Why it matters
On `go-js`, file I/O works under Node.js (through its `fs` module) but every call fails with
`not implemented` in a browser: a warning that says so when the package runs in a browser
or on any host (the default when the code shows no sign of either), nothing under Node.js
(`[host] js = "node"`, `--js-host node`, or inferred from `process`/`require`/`Buffer`).
On `go-wasip1`, only directories the host preopens (`wasmtime run --dir`) are reachable;
elsewhere calls fail with `Bad file number` (EBADF), which `os.IsNotExist` does not match:
a warning naming the grant that avoids it when `[host] wasi-dirs` in wasmvet.toml does not
cover the path, nothing when it does, a note when the grants are not known.

## Example
```go
data, err := os.ReadFile("/etc/app/config.json") // EBADF unless /etc/app is preopened
```

## Use instead
Embed read-only data with `//go:embed`; on wasip1, document the directories the host must
preopen; in browsers, pass data in from JavaScript.

## Fix safety
No automatic fix.

## References
- `$GOROOT/lib/wasm/wasm_exec.js` (the browser's stub `fs`), golang/go#60732
"""


RULE = HostFileAccess()
