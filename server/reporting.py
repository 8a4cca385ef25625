"""Reporters: how findings are printed for people (text) and for programs (JSON)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from wasmvet.call_trace import trace_text
from wasmvet.diagnostics import Diagnostic, Edit, Severity
from wasmvet.engine import relative
from wasmvet.escaping import display, one_line, printable
from wasmvet.switching import suggestions

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def use_color(stream: TextIO, mode: str = "auto") -> bool:
    """Colour on a terminal unless NO_COLOR is set, or as ``--color`` says."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def working_path(path: Path) -> str:
    """A path as the text, JSON, JUnit and rdjson formats show it: relative to the working
    directory when below it, escaped for display."""
    return display(relative(path).as_posix())


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def format_text(diagnostics: Sequence[Diagnostic], color: bool, quiet: bool = False) -> str:
    """``path:line:col: CODE [targets] message`` lines, the call trace into dependencies,
    a fix hint, and a summary line (left out when ``quiet``)."""
    lines: list[str] = []
    for d in diagnostics:
        where = f"{display(relative(d.path))}:{d.span.start_line + 1}:{d.span.start_col + 1}:"
        code = _paint(d.code, _COLORS[d.severity], color)
        targets = ",".join(d.targets)
        mark = " [*]" if d.fix is not None and d.fix.applicability.value == "safe" else ""
        message = one_line(d.message)
        lines.append(f"{_paint(where, '1', color)} {code}{mark} [{targets}] {message}")
        if d.target_messages:
            others = ",".join(d.target_messages)
            lines[-1] += _paint(f" (differs on {others}: see --format json)", "2", color)
        if d.severity is Severity.INFO:
            lines[-1] += _paint(" (note)", "2", color)
        if d.trace:
            lines.append(f"  {trace_text(d, working_path)}")
        if d.fix is not None:
            lines.append(f"  help: {one_line(d.fix.message)} ({d.fix.applicability.value} fix)")
        for switch in suggestions(d):
            lines.append(
                f"  switch: build for {switch.target} ({switch.reason}): "
                f"`{switch.build_command}`; wasmvet.toml: {switch.config_line}"
            )
    if quiet:
        return "".join(line + "\n" for line in lines)
    counted = [d for d in diagnostics if d.counts]
    notes = len(diagnostics) - len(counted)
    if counted:
        summary = f"Found {len(counted)} problem{'s' if len(counted) != 1 else ''}"
        fixable = sum(1 for d in counted if d.fix and d.fix.applicability.value == "safe")
        if fixable:
            summary += f" ({fixable} fixable with a safe fix)"
    else:
        summary = "All checks passed"
    if notes:
        summary += f"; {notes} note{'s' if notes != 1 else ''}"
    lines.append(summary + ("!" if not counted and not notes else "."))
    return "\n".join(lines) + "\n"


def _edit_json(edit: Edit) -> dict[str, Any]:
    return {
        "path": display(relative(edit.path)),
        "line": edit.span.start_line + 1,
        "column": edit.span.start_col + 1,
        "end_line": edit.span.end_line + 1,
        "end_column": edit.span.end_col + 1,
        "new_text": edit.new_text,
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """The JSON contract of docs/architecture.md (1-based lines, 1-based byte columns)."""
    return {
        "path": display(relative(d.path)),
        "line": d.span.start_line + 1,
        "column": d.span.start_col + 1,
        "end_line": d.span.end_line + 1,
        "end_column": d.span.end_col + 1,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "targets": list(d.targets),
        "target_messages": d.target_messages,
        "fix": None
        if d.fix is None
        else {
            "applicability": d.fix.applicability.value,
            "message": d.fix.message,
            "edits": [_edit_json(e) for e in d.fix.edits],
        },
        "related": [
            {
                "path": display(relative(r.path)),
                "line": r.span.start_line + 1,
                "column": r.span.start_col + 1,
                "message": r.message,
            }
            for r in d.related
        ],
        "trace": [
            {
                "path": working_path(f.path),
                "line": f.line,
                "column": f.column,
                "function": f.function,
            }
            for f in d.trace
        ],
        "switch_targets": [
            {
                "target": s.target,
                "reason": s.reason,
                "build_command": s.build_command,
                "config": s.config_line,
                "evidence": list(s.evidence),
            }
            for s in suggestions(d)
        ],
    }


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([diagnostic_json(d) for d in diagnostics], indent=2) + "\n"


def print_problems(problems: Sequence[str], stream: TextIO | None = None) -> None:
    """One line per file or path that could not be analysed (its unprintable characters
    escaped, as in file names), on ``stream`` (default: the current sys.stderr)."""
    for problem in problems:
        (stream or sys.stderr).write(f"wasmvet: {printable(problem)}\n")
