"""WV310 syscall-undefined: a syscall identifier or field that does not exist on the port."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from tree_sitter import Node

from wasmvet.analysis.parsing import matches, text
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL

_USES = """
(selector_expression operand: (identifier) @pkg field: (field_identifier) @name) @use
(qualified_type package: (package_identifier) @pkg name: (type_identifier) @name) @use
"""
_KEYED = """
(composite_literal type: (_) @type body: (literal_value
    (keyed_element key: (literal_element (identifier) @field))))
"""
_ACCESSES = """
(selector_expression operand: (_) @operand field: (field_identifier) @member) @access
(call_expression function: (selector_expression) @called)
"""


def _keyed_fields(root: Node) -> list[tuple[Node, Node]]:
    """Each key of a keyed composite literal with the literal's written type, in source
    order, from one query's matches (climbing from each key to its literal with
    ``Node.parent`` costs the tree's depth per step)."""
    pairs = [
        (found["field"][0], found["type"][0])
        for _, found in matches(_KEYED, root)
        if found.get("field") and found.get("type")
    ]
    return sorted(pairs, key=lambda pair: pair[0].start_byte)


class SyscallUndefined(Rule):
    code = "WV310"
    name = "syscall-undefined"
    summary = (
        "A syscall identifier or struct field that does not exist on this port: compile error."
    )
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = frozenset({"go-js", "go-wasip1"})
    doc = """
## What it flags
Uses of package `syscall` identifiers (functions, constants, types) and struct fields
(`SysProcAttr{Setpgid: true}`, `Stat_t.Atim`) that the port's `syscall` package does not
declare. The list of what exists per port is generated from the real toolchain by
`scripts/gen_syscall_surface.py` (`server/runtime_model/data/syscall_surface.json`).

## Why it fails
`syscall` differs per GOOS. On `js/wasm` and `wasip1/wasm` most of Linux's API is missing:
`Mmap`, `Flock`, `Setsid`, `SO_REUSEADDR`, `SysProcAttr.Setpgid`, `Stat_t.Atim`, ... and
`SIGUSR1` or `Getrlimit` exist on wasip1 but not on js. The build fails with
`undefined: syscall.Mmap`. `gopls` shows this only when it is configured for that GOOS.

## Example
```go
data, err := syscall.Mmap(fd, 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
```

## Use instead
Use the portable API (`os`, `io`, `os.ReadFile` instead of `Mmap`), or move the code to a file
with a build constraint (`//go:build !wasm`) and provide a wasm version beside it.

## Fix safety
No automatic fix.

## References
- `server/runtime_model/data/syscall_surface.json` (generated from go1.27.3)
- Oracle check: `tests/test_syscall_surface.py` builds a program using every identifier
"""

    def check(self, ctx: RuleContext) -> None:
        surface: dict[str, Any] = MODEL.syscall_surface["ports"].get(ctx.target.port)
        if surface is None:
            return
        version = MODEL.syscall_surface["go_version"]
        names = set(surface["identifiers"])
        fields: dict[str, list[str]] = surface["fields"]
        for gofile in ctx.package.files:
            if "syscall" not in gofile.imports.values():
                continue
            resolver = ctx.resolver(gofile)
            caps = gofile.captures(_USES)
            for use in caps.get("use", []):
                qualified = self._qualified(use, resolver)
                if qualified is None or not qualified.startswith("syscall."):
                    continue
                ident = qualified.split(".", 1)[1]
                if ident[:1].isupper() and ident not in names:
                    ctx.report(
                        use,
                        f"`syscall.{ident}` is not defined on {ctx.target.port} "
                        f"(build fails: `undefined: syscall.{ident}`; checked against {version})",
                    )
            self._check_fields(ctx, gofile, fields, version)

    @staticmethod
    def _qualified(use: Node, resolver: Any) -> str | None:
        if use.type == "qualified_type":
            return resolver.type_name(use)  # type: ignore[no-any-return]
        return resolver.qualified(use)  # type: ignore[no-any-return]

    def _check_fields(
        self, ctx: RuleContext, gofile: Any, fields: dict[str, list[str]], version: str
    ) -> None:
        resolver = ctx.resolver(gofile)
        found = partial(_keyed_fields, gofile.source.root)
        none: list[tuple[Node, Node]] = []
        keyed = ctx.analyzer.memo("wv310-keyed", gofile.source.root, "", found, none)
        for name_node, type_node in keyed:
            struct = resolver.type_name(type_node)
            self._check_member(ctx, struct, name_node, fields, version)
        caps = gofile.captures(_ACCESSES)
        called = {n.id for n in caps.get("called", [])}  # not Node.parent: it costs the depth
        for access in caps.get("access", []):
            operand = access.child_by_field_name("operand")
            member = access.child_by_field_name("field")
            if operand is None or member is None or access.id in called:
                continue
            if resolver.qualified(access) is not None:
                continue
            self._check_member(ctx, resolver.type_of(operand), member, fields, version)

    def _check_member(
        self,
        ctx: RuleContext,
        struct: str | None,
        member: Node,
        fields: dict[str, list[str]],
        version: str,
    ) -> None:
        if struct is None or not struct.startswith("syscall."):
            return
        type_name = struct.split(".", 1)[1]
        known = fields.get(type_name)
        name = text(member)
        if known is not None and name not in known:
            ctx.report(
                member,
                f"`syscall.{type_name}` has no field `{name}` on {ctx.target.port} "
                f"(build fails; checked against {version})",
            )


RULE = SyscallUndefined()
