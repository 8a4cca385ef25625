"""What every rule is: identity, documentation and a check over one package view."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from wasmvet.diagnostics import Severity

if TYPE_CHECKING:
    from wasmvet.rule_context import RuleContext


class Rule(ABC):
    """A rule: one module in ``wasmvet.rules`` with a ``RULE`` instance of a subclass.

    ``doc`` is Markdown with the sections *What it flags*, *Why it fails*, *Example*,
    *Use instead*, *Fix safety* and *References*; ``wasmvet explain`` and the editor's hover
    render it.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity]
    targets: ClassVar[frozenset[str]]
    fix: ClassVar[str] = "none"
    facts: ClassVar[tuple[str, ...]] = ()
    doc: ClassVar[str]

    @property
    def url(self) -> str:
        """The rule's documentation page (``docs/rules/<CODE>.md``) at this release's tag."""
        from wasmvet import DOCS_REF, HOMEPAGE

        return f"{HOMEPAGE}/blob/{DOCS_REF}/docs/rules/{self.code}.md"

    @abstractmethod
    def check(self, ctx: RuleContext) -> None:
        """Report findings for ``ctx.target`` through ``ctx.report``."""

    def explain(self) -> str:
        """The rule's documentation as Markdown, with a header like ``ruff rule``."""
        from wasmvet.runtime_model import MODEL

        targets = ", ".join(sorted(self.targets))
        fix = {
            "none": "No automatic fix.",
            "safe": "A safe fix is available.",
            "unsafe": "An unsafe fix is available (it may change behaviour).",
        }.get(self.fix, self.fix)
        lines = [
            f"# {self.name} ({self.code})",
            "",
            f"{self.summary}",
            "",
            f"Targets: {targets}. Default severity: {self.severity.value}. {fix}",
            "",
            self.doc.strip(),
        ]
        if self.facts:
            lines += ["", "## Runtime facts", ""]
            for fact_id in self.facts:
                fact = MODEL.fact(fact_id)
                holds = f"; {fact.holds_for}" if fact.holds_for else ""
                lines.append(
                    f"- **{fact.id}** ({', '.join(sorted(fact.targets))}{holds}): {fact.statement}"
                )
                lines += [f"  - evidence: {ev}" for ev in fact.evidence]
        return "\n".join(lines) + "\n"
