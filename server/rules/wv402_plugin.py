"""WV402 plugin: plugin.Open is a stub on wasm."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status
from wasmvet.targets import TARGETS


class Plugin(SymbolRule):
    code = "WV402"
    name = "plugin"
    summary = "plugin.Open always fails on wasm."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    topics: ClassVar[frozenset[str]] = frozenset({"plugin"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR})
    doc = """
## What it flags
Calls to `plugin.Open`.

## Why it fails
Go plugins are shared objects loaded with `dlopen`; wasm has neither. On wasm the `plugin`
package is a stub and `plugin.Open` returns `plugin: not implemented`.

## Example
```go
p, err := plugin.Open("handlers.so")
```

## Use instead
Link the code in, or load other wasm modules through the host (for example wazero or
extism on the host side).

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/plugin/plugin_stubs.go`
"""


RULE = Plugin()
