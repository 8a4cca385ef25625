"""WV316 always-fails-on-target: a standard API whose wasm implementation is a stub that
returns an error on every path, found by reading Go's own sources."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import MODEL, Status, SymbolFact
from wasmvet.runtime_model.model import ALWAYS_FAILS


class AlwaysFailsOnTarget(SymbolRule):
    code = "WV316"
    name = "always-fails-on-target"
    summary = (
        "A standard-library API that compiles for the port but returns an error on every path."
    )
    severity = Severity.WARNING
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    topics: ClassVar[frozenset[str]] = frozenset({ALWAYS_FAILS})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR})
    doc = """
## What it flags
Calls to exported functions and methods of `os`, `os/exec`, `os/signal`, `os/user`, `net`
and `syscall` that exist on `js/wasm` or `wasip1/wasm` but can never succeed there:
`syscall.Getrlimit`, `syscall.Dup`, `syscall.Socket`, `syscall.SetsockoptInt` on wasip1,
`(*net.TCPConn).File` (on wasip1 as on js), `(*exec.Cmd).StdoutPipe`, `syscall.Dup` on js,
and the rest of the list in `server/runtime_model/data/always_fails.json`.

The list is generated from the toolchain's own sources by `scripts/gen_wasm_stubs.py`: a Go
program type-checks those packages from `$GOROOT/src` with the files the compiler builds for
each port and follows every path through each exported function, into the functions it
calls. An API is listed only when every path returns a non-nil error (ENOSYS, ENOPROTOOPT,
`errors.New` constants, errors wrapping them) or panics; one that may succeed on some path
(a check of its arguments, a real file descriptor, an interface call it cannot follow) is
left out. Where a hand-written rule (WV301-WV315) already knows the API, that rule reports
it instead, once.

## Why it fails
On wasm, Go's `syscall` package implements much of Unix's API as stubs so that portable code
compiles: `return ENOSYS` (`Not implemented on wasip1`, `not implemented on js`), and `net`
runs on an in-process fake network whose sockets cannot be duplicated or tuned. Everything
that reaches such a stub on every path fails at run time, e.g.
`file tcp 127.0.0.1:2->127.0.0.1:1: dup: Not implemented on wasip1` from
`(*net.TCPConn).File`.

## Example
```go
var lim syscall.Rlimit
if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
	return err // always taken on wasip1
}
```

## Use instead
Guard the call with `runtime.GOOS` (or move it to a file built only for other ports) and
skip what the port cannot do: there is no resource limit to raise, no descriptor to
duplicate, no process to signal.

## Fix safety
No automatic fix.

## References
- `server/runtime_model/data/always_fails.json` (each entry cites `$GOROOT` file:line)
- `scripts/wasm_stubs/paths.go`, `values.go` (the path analysis)
- Oracle cases: `tests/oracle/cases/WV316/`
"""

    def message(self, fact: SymbolFact, argument: str | None) -> str:
        short = fact.symbol.rsplit("/", 1)[-1]
        version = MODEL.always_fails["go_version"]
        return (
            f"`{short}` always fails on wasm: every path in {version}'s sources "
            f"returns an error (`{fact.error_text(argument)}`)"
        )


RULE = AlwaysFailsOnTarget()
