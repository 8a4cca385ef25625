"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from pathlib import Path

from wasmvet.call_trace import ShownPath, trace_text
from wasmvet.diagnostics import Diagnostic, Severity
from wasmvet.escaping import display, printable
from wasmvet.formats.locations import repository_path, repository_root
from wasmvet.formats.report import Report, hints

CRLF = "\r\n"  # escaped as the runner expects (escape_data); other controls as \xNN
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the runner expects (``%``, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: a message's escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diag: Diagnostic, path: str, shown_path: ShownPath = display) -> str:
    """``::error file=...,line=...::message``; columns only when the finding is on one line
    (GitHub ignores them otherwise). The message ends with the call trace, its paths shown
    by ``shown_path``."""
    span = diag.span
    props = [("file", path), ("line", str(span.start_line + 1))]
    if span.end_line == span.start_line:
        props += [("col", str(span.start_col + 1)), ("endColumn", str(span.end_col + 1))]
    else:
        props.append(("endLine", str(span.end_line + 1)))
    props.append(("title", f"wasmvet {diag.code} ({diag.name})"))
    trace = [trace_text(diag, shown_path)] if diag.trace else []
    message = "\n".join([f"{diag.message} [{','.join(diag.targets)}]", *trace, *hints(diag)])
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[diag.severity]} {fields}::{escape_data(printable(message, keep=CRLF))}"


def format_github(report: Report) -> str:
    """One workflow command per finding, paths relative to the repository root."""
    root = repository_root()

    def shown(path: Path) -> str:
        return repository_path(path, root)

    lines = [annotation(d, shown(d.path), shown) for d in report.diagnostics]
    return "".join(line + "\n" for line in lines)
