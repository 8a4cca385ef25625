"""reviewdog's Diagnostic Result format (``reviewdog -f=rdjson``)."""

from __future__ import annotations

import json
from typing import Any

from wasmvet import HOMEPAGE
from wasmvet.call_trace import step_messages
from wasmvet.diagnostics import Diagnostic, Edit, Severity, Span
from wasmvet.formats.report import Report
from wasmvet.reporting import working_path
from wasmvet.rules import all_rules

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _range(span: Span) -> dict[str, Any]:
    """1-based lines and UTF-8 byte columns, end exclusive, as the format defines them."""
    return {
        "start": {"line": span.start_line + 1, "column": span.start_col + 1},
        "end": {"line": span.end_line + 1, "column": span.end_col + 1},
    }


def _diagnostic(diag: Diagnostic, url: str) -> dict[str, Any]:
    found: dict[str, Any] = {
        "message": f"{diag.message} [{','.join(diag.targets)}]",
        "location": {"path": working_path(diag.path), "range": _range(diag.span)},
        "severity": SEVERITIES[diag.severity],
        "code": {"value": diag.code, "url": url},
    }
    if diag.trace:
        found["related_locations"] = [
            {
                "message": message,
                "location": {
                    "path": working_path(frame.path),
                    "range": {"start": {"line": frame.line, "column": frame.column}},
                },
            }
            for frame, message in zip(diag.trace, step_messages(diag), strict=True)
        ]
    if diag.fix is not None and all(_on_finding_lines(edit, diag) for edit in diag.fix.edits):
        found["suggestions"] = [
            {"range": _range(edit.span), "text": edit.new_text} for edit in diag.fix.edits
        ]
    return found


def _on_finding_lines(edit: Edit, diag: Diagnostic) -> bool:
    """Review comments can only suggest changes to the lines they are on: a fix that also
    edits elsewhere (an import) is left out rather than offered in part."""
    return (
        edit.path == diag.path
        and diag.span.start_line <= edit.span.start_line
        and edit.span.end_line <= diag.span.end_line
    )


def format_rdjson(report: Report) -> str:
    rules = all_rules()
    document = {
        "source": {"name": "wasmvet", "url": HOMEPAGE},
        "diagnostics": [_diagnostic(d, rules[d.code].url) for d in report.diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
