"""WV308 no-file-ownership: os.Chown and os.Lchown fail on wasip1."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status


class NoFileOwnership(SymbolRule):
    code = "WV308"
    name = "no-file-ownership"
    summary = "os.Chown and os.Lchown fail on wasip1: WASI preview 1 has no file ownership."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({"filesystem"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR})
    doc = """
## What it flags
`os.Chown`, `os.Lchown` and `(*os.File).Chown` on `go-wasip1`.

## Why it fails
WASI preview 1 has no notion of file owners: the calls fail with
`chown PATH: Not implemented on wasip1`.

## Example
```go
os.Chown(path, uid, gid) // fails on wasip1
```

## Use instead
Skip ownership changes on wasip1 (guard with `runtime.GOOS != "wasip1"`), or leave them to
the host.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/syscall/fs_wasip1.go`
"""


RULE = NoFileOwnership()
