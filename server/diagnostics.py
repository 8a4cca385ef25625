"""Findings, their fixes and the ranges they cover."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    """How much a finding matters; ``info`` notes do not fail a run."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, Enum):
    """Fix safety, as in ruff: safe fixes keep the program's meaning, unsafe ones may not."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    SUGGESTION = "suggestion"


@dataclass(frozen=True, order=True)
class Span:
    """A range in a file: 0-based lines, 0-based byte columns, end exclusive."""

    start_line: int
    start_col: int
    end_line: int
    end_col: int


@dataclass(frozen=True)
class Edit:
    """Replace ``span`` of ``path`` with ``new_text``."""

    path: Path
    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]
    preferred: bool = False
    """The editor's preferred quick fix even though unsafe (safe fixes always are)."""


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (the goroutine that sets the flag, ...)."""

    path: Path
    span: Span
    message: str


@dataclass(frozen=True)
class Frame:
    """One step of a call trace into a dependency: the call made in ``function`` at
    ``path``:``line``:``column`` (1-based, columns in bytes, as Go's tools print them)."""

    path: Path
    line: int
    column: int
    function: str


@dataclass
class Diagnostic:
    path: Path
    span: Span
    code: str
    name: str
    severity: Severity
    message: str
    targets: tuple[str, ...]
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default=())
    target_messages: dict[str, str] = field(default_factory=dict)
    """The message on targets where it differs from ``message`` (``--target all``)."""
    trace: tuple[Frame, ...] = ()
    """For a hazard inside a dependency, reported at the user's call: the calls from there
    to the hazard, outermost first (the first frame is in the dependency the user calls)."""

    @property
    def counts(self) -> bool:
        """Whether this finding fails a run (notes do not)."""
        return self.severity is not Severity.INFO

    def sort_key(self) -> tuple[str, Span, str]:
        return (str(self.path), self.span, self.code)
