"""WV307 no-user-database: os/user lookups fail on wasip1."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status
from wasmvet.targets import TINYGO_TARGETS


class NoUserDatabase(SymbolRule):
    code = "WV307"
    name = "no-user-database"
    summary = (
        "os/user lookups fail on wasip1 and TinyGo; home and config directories depend on the host."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-wasip1"}) | TINYGO_TARGETS
    topics: ClassVar[frozenset[str]] = frozenset({"user"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR, Status.HOST_DEPENDENT})
    severities: ClassVar[dict[Status, Severity]] = {Status.HOST_DEPENDENT: Severity.INFO}
    doc = """
## What it flags
`user.Current`, `user.Lookup`, `user.LookupId` and the group lookups (errors), and
`os.UserHomeDir`, `os.UserCacheDir`, `os.UserConfigDir` (notes), on `go-wasip1`.

## Why it fails
A WASI sandbox has no user database: `user.Current()` fails with
`user: Current requires cgo or $USER set in environment`, and lookups fail to open
`/etc/passwd`. The home and config directories come from `$HOME`, which WASI hosts pass only
when asked, and which is usually not a preopened directory anyway. TinyGo (0.33+, osusergo)
behaves the same on all its wasm targets; before that it had stubs returning errors.

## Example
```go
u, err := user.Current() // fails on wasip1
```

## Use instead
Take paths from flags or environment variables the host passes, and keep files inside the
directories the host preopens.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/os/user/lookup_stubs.go`
- Oracle case: `tests/oracle/cases/WV307/user_current_bad.go`
"""


RULE = NoUserDatabase()
