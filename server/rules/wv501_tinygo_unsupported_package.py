"""WV501 tinygo-unsupported-package: a standard package TinyGo cannot build or run on wasm."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from wasmvet.analysis.dependencies import PackageFacts, Step
from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules._dependency_imports import report_import_chains, through
from wasmvet.rules.base import Rule
from wasmvet.runtime_model import MODEL
from wasmvet.targets import TINYGO_TARGETS

# Packages that build, whose failing calls other rules flag one by one: os/exec (WV301) and
# plugin (WV402). Flagging their imports too would report one problem twice.
CALL_LEVEL = frozenset({"os/exec", "plugin"})


class TinygoUnsupportedPackage(Rule):
    code = "WV501"
    name = "tinygo-unsupported-package"
    summary = "An import TinyGo does not support on this wasm target: the build or every use fails."
    severity = Severity.ERROR
    targets: ClassVar[frozenset[str]] = TINYGO_TARGETS
    facts = ("tinygo.stdlib-test-lists",)
    doc = """
## What it flags
Imports of standard packages that TinyGo, for the configured TinyGo release and wasm target,
does not ship (`net/http/httptest` up to 0.34: "package ... is not in std"), cannot link
(`os/signal` up to 0.37, `time/tzdata`), or ships only as a stub that fails at every use
(`crypto/tls`, `runtime/trace`). Packages TinyGo supports in part (`reflect`,
`text/template`, `net/http`) are not flagged here, nor `os/exec` and `plugin`: the calls that
fail in them are (WV502, WV301, WV402 and the other system-interface rules).

Also the import of a dependency package that imports, directly or through other dependency
packages, one whose mere import fails the build (not in TinyGo's std, does not compile, its
`init` does not link: `import-fails` in the model), reported at the user's import with the
chain of imports as the trace. Only the files the target builds count: a dependency that
imports such a package behind `//go:build !tinygo` stays quiet. Stubs that fail only when
used (`crypto/tls`, `runtime/trace`) are not followed through dependencies.

## Why it fails
TinyGo compiles its own runtime and replaces several standard packages (`net`, `net/http`,
`crypto/tls`, `os/signal` hooks) with smaller versions, and some upstream packages depend on
features it lacks. Each entry of the runtime model's `[[package]]` table says which releases
and targets are affected, with the exact error and the TinyGo source or documentation it was
read from.

## Example
```go
import "net/http/httptest" // TinyGo 0.34: package net/http/httptest is not in std
```

## Use instead
Keep such code out of the wasm build with a build constraint (`//go:build !tinygo`), use
a TinyGo-supported alternative, or build that program with the standard toolchain
(`go-wasip1`, `go-js`).

## Fix safety
No automatic fix.

## References
- TinyGo's "Go language features" and "Standard library" pages (tinygo.org/docs/reference)
- `server/runtime_model/data/tinygo.toml` (`[[package]]`)
"""

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            for path, spec in gofile.import_nodes.items():
                if path not in MODEL.package_paths or path in CALL_LEVEL:
                    continue
                fact = MODEL.package(path, ctx.target.id, ctx.versions)
                if fact is None or fact.status != "unsupported":
                    continue
                message = f"`{path}` is not supported by {ctx.release} on wasm: {fact.summary}"
                if fact.error:
                    message += f" (fails with `{fact.error}`)"
                ctx.report(spec, message)
        report_import_chains(ctx, self.code, _import_fails(ctx), partial(_message, ctx))


def _import_fails(ctx: RuleContext) -> Callable[[str, PackageFacts], tuple[Step, str] | None]:
    """A dependency package's import of a standard package whose import fails the build
    on this target and release."""

    def find(_: str, facts: PackageFacts) -> tuple[Step, str] | None:
        for path, step in facts.imports.items():
            if path not in MODEL.package_paths or path in CALL_LEVEL:
                continue
            fact = MODEL.package(path, ctx.target.id, ctx.versions)
            if fact is not None and fact.status == "unsupported" and fact.import_fails:
                return step, path
        return None

    return find


def _message(ctx: RuleContext, imported: str, steps: tuple[Step, ...], path: str) -> str:
    fact = MODEL.package(path, ctx.target.id, ctx.versions)
    assert fact is not None
    message = (
        f"`{imported}` imports `{path}`{through(steps)}, which {ctx.release} does "
        f"not support on wasm: {fact.summary}"
    )
    if fact.error:
        message += f" (fails with `{fact.error}`)"
    return message + "; the build fails whatever the program calls"


RULE = TinygoUnsupportedPackage()
