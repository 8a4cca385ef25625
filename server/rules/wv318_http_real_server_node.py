"""WV318 http-real-server-node: under Node.js net/http's client cannot reach real servers."""

from __future__ import annotations

import ipaddress
from typing import ClassVar
from urllib.parse import urlsplit

from wasmvet.analysis.http_client import default_client_requests
from wasmvet.analysis.parsing import call_argument, string_value
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

FACT = "host.js-http-node"


class HttpRealServerNode(Rule):
    code = "WV318"
    name = "http-real-server-node"
    summary = (
        "Under Node.js net/http's client dials Go's in-process network: a request to a real "
        "server never leaves the program."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js"})
    facts = (FACT,)
    doc = """
## What it flags
`http.Get`, `http.Post`, `http.Head`, `http.PostForm` (or the same methods of
`http.DefaultClient`) with a literal `http://` or `https://` URL whose host is not the
loopback (`localhost`, `127.0.0.1`, `::1`), on `go-js` when the code runs under Node.js (a
warning), or shows no sign of its host (a note: such a program is most often a page).

## Why it fails
net/http's client on js/wasm uses the Fetch API, except under Node.js: `roundtrip_js.go`
turns fetch off when `process.argv0` starts with `node`, and the client then dials Go's
in-process fake network, which holds only the program's own listeners. A request to a real
server fails without leaving the process: a host name cannot be resolved
(`dial tcp: lookup example.com ...`), an address is refused. The same code works in a
browser, where the request goes through fetch(). Loopback URLs are left alone: they may name
a listener of the program itself, which the in-process network does reach.

Packages that replace `http.DefaultTransport` or `http.DefaultClient.Transport` are not
flagged (a transport of their own may call fetch through syscall/js).

## Example
```go
resp, err := http.Get("https://api.example.com/items") // under Node.js: lookup fails
```

## Use instead
Under Node.js, make the request in JavaScript (Node's `fetch` or `http` module, called
through `syscall/js` and awaited from a goroutine), or run the code in a browser. If the
program is only meant for a page, say so in wasmvet.toml (`[host] js = "browser"`).

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/net/http/roundtrip_js.go` (`jsFetchDisabled`), `$GOROOT/src/net/net_fake.go`
- Oracle cases: `tests/oracle/cases/WV318/get_real_server_node_bad.go`,
  `tests/oracle/cases/WV317/client_real_server_js_hosts.go` (both hosts)
"""

    def check(self, ctx: RuleContext) -> None:
        calls = default_client_requests(ctx.analyzer)
        if not calls:
            return
        verdict = ctx.on_host(MODEL.fact(FACT).condition)
        if verdict is None:
            return
        for call in calls:
            argument = call_argument(call.node, 0)
            url = string_value(argument) if argument is not None else None
            host = _remote_host(url) if url is not None else None
            if host is None:
                continue
            where = f" ({verdict.clause})" if verdict.clause else ""
            ctx.report(
                call.node,
                f"this request to `{host}` never reaches it{where}: under Node.js net/http's "
                "client does not use fetch() but dials Go's in-process network, which holds "
                "only the program's own listeners, so the request fails",
                severity=verdict.severity,
            )


def _remote_host(url: str) -> str | None:
    """The host of an absolute http(s) URL when it is not the loopback, else None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or host == "localhost":
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    return None if address.is_loopback or address.is_unspecified else host


RULE = HttpRealServerNode()
