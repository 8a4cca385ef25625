"""Cost of following calls into dependencies (issue 14): a synthetic module cache.

Generates ``--modules`` modules in a temporary $GOMODCACHE, each with ``--packages``
packages of ``--files`` files; every exported function calls the other functions of its
file, the entry point of the next package and of the next module, so that the whole tree
is reachable from a small main module, and the last module runs a command (WV301). Then
prints, best of ``--repeat`` rounds:

- the parse floor: reading and parsing every file of the tree with tree-sitter-go, once;
- a cold run: ``python -m wasmvet check --no-cache -j 1`` on the main module, in a new
  process (so nothing is parsed or summarised yet), for ``--targets``; its one finding is
  the command the last module runs, reached through every module;
- the same run with the dependencies missing from the module cache (what wasmvet cost
  before it followed them: mostly the interpreter's start).

Run from the repository root: ``.venv/bin/python benchmarks/bench_dependencies.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wasmvet.analysis.source import SourceFile

FUNCTIONS = 12  # per file


def _file(module: int, package: int, number: int, shape: tuple[int, int, int]) -> str:
    """One generated file: FUNCTIONS functions of about nine lines each; file 0 of a
    package holds ``Entry``, which calls every file's functions, then the next package."""
    modules, packages, files = shape
    imports = ['"strconv"']
    if number == 0 and package + 1 < packages:
        imports.append(f'next "example.com/m{module}/p{package + 1}"')
        onward = "next.Entry(n)"
    elif number == 0 and module + 1 < modules:
        imports.append(f'next "example.com/m{module + 1}/p0"')
        onward = "next.Entry(n)"
    elif number == 0:
        imports.append('"os/exec"')
        onward = 'exec.Command("true").Run()'
    lines = [f"package p{package}", "", "import (", *(f"\t{i}" for i in imports), ")", ""]
    for f in range(FUNCTIONS):
        lines += [
            f"// F{number}_{f} does some arithmetic.",
            f"func F{number}_{f}(n int) string {{",
            "\ttotal := 0",
            "\tfor i := 0; i < n; i++ {",
            "\t\ttotal += i * 3",
            "\t}",
            "\treturn strconv.Itoa(total)",
            "}",
            "",
        ]
    lines += [f"func entry{number}(n int) {{"]
    lines += [f"\t_ = F{number}_{f}(n)" for f in range(FUNCTIONS)]
    lines += ["}", ""]
    if number == 0:
        lines += [
            "// Entry calls every function of the package, then goes on.",
            "func Entry(n int) {",
        ]
        lines += [f"\tentry{k}(n)" for k in range(files)]
        lines += [f"\t{onward}", "}"]
    return "\n".join(lines) + "\n"


def generate(root: Path, modules: int, packages: int, files: int) -> tuple[Path, Path]:
    """The module cache and the main module's directory."""
    cache = root / "modcache"
    for m in range(modules):
        base = cache / "example.com" / f"m{m}@v1.0.0"
        base.mkdir(parents=True)
        (base / "go.mod").write_text(f"module example.com/m{m}\n\ngo 1.22\n")
        for p in range(packages):
            directory = base / f"p{p}"
            directory.mkdir()
            for n in range(files):
                text = _file(m, p, n, (modules, packages, files))
                (directory / f"f{n}.go").write_text(text)
    app = root / "app"
    app.mkdir()
    requires = "\n".join(f"\texample.com/m{m} v1.0.0" for m in range(modules))
    (app / "go.mod").write_text(f"module example.com/app\n\ngo 1.22\n\nrequire (\n{requires}\n)\n")
    (app / "main.go").write_text(
        'package main\n\nimport "example.com/m0/p0"\n\nfunc main() {\n\tp0.Entry(3)\n}\n'
    )
    return cache, app


def _check(app: Path, cache: Path, targets: str) -> tuple[float, list[dict[str, object]]]:
    """A whole CLI run in a new process: (wall seconds, findings)."""
    env = {**os.environ, "GOMODCACHE": str(cache), "GOENV": "off", "GOFLAGS": "", "GOWORK": ""}
    command = [sys.executable, "-m", "wasmvet", "check", "--no-cache", "-j", "1"]
    command += ["--isolated", "--target", targets, "--format", "json", str(app)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    return elapsed, json.loads(done.stdout or "[]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=int, default=30)
    parser.add_argument("--packages", type=int, default=4)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--targets", default="go-js,go-wasip1")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wasmvet-bench-deps-") as tmp:
        root = Path(tmp)
        cache, app = generate(root, args.modules, args.packages, args.files)
        sources = [*sorted(cache.rglob("*.go")), app / "main.go"]
        lines = sum(p.read_bytes().count(b"\n") for p in sources)
        print(f"tree: {args.modules} modules, {len(sources)} files, {lines} lines")
        empty = root / "empty-cache"
        empty.mkdir()
        floor: list[float] = []
        cold: list[float] = []
        missing: list[float] = []
        found: list[dict[str, object]] = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            for path in sources:
                SourceFile(path, path.read_bytes())
            floor.append(time.perf_counter() - started)
            elapsed, found = _check(app, cache, args.targets)
            cold.append(elapsed)
            missing.append(_check(app, empty, args.targets)[0])
        print(f"parse floor (every file once, in this process): best {min(floor):.2f} s")
        print(
            f"cold run following dependencies ({args.targets}): best {min(cold):.2f} s, "
            f"{min(cold) / min(floor):.2f} x the parse floor"
        )
        print(f"cold run, dependencies not on disk: best {min(missing):.2f} s")
        traced = [d for d in found if "reached through" in str(d.get("message"))]
        print(f"findings through dependencies: {len(traced)} (the command at the far end)")


if __name__ == "__main__":
    main()
