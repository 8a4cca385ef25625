"""WV305 fake-network-listen: listeners on wasm live on an in-process network only."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.parsing import call_argument, string_value, text
from wasmvet.analysis.self_address import enclosing_function, makes_client_calls
from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status


class FakeNetworkListen(SymbolRule):
    code = "WV305"
    name = "fake-network-listen"
    summary = "Listeners and HTTP servers on wasm listen on Go's in-process fake network only."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({"network"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.IN_PROCESS_ONLY})
    symbols: ClassVar[frozenset[str] | None] = frozenset(
        {
            "net.Listen",
            "net.ListenTCP",
            "net.ListenPacket",
            "net/http.ListenAndServe",
            "net/http.ListenAndServeTLS",
            "net/http.Server.ListenAndServe",
            "net/http.Server.ListenAndServeTLS",
        }
    )
    doc = """
## What it flags
`net.Listen`, `net.ListenPacket`, `http.ListenAndServe` and `(*http.Server).ListenAndServe`.
Not a listener on port 0 whose `Addr()` the same function reads while it (or a function of
the file it calls) makes client calls: the program serves its own clients.

## Why it fails
The listener is created on Go's in-process fake network (`net/net_fake.go`): the call
succeeds (the requested port is ignored and a fake one is assigned), but nothing outside the
module can ever connect. A server "starts" and then waits forever; under Node.js or a WASI
runtime, once every goroutine waits, the runtime reports a deadlock.

## Example
```go
log.Fatal(http.ListenAndServe(":8080", mux)) // unreachable from outside the module
```

## Use instead
On `go-wasip1`, serve a socket the host preopens (`wasmtime -S tcplisten=...`, wazero's
`--listen`) with `net.FileListener(os.NewFile(3, "listener"))`; or export a handler with
`//go:wasmexport` and let the host do the networking. On `go-js`, handle requests through
JavaScript (a Service Worker or Node's `http` module calling into Go through `syscall/js`).

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/net/net_fake.go`, golang/go#31294, wasmtime#3729
- Oracle case: `tests/oracle/cases/WV305/listen_bad.go`
"""

    def applies(self, call: Node) -> bool:
        """A listener on port 0 whose ``Addr()`` the same function reads, and which makes
        client calls (``net.Dial``, ``http.Get``; itself or in a function of the file it
        calls), serves the program's own clients: they reach it on the in-process network."""
        address = call_argument(call, 1)
        value = string_value(address) if address is not None else None
        if value is None or not value.endswith(":0"):
            return True
        home = enclosing_function(call)
        if home is None or ".Addr()" not in text(home):
            return True
        return not makes_client_calls(home)


RULE = FakeNetworkListen()
