"""Dependency analysis cost on a realistic module cache (issue 14): cold and warm wasmvet runs
against the tree-sitter parse floor of the code the app can reach.

Input: git repositories of public wasm projects (go-app, vugu, extism/go-pdk, wazero, vecty,
syumai/workers, ...), named by ``--sources`` or ``$WASMVET_BENCH_SOURCES`` (paths separated
by ``os.pathsep``; bare mirrors or work trees). Nothing is downloaded and no fetched code is
kept in the repository: the tree is built under ``--tree`` (default
``~/.cache/wasmvet-bench/deps``) and rebuilt when a source's commit changes.

- **Module cache**: every go.mod of a repository's HEAD (not under vendor/ or testdata/) is a
  module laid out as the go command's cache does, ``<escaped path>@<version>/`` with its
  .go files and go.mod (a nested module's files belong to it alone); the version is a
  pseudo-version of the commit (``vN.0.0-<date>-<hash>``, N from a ``/vN`` suffix).
- **App**: a main module ``example.com/benchapp`` whose go.mod requires every module, with
  one file per dependency package it uses (a module's importable packages at most two
  folders deep: not ``internal``, not ``main``, not under examples, ``cmd``, ``testdata`` or
  ``_``/``.`` folders; at most ``--packages`` of them), each calling up to eight of the
  package's exported functions, as an app using those libraries' APIs does. wasmvet does not
  type-check, so the calls need no arguments.

Figures: modules, files and lines in the cache; per target, what the app reaches through
imports (non-standard packages, files built for the target: an upper bound on what call
reachability reads); the parse floor (tree-sitter parse of the reachable files and the app's,
one process, files already in memory); wasmvet ``check`` as a CLI process with ``--jobs 1``,
cold (empty result cache) and warm (same tree again), and the bare process start (with
bytecode written, as in an installed wasmvet, even where $PYTHONDONTWRITEBYTECODE is set). Budgets:
cold <= 2x the parse floor, warm <= 1 s. Without the dependency analysis (the engine does
not follow calls into dependencies yet) the runs read the app's own files only, and the
output says so.

    export WASMVET_BENCH_SOURCES=$(ls -d /work/.mirror/*/repo | paste -sd:)
    .venv/bin/python benchmarks/bench_deps.py --repeat 3
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from wasmvet.analysis.modules import GoEnv, ModuleGraph, Program, Source, escape_path
from wasmvet.analysis.modules import package_files as built_files
from wasmvet.analysis.package import imported_paths
from wasmvet.analysis.parsing import parse
from wasmvet.runtime_model.model import Versions
from wasmvet.targets import TARGETS

APP_MODULE = "example.com/benchapp"
SKIPPED_DIRS = {"internal", "testdata", "vendor", "cmd", "example", "examples"}
_MODULE_LINE = re.compile(rb'^module\s+"?([^\s"]+)"?', re.MULTILINE)
_PACKAGE_LINE = re.compile(rb"^package\s+(\w+)", re.MULTILINE)
_EXPORTED_FUNC = re.compile(rb"^func ([A-Z]\w*)\s*[\[(]", re.MULTILINE)
_MAJOR = re.compile(r"/v(\d+)$")


@dataclass
class Module:
    """One module of the tree: its path, version and files (relative to its root)."""

    path: str
    version: str
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return f"{escape_path(self.path)}@{escape_path(self.version)}"


def git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout


def blobs(repo: Path) -> dict[str, bytes]:
    """The .go files and go.mod files of HEAD, not under vendor/ or testdata/ (read blob by
    blob: a mirror may lack its largest files, which ``git archive`` refuses)."""
    wanted: dict[str, str] = {}
    for line in git(repo, "ls-tree", "-r", "-z", "HEAD").split(b"\0"):
        meta, _, name = line.decode(errors="surrogateescape").partition("\t")
        kind, sha = [*meta.split(), "", "", ""][1:3]
        parts = name.split("/")
        source = name.endswith(".go") or parts[-1] == "go.mod"
        if kind == "blob" and source and not {"vendor", "testdata"} & {*parts}:
            wanted[name] = sha
    batch = "".join(f"{sha}\n" for sha in wanted.values()).encode()
    out = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input=batch,
        capture_output=True,
        check=True,
    ).stdout
    contents: dict[str, bytes] = {}
    offset = 0
    for name in wanted:
        header_end = out.index(b"\n", offset)
        header = out[offset:header_end].split()
        if header[-1] == b"missing":
            offset = header_end + 1
            continue
        size = int(header[2])
        contents[name] = out[header_end + 1 : header_end + 1 + size]
        offset = header_end + 2 + size
    return contents


def pseudo_version(module: str, commit: str, seconds: int) -> str:
    major = _MAJOR.search(module)
    stamp = datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y%m%d%H%M%S")
    return f"v{major.group(1) if major else 0}.0.0-{stamp}-{commit[:12]}"


def read_repository(repo: Path) -> list[Module]:
    """The modules of a repository's HEAD, each with its own .go files and go.mod."""
    commit = git(repo, "rev-parse", "HEAD").decode().strip()
    seconds = int(git(repo, "show", "-s", "--format=%ct", "HEAD"))
    contents = blobs(repo)
    roots: dict[str, Module] = {}
    for name, data in contents.items():
        if name.split("/")[-1] == "go.mod" and (found := _MODULE_LINE.search(data)):
            path = found.group(1).decode()
            roots[name.rpartition("/")[0]] = Module(path, pseudo_version(path, commit, seconds))
    for name, data in contents.items():
        folder = name.rpartition("/")[0]
        while folder not in roots and folder:
            folder = folder.rpartition("/")[0]
        if folder in roots:
            roots[folder].files[name[len(folder) :].lstrip("/")] = data
    return list(roots.values())


def build_tree(sources: list[Path], tree: Path) -> tuple[list[Module], bool]:
    """The module cache under ``tree``, reused when every source is at the same commit."""
    stamp = json.dumps([[str(s), git(s, "rev-parse", "HEAD").decode().strip()] for s in sources])
    modules: dict[str, Module] = {}
    for source in sources:
        for module in read_repository(source):
            modules.setdefault(module.path, module)  # the first source providing a path wins
    chosen = sorted(modules.values(), key=lambda m: m.path)
    stamp_file = tree / "sources.json"
    if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp:
        return chosen, True
    shutil.rmtree(tree, ignore_errors=True)
    for module in chosen:
        for name, data in module.files.items():
            target = tree / "modcache" / module.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    stamp_file.write_text(stamp, encoding="utf-8")
    return chosen, False


def used_packages(modules: list[Module], limit: int) -> list[tuple[str, list[str]]]:
    """Import paths an app would use, with up to eight exported functions of each: each
    module's shallowest packages first, taken from the modules in turn."""
    per_module = [_packages(m) for m in modules]
    found = [p for rank in itertools.zip_longest(*per_module) for p in rank if p is not None]
    return found[:limit]


def _packages(module: Module) -> list[tuple[str, list[str]]]:
    by_dir: dict[str, list[bytes]] = {}
    for name, data in module.files.items():
        if name.endswith(".go") and not name.endswith("_test.go"):
            by_dir.setdefault(name.rpartition("/")[0], []).append(data)
    found: list[tuple[str, list[str]]] = []
    for folder in sorted(by_dir, key=lambda f: (f.count("/"), f)):
        parts = [p for p in folder.split("/") if p]
        if len(parts) > 2 or any(p in SKIPPED_DIRS or p[0] in "_." for p in parts):
            continue
        names = {m.group(1) for d in by_dir[folder] if (m := _PACKAGE_LINE.search(d))}
        funcs = sorted({f.decode() for d in by_dir[folder] for f in _EXPORTED_FUNC.findall(d)})
        if funcs and names and b"main" not in names:
            found.append(("/".join([module.path, *parts]), funcs[:8]))
    return found


def write_app(tree: Path, modules: list[Module], packages: list[tuple[str, list[str]]]) -> Path:
    app = tree / "app"
    shutil.rmtree(app, ignore_errors=True)
    (app / "cmd" / "app").mkdir(parents=True)
    requires = "".join(f"\t{m.path} {m.version}\n" for m in modules)
    (app / "go.mod").write_text(
        f"module {APP_MODULE}\n\ngo 1.22\n\nrequire (\n{requires})\n", encoding="utf-8"
    )
    calls = []
    for i, (import_path, funcs) in enumerate(packages):
        body = "".join(f"\tp.{name}()\n" for name in funcs)
        source = f'package main\n\nimport p "{import_path}"\n\nfunc use{i}() {{\n{body}}}\n'
        (app / "cmd" / "app" / f"use{i}.go").write_text(source, encoding="utf-8")
        calls.append(f"\tuse{i}()\n")
    main = "package main\n\nfunc main() {\n" + "".join(calls) + "}\n"
    (app / "cmd" / "app" / "main.go").write_text(main, encoding="utf-8")
    return app


@dataclass
class Reach:
    packages: int = 0
    files: list[Path] = field(default_factory=list)
    lines: int = 0


def reachable(app: Path, graph: ModuleGraph, target_id: str) -> tuple[Reach, list[Path]]:
    """Dependency packages the app's packages import, transitively, with the files the
    target builds; and the app's own built files."""
    context = TARGETS[target_id].context(Versions())
    own = [
        p for d in sorted({f.parent for f in app.rglob("*.go")}) for p in built_files(d, context)
    ]
    reach = Reach()
    queue = sorted({i for f in own for i in imported_paths(f.read_bytes())})
    seen = set(queue)
    while queue:
        resolution = graph.resolve(queue.pop())
        if resolution.source in (Source.STDLIB, Source.MAIN) or resolution.directory is None:
            continue
        files = built_files(resolution.directory, context)
        reach.packages += 1
        for path in files:
            data = path.read_bytes()
            reach.files.append(path)
            reach.lines += data.count(b"\n")
            for imported in imported_paths(data) - seen:
                seen.add(imported)
                queue.append(imported)
    return reach, own


def count_lines(contents: Iterable[bytes]) -> int:
    return sum(data.count(b"\n") for data in contents)


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished child processes: the
    machine may be shared, and CPU time does not grow with other people's load."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = cpu_seconds()
        action()
        times.append(cpu_seconds() - start)
    return times


def figures(times: list[float]) -> str:
    return f"best {min(times):.2f} s, median {statistics.median(times):.2f} s CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", nargs="*", type=Path, help="git repositories")
    parser.add_argument("--tree", type=Path, default=Path.home() / ".cache/wasmvet-bench/deps")
    parser.add_argument("--targets", default="go-js,go-wasip1")
    parser.add_argument("--packages", type=int, default=60, help="dependency packages used")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env_sources = os.environ.get("WASMVET_BENCH_SOURCES", "")
    sources = args.sources or [Path(s) for s in env_sources.split(os.pathsep) if s]
    if not sources:
        print("bench_deps: no sources: set WASMVET_BENCH_SOURCES or --sources (see --help)")
        return 2
    targets = args.targets.split(",")
    modules, reused = build_tree(sources, args.tree)
    go_files = [(n, d) for m in modules for n, d in m.files.items() if n.endswith(".go")]
    non_test = [d for n, d in go_files if not n.endswith("_test.go")]
    state = "reused" if reused else "built"
    print(f"sources: {len(sources)} repositories; tree: {args.tree} ({state})")
    print(
        f"module cache: {len(modules)} modules, {len(go_files)} .go files, "
        f"{count_lines(d for _, d in go_files):,} lines ({len(non_test)} files, "
        f"{count_lines(non_test):,} lines without tests)"
    )
    packages = used_packages(modules, args.packages)
    app = write_app(args.tree, modules, packages)
    print(
        f"app: {len(packages)} dependency packages used, {sum(len(f) for _, f in packages)} calls"
    )

    modcache = args.tree / "modcache"
    go_env = {"GOMODCACHE": str(modcache), "GOFLAGS": "-mod=mod", "GOWORK": "off", "GOENV": "off"}
    graph = Program(GoEnv(tuple(sorted(go_env.items())))).graph_for(app / "cmd" / "app")
    assert graph is not None
    parsed: set[Path] = set()
    print("reachable through imports (non-standard packages, files the target builds):")
    for target_id in targets:
        reach, own = reachable(app, graph, target_id)
        parsed |= {*reach.files, *own}
        files = f"{reach.packages} packages, {len(reach.files)} files"
        print(f"  {target_id}: {files}, {reach.lines:,} lines")
    data = [p.read_bytes() for p in sorted(parsed)]
    deps = importlib.util.find_spec("wasmvet.analysis.dependencies") is not None
    if not deps:
        print("dependency analysis: not in this wasmvet: dependencies are not read, so the")
        print("  runs below analyse the app's own files only")
    run_env = {**os.environ, **go_env, "NO_COLOR": "1"}
    run_env.pop("WASMVET_CACHE_DIR", None)
    # an installed wasmvet has its bytecode compiled; without it every run compiles ~130
    # modules again (0.6 s here), which is not what a user waits for
    run_env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[float]] = {
        "floor": [],
        "cold": [],
        "summaries": [],
        "warm": [],
        "start": [],
    }
    findings: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-deps-") as scratch:
        command = [sys.executable, "-m", "wasmvet", "check", "--jobs", "1"]
        command += ["--target", args.targets, "--cache-dir", f"{scratch}/cache"]
        command += ["--format", "json", "./..."]

        def check(cold: bool, summaries: bool = False) -> None:
            if cold:
                shutil.rmtree(f"{scratch}/cache", ignore_errors=True)
            if summaries:  # results gone, dependency summaries kept
                for entry in Path(scratch, "cache").glob("*/*.json"):
                    entry.unlink()
            result = subprocess.run(command, cwd=app, env=run_env, capture_output=True, check=False)
            if result.returncode not in (0, 1):
                raise SystemExit(f"wasmvet failed: {result.stderr.decode(errors='replace')}")
            findings.append(len(json.loads(result.stdout)))

        version = [sys.executable, "-m", "wasmvet", "--version"]
        steps: dict[str, Callable[[], object]] = {
            "floor": lambda: [parse(d) for d in data],
            "cold": lambda: check(True),
            "summaries": lambda: check(False, summaries=True),
            "warm": lambda: check(False),
            "start": lambda: subprocess.run(version, capture_output=True, check=True),
        }
        for _ in range(args.repeat):  # each round back to back: load hits all phases alike
            for name, step in steps.items():
                times[name] += timed(step, 1)
    lines = count_lines(data)
    print(
        f"parse floor ({len(data)} files, {lines:,} lines, one process): {figures(times['floor'])}"
    )
    cold = f"{figures(times['cold'])}; {findings[0]} findings"
    print(f"wasmvet cold (CLI, --jobs 1, empty cache): {cold}")
    summaries = figures(times["summaries"])
    print(f"wasmvet cold, summary cache warm (results removed, summaries kept): {summaries}")
    print(f"wasmvet warm (same tree, cache kept): {figures(times['warm'])}")
    print(f"process start (wasmvet --version): {figures(times['start'])}")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    for name, label in (("cold", "cold"), ("summaries", "cold, summary cache warm,")):
        ratios = zip(times[name], times["floor"], strict=True)
        ratio = statistics.median(c / f for c, f in ratios)
        verdict = "PASS" if ratio <= 2 else "OVER"
        print(f"budget {label} <= 2x parse floor (median of rounds): {verdict} ({ratio:.2f}x)")
    warm = min(times["warm"])
    print(f"budget warm <= 1 s (best): {'PASS' if warm <= 1 else 'OVER'} ({warm:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
