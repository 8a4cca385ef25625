"""WV302 signal-send: sending signals fails on js and ends the module on wasip1."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status


class SignalSend(SymbolRule):
    code = "WV302"
    name = "signal-send"
    summary = (
        "Process.Signal, Process.Kill and syscall.Kill fail on js and exit the module on wasip1."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({"signal"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR, Status.EXITS})
    doc = """
## What it flags
`(*os.Process).Signal`, `(*os.Process).Kill` and `syscall.Kill`.

## Why it fails
There are no other processes to signal. On `go-js` the calls return `not implemented on js`.
On `go-wasip1` a signal to the program's own pid (the only pid there is) is treated as
termination: `syscall.Kill` calls `proc_exit(128+sig)` and the module ends at once, without
running deferred functions; other pids get `ESRCH`.

## Example
```go
p, _ := os.FindProcess(os.Getpid())
p.Signal(syscall.SIGTERM) // exits the module on wasip1
```

## Use instead
Cancel work with a `context.Context` or a channel instead of signalling yourself; to end the
program, return from `main` or call `os.Exit` explicitly.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/syscall/syscall_wasip1.go` (`Kill`), `$GOROOT/src/syscall/syscall_js.go`
- Oracle cases: `tests/oracle/cases/WV302/`
"""


RULE = SignalSend()
