"""WV314 stat-ownership: Stat_t.Uid and Gid are always 0 on wasip1."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

_ACCESS = """
((selector_expression operand: (_) field: (field_identifier) @f) @access
 (#any-of? @f "Uid" "Gid"))
"""


class StatOwnership(Rule):
    code = "WV314"
    name = "stat-ownership"
    summary = "syscall.Stat_t.Uid and Gid are always 0 on wasip1, while os.Getuid() is 1."
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-wasip1"})
    doc = """
## What it flags
Reading `Uid` or `Gid` of a `*syscall.Stat_t` (from `FileInfo.Sys()`) in code built for
`go-wasip1`.

## Why it fails
WASI preview 1 has no file owners. Go fills `Stat_t.Uid` and `Gid` with 0, while
`os.Getuid()` and `os.Getgid()` return the constant 1. An ownership check ("is this file
mine?", "refuse files owned by others") therefore fails even for a file the program just
created (measured with go1.27.3 under wasmtime).

## Example
```go
st := fi.Sys().(*syscall.Stat_t)
if int(st.Uid) != os.Getuid() { // always true on wasip1
	return errNotMine
}
```

## Use instead
Skip ownership checks on wasip1 (guard with `runtime.GOOS != "wasip1"`); the sandbox's
preopened directories are the access control.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/syscall/syscall_wasip1.go` (`Getuid` returns 1)
- Oracle case: `tests/oracle/cases/WV314/stat_owner_bad.go`
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            if "syscall" not in gofile.imports.values():
                continue
            resolver = ctx.resolver(gofile)
            for access in gofile.captures(_ACCESS).get("access", []):
                operand = access.child_by_field_name("operand")
                field = access.child_by_field_name("field")
                if operand is None or field is None:
                    continue
                owner = resolver.type_of(operand)
                if owner is None:
                    continue
                fact = MODEL.symbol(f"{owner}.{text(field)}", ctx.target.id, ctx.versions)
                if fact is not None:
                    ctx.report(access, f"`Stat_t.{text(field)}` on wasip1: {fact.summary}")


RULE = StatOwnership()
