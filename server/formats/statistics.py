"""``--statistics``: how many findings each rule has, most frequent first."""

from __future__ import annotations

import json
from collections import Counter

from wasmvet.diagnostics import Applicability
from wasmvet.formats.report import Report


def _rows(report: Report) -> list[tuple[str, str, int, int]]:
    """(code, name, count, fixable) per rule with at least one finding."""
    names = {d.code: d.name for d in report.diagnostics}
    counts = Counter(d.code for d in report.diagnostics)
    fixable = Counter(
        d.code
        for d in report.diagnostics
        if d.fix is not None and d.fix.applicability is Applicability.SAFE
    )
    ordered = sorted(counts, key=lambda code: (-counts[code], code))
    return [(code, names[code], counts[code], fixable[code]) for code in ordered]


def format_statistics_text(report: Report) -> str:
    """``   3  WV101  [*] spin-wait``; ``[*]`` when some of them have a safe fix."""
    rows = _rows(report)
    width = max((len(str(count)) for _, _, count, _ in rows), default=1)
    return "".join(
        f"{count:>{max(width, 4)}}  {code}  {'[*]' if fixable else '   '} {name}\n"
        for code, name, count, fixable in rows
    )


def format_statistics_json(report: Report) -> str:
    rows = [
        {"code": code, "name": name, "count": count, "fixable": fixable}
        for code, name, count, fixable in _rows(report)
    ]
    return json.dumps(rows, indent=2) + "\n"
