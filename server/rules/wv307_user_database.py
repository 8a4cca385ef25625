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
        "os/user lookups and home directories depend on the host: WASI grants, a browser, TinyGo."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"}) | TINYGO_TARGETS
    topics: ClassVar[frozenset[str]] = frozenset({"user"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR, Status.HOST_DEPENDENT})
    severities: ClassVar[dict[Status, Severity]] = {Status.HOST_DEPENDENT: Severity.INFO}
    doc = """
## What it flags
`user.Current`, `user.Lookup`, `user.LookupId` and the group lookups (errors), and
`os.UserHomeDir`, `os.UserCacheDir`, `os.UserConfigDir`, on `go-wasip1`, and on `go-js`
where the code runs in a browser (or on any host).

## Why it fails
A WASI sandbox has no user database unless the host grants one: `user.Current()` reads
`/etc/passwd` (for uid 1), else needs `$USER` and `$HOME`, and fails with
`user: Current requires cgo or $USER, $HOME set in environment`; lookups fail to open
`/etc/passwd`. With the host's own `/` preopened (Go's `go_wasip1_wasm_exec` does
`--dir=/`) they work; another directory mounted as `/` (`--dir ./scratch::/`) holds no
`/etc/passwd`.
So these are warnings when `[host] wasi-dirs`/`wasi-env` in wasmvet.toml grant neither,
nothing when they grant one, and notes when the grants are not known. The home and config
directories come from `$HOME`, which no common host passes by default: a warning unless
`wasi-env` lists `HOME`. On `go-js` the same calls work under Node.js (its real fs and
environment) and fail in a browser, where the page passes no environment: a warning naming
the browser, and nothing for code that runs under Node.js. TinyGo (0.33+, osusergo)
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
- Oracle cases: `tests/oracle/cases/WV307/user_current_bad.go` (bare, scratch root, `/`),
  `tests/oracle/cases/WV307/user_lookup_js_bad.go` (Node.js, browser)
"""


RULE = NoUserDatabase()
