"""What the cross-target fix check (``wasmvet.fixes.cross_target``) costs the analysis.

Prints figures; it is not a test. Every rule fixture, corpus program and oracle case is
analysed in process (``engine.analyse_files``) for the given targets, once as wasmvet does it
and once with the check switched off; it prints both wall times (the best of ``--repeat``),
the overhead, and how many fixes the check dropped.

    python benchmarks/bench_fix_check.py [--targets all] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wasmvet import engine
from wasmvet.analysis.package import GoFile
from wasmvet.analysis.source import SourceFile
from wasmvet.rules import all_rules
from wasmvet.settings import Settings
from wasmvet.targets import TARGETS

ROOT = Path(__file__).resolve().parents[1]


def _packages() -> list[list[Path]]:
    tests = ROOT / "tests"
    directories = {p.parent for p in (tests / "corpus").glob("*/main.go")}
    directories |= {p for p in (tests / "oracle" / "cases").glob("*/*") if p.is_dir()}
    directories |= {p for p in (tests / "fixtures").glob("*/*") if p.is_dir()}
    packages = [sorted(d.glob("*.go")) for d in sorted(directories)]
    singles = sorted((tests / "fixtures").glob("*/*.go"))
    singles += sorted((tests / "oracle" / "cases").glob("*/*.go"))
    return packages + [[p] for p in singles]


@contextmanager
def _check_off() -> Iterator[None]:
    saved = engine.drop_fixes_adding_findings

    def nothing(*args: Any) -> None:
        return None

    engine.drop_fixes_adding_findings = nothing
    try:
        yield
    finally:
        engine.drop_fixes_adding_findings = saved


def _run(packages: list[list[GoFile]], settings: Settings) -> tuple[float, int]:
    start = time.perf_counter()
    fixes = sum(
        1 for files in packages for d in engine.analyse_files(files, settings) if d.fix is not None
    )
    return time.perf_counter() - start, fixes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", default="all", help="comma-separated target ids, or all")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ids = list(TARGETS) if args.targets == "all" else args.targets.split(",")
    settings = Settings(targets=tuple(TARGETS[t] for t in ids), rules=tuple(all_rules().values()))
    paths = _packages()
    packages = [[GoFile.from_source(SourceFile.read(p)) for p in group] for group in paths]
    on = min((_run(packages, settings) for _ in range(args.repeat)), key=lambda r: r[0])
    with _check_off():
        off = min((_run(packages, settings) for _ in range(args.repeat)), key=lambda r: r[0])
    print(f"{len(packages)} packages, targets: {','.join(ids)}")
    print(f"with the cross-target fix check:    {on[0]:.3f} s, {on[1]} findings with a fix")
    print(f"without it:                         {off[0]:.3f} s, {off[1]} findings with a fix")
    print(f"overhead: {100 * (on[0] - off[0]) / off[0]:+.1f}%, fixes dropped: {off[1] - on[1]}")


if __name__ == "__main__":
    main()
