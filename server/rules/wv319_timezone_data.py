"""WV319 no-timezone-data: named time zones need zoneinfo the wasm host may not have."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.parsing import call_argument, string_value
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status

#: Names ``time.LoadLocation`` answers without zone data.
_BUILT_IN = frozenset({"", "UTC", "Local"})
_TZDATA = b'"time/tzdata"'


class NoTimezoneData(SymbolRule):
    code = "WV319"
    name = "no-timezone-data"
    summary = "time.LoadLocation finds no zone data on wasip1 hosts and in browsers."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({"timezone"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR})
    doc = """
## What it flags
`time.LoadLocation` with a zone name (`"Europe/Berlin"`, or a name not known until run
time) in a package none of whose files imports `time/tzdata`, on `go-wasip1`, and on `go-js`
where the code may run in a browser. `"UTC"`, `"Local"` and `""` need no zone data.

## Why it fails
Go's wasip1 port searches no system zoneinfo directory (`zoneinfo_wasip1.go`): a zone
loads from `time/tzdata` embedded in the binary, from `$ZONEINFO`, or from the
`lib/time/zoneinfo.zip` of the GOROOT the binary was built with, which only a host that
shows its own `/` (Go's `go_wasip1_wasm_exec`, `--dir=/`) has. With an empty directory as
`/` the call fails with `unknown time zone America/New_York`, with nothing preopened with
`Bad file number`. js/wasm reads `/usr/share/zoneinfo` through the JavaScript `fs`:
Node.js reads the host's files; in a browser the call fails with `not implemented on js`.
Natively the system's zone files are there.

## Example
```go
loc, err := time.LoadLocation("America/New_York") // unknown time zone on wasip1
```

## Use instead
Embed the zone database (about 450 kB) in the binary:
```go
import _ "time/tzdata"
```
or build with `-tags timetzdata`.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/time/zoneinfo_wasip1.go`, `zoneinfo_js.go`, `zoneinfo_read.go`
- Oracle cases: `tests/oracle/cases/WV319/load_location_bad.go`,
  `load_location_tzdata_good.go`
"""

    def check(self, ctx: RuleContext) -> None:
        """Nothing to say for a package that embeds the zone database."""
        if any(_TZDATA in gofile.source.data for gofile in ctx.package.files):
            return
        super().check(ctx)

    def applies(self, call: Node) -> bool:
        """Not for the names that need no zone data."""
        name = call_argument(call, 0)
        return name is None or string_value(name) not in _BUILT_IN


RULE = NoTimezoneData()
