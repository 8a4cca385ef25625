"""Analysis time against input size: does wasmvet stay (near) linear on hostile shapes?

Generates Go files of a few shapes at sizes n, 2n, 4n, 8n, lints each in a fresh worker
process with the engine entry (``wasmvet.engine.analyse_package``, every rule, ``--target
all``, one core; the process start is not timed), prints a table, writes a plot (SVG, and
the same as text on stdout) and exits 1 when the time grows super-linearly or a budget is
over, 2 when a run failed (crash, timeout).

Shapes (issue 16):

- ``spin``: ``for !v.Load() {}`` repeated n times in one function (one WV101 per loop);
- ``gofunc``: ``go func() {`` nested n deep around a spin loop;
- ``loops``: n counted loops in one function;
- ``ifs``: ``if x > 0 {`` nested n deep;
- ``blocks``: bare ``{`` blocks nested n deep, each declaring a variable;
- ``guards``: n ``if runtime.GOOS != "js" { return }`` early exits, each followed by a
  spin loop (the guard scan of every finding);
- ``flags``: n loops polling one package-level flag (a name looked up from n statements);
- ``fornest``: counted ``for`` loops nested n deep (each loop around all the others);
- ``spinnest``: endless ``for {`` loops nested n deep around a spin loop;
- ``loopifs``: ``if`` statements nested n deep in one loop, the innermost one leaving it;
- ``selects``: polling ``select`` statements nested n deep in one loop;
- ``writers``: n goroutines each setting a flag, and n loops polling it;
- ``goroutines``: endless ``for {`` loops nested n deep around a loop waiting for
  ``runtime.NumGoroutine()`` (WV107 looks for the name in every loop of the nest);
- ``closures``: called function literals ``func() {`` nested n deep in a loop;
- ``realistic``: ``net/http/server.go`` from the installed Go's GOROOT, its declarations
  repeated n times in one file (8 copies are about 1.1 MB).

Times are CPU seconds of the analysing process (the machine may be shared; wall time is
shown too). Growth check: for each doubling of n the time may grow at most ``--max-ratio``
(2.6) times; doublings whose larger time is under ``--floor`` seconds are too noisy to judge
and are only shown. Budgets (issue 16): 10 s for the 50,000 spin loops and the 10,000-deep
``go func`` nest (``spin`` and ``gofunc``), else 2 s per MB of input (at least 2 s).

    .venv/bin/python benchmarks/bench_scaling.py                 # every shape
    .venv/bin/python benchmarks/bench_scaling.py --shape spin --shape gofunc
    .venv/bin/python benchmarks/bench_scaling.py --scale 0.25    # quicker, smaller sizes
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_ATOMIC_HEADER = 'package main\n\nimport "sync/atomic"\n\nvar v atomic.Bool\n\n'


def spin(n: int) -> str:
    body = "\tfor !v.Load() {\n\t}\n" * n
    return f"{_ATOMIC_HEADER}func main() {{\n{body}}}\n"


def gofunc(n: int) -> str:
    opens = "go func() {\n" * n
    closes = "}()\n" * n
    return f"{_ATOMIC_HEADER}func main() {{\n{opens}for !v.Load() {{\n}}\n{closes}}}\n"


def loops(n: int) -> str:
    body = "\tfor i := 0; i < 10; i++ {\n\t\tx += i\n\t}\n" * n
    return f"package main\n\nvar x int\n\nfunc main() {{\n{body}}}\n"


def ifs(n: int) -> str:
    opens = "if x > 0 {\n" * n
    closes = "}\n" * n
    return f"package main\n\nvar x int\n\nfunc main() {{\n{opens}x++\n{closes}}}\n"


def blocks(n: int) -> str:
    opens = "".join(f"{{\nv{i} := {i}\n_ = v{i}\n" for i in range(n))
    closes = "}\n" * n
    return f"package main\n\nfunc main() {{\n{opens}{closes}}}\n"


def guards(n: int) -> str:
    body = '\tif runtime.GOOS != "js" {\n\t\treturn\n\t}\n\tfor !v.Load() {\n\t}\n' * n
    return (
        'package main\n\nimport (\n\t"runtime"\n\t"sync/atomic"\n)\n\nvar v atomic.Bool\n\n'
        f"func main() {{\n{body}}}\n"
    )


def flags(n: int) -> str:
    body = "\tgo func() { done = true }()\n" + "\tfor !done {\n\t}\n" * n
    return f"package main\n\nvar done bool\n\nfunc main() {{\n{body}}}\n"


def fornest(n: int) -> str:
    opens = "".join(f"for i{i} := 0; i{i} < 2; i{i}++ {{\n" for i in range(n))
    closes = "}\n" * n
    return f"package main\n\nvar x int\n\nfunc main() {{\n{opens}x++\n{closes}}}\n"


def spinnest(n: int) -> str:
    opens = "for {\n" * n
    closes = "}\n" * n
    return f"{_ATOMIC_HEADER}func main() {{\n{opens}for !v.Load() {{\n}}\n{closes}}}\n"


def loopifs(n: int) -> str:
    opens = "".join(f"if x > {i} {{\n" for i in range(n))
    closes = "}\n" * n
    body = f"for !v.Load() {{\n{opens}break\n{closes}}}\n"
    return f"{_ATOMIC_HEADER}var x int\n\nfunc main() {{\n{body}}}\n"


def selects(n: int) -> str:
    opens = "select {\ncase <-c:\n" * n
    closes = "default:\n}\n" * n
    return (
        f"package main\n\nvar c = make(chan int)\n\nfunc main() {{\n"
        f"for {{\n{opens}x()\n{closes}}}\n}}\n\nfunc x() {{}}\n"
    )


def writers(n: int) -> str:
    body = "\tgo func() { done = true }()\n" * n + "\tfor !done {\n\t}\n" * n
    return f"package main\n\nvar done bool\n\nfunc main() {{\n{body}}}\n"


def goroutines(n: int) -> str:
    opens = "for {\n" * n
    closes = "}\n" * n
    inner = "for runtime.NumGoroutine() > 1 {\n}\n"
    return f'package main\n\nimport "runtime"\n\nfunc main() {{\n{opens}{inner}{closes}}}\n'


def closures(n: int) -> str:
    opens = "func() {\n" * n
    closes = "}()\n" * n
    return f"{_ATOMIC_HEADER}func main() {{\nfor !v.Load() {{\n{opens}{closes}}}\n}}\n"


def realistic(n: int) -> str:
    source = (_goroot() / "src" / "net" / "http" / "server.go").read_text()
    imports_end = source.index("\n)\n", source.index("import (")) + 3
    return source[:imports_end] + source[imports_end:] * n


def _goroot() -> Path:
    go = Path(sys.executable).parent / "go"
    command = str(go) if go.exists() else shutil.which("go") or "go"
    out = subprocess.run([command, "env", "GOROOT"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


#: Each shape's generator and first n; the largest spin and gofunc inputs are the issue's
#: "50,000 loops" and "10,000 levels".
SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "spin": (spin, 6250),
    "gofunc": (gofunc, 1250),
    "loops": (loops, 6250),
    "ifs": (ifs, 1250),
    "blocks": (blocks, 1250),
    "guards": (guards, 1000),
    "flags": (flags, 1000),
    "fornest": (fornest, 125),
    "spinnest": (spinnest, 125),
    "loopifs": (loopifs, 125),
    "selects": (selects, 125),
    "writers": (writers, 500),
    "closures": (closures, 125),
    "goroutines": (goroutines, 1250),
    "realistic": (realistic, 1),
}

_WORKER = """
import json, sys, time
from pathlib import Path
from wasmvet.engine import analyse_package
from wasmvet.settings import Overrides, resolve
path = Path(sys.argv[1])
settings = resolve(path.parent, Overrides(targets=("all",), isolated=True))
contents = {path: path.read_bytes()}
start, wall = time.process_time(), time.perf_counter()
result = analyse_package(contents, settings, 24)
seconds, wall = time.process_time() - start, time.perf_counter() - wall
print(json.dumps({"seconds": seconds, "wall": wall, "findings": len(result.diagnostics),
                  "problems": result.problems}))
"""


@dataclass
class Run:
    shape: str
    n: int
    size: int
    seconds: float | None  # CPU time of the analysis; None: timed out or failed
    wall: float = 0.0
    findings: int = 0
    error: str = ""


def measure(shape: str, n: int, workdir: Path, timeout: float) -> Run:
    make, _ = SHAPES[shape]
    folder = workdir / f"{shape}{n}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "main.go"
    path.write_text(make(n))
    size = path.stat().st_size
    try:
        done = subprocess.run(
            [sys.executable, "-c", _WORKER, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Run(shape, n, size, None, error=f"timed out after {timeout:g} s")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Run(shape, n, size, None, error=f"exit {done.returncode}: {last}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    problems = [p for p in out["problems"] if "internal error" in p]
    error = "; ".join(problems[:1])
    return Run(shape, n, size, out["seconds"], out["wall"], out["findings"], error)


#: Shapes with the issue's own budget (seconds), whatever their size.
FIXED_BUDGETS = {"spin": 10.0, "gofunc": 10.0}


def verdicts(runs: list[Run], max_ratio: float, floor: float) -> list[str]:
    """What is wrong with one shape's runs (empty when nothing)."""
    wrong: list[str] = []
    for small, big in itertools.pairwise(runs):
        if small.seconds is None or big.seconds is None:
            continue
        ratio = big.seconds / max(small.seconds, 1e-9)
        if big.seconds >= floor and ratio > max_ratio:
            wrong.append(
                f"{big.shape}: n {small.n} -> {big.n} took {ratio:.2f}x per doubling "
                f"({small.seconds:.2f} s -> {big.seconds:.2f} s): super-linear"
            )
    for run in runs:
        if run.seconds is None or run.error:
            continue
        allowed = FIXED_BUDGETS.get(run.shape, max(2.0 * run.size / 1e6, 2.0))
        if run.seconds > allowed:
            wrong.append(
                f"{run.shape}: n={run.n} ({run.size / 1e3:.0f} KB) took {run.seconds:.2f} s, "
                f"over the {allowed:.1f} s budget"
            )
    return wrong


def text_plot(results: dict[str, list[Run]], width: int = 60, height: int = 16) -> str:
    """Log-log plot of seconds against n / n0 for every shape, one digit per shape."""
    points = [
        (r.n / runs[0].n, r.seconds, str(i + 1))
        for i, runs in enumerate(results.values())
        for r in runs
        if r.seconds
    ]
    if not points:
        return "(nothing to plot)"
    xs = [math.log2(x) for x, _, _ in points]
    ys = [math.log10(max(y, 1e-3)) for _, y, _ in points]
    x0, x1 = min(xs), max(max(xs), min(xs) + 1)
    y0, y1 = min(ys), max(max(ys), min(ys) + 1)
    grid = [[" "] * width for _ in range(height)]
    for x, y, (_, _, mark) in zip(xs, ys, points, strict=True):
        col = round((x - x0) / (x1 - x0) * (width - 1))
        row = height - 1 - round((y - y0) / (y1 - y0) * (height - 1))
        grid[row][col] = mark
    lines = [f"seconds (log, {10**y0:.3g} .. {10**y1:.3g}) against n/n0 (log2, 1 .. {2**x1:g})"]
    lines += ["|" + "".join(row) for row in grid]
    lines.append("+" + "-" * width)
    lines.append("marks: " + ", ".join(f"{i + 1}={s}" for i, s in enumerate(results)))
    return "\n".join(lines)


def svg_plot(results: dict[str, list[Run]]) -> str:
    """The same plot as SVG, with a dashed line of slope 1 (linear time) for reference."""
    w, h, pad = 640, 420, 50
    runs = [(s, r) for s, rs in results.items() for r in rs if r.seconds]
    if not runs:
        return '<svg xmlns="http://www.w3.org/2000/svg"/>'
    xs = [math.log2(r.n / results[s][0].n) for s, r in runs]
    ys = [math.log10(max(r.seconds or 1e-3, 1e-3)) for _, r in runs]
    x1 = max(max(xs), 1.0)
    y0, y1 = min(ys), max(max(ys), min(ys) + 1)

    def at(x: float, y: float) -> tuple[float, float]:
        return pad + x / x1 * (w - 2 * pad), h - pad - (y - y0) / (y1 - y0) * (h - 2 * pad)

    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{pad}" y="20">analysis seconds (log) against n / n0 (log2); '
        "dashed: linear from each shape's first point</text>",
    ]
    for i, (shape, rs) in enumerate(results.items()):
        colour = colours[i % len(colours)]
        pts = [(math.log2(r.n / rs[0].n), math.log10(r.seconds)) for r in rs if r.seconds]
        if not pts:
            continue
        line = " ".join("{:.1f},{:.1f}".format(*at(x, y)) for x, y in pts)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{line}"/>')
        lx, ly = pts[0]
        (ax, ay), (bx, by) = at(lx, ly), at(x1, ly + (x1 - lx) * math.log10(2))
        parts.append(
            f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
            f'stroke="{colour}" stroke-dasharray="4 4"/>'
        )
        ex, ey = at(*pts[-1])
        parts.append(f'<text x="{ex + 4:.1f}" y="{ey:.1f}" fill="{colour}">{shape}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="repeatable")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n0 by this")
    parser.add_argument("--steps", type=int, default=4, help="sizes n0, 2 n0, ... (default 4)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--max-ratio", type=float, default=2.6, help="per doubling of n")
    parser.add_argument("--floor", type=float, default=0.25, help="judge ratios above (s)")
    parser.add_argument(
        "--plot", type=Path, default=Path(tempfile.gettempdir()) / "wasmvet-bench-scaling.svg"
    )
    args = parser.parse_args(argv)

    shapes = args.shape or list(SHAPES)
    results: dict[str, list[Run]] = {}
    failed = False
    print(
        f"{'shape':<10} {'n':>7} {'KB':>7} {'findings':>9} {'CPU s':>8} {'x/doubling':>10} "
        f"{'wall s':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="wasmvet-scaling-") as tmp:
        for shape in shapes:
            n0 = max(1, round(SHAPES[shape][1] * args.scale))
            runs: list[Run] = []
            for step in range(args.steps):
                run = measure(shape, n0 * 2**step, Path(tmp), args.timeout)
                prev = runs[-1] if runs else None
                ratio = ""
                if prev and prev.seconds and run.seconds:
                    ratio = f"{run.seconds / prev.seconds:.2f}"
                secs = f"{run.seconds:.3f}" if run.seconds is not None else "-"
                print(
                    f"{shape:<10} {run.n:>7} {run.size / 1e3:>7.0f} {run.findings:>9} "
                    f"{secs:>8} {ratio:>10} {run.wall:>8.3f} {run.error}",
                    flush=True,
                )
                runs.append(run)
                failed = failed or run.seconds is None or bool(run.error)
                if run.seconds is None:
                    break  # larger sizes would time out as well
            results[shape] = runs
    print()
    print(text_plot(results))
    args.plot.write_text(svg_plot(results))
    print(f"\nplot: {args.plot}")
    wrong = [
        line for runs in results.values() for line in verdicts(runs, args.max_ratio, args.floor)
    ]
    for line in wrong:
        print(f"FAIL {line}", file=sys.stderr)
    if failed:
        print("FAIL: a run crashed or timed out (see the table)", file=sys.stderr)
    elif not wrong:
        print("PASS: every shape grows linearly within the budgets")
    print("command: " + " ".join([os.path.relpath(sys.executable), *sys.argv]))
    return 2 if failed else 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
