"""WV315 host-name-needs-dns: listening or dialing by host name fails on wasip1."""

from __future__ import annotations

import ipaddress
from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.calls import all_model_calls
from wasmvet.analysis.parsing import call_argument, string_value, text
from wasmvet.analysis.scope import Resolver
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

_ADDRESS_ARGUMENT = {"net/http.ListenAndServe": 0, "net/http.ListenAndServeTLS": 0}


def host_of(address: str) -> str:
    """The host part of ``host:port`` (brackets removed)."""
    host = address.rsplit(":", 1)[0] if ":" in address else address
    return host.strip("[]")


def _literal_address(address: Node, resolver: Resolver) -> str | None:
    """The address when its host part is literal: a string, ``"db:" + port``, or
    ``fmt.Sprintf("db:%d", port)`` (the port left as written)."""
    value = string_value(address)
    if value is None and address.type == "binary_expression":
        left, right = address.child_by_field_name("left"), address.child_by_field_name("right")
        operator = address.child_by_field_name("operator")
        if left is not None and right is not None and operator is not None:
            prefix = string_value(left) if text(operator) == "+" else None
            if prefix is not None and prefix.endswith(":"):
                value = prefix + text(right)
    elif value is None and address.type == "call_expression":
        func, fmt = address.child_by_field_name("function"), call_argument(address, 0)
        if func is not None and resolver.qualified(func) == "fmt.Sprintf" and fmt is not None:
            value = string_value(fmt)
    if value is None or "%" in host_of(value):
        return None
    return value


def _is_name(host: str) -> bool:
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return False


class HostNameNeedsDns(Rule):
    code = "WV315"
    name = "host-name-needs-dns"
    summary = (
        "An address with a host name (localhost, example.com) cannot be resolved on wasip1 "
        "or in a browser."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-wasip1", "go-js"})
    doc = """
## What it flags
`net.Listen`, `net.Dial`, `http.ListenAndServe` and the address resolvers called with a
literal address whose host is a name (`"localhost:8080"`, `"db:5432"`, `"db:" + port`,
`fmt.Sprintf("localhost:%d", port)`) on `go-wasip1`, and on `go-js` (`localhost` only when
the code may run in a browser).

## Why it fails
Go resolves the name before using the in-process network, and the WASI sandbox has no
reachable DNS server: the call fails with
`lookup db on [::1]:53: ... Connection reset by peer`. Only names in `/etc/hosts`
(`localhost`) resolve, and only when the host preopens it (Go's `go_wasip1_wasm_exec`
preopens `/`; a plugin host usually grants nothing). So `localhost` is a warning when
`[host] wasi-dirs` in wasmvet.toml says `/etc` is not preopened, nothing when it is, and a
note when the grants are not known. The same code works natively. On js/wasm the
in-process network's DNS answers nothing either: under Node.js Go reads the host's
`/etc/hosts`, so `localhost` resolves; in a browser wasm_exec.js has no files, so it does
not (a warning when the host is `browser` or `any`, nothing under `node`).

## Example
```go
ln, err := net.Listen("tcp", "localhost:0") // fails on wasip1
```

## Use instead
An IP literal (`"127.0.0.1:0"`), or an empty host (`":8080"`).

## Fix safety
No automatic fix.

## References
- Oracle cases: `tests/oracle/cases/WV315/listen_localhost_bad.go`,
  `resolve_localhost_browser_bad.go`, `resolve_name_js_bad.go`
"""

    def check(self, ctx: RuleContext) -> None:
        for call in all_model_calls(ctx.analyzer):
            facts = MODEL.symbol_facts(call.symbol, ctx.target.id, ctx.versions)
            fact = next((f for f in facts if f.topic == "host-name"), None)
            if fact is None:
                continue
            address = call_argument(call.node, _ADDRESS_ARGUMENT.get(call.symbol, 1))
            if address is None:
                continue
            value = _literal_address(address, ctx.resolver(call.file))
            if value is None or not _is_name(host_of(value)):
                continue
            host = host_of(value)
            verdict = ctx.on_host(fact.condition, value)
            if verdict is None:
                continue
            error = (fact.error or "").replace("{host}", host)
            where = f", {verdict.clause}" if verdict.clause else ""
            ctx.report(
                call.node,
                f"`{value}` on {ctx.target.runtime.goos}: {fact.summary} (fails with "
                f"`{error}`){where}",
                severity=verdict.severity,
            )


RULE = HostNameNeedsDns()
