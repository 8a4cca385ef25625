"""Shared check for rules that flag an import which cannot build for a target."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.analysis.package import GoFile
from wasmvet.diagnostics import Fix
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule


class ImportRule(Rule):
    """Flags the import spec of any path in ``imports`` (or under a path ending in ``/``)."""

    imports: ClassVar[frozenset[str]]

    def check(self, ctx: RuleContext) -> None:
        for gofile in ctx.package.files:
            found = [(p, s) for p, s in gofile.import_nodes.items() if self.matches(p)]
            fix = self.file_fix(ctx, gofile) if found else None
            for path, spec in found:
                ctx.report(spec, self.message(path, ctx.target.port), fix=fix)

    def file_fix(self, ctx: RuleContext, gofile: GoFile) -> Fix | None:
        """The fix for a file that imports a flagged path (none unless a rule has one)."""
        return None

    def matches(self, path: str) -> bool:
        return path in self.imports or any(
            p.endswith("/") and path.startswith(p) for p in self.imports
        )

    def message(self, path: str, port: str) -> str:
        raise NotImplementedError
