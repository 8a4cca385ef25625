"""A finding's call trace into dependencies, worded once for every output format.

A finding about a hazard inside a dependency is reported at the user's own call (the
finding's span); ``Diagnostic.trace`` lists the calls from there to the hazard, outermost
first. Each format shows a frame's path as it shows the finding's own path, so callers pass
``shown_path`` (already escaped for display, see ``escaping``).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from wasmvet.diagnostics import Diagnostic, Frame
from wasmvet.escaping import one_line, printable

ShownPath = Callable[[Path], str]


def frame_text(frame: Frame, shown_path: ShownPath) -> str:
    """``dep.Build (third_party/dep/dep.go:11:2)``."""
    where = f"{shown_path(frame.path)}:{frame.line}:{frame.column}"
    return f"{printable(frame.function)} ({where})"


def trace_text(diag: Diagnostic, shown_path: ShownPath) -> str:
    """``via dep.Build (dep.go:11:2) -> run (dep.go:15:3)``; empty without a trace."""
    if not diag.trace:
        return ""
    return "via " + " -> ".join(frame_text(f, shown_path) for f in diag.trace)


def call_message(diag: Diagnostic) -> str:
    """What the user's call (the finding's span) does: the first step of the trace (for an
    import chain, whose frames are import specs ``import "path"``, what the package has)."""
    if not diag.trace:
        return one_line(diag.message)
    first = printable(diag.trace[0].function)
    return f"the imported package has {first}" if _is_import(first) else f"calls {first}"


def step_messages(diag: Diagnostic) -> list[str]:
    """One message per frame: which function the call there enters (or which import the
    package has), and for the last frame (the call the hazard is in) the finding's message."""
    functions = [printable(f.function) for f in diag.trace]
    messages = [
        f"which has {callee}" if _is_import(callee) else f"{caller} calls {callee}"
        for caller, callee in pairwise(functions)
    ]
    return messages + [f"{f}: {one_line(diag.message)}" for f in functions[-1:]]


def _is_import(function: str) -> bool:
    return function.startswith('import "')
