"""What every output format is given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wasmvet.diagnostics import Diagnostic


@dataclass(frozen=True)
class Report:
    """The findings of a run (sorted by path and position) and the files it could not analyse."""

    diagnostics: Sequence[Diagnostic]
    problems: Sequence[str] = ()
    color: bool = False
    quiet: bool = False
