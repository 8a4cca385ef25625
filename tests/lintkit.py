"""Test helpers: lint files in-process and read ``// want "WVnnn"`` expectations."""

from __future__ import annotations

import re
from pathlib import Path

from wasmvet.analysis.package import GoFile
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Diagnostic
from wasmvet.engine import analyse_files
from wasmvet.hosts import HostProfile
from wasmvet.rules import all_rules
from wasmvet.settings import Settings
from wasmvet.targets import TARGETS

WANT = re.compile(r'//\s*want\s+((?:"[A-Z]+\d+"\s*)+)(no-fix)?\s*$')
FIXTURE_TARGETS = re.compile(r"^//\s*fixture-targets:\s*(.+)$", re.MULTILINE)
FIXTURE_GO = re.compile(r"^//\s*fixture-go:\s*1\.(\d+)\s*$", re.MULTILINE)
FIXTURE_TINYGO = re.compile(r"^//\s*fixture-tinygo:\s*0\.(\d+)\s*$", re.MULTILINE)


def lint(
    paths: list[Path],
    targets: list[str],
    go_minor: int = 24,
    tinygo_minor: int | None = None,
    host: HostProfile | None = None,
) -> list[Diagnostic]:
    """Lint the given files as one package with every rule (on ``host``, else on the hosts
    wasmvet infers from the code)."""
    files = [GoFile.from_source(SourceFile.read(p)) for p in paths]
    settings = Settings(
        targets=tuple(TARGETS[t] for t in targets),
        rules=tuple(all_rules().values()),
        go_minor=go_minor,
        tinygo_version=(0, tinygo_minor) if tinygo_minor is not None else None,
        tests=True,
        host=host or HostProfile(),
    )
    return analyse_files(files, settings, go_minor)


def wanted(path: Path) -> dict[int, set[str]]:
    """1-based line → codes that the line's ``// want`` comment expects."""
    found: dict[int, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = WANT.search(line)
        if match:
            found[number] = set(re.findall(r'"([A-Z]+\d+)"', match.group(1)))
    return found


def unwanted_fixes(paths: list[Path], diagnostics: list[Diagnostic]) -> list[str]:
    """Findings that carry a fix on a ``// want "WVnnn" no-fix`` line."""
    marked = {
        (p.resolve(), number)
        for p in paths
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if (match := WANT.search(line)) and match.group(2)
    }
    return [
        f"{d.path.name}:{d.span.start_line + 1}: {d.code} offers a fix: {d.fix.message}"
        for d in diagnostics
        if d.fix is not None and (d.path.resolve(), d.span.start_line + 1) in marked
    ]


def fixture_targets(paths: list[Path]) -> list[str]:
    """Targets named by a ``// fixture-targets:`` header, else every target."""
    for path in paths:
        match = FIXTURE_TARGETS.search(path.read_text(encoding="utf-8"))
        if match:
            return match.group(1).split()
    return list(TARGETS)


def fixture_tinygo_minor(paths: list[Path]) -> int | None:
    for path in paths:
        match = FIXTURE_TINYGO.search(path.read_text(encoding="utf-8"))
        if match:
            return int(match.group(1))
    return None


def fixture_go_minor(paths: list[Path]) -> int:
    for path in paths:
        match = FIXTURE_GO.search(path.read_text(encoding="utf-8"))
        if match:
            return int(match.group(1))
    return 24


def mismatches(
    paths: list[Path], diagnostics: list[Diagnostic], notes_are_free: bool = False
) -> list[str]:
    """Differences between ``// want`` lines and findings, as readable lines.

    With ``notes_are_free``, an ``info`` finding nobody asked for is not a mismatch.
    """
    expected = {
        (p.resolve(), line, code)
        for p in paths
        for line, codes in wanted(p).items()
        for code in codes
    }
    got = set()
    for d in diagnostics:
        key = (d.path.resolve(), d.span.start_line + 1, d.code)
        if d.counts or not notes_are_free or key in expected:
            got.add(key)
    problems = [f"{p.name}:{line}: missing {code}" for p, line, code in sorted(expected - got)]
    messages = {(d.path.resolve(), d.span.start_line + 1, d.code): d.message for d in diagnostics}
    problems += [
        f"{p.name}:{line}: unexpected {code}: {messages[(p, line, code)]}"
        for p, line, code in sorted(got - expected)
    ]
    return problems
