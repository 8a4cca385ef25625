"""SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wasmvet import HOMEPAGE, __version__
from wasmvet.call_trace import call_message, step_messages
from wasmvet.diagnostics import Diagnostic, Frame, Severity, Span
from wasmvet.escaping import printable, uri
from wasmvet.formats.locations import SourceLines, fingerprints, relative_to, repository_root
from wasmvet.formats.report import Report
from wasmvet.rules import all_rules
from wasmvet.switching import suggestions

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: The partialFingerprints key; bump the version if the fingerprint's material ever changes.
FINGERPRINT_KEY = "wasmvet/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class _Writer:
    """Turns findings into SARIF objects relative to one source root (``SRCROOT``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lines = SourceLines()

    def artifact(self, path: Path) -> dict[str, Any]:
        rel = relative_to(path, self.root)
        if rel is None:
            return {"uri": path.resolve().as_uri()}
        return {"uri": uri(rel), "uriBaseId": "SRCROOT"}

    def region(self, path: Path, span: Span) -> dict[str, int]:
        return {
            "startLine": span.start_line + 1,
            "startColumn": self.lines.utf16_column(path, span.start_line, span.start_col) + 1,
            "endLine": span.end_line + 1,
            "endColumn": self.lines.utf16_column(path, span.end_line, span.end_col) + 1,
        }

    def location(self, path: Path, span: Span) -> dict[str, Any]:
        return {
            "physicalLocation": {
                "artifactLocation": self.artifact(path),
                "region": self.region(path, span),
            }
        }

    def frame_location(self, frame: Frame) -> dict[str, Any]:
        """A frame's call: 1-based line, its byte column as a UTF-16 one."""
        column = self.lines.utf16_column(frame.path, frame.line - 1, frame.column - 1) + 1
        region = {"startLine": frame.line, "startColumn": column}
        return {
            "physicalLocation": {"artifactLocation": self.artifact(frame.path), "region": region}
        }

    def code_flow(self, diag: Diagnostic) -> dict[str, Any]:
        """The user's call (nesting level 0), then each call inside the dependencies, one
        level deeper each."""
        steps = [(self.location(diag.path, diag.span), call_message(diag))]
        steps += [
            (self.frame_location(f), m)
            for f, m in zip(diag.trace, step_messages(diag), strict=True)
        ]
        return {
            "threadFlows": [
                {
                    "locations": [
                        {
                            "location": {**location, "message": {"text": message}},
                            "kinds": ["call"],
                            "nestingLevel": level,
                            "executionOrder": level + 1,
                        }
                        for level, (location, message) in enumerate(steps)
                    ]
                }
            ]
        }

    def related_locations(self, diag: Diagnostic) -> list[dict[str, Any]]:
        """The finding's related places, then the frames of its call trace."""
        found = [(self.location(r.path, r.span), r.message) for r in diag.related]
        found += [
            (self.frame_location(f), m)
            for f, m in zip(diag.trace, step_messages(diag), strict=True)
        ]
        return [
            {"id": i, **location, "message": {"text": message}}
            for i, (location, message) in enumerate(found)
        ]

    def result(self, diag: Diagnostic, rule_index: int, fingerprint: str) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ruleId": diag.code,
            "ruleIndex": rule_index,
            "level": LEVELS[diag.severity],
            "message": {"text": f"{diag.message} (targets: {', '.join(diag.targets)})"},
            "locations": [self.location(diag.path, diag.span)],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": {
                "targets": list(diag.targets),
                "targetMessages": diag.target_messages,
                "switchTargets": [
                    {"target": s.target, "reason": s.reason, "buildCommand": s.build_command}
                    for s in suggestions(diag)
                ],
            },
        }
        if diag.related or diag.trace:
            result["relatedLocations"] = self.related_locations(diag)
        if diag.trace:
            result["codeFlows"] = [self.code_flow(diag)]
        if diag.fix is not None:
            by_file: dict[Path, list[dict[str, Any]]] = {}
            for edit in diag.fix.edits:
                by_file.setdefault(edit.path, []).append(
                    {
                        "deletedRegion": self.region(edit.path, edit.span),
                        "insertedContent": {"text": edit.new_text},
                    }
                )
            result["fixes"] = [
                {
                    "description": {
                        "text": f"{diag.fix.message} ({diag.fix.applicability.value} fix)"
                    },
                    "artifactChanges": [
                        {"artifactLocation": self.artifact(path), "replacements": replacements}
                        for path, replacements in by_file.items()
                    ],
                }
            ]
        return result


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": rule.explain(), "markdown": rule.explain()},
            "helpUri": rule.url,
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"targets": sorted(rule.targets), "fix": rule.fix},
        }
        for rule in all_rules().values()
    ]


def format_sarif(report: Report) -> str:
    """One run listing every rule; results point at files relative to ``SRCROOT``."""
    writer = _Writer(repository_root())
    index = {code: i for i, code in enumerate(all_rules())}
    prints = fingerprints(report.diagnostics, writer.root, writer.lines)
    run = {
        "tool": {
            "driver": {
                "name": "wasmvet",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOMEPAGE,
                "rules": _rules(),
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": writer.root.as_uri().rstrip("/") + "/"}},
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "warning", "message": {"text": printable(problem)}}
                    for problem in report.problems
                ],
            }
        ],
        "columnKind": "utf16CodeUnits",
        "results": [
            writer.result(d, index[d.code], fp)
            for d, fp in zip(report.diagnostics, prints, strict=True)
        ],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
