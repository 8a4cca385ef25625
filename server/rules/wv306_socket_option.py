"""WV306 socket-option-unsupported: TCP options return errors on wasm's fake network."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status


class SocketOptionUnsupported(SymbolRule):
    code = "WV306"
    name = "socket-option-unsupported"
    summary = "SetNoDelay, SetKeepAlive(Period) and SetWriteBuffer return errors on wasm."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({"socket-option"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR})
    doc = """
## What it flags
`SetNoDelay`, `SetKeepAlive`, `SetKeepAlivePeriod`, `SetKeepAliveConfig` and `SetWriteBuffer`
on `net` connections.

## Why it fails
Connections on wasm live on Go's in-process fake network, which does not implement these
options: the TCP ones return `Protocol not available` (ENOPROTOOPT) and `SetWriteBuffer`
returns `Operation not supported on transport endpoint` (js) or `Not supported` (wasip1).
Code that checks the error gives up on a connection that works. (`SetReadBuffer` and
`SetLinger` are emulated and succeed.)

## Example
```go
if err := conn.(*net.TCPConn).SetKeepAlive(true); err != nil {
	return err // always taken on wasm
}
```

## Use instead
Treat these options as best effort: log and continue when they fail.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/net/tcpsockopt_stub.go`, `$GOROOT/src/net/net_fake.go`
- Oracle case: `tests/oracle/cases/WV306/sockopt_bad.go`
"""


RULE = SocketOptionUnsupported()
