"""WV317 http-self-request-browser: an HTTP request to the program's own listener, which a
browser's fetch() cannot reach."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.effects import walk
from wasmvet.analysis.http_client import default_client_requests
from wasmvet.analysis.parsing import call_argument, text
from wasmvet.analysis.scope import Resolver, top_level
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

FACT = "host.js-http-client"
_LISTENERS = frozenset({"net.Listen", "net.ListenTCP"})
#: How far a URL is followed back through local definitions (``u := base + "/x"``).
_HOPS = 3


class HttpSelfRequest(Rule):
    code = "WV317"
    name = "http-self-request-browser"
    summary = (
        "An HTTP request to the program's own listener fails in a browser: fetch() cannot "
        "reach Go's in-process network."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    facts = (FACT,)
    doc = """
## What it flags
`http.Get`, `http.Post`, `http.Head`, `http.PostForm` (or the same methods of
`http.DefaultClient`) with a URL built from the address of a listener the same function
opened with `net.Listen` (`"http://" + ln.Addr().String() + "/path"`, directly or through
local variables), on `go-js` when the code may run in a browser.

## Why it fails
On js/wasm a listener lives on Go's in-process fake network. net/http's client reaches that
network only under Node.js (`roundtrip_js.go` turns fetch off when `process.argv0` starts
with `node`) or when its Transport has a dial function of its own. In a browser it sends the
request with the Fetch API to the real network, where nothing listens on the fake port: the
request fails with `TypeError: Failed to fetch`. The same program is served under Node.js.

Requests through other clients, and packages that replace `http.DefaultTransport` or
`http.DefaultClient.Transport`, are not flagged: their transport may dial.

## Example
```go
ln, _ := net.Listen("tcp", "127.0.0.1:0")
go http.Serve(ln, mux)
resp, err := http.Get("http://" + ln.Addr().String() + "/") // fails in a browser
```

## Use instead
A client whose Transport dials, which keeps the request on the in-process network on every
host:
```go
client := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{}).DialContext}}
resp, err := client.Get("http://" + ln.Addr().String() + "/")
```
or call the handler directly (`mux.ServeHTTP(recorder, request)`).

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/net/http/roundtrip_js.go` (`jsFetchDisabled`, the `Dial*` test in `RoundTrip`)
- `$GOROOT/src/net/net_fake.go`
- Oracle cases: `tests/oracle/cases/WV317/self_request_bad.go`,
  `tests/oracle/cases/WV317/self_request_dialer_good.go`
"""

    def check(self, ctx: RuleContext) -> None:
        calls = default_client_requests(ctx.analyzer)
        if not calls:
            return
        verdict = ctx.on_host(MODEL.fact(FACT).condition)
        if verdict is None:
            return
        for call in calls:
            resolver = ctx.resolver(call.file)
            url = call_argument(call.node, 0)
            listen = _own_listener(url, resolver, _HOPS) if url is not None else None
            if listen is None:
                continue
            where = f" ({verdict.clause})" if verdict.clause else ""
            ctx.report(
                call.node,
                "this request to the program's own listener fails with `TypeError: Failed to "
                f"fetch`{where}: a browser's net/http client sends it with fetch() to the real "
                "network, while the listener is on Go's in-process one (give the client a "
                "Transport with DialContext set)",
                related=[ctx.related(listen, "the listener is opened here")],
                severity=verdict.severity,
            )


def _own_listener(expr: Node, resolver: Resolver, hops: int) -> Node | None:
    """The ``net.Listen`` call whose listener's ``Addr()`` ``expr`` is built from, following
    local variables up to ``hops`` definitions back."""
    for node in walk(expr):
        if node.type == "call_expression":
            func = node.child_by_field_name("function")
            field_node = func.child_by_field_name("field") if func is not None else None
            operand = func.child_by_field_name("operand") if func is not None else None
            if field_node is None or operand is None or text(field_node) != "Addr":
                continue
            if operand.type != "identifier":
                continue
            value = _local_value(operand, resolver)
            if value is not None and value.type == "call_expression":
                callee = value.child_by_field_name("function")
                if callee is not None and resolver.qualified(callee) in _LISTENERS:
                    return value
        elif node.type == "identifier" and hops > 0:
            value = _local_value(node, resolver)
            if value is not None:
                found = _own_listener(value, resolver, hops - 1)
                if found is not None:
                    return found
    return None


def _local_value(ident: Node, resolver: Resolver) -> Node | None:
    """The value a local variable is defined with, when it is never assigned again."""
    decl = resolver.local_declaration(ident, text(ident))
    if decl is None or decl.value_node is None:
        return None
    if decl.value_node.start_byte <= ident.start_byte < decl.value_node.end_byte:
        return None
    home = top_level(decl.ident)
    writes = resolver.file.index.within(home, "write") if home is not None else []
    if any(text(w) == text(ident) for w in writes):
        return None
    return decl.value_node


RULE = HttpSelfRequest()
