"""Switch-target suggestions: another target where a finding's problem does not exist.

The runtime model's ``switch-targets.toml`` says which rule's findings a target change
remedies; this module turns that into the build command and the ``wasmvet.toml`` edit that the
CLI prints and the language server offers as a code action.
"""

from __future__ import annotations

from dataclasses import dataclass

from wasmvet.diagnostics import Diagnostic
from wasmvet.runtime_model import MODEL
from wasmvet.targets import TARGETS


@dataclass(frozen=True)
class TargetSwitch:
    """Build for ``target`` instead: ``reason``, with ``build_command`` and ``config_line``."""

    target: str
    reason: str
    build_command: str
    evidence: tuple[str, ...]

    @property
    def config_line(self) -> str:
        """The ``wasmvet.toml`` line that makes wasmvet check the new target."""
        return f'targets = ["{self.target}"]'


def suggestions(diag: Diagnostic) -> list[TargetSwitch]:
    """Targets (not among the finding's own) where this finding's problem does not exist."""
    found: dict[str, TargetSwitch] = {}
    for target in diag.targets:
        for fact in MODEL.switches(diag.code, target):
            if fact.to in diag.targets or fact.to in found:
                continue
            found[fact.to] = TargetSwitch(
                fact.to, fact.reason, TARGETS[fact.to].build_command, fact.evidence
            )
    return list(found.values())
