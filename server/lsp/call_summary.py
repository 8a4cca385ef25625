"""What a call into a dependency does, for the hover: the function summary the dependency
analysis worked out on each target (issue 14: "hover on the call shows the summary").

The notes are rendered while the package is linted, from summaries already known (the
language server lints from memory and the summary cache), and kept as text: a summary holds
nodes of dependency trees, which the server should not keep alive for a hover."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wasmvet.analysis.dependencies import Step, Summary
from wasmvet.analysis.effects import Tri
from wasmvet.rule_context import DependencyCall

#: Reached symbols listed per target at most (a framework entry point reaches dozens).
MAX_REACHES = 5

CallKey = tuple[Path, int]
"""A call by its file and start byte."""


def summary_notes(summary: Summary) -> tuple[str, ...]:
    """Markdown bullet lines for one target's summary of a dependency function."""
    notes: list[str] = []
    if summary.never_returns:
        notes.append("- never returns: the rest of the calling block does not run")
    for reach in summary.reaches[:MAX_REACHES]:
        where = "" if reach.direct else " in a goroutine or function literal"
        notes.append(f"- reaches `{reach.symbol}`{where}{_via(reach.steps)}")
    if len(summary.reaches) > MAX_REACHES:
        notes.append(f"- and {len(summary.reaches) - MAX_REACHES} more runtime-model calls")
    if summary.goroutine:
        notes.append(f"- starts a goroutine{_via(summary.goroutine)}")
    if summary.recovers:
        notes.append(f"- relies on `recover()`{_via(summary.recovers)}")
    if summary.narrows is not None:
        narrows = summary.narrows
        notes.append(
            f"- converts `{narrows.conversion}` to `{narrows.narrow}` ({narrows.why})"
            f"{_via(narrows.steps)}"
        )
    if not notes:
        notes.append("- nothing the runtime model flags")
    yields = summary.__dict__.get("yields")  # only when worked out: asking may parse
    if yields == Tri.YES:
        notes.append("- yields to other goroutines")
    elif yields == Tri.NO:
        notes.append("- runs without yielding to other goroutines")
    return tuple(notes)


def _via(steps: Sequence[Step]) -> str:
    names = [s.function for s in steps]
    return f" (via {' → '.join(dict.fromkeys(names))})" if names else ""


@dataclass
class CallSummaries:
    """A package's calls into dependency functions, by file and start byte: the function
    and each target's notes (``engine.analyse_files``'s ``on_dependency_call``)."""

    symbols: dict[CallKey, str] = field(default_factory=dict)
    notes: dict[CallKey, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def remember(self, target: str, path: Path, call: DependencyCall) -> None:
        key = (path, call.node.start_byte)
        self.symbols[key] = call.symbol
        self.notes.setdefault(key, {})[target] = summary_notes(call.summary)

    def markdown(self, path: Path, start_byte: int) -> str | None:
        """The hover section for the call starting there, if it is a dependency call; targets
        with the same notes share one part."""
        key = (path, start_byte)
        if key not in self.symbols:
            return None
        grouped: dict[tuple[str, ...], list[str]] = {}
        for target, notes in self.notes[key].items():
            grouped.setdefault(notes, []).append(target)
        parts = [f"**{', '.join(ts)}**\n\n" + "\n".join(notes) for notes, ts in grouped.items()]
        title = f"**`{self.symbols[key]}`**: what wasmvet's summary of this dependency says"
        return "\n\n".join([title, *parts])
