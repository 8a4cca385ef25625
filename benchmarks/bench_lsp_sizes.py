"""Language server latency against file size (issue 17): is the cost linear in the lines?

Prints figures and writes an SVG plot; it is not a test. For each size (default 1k to 50k
lines) and each diagnostics mode (push: the server publishes them; pull: the client asks with
``textDocument/diagnostic`` after each change), a fresh server (``python -m wasmvet server``,
driven by ``bench_lsp.py``'s client, Neovim 0.7 capabilities plus ``textDocument.diagnostic``
for pull, targets go-js) first lints a small warm-up file of another package, so that the
open is not charged with the server's first-lint set-up; then it opens the file of that size
(``bench_lsp.generate``: the same synthetic Go) and ``--edits`` one-character edits are timed
to their diagnostics. Per size and mode: the open, the edits' p50 and p95 (wall ms) and the
server's CPU time per edit (``/proc/<pid>/stat``, user + system): on a loaded machine the
CPU time is the figure to compare, and ms of CPU per 1,000 lines says whether it is linear.

    python benchmarks/bench_lsp_sizes.py [--sizes 1000,2000,5000,10000,20000,50000]
                                         [--edits 30] [--modes push,pull] [--plot FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench_lsp import (
    MODES,
    BenchError,
    cpu_seconds,
    generate,
    percentile,
    server,
    write_file,
)

WARM_UP = generate("warmup", 100, seed=7)
MARKS = {"push": "o", "pull": "x"}


@dataclass
class Point:
    lines: int
    mode: str
    open_ms: float
    p50: float
    p95: float
    cpu_ms: float  # server CPU per edit


def measure(
    command: list[str], root: Path, lines: int, mode: str, edits: int, timeout: float
) -> Point:
    """Open a ~``lines``-line file in a fresh, warmed-up server and time ``edits`` edits."""
    source = generate(f"size{lines}", lines, seed=lines + 3)
    path = root / f"size_{lines}_{mode}" / "main.go"
    warm_path = root / f"warmup_{lines}_{mode}" / "main.go"
    write_file(path, source.text)
    write_file(warm_path, WARM_UP.text)
    with server(command, root, timeout, pull=mode == "pull") as session:
        session.open(warm_path, WARM_UP.text)
        opened = session.open(path, source.text)
        times: list[float] = []
        line, column = source.edit_line, source.edit_column
        cpu = cpu_seconds(session.client.pid)
        for i in range(edits):
            where = column + i
            times.append(session.change(path, line, where, where, str(i % 10)))
            session.client.forget(path.as_uri())
        cpu = cpu_seconds(session.client.pid) - cpu
    return Point(
        source.lines,
        mode,
        opened,
        statistics.median(times),
        percentile(times, 95),
        cpu / edits * 1000,
    )


def text_plot(points: list[Point], width: int = 60, height: int = 14) -> str:
    """Server CPU ms per edit against lines, linear axes; one letter per mode."""
    x1 = max(p.lines for p in points)
    y1 = max(p.cpu_ms for p in points) or 1.0
    grid = [[" "] * width for _ in range(height)]
    for p in points:
        col = round(p.lines / x1 * (width - 1))
        row = height - 1 - round(p.cpu_ms / y1 * (height - 1))
        grid[row][col] = MARKS[p.mode]
    lines = [f"server CPU ms per edit (0 .. {y1:.0f}) against lines (0 .. {x1})"]
    lines += ["|" + "".join(row) for row in grid]
    lines.append("+" + "-" * width)
    lines.append("marks: " + ", ".join(f"{m} = {mode}" for mode, m in MARKS.items()))
    return "\n".join(lines)


def svg_plot(points: list[Point]) -> str:
    """CPU per edit and p95 wall latency against lines, one line per (figure, mode), with
    a dashed line from the origin through the smallest size's CPU (linear cost)."""
    w, h, pad = 680, 440, 60
    x1 = max(p.lines for p in points)
    y1 = max(max(p.p95, p.cpu_ms) for p in points) or 1.0

    def at(x: float, y: float) -> tuple[float, float]:
        return pad + x / x1 * (w - 2 * pad), h - pad - y / y1 * (h - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{pad}" y="20">wasmvet server: ms per one-character edit against file '
        "lines; dashed: linear from the smallest file's CPU</text>",
        f'<text x="{pad}" y="{h - 15}">lines (0 .. {x1})</text>',
        f'<text x="5" y="{pad - 10}">ms (0 .. {y1:.0f})</text>',
    ]
    colours = {"push": "#1f77b4", "pull": "#d62728"}
    for mode in MODES:
        mine = sorted((p for p in points if p.mode == mode), key=lambda p: p.lines)
        if not mine:
            continue
        colour = colours[mode]
        for figure, dash in (("cpu_ms", ""), ("p95", ' stroke-dasharray="1 3"')):
            line = " ".join("{:.1f},{:.1f}".format(*at(p.lines, getattr(p, figure))) for p in mine)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{line}"/>'
            )
            ex, ey = at(mine[-1].lines, getattr(mine[-1], figure))
            label = f"{mode} {'CPU' if figure == 'cpu_ms' else 'p95 wall'}"
            parts.append(f'<text x="{ex - 90:.1f}" y="{ey - 4:.1f}" fill="{colour}">{label}</text>')
        slope = mine[0].cpu_ms / mine[0].lines
        (ax, ay), (bx, by) = at(0, 0), at(x1, min(slope * x1, y1))
        parts.append(
            f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
            f'stroke="{colour}" stroke-dasharray="4 4"/>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,2000,5000,10000,20000,50000")
    parser.add_argument("--edits", type=int, default=30, help="edits per size and mode (30)")
    parser.add_argument("--modes", default=",".join(MODES), help="push, pull or push,pull")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per wait (60)")
    parser.add_argument(
        "--plot", type=Path, default=Path(tempfile.gettempdir()) / "wasmvet-bench-lsp-sizes.svg"
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes numbers separated by commas, not {args.sizes!r}")
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not sizes or min(sizes) < 100 or args.edits < 1:
        parser.error("--sizes must be at least 100 lines each, --edits at least 1")
    if not modes or any(m not in MODES for m in modes):
        parser.error(f"--modes takes push, pull or both, not {args.modes!r}")
    command = [sys.executable, "-m", "wasmvet", "server"]
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average (1 min) {os.getloadavg()[0]:.2f}"
    )
    points: list[Point] = []
    with tempfile.TemporaryDirectory(prefix="wasmvet-bench-lsp-sizes-") as tmp:
        root = Path(tmp).resolve()
        write_file(root / "go.mod", "module example.com/bench\n\ngo 1.24\n")
        try:
            for lines in sizes:
                for mode in modes:  # interleaved, so that load changes hit both alike
                    points.append(measure(command, root, lines, mode, args.edits, args.timeout))
        except BenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(f"load average (1 min) after: {os.getloadavg()[0]:.2f}")
    print()
    print(f"{args.edits} one-character edits per size and mode; ms")
    print(
        f"{'lines':>7}{'mode':>6}{'open':>9}{'p50':>8}{'p95':>8}{'CPU/edit':>10}{'CPU/kline':>11}"
    )
    for p in points:
        print(
            f"{p.lines:>7}{p.mode:>6}{p.open_ms:>9.1f}{p.p50:>8.1f}{p.p95:>8.1f}"
            f"{p.cpu_ms:>10.1f}{p.cpu_ms / p.lines * 1000:>11.2f}"
        )
    print()
    print(text_plot(points))
    args.plot.write_text(svg_plot(points))
    print(f"plot: {args.plot}")
    print("reproduce:", shlex.join([sys.executable, *sys.argv]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
