"""GitLab Code Quality report (a Code Climate subset) for the merge request widget."""

from __future__ import annotations

import json

from wasmvet.diagnostics import Severity
from wasmvet.escaping import display
from wasmvet.formats.locations import SourceLines, fingerprints, relative_to, repository_root
from wasmvet.formats.report import Report

#: GitLab's scale is info, minor, major, critical, blocker.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_gitlab(report: Report) -> str:
    """Paths relative to the repository root, as GitLab matches them against the diff."""
    root = repository_root()
    prints = fingerprints(report.diagnostics, root, SourceLines())
    issues = [
        {
            "type": "issue",
            "description": f"{d.code} {d.message} [{','.join(d.targets)}]",
            "check_name": d.code,
            "fingerprint": fp,
            "severity": SEVERITIES[d.severity],
            "categories": ["Bug Risk"],
            "location": {
                "path": display(relative_to(d.path, root) or d.path.resolve().as_posix()),
                "lines": {"begin": d.span.start_line + 1, "end": d.span.end_line + 1},
            },
        }
        for d, fp in zip(report.diagnostics, prints, strict=True)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
