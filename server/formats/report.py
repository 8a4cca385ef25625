"""What every output format is given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wasmvet.diagnostics import Diagnostic
from wasmvet.switching import suggestions


@dataclass(frozen=True)
class Report:
    """The findings of a run (sorted by path and position) and the files it could not analyse."""

    diagnostics: Sequence[Diagnostic]
    problems: Sequence[str] = ()
    color: bool = False
    quiet: bool = False


def hints(diag: Diagnostic) -> list[str]:
    """A finding's fix and target switches, one line each, worded as in the text format."""
    lines = []
    if diag.fix is not None:
        lines.append(f"help: {diag.fix.message} ({diag.fix.applicability.value} fix)")
    lines += [
        f"switch: build for {s.target} ({s.reason}): `{s.build_command}`; "
        f"wasmvet.toml: {s.config_line}"
        for s in suggestions(diag)
    ]
    return lines
