"""WV306 socket-option-no-op: socket options do nothing on wasm."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status


class SocketOptionNoOp(SymbolRule):
    code = "WV306"
    name = "socket-option-no-op"
    summary = "Socket options (keep-alive, no-delay, linger, buffer sizes) do nothing on wasm."
    severity = Severity.INFO
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({"network"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.NO_OP})
    doc = """
## What it flags
`SetKeepAlive`, `SetKeepAlivePeriod`, `SetNoDelay`, `SetLinger`, `SetReadBuffer` and
`SetWriteBuffer` on `net` connections (a note).

## Why it matters
Connections on wasm live on Go's in-process fake network, where these options are accepted
and ignored. Code that relies on them (keep-alive to detect dead peers, small buffers for
back-pressure) behaves differently.

## Example
```go
conn.(*net.TCPConn).SetKeepAlive(true) // no effect on wasm
```

## Use instead
Detect dead peers with application-level timeouts and heartbeats.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/net/net_fake.go`
"""


RULE = SocketOptionNoOp()
