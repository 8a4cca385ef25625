"""The language server on a module with a real dependency tree (issues 14 and 17): memory with
200 open files and their dependency summaries loaded, and keystroke latency with and without
dependencies.

Prints figures; it is not a test. The module is ``bench_deps.py``'s: an app that requires every
module of a module cache assembled from public wasm projects (``--sources`` or
``$WASMVET_BENCH_SOURCES``, built under ``--tree``). Into it go ``--open-files`` files of
``bench_lsp.py``'s synthetic Go (~300 lines each, 20 package directories), each also calling up
to eight exported functions of one of the dependency packages the app uses, and one
``--lines``-line file whose edit function calls into the first eight of them.

Two conditions, each with a fresh server (``bench_lsp.py``'s client, Neovim 0.7
capabilities, targets go-js), run one after the other:

- **with dependencies**: ``GOMODCACHE`` is the tree's module cache; the summary cache
  (``$WASMVET_CACHE_DIR``, a scratch directory) is filled first by ``wasmvet check
  --target go-js ./...`` on the app, as a CLI run in the project would;
- **without**: ``GOMODCACHE`` is an empty directory, so no dependency is on disk and no call
  into one is followed (the baseline an editor had before dependency reachability).

Memory: every file is opened one after another (each once its first diagnostics came), then
the server is left until it publishes nothing for ``--quiet`` seconds (the background worker's
second publishes, with findings through dependencies, come in that time); VmRSS and VmHWM of
the server, and of its child processes (the summary worker), and how many published findings
carry a dependency trace (``relatedInformation`` naming a file of the module cache). Budget
(issue 17): server RSS <= 300 MiB with 200 files and their summaries loaded.

Latency: ``--edits`` one-character edits to the ``--lines``-line file (as ``bench_lsp.py``
times them: didChange to the first diagnostics of that version), p50/p95 and the server's CPU
per edit, with and without dependencies, ``--rounds`` times alternately. Issue 17 asks for
"editor latency unchanged" with dependencies.

    export WASMVET_BENCH_SOURCES=$(ls -d /work/.mirror/*/repo | paste -sd:)
    .venv/bin/python benchmarks/bench_lsp_deps.py [--open-files 200] [--edits 100]
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_deps import build_tree, used_packages, write_app
from bench_lsp import (
    RSS_BUDGET_MIB,
    BenchError,
    GoSource,
    Session,
    cpu_seconds,
    generate,
    percentile,
    read_memory,
    server,
    write_file,
)

PACKAGES = 20
SMALL_LINES = 300
GO_ENV = {"GOFLAGS": "-mod=mod", "GOWORK": "off", "GOENV": "off"}


def with_calls(source: GoSource, calls: list[tuple[str, list[str]]]) -> GoSource:
    """``source`` with an import of each dependency package (``d0``, ``d1``, ...) after its
    package clause and a function calling their exported functions at its end."""
    lines = source.text.split("\n")
    clause = next(i for i, line in enumerate(lines) if line.startswith("package "))
    imports = [f'import d{i} "{path}"' for i, (path, _) in enumerate(calls)]
    body = "".join(f"\td{i}.{f}()\n" for i, (_, funcs) in enumerate(calls) for f in funcs)
    lines[clause + 1 : clause + 1] = ["", *imports]
    text = "\n".join(lines) + f"\nfunc useDependencies() {{\n{body}}}\n"
    shift = len(imports) + 1
    return GoSource(text, text.count("\n"), source.edit_line + shift, source.edit_column)


@dataclass
class Memory:
    files: int
    lines: int
    rss: float
    hwm: float
    children_rss: float
    findings: int
    traced: int
    seconds: float


def children_rss(pid: int) -> float:
    """VmRSS of ``pid``'s live child processes (the summary worker), in MiB."""
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    for child in children:
        try:
            total += read_memory(int(child))[0]
        except (OSError, KeyError, ValueError):
            continue
    return total


def settle(session: Session, quiet: float, limit: float) -> None:
    """Wait until the server has published nothing for ``quiet`` seconds (``limit`` at most)."""
    client = session.client
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with client.lock:
            count = sum(len(p) for p in client.published.values())
        time.sleep(quiet)
        with client.lock:
            if sum(len(p) for p in client.published.values()) == count:
                return


def memory(
    session: Session, files: list[tuple[Path, GoSource]], modcache: Path, quiet: float
) -> Memory:
    started = time.perf_counter()
    lines = 0
    for path, source in files:
        session.open(path, source.text)
        lines += source.lines
    settle(session, quiet, 600)
    seconds = time.perf_counter() - started
    findings = traced = 0
    for path, _ in files:
        published = session.client.published.get(path.as_uri(), [])
        last = published[-1].diagnostics if published else []
        findings += len(last)
        traced += sum(
            1
            for d in last
            if any(str(modcache) in r["location"]["uri"] for r in d.get("relatedInformation", []))
        )
    rss, hwm = session.rss()
    pid = session.client.pid
    return Memory(len(files), lines, rss, hwm, children_rss(pid), findings, traced, seconds)


@dataclass
class Latency:
    edits: list[float]
    cpu_ms: float
    findings: int


def latency(session: Session, path: Path, source: GoSource, edits: int, quiet: float) -> Latency:
    session.open(path, source.text)
    settle(session, quiet, 600)  # the background summaries of the first open are in
    published = session.client.published.get(path.as_uri(), [])
    findings = len(published[-1].diagnostics) if published else 0
    session.client.forget(path.as_uri())
    times: list[float] = []
    cpu = cpu_seconds(session.client.pid)
    for i in range(edits):
        where = source.edit_column + i
        times.append(session.change(path, source.edit_line, where, where, str(i % 10)))
        session.client.forget(path.as_uri())
    return Latency(times, (cpu_seconds(session.client.pid) - cpu) / edits * 1000, findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sources", nargs="*", type=Path, help="git repositories")
    parser.add_argument("--tree", type=Path, default=Path.home() / ".cache/wasmvet-bench/deps")
    parser.add_argument("--packages", type=int, default=60, help="dependency packages used")
    parser.add_argument("--open-files", type=int, default=200)
    parser.add_argument("--lines", type=int, default=1000, help="lines of the edited file")
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2, help="latency rounds per condition")
    parser.add_argument("--quiet", type=float, default=3.0, help="seconds without publishes")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per wait")
    args = parser.parse_args(argv)
    env_sources = os.environ.get("WASMVET_BENCH_SOURCES", "")
    sources = args.sources or [Path(s) for s in env_sources.split(os.pathsep) if s]
    if not sources:
        print("bench_lsp_deps: no sources: set WASMVET_BENCH_SOURCES or --sources (see --help)")
        return 2
    modules, _ = build_tree(sources, args.tree)
    packages = used_packages(modules, args.packages)
    app = write_app(args.tree, modules, packages)
    files: list[tuple[Path, GoSource]] = []
    for i in range(args.open_files):
        package = f"pkg{i % PACKAGES:02d}"
        source = generate(package, SMALL_LINES, seed=10_000 + i, prefix=f"f{i}_")
        source = with_calls(source, [packages[i % len(packages)]])
        files.append((app / "many" / package / f"file{i:03d}.go", source))
    edited = with_calls(generate("main", args.lines, seed=args.lines), packages[:8])
    edit_path = app / "edit" / "main.go"
    for path, source in [*files, (edit_path, edited)]:
        write_file(path, source.text)
    print(
        f"module: {len(modules)} modules in the cache, app {app} with {len(packages)} dependency "
        f"packages used; {len(files)} files of ~{SMALL_LINES} lines, edited file "
        f"{edited.lines} lines; load average (1 min) {os.getloadavg()[0]:.2f}"
    )
    command = [sys.executable, "-m", "wasmvet", "server"]
    saved = dict(os.environ)
    results: dict[str, tuple[Memory, list[Latency]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-lsp-deps-") as scratch:
            empty = Path(scratch, "empty-modcache")
            empty.mkdir()
            conditions = {"with": args.tree / "modcache", "without": empty}
            for name, modcache in conditions.items():
                os.environ.update(GO_ENV, GOMODCACHE=str(modcache))
                os.environ["WASMVET_CACHE_DIR"] = f"{scratch}/cache-{name}"
                if name == "with":  # a CLI run fills the summary cache
                    check = [sys.executable, "-m", "wasmvet", "check", "--target", "go-js"]
                    subprocess.run([*check, "./..."], cwd=app, capture_output=True, check=False)
                with server(command, app, args.timeout) as session:
                    results[name] = (memory(session, files, modcache, args.quiet), [])
            for _ in range(args.rounds):
                for name, modcache in conditions.items():
                    os.environ.update(GO_ENV, GOMODCACHE=str(modcache))
                    os.environ["WASMVET_CACHE_DIR"] = f"{scratch}/cache-{name}"
                    with server(command, app, args.timeout) as session:
                        found = latency(session, edit_path, edited, args.edits, args.quiet)
                        results[name][1].append(found)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        os.environ.clear()
        os.environ.update(saved)
    print()
    print(
        f"memory, after every file is open and the server has been quiet for {args.quiet:g} s (MiB)"
    )
    print(
        f"{'':>9}{'files':>7}{'VmRSS':>8}{'VmHWM':>8}{'worker':>8}{'findings':>10}"
        f"{'via deps':>10}{'open all':>10}"
    )
    for name, (m, _) in results.items():
        print(
            f"{name:>9}{m.files:>7}{m.rss:>8.1f}{m.hwm:>8.1f}{m.children_rss:>8.1f}"
            f"{m.findings:>10}{m.traced:>10}{m.seconds:>9.1f}s"
        )
    m = results["with"][0]
    if m.files == 200:
        verdict = "PASS" if m.rss <= RSS_BUDGET_MIB else "OVER"
        print(
            f"budget: server RSS <= {RSS_BUDGET_MIB:.0f} MiB with 200 files and their "
            f"dependency summaries loaded: {verdict} ({m.rss:.1f} MiB)"
        )
    print()
    print(
        f"didChange -> diagnostics of that version, {args.edits} edits of a {edited.lines}-line "
        "file, per round (ms; CPU: the server's per edit)"
    )
    print(f"{'':>9}{'p50':>8}{'p95':>8}{'max':>8}{'CPU':>8}{'findings':>10}")
    for name, (_, rounds) in results.items():
        for r in rounds:
            print(
                f"{name:>9}{statistics.median(r.edits):>8.1f}{percentile(r.edits, 95):>8.1f}"
                f"{max(r.edits):>8.1f}{r.cpu_ms:>8.1f}{r.findings:>10}"
            )
    print(f"load average (1 min) after: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print("reproduce:", shlex.join([sys.executable, *sys.argv]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
