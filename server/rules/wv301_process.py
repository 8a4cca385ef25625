"""WV301 no-processes: os/exec, os.StartProcess and pipes fail on wasm."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status
from wasmvet.targets import TARGETS


class NoProcesses(SymbolRule):
    code = "WV301"
    name = "no-processes"
    summary = "Starting processes, pipes and os.Executable fail at run time on wasm."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    topics: ClassVar[frozenset[str]] = frozenset({"process"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR})
    doc = """
## What it flags
Calls to `os/exec` (`Command`, `CommandContext`, `LookPath`), `os.StartProcess`,
`syscall.ForkExec`, `os.Pipe` and `os.Executable`.

## Why it fails
A WebAssembly module cannot start processes: there is no fork/exec in the browser, in Node's
`wasm_exec.js` host or in WASI preview 1. The code compiles, then fails at run time:
- `exec.Command(...).Run()`: `exec: "ls": executable file not found in $PATH`
  (`os/exec/lp_wasm.go`: `LookPath` always fails), on `go-js` and `go-wasip1`;
- `os.StartProcess`: `fork/exec /bin/sh: not implemented on js` / `Not implemented on wasip1`;
- `os.Pipe`: `pipe: not implemented on js` / `pipe: Not implemented on wasip1`;
- `os.Executable`: `Executable not implemented for js` / `for wasip1`.

## Example
```go
out, err := exec.Command("git", "rev-parse", "HEAD").Output() // always fails on wasm
```

## Use instead
Do the work in Go (a library instead of a command), ask the host (a `//go:wasmimport`
function on wasip1, a JS function through `syscall/js` on js), or keep the code out of wasm
builds with a build constraint (`//go:build !wasm`) and a wasm implementation beside it.

## Fix safety
No automatic fix.

## References
- `$GOROOT/src/os/exec/lp_wasm.go`, `$GOROOT/src/syscall/syscall_js.go`,
  `$GOROOT/src/syscall/syscall_wasip1.go`
- Oracle cases: `tests/oracle/cases/WV301/`
"""


RULE = NoProcesses()
