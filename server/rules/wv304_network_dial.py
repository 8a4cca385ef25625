"""WV304 fake-network-dial: dialing, HTTP (wasip1) and DNS reach only an in-process network."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.self_address import from_own_listener
from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status
from wasmvet.targets import TARGETS


class FakeNetworkDial(SymbolRule):
    code = "WV304"
    name = "fake-network-dial"
    summary = (
        "Dialing, HTTP requests and DNS fail on wasm or reach only an in-process fake network."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    topics: ClassVar[frozenset[str]] = frozenset({"network"})
    statuses: ClassVar[frozenset[Status]] = frozenset(
        {Status.IN_PROCESS_ONLY, Status.RUNTIME_ERROR}
    )
    symbols: ClassVar[frozenset[str] | None] = frozenset(
        {
            "net.Dial",
            "net.DialTimeout",
            "net.DialTCP",
            "net.DialUDP",
            "net.Dialer.Dial",
            "net.Dialer.DialContext",
            "net/http.Get",
            "net/http.Post",
            "net/http.Head",
            "net/http.PostForm",
            "net/http.Client.Do",
            "net/http.Client.Get",
            "net/http.Client.Post",
            "net/http.Client.Head",
            "net/http.DefaultClient.Do",
            "net.LookupHost",
            "net.LookupIP",
            "net.LookupAddr",
            "net.LookupCNAME",
            "net.LookupMX",
            "net.LookupTXT",
            "net.LookupSRV",
            "net.Resolver.LookupHost",
            "net.Resolver.LookupIPAddr",
            "net.FileListener",
            "net.FileConn",
        }
    )
    doc = """
## What it flags
`net.Dial` and friends, DNS lookups (`net.LookupHost`, ...), `net/http` client requests on
`go-wasip1`, and `net.FileListener`/`FileConn` on `go-js` (`(*net.TCPConn).File` fails on
both ports: WV316).
A dial or request whose address comes from the program's own listener (`ln.Addr()`, in the
arguments, a local defined from it, or a parameter every caller in the file fills from it)
stays on the in-process network and is not flagged.

## Why it fails
Neither wasm port has real sockets. Since Go 1.22 both link `net/net_fake.go`, an in-process
fake network: a dial reaches only listeners in the same module, so a connection to any real
host fails with `connect: Connection refused`, and DNS queries are never answered
(`write: Connection reset by peer`). WASI preview 1 cannot create sockets at all, so on
`go-wasip1` `http.Get` fails the same way. On `go-js` in a browser, `net/http` uses `fetch`
instead (a separate note covers Node.js), but raw `net.Dial` still goes nowhere.
TinyGo (0.31+) replaces `net` with its netdev-based fork, and no wasm target has a netdev
driver: every dial fails (`Netdev not set` since 0.33); its `net/http` has no fetch transport
on `tinygo-wasm` before 0.42.

## Example
```go
conn, err := net.Dial("tcp", "db.internal:5432") // connection refused on wasm
```

## Use instead
On `go-js`, use `net/http` (it runs on `fetch` in browsers) or WebSockets through
`syscall/js`. On `go-wasip1`, ask the host: an HTTP host function through `//go:wasmimport`,
or a host-preopened socket served with `net.FileListener`.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/net/net_fake.go` (`//go:build js || wasip1`), golang/go#59718
- Oracle cases: `tests/oracle/cases/WV304/`
"""

    def applies(self, call: Node) -> bool:
        """Dialing an address taken from a listener (``ln.Addr()``), directly or through a
        local or a parameter, stays in the module and works on the fake network."""
        return not from_own_listener(call)


RULE = FakeNetworkDial()
