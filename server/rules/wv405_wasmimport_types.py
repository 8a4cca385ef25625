"""WV405 wasmimport-type: a //go:wasmimport signature type the Go version rejects."""

from __future__ import annotations

from typing import ClassVar

from tree_sitter import Node

from wasmvet.analysis.directives import function_directives
from wasmvet.analysis.parsing import text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL
from wasmvet.targets import TARGETS

_BASIC = frozenset(
    {"int32", "uint32", "int64", "uint64", "float32", "float64"}
    | {"bool", "string", "uintptr", "unsafe.Pointer"}
)
_NEVER = (
    "slice_type",
    "map_type",
    "struct_type",
    "interface_type",
    "function_type",
    "channel_type",
)


def _kind(type_node: Node) -> str | None:
    """The model's name for a written type (``pointer`` for ``*T``), None if undecidable."""
    written = text(type_node)
    if written in _BASIC:
        return written
    if type_node.type == "pointer_type":
        return "pointer"
    if type_node.type in _NEVER or type_node.type == "array_type":
        return written
    return None


class WasmimportType(Rule):
    code = "WV405"
    name = "wasmimport-type"
    summary = "A //go:wasmimport parameter or result type this toolchain rejects: compile error."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    doc = """
## What it flags
Parameters and results of `//go:wasmimport` functions whose types the Go version does not
allow. Bodyless `//go:wasmimport` functions themselves are correct and never flagged.

## Why it fails
Go 1.21 to 1.23 allow only `int32`, `uint32`, `int64`, `uint64`, `float32`, `float64` and
`unsafe.Pointer`. Go 1.24 adds `bool`, `string` (parameters only), `uintptr` and pointers.
Slices, maps, structs and other types are never allowed. The build fails with
`go:wasmimport: unsupported parameter type string` (go1.23.9) or
`unsupported result type string` (go1.27.3); go1.27.3 also rejects `int` and `uint8`.
TinyGo has its own lists (`compiler/symbol.go`): 0.28-0.32 like Go 1.21, 0.33 nearly
everything including `int`, and 0.34+ like Go 1.24 (no `int`/`uint`; small integers only
behind pointers).

## Example
```go
//go:wasmimport env log
func hostLog(msg string) // a compile error before Go 1.24
```

## Use instead
Pass pointers and lengths (`unsafe.Pointer`, `uint32`), or raise the Go version.

## Fix safety
No automatic fix.

## References
- Go 1.21 and 1.24 release notes; `tests/oracle/test_directives_oracle.py`
"""

    def check(self, ctx: RuleContext) -> None:
        params, results, _ = MODEL.wasmimport_types(ctx.target.id, ctx.versions)
        if not params:
            return
        for gofile in ctx.package.files:
            for directive in function_directives(gofile):
                if directive.name != "go:wasmimport":
                    continue
                self._check_types(ctx, directive.function, "parameters", params, "parameter")
                self._check_types(ctx, directive.function, "result", results, "result")

    def _check_types(
        self, ctx: RuleContext, func: Node, field_name: str, allowed: frozenset[str], what: str
    ) -> None:
        node = func.child_by_field_name(field_name)
        if node is None:
            return
        types = (
            [d.child_by_field_name("type") for d in node.named_children]
            if node.type == "parameter_list"
            else [node]
        )
        for type_node in types:
            if type_node is None:
                continue
            kind = _kind(type_node)
            if kind is not None and kind not in allowed:
                ctx.report(
                    type_node,
                    f"go:wasmimport: unsupported {what} type {text(type_node)} with "
                    f"{ctx.release} (the build fails)",
                )


RULE = WasmimportType()
