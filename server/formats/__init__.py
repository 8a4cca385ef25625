"""Output formats of ``wasmvet check``: one module per CI format, chosen by name."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wasmvet.diagnostics import Diagnostic
from wasmvet.formats.github import format_github
from wasmvet.formats.gitlab import format_gitlab
from wasmvet.formats.junit import format_junit
from wasmvet.formats.rdjson import format_rdjson
from wasmvet.formats.report import Report
from wasmvet.formats.sarif import format_sarif
from wasmvet.formats.statistics import format_statistics_json, format_statistics_text
from wasmvet.reporting import format_json, format_text, use_color

Formatter = Callable[[Report], str]

FORMATTERS: dict[str, Formatter] = {
    "text": lambda r: format_text(r.diagnostics, r.color, r.quiet),
    "json": lambda r: format_json(r.diagnostics),
    "sarif": format_sarif,
    "github": format_github,
    "rdjson": format_rdjson,
    "junit": format_junit,
    "gitlab": format_gitlab,
}
STATISTICS: dict[str, Formatter] = {"text": format_statistics_text, "json": format_statistics_json}


class OutputError(ValueError):
    """An output option that cannot be honoured (exit 2)."""


@dataclass(frozen=True)
class Output:
    """Where and how ``check`` writes its findings."""

    format: str = "text"
    file: Path | None = None
    statistics: bool = False
    quiet: bool = False
    color: str = "auto"

    def validate(self) -> None:
        if self.statistics and self.format not in STATISTICS:
            raise OutputError(f"--statistics works with --format text or json, not {self.format!r}")

    def render(self, report: Report) -> str:
        table = STATISTICS if self.statistics else FORMATTERS
        return table[self.format](report)

    def emit(self, diagnostics: Sequence[Diagnostic], problems: Sequence[str] = ()) -> None:
        """Write the report to stdout or ``file`` (its folders created as needed)."""
        if self.file is None:
            color = use_color(sys.stdout, self.color)
            text = self.render(Report(diagnostics, problems, color, self.quiet))
            try:
                sys.stdout.write(text)
                sys.stdout.flush()
            except BrokenPipeError:
                raise  # the reader stopped reading: not an error (cli.main)
            except OSError as exc:  # a full disk, an I/O error
                raise OutputError(f"cannot write the report: {exc.strerror or exc}") from exc
            return
        report = Report(diagnostics, problems, self.color == "always", self.quiet)
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self.file.write_text(self.render(report), encoding="utf-8")
        except OSError as exc:
            raise OutputError(
                f"cannot write --output-file {self.file}: {exc.strerror or exc}"
            ) from exc


__all__ = ["FORMATTERS", "Output", "OutputError", "Report"]
