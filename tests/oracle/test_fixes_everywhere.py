"""``wasmvet check --unsafe-fixes`` on every example that gets a fix never breaks the code.

Every rule fixture (``tests/fixtures``: a file, or a directory as one package), every corpus
program (``tests/corpus``) and every oracle case (``tests/oracle/cases``) that is offered a
fix is copied into one module, one package each, and fixed with the real command line for
its targets: a fixture's ``// fixture-targets`` (else every target); a program or case both
for go-js and go-wasip1, the targets it is labelled for, and for every target, so that a fix
must also suit the targets its finding does not concern. Then:

- no fixed file has more syntax errors than before, and no fix is refused for that reason;
- no target has a finding of a code that it had fewer of before (no fix creates a finding,
  on its own targets or on the others);
- a gofmt-clean file stays gofmt-clean;
- a second run changes nothing (the fixes are idempotent);
- copies with CRLF line endings and with space indentation stay so;
- ``go vet`` for GOOS=js and GOOS=wasip1 (GOARCH=wasm) still passes on every package on which
  it passed before.

The slow parts are batched: one ``gofmt -l`` per state, one ``go vet`` per GOOS and state
over all packages, one ``wasmvet`` run per set of targets and versions.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.lintkit import fixture_go_minor, fixture_targets, fixture_tinygo_minor, lint
from tests.oracle import harness
from wasmvet.analysis.parsing import parse
from wasmvet.diagnostics import Diagnostic, Severity
from wasmvet.fixes.applying import error_count
from wasmvet.targets import TARGETS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "tests" / "corpus"
GOOS_WASM = ("js", "wasip1")
_PACKAGE = re.compile(r"\b(e\d{3})\b")


@dataclass(frozen=True)
class Example:
    """One package to fix: its files, the targets and versions it is linted for."""

    name: str
    files: tuple[Path, ...]
    targets: tuple[str, ...]
    go_minor: int = 24
    tinygo_minor: int | None = None

    @property
    def group(self) -> tuple[tuple[str, ...], int, int | None]:
        return self.targets, self.go_minor, self.tinygo_minor

    def findings(self, directory: Path | None = None) -> list[Diagnostic]:
        """The findings on the example's files, or on their copies in ``directory``."""
        files = [directory / f.name if directory else f for f in self.files]
        return lint(files, list(self.targets), self.go_minor, self.tinygo_minor)

    def has_fix(self) -> bool:
        return any(d.fix is not None and d.fix.edits for d in self.findings())


#: Notes a fix may leave behind on purpose: WV202's unsafe fix (``select {}``, for a host
#: that may be a browser or Node.js) keeps a page alive, and WV205's note then tells what
#: Node.js does with a parked main. A warning or error of these codes still counts.
FOLLOW_UP_NOTES = frozenset({"WV205"})


def _new_findings(before: list[Diagnostic], after: list[Diagnostic]) -> list[str]:
    """``code on target`` for each code a target has more findings of after than before
    (but for the notes in ``FOLLOW_UP_NOTES``)."""
    counts = Counter((t, d.code) for d in before for t in d.targets)
    later = Counter(
        (t, d.code)
        for d in after
        for t in d.targets
        if not (d.code in FOLLOW_UP_NOTES and d.severity is Severity.INFO)
    )
    return [
        f"{code} on {target}" for (target, code), n in later.items() if n > counts[target, code]
    ]


def _examples() -> list[Example]:
    every = tuple(TARGETS)
    found: list[Example] = []
    for rule_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        groups = [(f,) for f in sorted(rule_dir.glob("*.go"))]
        groups += [tuple(sorted(d.glob("*.go"))) for d in sorted(rule_dir.iterdir()) if d.is_dir()]
        for group in groups:
            paths = list(group)
            found.append(
                Example(
                    f"{rule_dir.name}/{group[0].stem if len(group) == 1 else group[0].parent.name}",
                    group,
                    tuple(fixture_targets(paths)),
                    fixture_go_minor(paths),
                    fixture_tinygo_minor(paths),
                )
            )
    programs = [(f"corpus/{p.parent.name}", (p,)) for p in sorted(CORPUS.glob("*/main.go"))]
    programs += [
        (f"{case.parent.name}/{case.stem}", tuple(harness.case_files(case)))
        for case in harness.discover_cases()
    ]
    for name, files in programs:
        found.append(Example(name, files, ("go-js", "go-wasip1")))  # the labelled targets
        found.append(Example(f"{name} (all targets)", files, every))
    return [e for e in found if e.has_fix()]


def _same(data: bytes) -> bytes:
    return data


def _spaces(data: bytes) -> bytes:
    """Each leading tab as four spaces."""
    return re.sub(rb"(?m)^\t+", lambda m: b"    " * len(m.group(0)), data)


LAYOUTS = {"crlf": lambda data: data.replace(b"\n", b"\r\n"), "spaces": _spaces}
"""Other layouts each labelled example is also fixed in: the fixes must keep them."""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": "-mod=mod", "GOWORK": "off", **extra}


def _unclean(root: Path) -> set[str]:
    """Files ``gofmt -l`` lists, relative to ``root``."""
    gofmt = harness.goroot() / "bin" / "gofmt"
    listed = subprocess.run([str(gofmt), "-l", "."], cwd=root, capture_output=True, text=True)
    return {line.strip().removeprefix("./") for line in listed.stdout.splitlines() if line}


def _vet_failures(root: Path, goos: str) -> set[str]:
    """The packages (``eNNN``) that ``go vet`` rejects for ``goos``/wasm."""
    packages = sorted(p.name for p in root.iterdir() if p.is_dir())
    vetted = subprocess.run(
        [harness.find_go(), "vet", *(f"./{p}" for p in packages)],
        cwd=root,
        env=_env(GOOS=goos, GOARCH="wasm", CGO_ENABLED="0"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    return set(_PACKAGE.findall(vetted.stdout + vetted.stderr))


def _wasmvet(root: Path, example_dirs: list[str], example: Example) -> str:
    args = ["check", "--no-cache", "--color", "never", "--unsafe-fixes"]
    args += ["--target", ",".join(example.targets)]
    args += ["--go-version", f"1.{example.go_minor}"]
    if example.tinygo_minor is not None:
        args += ["--tinygo-version", f"0.{example.tinygo_minor}"]
    result = subprocess.run(
        [sys.executable, "-m", "wasmvet", *args, *example_dirs],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stderr


def _contents(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.go"))}


@pytest.mark.oracle
def test_fixes_keep_every_example_valid(tmp_path: Path) -> None:
    if harness.missing_tool("native") is not None:
        pytest.skip(harness.missing_tool("native") or "")
    examples = _examples()
    assert len(examples) > 50  # fixtures, corpus programs and oracle cases with fixes
    root = tmp_path / "fixed"
    root.mkdir()
    (root / "go.mod").write_text("module fixcheck\n\ngo 1.24\n")
    dirs: dict[str, Example] = {}
    layouts: dict[str, str] = {}
    variants = [(e, "") for e in examples]
    variants += [(e, layout) for e in examples if "all targets" not in e.name for layout in LAYOUTS]
    for number, (example, layout) in enumerate(variants):
        package = root / f"e{number:03d}"
        package.mkdir()
        for path in example.files:
            (package / path.name).write_bytes(LAYOUTS.get(layout, _same)(path.read_bytes()))
        dirs[package.name] = example
        layouts[package.name] = layout
    before = _contents(root)
    findings = {package: example.findings(root / package) for package, example in dirs.items()}
    unclean = _unclean(root)
    failing = {goos: _vet_failures(root, goos) for goos in GOOS_WASM}

    groups: dict[tuple[tuple[str, ...], int, int | None], list[str]] = {}
    for name, example in dirs.items():
        groups.setdefault(example.group, []).append(name)
    problems: list[str] = []
    for names in groups.values():
        stderr = _wasmvet(root, names, dirs[names[0]])
        problems += [line for line in stderr.splitlines() if "syntax errors" in line]
    fixed = _contents(root)
    changed = sorted(p for p in fixed if fixed[p] != before[p])
    assert len(changed) > 40
    named = {p: f"{p} ({dirs[p.split('/')[0]].name})" for p in fixed}

    for package, example in dirs.items():
        for new in _new_findings(findings[package], example.findings(root / package)):
            problems.append(f"{package} ({example.name}): the fixes create {new}")
    for path in changed:
        layout = layouts[path.split("/")[0]]
        if layout == "crlf" and fixed[path].count(b"\n") != fixed[path].count(b"\r\n"):
            problems.append(f"{named[path]}: a line without CR in a CRLF file")
        if layout == "spaces" and re.search(rb"^\t", fixed[path], re.MULTILINE):
            problems.append(f"{named[path]}: a tab-indented line in a space-indented file")
    for path in changed:
        if error_count(parse(fixed[path]).root_node) > error_count(parse(before[path]).root_node):
            problems.append(f"{named[path]}: the fixes add syntax errors")
    problems += [f"{named[p]}: no longer gofmt-clean" for p in _unclean(root) - unclean]
    for goos in GOOS_WASM:
        for package in sorted(_vet_failures(root, goos) - failing[goos]):
            problems.append(f"{package} ({dirs[package].name}): go vet fails for {goos}/wasm")

    for names in groups.values():
        stderr = _wasmvet(root, names, dirs[names[0]])
        if "fixed" in stderr:
            problems.append(f"a second run fixed more in {names}: {stderr}")
    again = _contents(root)
    problems += [f"{named[p]}: changed by a second run" for p in again if again[p] != fixed[p]]
    assert not problems, "\n".join(problems)
