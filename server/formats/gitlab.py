"""GitLab Code Quality report (a Code Climate subset) for the merge request widget."""

from __future__ import annotations

import json
from pathlib import Path

from wasmvet.call_trace import trace_text
from wasmvet.diagnostics import Diagnostic, Severity
from wasmvet.formats.locations import SourceLines, fingerprints, repository_path, repository_root
from wasmvet.formats.report import Report

#: GitLab's scale is info, minor, major, critical, blocker.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_gitlab(report: Report) -> str:
    """Paths relative to the repository root, as GitLab matches them against the diff; a
    call trace ends the description."""
    root = repository_root()

    def shown(path: Path) -> str:
        return repository_path(path, root)

    def description(d: Diagnostic) -> str:
        trace = f"; {trace_text(d, shown)}" if d.trace else ""
        return f"{d.code} {d.message} [{','.join(d.targets)}]{trace}"

    prints = fingerprints(report.diagnostics, root, SourceLines())
    issues = [
        {
            "type": "issue",
            "description": description(d),
            "check_name": d.code,
            "fingerprint": fp,
            "severity": SEVERITIES[d.severity],
            "categories": ["Bug Risk"],
            "location": {
                "path": shown(d.path),
                "lines": {"begin": d.span.start_line + 1, "end": d.span.end_line + 1},
            },
        }
        for d, fp in zip(report.diagnostics, prints, strict=True)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
