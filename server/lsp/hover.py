"""Hover: a finding's explanation for its targets, or what a known call does on each target."""

from __future__ import annotations

from pathlib import Path

from tree_sitter import Node

from wasmvet.analysis.package import Package
from wasmvet.analysis.parsing import call_argument, string_value
from wasmvet.analysis.scope import Resolver
from wasmvet.call_trace import call_message, step_messages
from wasmvet.diagnostics import Diagnostic
from wasmvet.escaping import display
from wasmvet.gomod import module_root
from wasmvet.lsp.convert import uri_of
from wasmvet.lsp.store import Stored
from wasmvet.rules import all_rules
from wasmvet.runtime_model import MODEL
from wasmvet.runtime_model.model import Fact, SymbolFact, Versions


def hover_markdown(stored: Stored, line: int, byte_col: int) -> str | None:
    """Markdown for a position: the findings there, then what the call there does on each
    target; None when there is neither."""
    parts = [
        explain_finding(d, stored.lint.versions if stored.lint else Versions())
        for d in stored.diagnostics
        if (d.span.start_line, d.span.start_col)
        <= (line, byte_col)
        <= (d.span.end_line, d.span.end_col)
    ]
    gofile, lint = stored.gofile, stored.lint
    if gofile is not None and lint is not None and line < gofile.source.line_count:
        call = call_at(gofile.source.root, gofile.source.offset(line, byte_col))
        if call is not None:
            files = [f for f in lint.files.values() if f.package_name == gofile.package_name]
            symbol = Resolver(gofile, Package(str(lint.directory), files)).call_symbol(call)
            described = (
                describe_call(symbol, lint.targets, lint.versions, call)
                if symbol is not None and not symbol.startswith(".")
                else None
            )
            if described is not None:
                parts.append(described)
            summarised = lint.calls.markdown(gofile.source.path, call.start_byte)
            if summarised is not None:
                parts.append(summarised)
    return "\n\n---\n\n".join(parts) if parts else None


def explain_finding(diag: Diagnostic, versions: Versions) -> str:
    """The message, the call trace into dependencies, the runtime facts behind the rule that
    hold for the finding's targets and releases (with their evidence), then the rule's
    documentation."""
    rule = all_rules().get(diag.code)
    shared = [t for t in diag.targets if t not in diag.target_messages]
    head = f"**{diag.code}** ({', '.join(shared)}): {diag.message}"
    head += "".join(f"\n\n*On {t}*: {m}" for t, m in diag.target_messages.items())
    if diag.trace:
        head += "\n\n" + call_trace_markdown(diag)
    if rule is None:
        return head
    lines = [head, "", f"*{rule.name}*: {rule.summary}"]
    facts: list[tuple[Fact, list[str]]] = []
    for fact_id in rule.facts:
        holding = [t for t in diag.targets if MODEL.fact_holds(fact_id, t, versions)]
        if holding:
            facts.append((MODEL.fact(fact_id), holding))
    if facts:
        lines += ["", "**Runtime facts**", ""]
        for fact, targets in facts:
            holds = f"; {fact.holds_for}" if fact.holds_for else ""
            lines.append(f"- **{fact.id}** ({', '.join(targets)}{holds}): {fact.statement}")
            lines += [f"  - evidence: {ev}" for ev in fact.evidence]
    lines += ["", rule.doc.strip(), "", f"[{rule.code} documentation]({rule.url})"]
    return "\n".join(lines)


def call_trace_markdown(diag: Diagnostic) -> str:
    """A "Call trace" section: what the call here enters, then each call inside the
    dependencies with a link to it (paths relative to the finding's module when below it)."""
    root = module_root(diag.path.parent)
    steps = [f"1. here: {call_message(diag)}"]
    for number, (frame, message) in enumerate(
        zip(diag.trace, step_messages(diag), strict=True), start=2
    ):
        shown = _shown(frame.path, root)
        link = f"{uri_of(frame.path)}#L{frame.line},{frame.column}"
        steps.append(f"{number}. [{shown}:{frame.line}:{frame.column}]({link}): {message}")
    return "\n".join(["**Call trace**", "", *steps])


def _shown(path: Path, root: Path | None) -> str:
    if root is not None and path.is_relative_to(root):
        return display(path.relative_to(root).as_posix())
    return display(path.as_posix())


def call_at(root: Node, offset: int) -> Node | None:
    """The call whose callee (``exec.Command`` of ``exec.Command("git")``) covers ``offset``."""
    node: Node | None = root.descendant_for_byte_range(offset, offset)
    while node is not None:
        if node.type == "call_expression":
            func = node.child_by_field_name("function")
            if func is not None and func.start_byte <= offset <= func.end_byte:
                return node
        node = node.parent
    return None


def describe_call(
    symbol: str, targets: tuple[str, ...], versions: Versions, call: Node | None = None
) -> str | None:
    """What the runtime model says ``symbol`` does on each target (targets that behave the
    same share a section); None if it knows nothing. ``call`` fills in error texts."""
    short = symbol.rsplit("/", 1)[-1]
    by_notes: dict[tuple[str, ...], list[str]] = {}
    for target in targets:
        notes: list[str] = []
        for fact in MODEL.symbol_facts(symbol, target, versions):
            error = f" Fails with `{_error_text(fact, call)}`." if fact.error else ""
            notes.append(f"- {fact.status.value}: {fact.summary}.{error}")
            notes += [f"  - evidence: {ev}" for ev in fact.evidence]
        loop = MODEL.needs_event_loop(symbol, target)
        if loop is not None:
            notes.append(f"- needs the JavaScript event loop: {loop.why}")
            notes += [f"  - evidence: {ev}" for ev in loop.evidence]
        yielded = MODEL.yields(symbol, target)
        if yielded is not None:
            verb = "yields to other goroutines" if yielded.yields else "does not yield"
            notes.append(f"- {verb}: {yielded.why}")
            notes += [f"  - evidence: {ev}" for ev in yielded.evidence]
        for named in _facts_naming(short, target, versions):
            notes.append(f"- **{named.id}**: {named.statement}")
            notes += [f"  - evidence: {ev}" for ev in named.evidence]
        if notes:
            by_notes.setdefault(tuple(notes), []).append(target)
    if not by_notes:
        return None
    sections = [f"**{', '.join(ts)}**\n\n" + "\n".join(notes) for notes, ts in by_notes.items()]
    title = f"**`{symbol}`** on the configured targets (wasmvet runtime model)"
    return "\n\n".join([title, *sections])


def _error_text(fact: SymbolFact, call: Node | None) -> str:
    """The error a program sees, with the call's string argument in place of ``{name}``."""
    argument = call_argument(call, fact.error_argument) if call is not None else None
    return fact.error_text(string_value(argument) if argument is not None else None)


def _facts_naming(short: str, target: str, versions: Versions) -> list[Fact]:
    """The runtime facts behind wasmvet's rules whose statement names ``short``
    (``js.FuncOf``, ``runtime.GOMAXPROCS``) and that hold on ``target`` for ``versions``."""
    ids = dict.fromkeys(f for rule in all_rules().values() for f in rule.facts)
    found = [MODEL.fact_holds(i, target, versions) for i in ids]
    return [fact for fact in found if fact is not None and short in fact.statement]
