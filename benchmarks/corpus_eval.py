"""Score wasmvet against the labelled corpus in tests/corpus.

Every ``tests/corpus/<name>/main.go`` is linted in-process with all rules, once per target
and host labelled in ``tests/corpus/labels.json`` (the ``native`` sanity label is ignored),
with the host profile of the runs behind the label (``PROFILES``): ``go-js`` ran under
Node.js, ``go-js@browser`` in headless Chromium, ``go-wasip1`` under wasmtime with an empty
directory of the host mounted as ``/`` and only ``PWD``, ``PATH`` and ``HOME`` passed (the
oracle's ``go-wasip1@scratch`` host, declared to wasmvet as such), ``go-wasip1@bare`` under
wasmtime granting nothing. A label with an ``unscored`` field (its
outcome says nothing about the host: an artefact of the test harness, or a program written
for another host; the field says why) is left out of the scores and listed.

A program counts as *flagged* for a target when wasmvet reports at least one ``error`` or
``warning`` finding for it (``info`` notes do not count). It counts
as *failing* when its recorded outcome is anything but ``ok`` (hang, deadlock, exit,
compile-error, wrong).

Per target and host this prints TP/FP/FN/TN, precision, recall, F1 and the share of failing
programs with a counted finding that starts on one of the labelled ``culprit_lines``; then
every false positive and false negative with its findings or expected lines.

Usage::

    python benchmarks/corpus_eval.py            # table + FP/FN list
    python benchmarks/corpus_eval.py -v         # also list every program's findings
    python benchmarks/corpus_eval.py --target go-js --target go-js@browser
    python benchmarks/corpus_eval.py --corpus tests/corpus_heldout   # the held-out programs
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

CORPUS = ROOT / "tests" / "corpus"
WASM_TARGETS = ("go-js", "go-wasip1")
#: Label key -> (target linted, HostProfile fields of the host the label was run on).
PROFILES: dict[str, tuple[str, dict[str, Any]]] = {
    "go-js": ("go-js", {"js": "node"}),
    "go-js@browser": ("go-js", {"js": "browser"}),
    "go-wasip1": (
        "go-wasip1",
        {"js": "node", "wasi_dirs": ("SCRATCH::/",), "wasi_env": ("PWD", "PATH", "HOME")},
    ),
    "go-wasip1@bare": ("go-wasip1", {"js": "node", "wasi_dirs": (), "wasi_env": ()}),
}
GO_MINOR = 24


def _import_wasmvet() -> dict[str, Any]:
    try:
        from wasmvet.analysis.package import GoFile
        from wasmvet.analysis.source import SourceFile
        from wasmvet.engine import Settings, analyse_files
        from wasmvet.hosts import HostProfile
        from wasmvet.rules import all_rules
        from wasmvet.targets import TARGETS
    except ImportError:  # not installed: load server/ as the wasmvet package
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "wasmvet",
            ROOT / "server" / "__init__.py",
            submodule_search_locations=[str(ROOT / "server")],
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["wasmvet"] = module
        spec.loader.exec_module(module)
        from wasmvet.analysis.package import GoFile
        from wasmvet.analysis.source import SourceFile
        from wasmvet.engine import Settings, analyse_files
        from wasmvet.hosts import HostProfile
        from wasmvet.rules import all_rules
        from wasmvet.targets import TARGETS
    return {
        "GoFile": GoFile,
        "SourceFile": SourceFile,
        "Settings": Settings,
        "HostProfile": HostProfile,
        "analyse_files": analyse_files,
        "all_rules": all_rules,
        "TARGETS": TARGETS,
    }


@dataclass
class Finding:
    code: str
    severity: str
    line: int  # 1-based first line
    end_line: int  # 1-based last line
    message: str

    @property
    def counts(self) -> bool:
        return self.severity in ("error", "warning")

    def short(self) -> str:
        msg = " ".join(self.message.split())
        if len(msg) > 110:
            msg = msg[:107] + "..."
        return f"L{self.line} {self.code} {self.severity}: {msg}"


@dataclass
class Case:
    name: str
    target: str
    outcome: str
    culprits: list[int]
    note: str
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None  # lint crashed / file unreadable

    @property
    def failing(self) -> bool:
        return self.outcome != "ok"

    @property
    def counted(self) -> list[Finding]:
        return [f for f in self.findings if f.counts]

    @property
    def flagged(self) -> bool:
        return bool(self.counted)

    @property
    def on_culprit(self) -> bool:
        return any(f.line in self.culprits for f in self.counted)


def lint(api: dict[str, Any], path: Path, labelled: str) -> tuple[list[Finding], str | None]:
    """Findings for one file as run for one label key; never raises (a problem string instead)."""
    target, host = PROFILES[labelled]
    try:
        source = api["SourceFile"].read(path)
        gofile = api["GoFile"].from_source(source)
        settings = api["Settings"](
            targets=(api["TARGETS"][target],),
            rules=tuple(api["all_rules"]().values()),
            host=api["HostProfile"](**host),
        )
        problems: list[str] = []
        diags = api["analyse_files"]([gofile], settings, go_minor=GO_MINOR, problems=problems)
    except Exception as exc:  # unparsable file, unreadable file, engine bug...
        return [], f"{type(exc).__name__}: {exc}"
    found = []
    for d in diags:
        targets = getattr(d, "targets", None)
        if targets and target not in targets:
            continue
        found.append(
            Finding(
                code=str(d.code),
                severity=getattr(d.severity, "value", str(d.severity)),
                line=d.span.start_line + 1,
                end_line=d.span.end_line + 1,
                message=str(getattr(d, "message", "")),
            )
        )
    found.sort(key=lambda f: (f.line, f.code))
    return found, ("; ".join(problems) if problems else None)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  - "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=list(PROFILES), action="append", help="only these")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="the corpus directory (default: tests/corpus)"
    )
    opts = parser.parse_args(argv)
    wanted = tuple(opts.target or PROFILES)
    corpus: Path = opts.corpus

    labels: dict[str, dict[str, dict[str, Any]]] = json.loads(
        (corpus / "labels.json").read_text(encoding="utf-8")
    )
    api = _import_wasmvet()

    cases: list[Case] = []
    unscored: list[tuple[str, str, str]] = []
    for name in sorted(labels):
        path = corpus / name / "main.go"
        if not path.is_file():
            print(f"warning: {name} is labelled but {path} is missing", file=sys.stderr)
            continue
        for target in wanted:
            label = labels[name].get(target)
            if label is None:
                continue
            if "unscored" in label:
                unscored.append((name, target, str(label["unscored"])))
                continue
            case = Case(
                name,
                target,
                str(label["outcome"]),
                [int(n) for n in label.get("culprit_lines", [])],
                str(label.get("note", "")),
            )
            case.findings, case.problem = lint(api, path, target)
            cases.append(case)

    header = (
        f"{'target':<14} {'n':>3} {'fail':>4} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3}"
        f" {'prec':>5} {'recall':>6} {'F1':>5}  culprit-line hits"
    )
    print(header)
    print("-" * len(header))
    for target in wanted:
        mine = [c for c in cases if c.target == target]
        tp = sum(c.failing and c.flagged for c in mine)
        fp = sum(not c.failing and c.flagged for c in mine)
        fn = sum(c.failing and not c.flagged for c in mine)
        tn = sum(not c.failing and not c.flagged for c in mine)
        failing = tp + fn
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / failing if failing else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        hits = sum(c.failing and c.on_culprit for c in mine)
        print(
            f"{target:<14} {len(mine):>3} {failing:>4} {tp:>3} {fp:>3} {fn:>3} {tn:>3}"
            f" {_ratio(tp, tp + fp):>5} {_ratio(tp, failing):>6} {f1:>5.2f}"
            f"  {hits}/{failing} = {_ratio(hits, failing)} of failing programs"
            f" ({hits}/{tp} of TPs)"
        )

    def show(title: str, picked: list[Case], expected: bool) -> None:
        print(f"\n{title} ({len(picked)})")
        for c in picked:
            print(f"  {c.name} [{c.target}] outcome={c.outcome}")
            if expected:
                print(f"      expected at lines {c.culprits}: {c.note}")
            for f in c.findings if expected else c.counted:
                if expected or f.counts:
                    print(f"      {'' if f.counts else '(note) '}{f.short()}")
            if c.problem:
                print(f"      lint problem: {c.problem}")

    fps = [c for c in cases if not c.failing and c.flagged]
    fns = [c for c in cases if c.failing and not c.flagged]
    off = [c for c in cases if c.failing and c.flagged and not c.on_culprit]
    show("False positives: correct programs with an error/warning finding", fps, expected=False)
    show("False negatives: failing programs with no error/warning finding", fns, expected=True)
    show("Flagged, but not on a culprit line", off, expected=True)

    if unscored:
        print(f"\nNot scored ({len(unscored)})")
        for name, target, why in unscored:
            print(f"  {name} [{target}]: {why}")

    broken = [c for c in cases if c.problem]
    if broken:
        print(f"\nLint problems ({len(broken)})")
        for c in broken:
            print(f"  {c.name} [{c.target}]: {c.problem}")

    if opts.verbose:
        print("\nAll findings")
        for c in cases:
            state = "FAIL" if c.failing else "ok  "
            print(f"  {state} {c.name} [{c.target}] {c.outcome} culprits={c.culprits}")
            for f in c.findings:
                print(f"      {f.short()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
