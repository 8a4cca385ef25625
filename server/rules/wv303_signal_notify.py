"""WV303 signal-never-delivered: os/signal.Notify compiles but no signal ever arrives."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status
from wasmvet.targets import TARGETS


class SignalNeverDelivered(SymbolRule):
    code = "WV303"
    name = "signal-never-delivered"
    summary = "signal.Notify and signal.NotifyContext never deliver a signal on wasm."
    severity = Severity.INFO
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    topics: ClassVar[frozenset[str]] = frozenset({"signal"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.NO_OP})
    doc = """
## What it flags
`signal.Notify` and `signal.NotifyContext` (a note, not a warning).

## Why it matters
The calls compile and return, but the wasm runtime never raises a signal: a SIGINT or SIGTERM
handler (graceful shutdown, flushing logs) never runs. The program itself keeps working.

## Example
```go
ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt) // never cancelled on wasm
```

## Use instead
On `go-js`, listen for the page's or Node's events through `syscall/js` (`beforeunload`,
`process.on("SIGINT")`); on `go-wasip1`, shut down when the host asks through an exported
function or when input ends.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/os/signal/signal_unix.go` (built for js and wasip1, but nothing sends signals)
"""


RULE = SignalNeverDelivered()
