"""WV502 tinygo-reflect-unimplemented: reflect features (and templates) TinyGo panics on."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rules._symbol_rule import SymbolRule
from wasmvet.runtime_model import Status
from wasmvet.targets import TINYGO_TARGETS


class TinygoReflectUnimplemented(SymbolRule):
    code = "WV502"
    name = "tinygo-reflect-unimplemented"
    summary = "A reflect call (or template execution) that TinyGo does not implement: it panics."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = TINYGO_TARGETS
    topics: ClassVar[frozenset[str]] = frozenset({"reflect", "template"})
    statuses: ClassVar[frozenset[Status]] = frozenset({Status.RUNTIME_ERROR, Status.COMPILE_ERROR})
    fallback_is_note: ClassVar[bool] = False  # a panic, not an error: no check handles it
    facts = ("tinygo.recover",)
    doc = """
## What it flags
Calls that TinyGo's own `reflect` does not implement: `Value.Call`, `Value.Method`,
`Value.MethodByName`, `Type.Method`, function-type introspection (`Type.NumIn`, `NumOut`,
`In`, `Out`), `reflect.MakeFunc`, building types at run time (`SliceOf`, `MapOf`,
`StructOf`), channel operations through reflection; and the calls of packages that reach
them on every use: executing a `text/template` or `html/template`, `Template.Funcs`,
`encoding/gob` encoding and decoding. Which calls fail depends on the TinyGo release
(`tinygo-version`).

## Why it fails
TinyGo compiles reflection metadata only for what it can describe statically; method values
and function signatures are not kept, so these calls panic with `unimplemented: ...`. On wasm
TinyGo (up to 0.41) cannot `recover()`, so the panic aborts the program even where the
library would have recovered.

## Example
```go
t := template.Must(template.New("page").Parse("Hello {{.Name}}"))
t.Execute(os.Stdout, user) // panic: unimplemented: (reflect.Value).MethodByName()
```

## Use instead
Build strings with `fmt` or `strings.Builder`, or a code-generated template engine
(quicktemplate, templ); call methods directly or through interfaces instead of by name.
If the code must stay, build it with the standard toolchain (`go-wasip1`, `go-js`).

## Fix safety
No automatic fix.

## References
- TinyGo `src/reflect/value.go`, `src/reflect/type.go` (the panics and their texts)
- TinyGo docs: reference/lang-support/stdlib (text/template tests fail with
  `unimplemented: (reflect.Type).NumOut()`)
"""


RULE = TinygoReflectUnimplemented()
