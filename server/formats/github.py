"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from wasmvet.diagnostics import Diagnostic, Severity
from wasmvet.escaping import display
from wasmvet.formats.locations import relative_to, repository_root
from wasmvet.formats.report import Report, hints

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the runner expects (``%``, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: a message's escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diag: Diagnostic, path: str) -> str:
    """``::error file=...,line=...::message``; columns only when the finding is on one line
    (GitHub ignores them otherwise)."""
    span = diag.span
    props = [("file", path), ("line", str(span.start_line + 1))]
    if span.end_line == span.start_line:
        props += [("col", str(span.start_col + 1)), ("endColumn", str(span.end_col + 1))]
    else:
        props.append(("endLine", str(span.end_line + 1)))
    props.append(("title", f"wasmvet {diag.code} ({diag.name})"))
    message = "\n".join([f"{diag.message} [{','.join(diag.targets)}]", *hints(diag)])
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[diag.severity]} {fields}::{escape_data(message)}"


def format_github(report: Report) -> str:
    """One workflow command per finding, paths relative to the repository root."""
    root = repository_root()
    lines = [
        annotation(d, display(relative_to(d.path, root) or d.path.resolve().as_posix()))
        for d in report.diagnostics
    ]
    return "".join(line + "\n" for line in lines)
