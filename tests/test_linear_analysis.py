"""Analysis work grows linearly with statements, nesting depth and findings (issue 16).

Not timed: the tests count work. Python lines executed (``sys.settrace``) measure what the
analysis does in Python, and calls of tree-sitter methods that walk down from the root
(``Node.descendant_for_byte_range`` and kin, O(depth) each) measure what it asks the tree.
Linear code does about 4 times the work for 4 times the input; the quadratic guard scan this
replaced did 6 to 40 times. A run that exceeds its budget stops at once, so the old code fails
these tests in seconds instead of running for minutes. ``benchmarks/bench_scaling.py`` times
the same shapes at full size.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from tests.lintkit import lint
from wasmvet.analysis.memo import MEMO
from wasmvet.diagnostics import Diagnostic

HEADER = 'package main\n\nimport (\n\t"runtime"\n\t"sync/atomic"\n)\n\nvar v atomic.Bool\n\n'
FOOTER = "\nvar _ = runtime.GOOS\n"


def spin_loops(n: int) -> str:
    """n spin loops in one function: statements and findings."""
    return HEADER + "func main() {\n" + "\tfor !v.Load() {\n\t}\n" * n + "}\n" + FOOTER


def nested_goroutines(n: int) -> str:
    """``go func() {`` nested n deep around a spin loop: depth, one WV505 per level."""
    opens, closes = "go func() {\n" * n, "}()\n" * n
    return HEADER + "func main() {\n" + opens + "for !v.Load() {\n}\n" + closes + "}\n" + FOOTER


def early_exits(n: int) -> str:
    """n ``if runtime.GOOS != "js" { return }`` guards, each followed by a spin loop."""
    guard = '\tif runtime.GOOS != "js" {\n\t\treturn\n\t}\n\tfor !v.Load() {\n\t}\n'
    return HEADER + "func main() {\n" + guard * n + "}\n" + FOOTER


def nested_blocks(n: int) -> str:
    """Bare blocks nested n deep, each declaring a variable."""
    opens = "".join(f"{{\nv{i} := {i}\n_ = v{i}\n" for i in range(n))
    return HEADER + "func main() {\n" + opens + "}\n" * n + "}\n" + FOOTER


def flag_polls(n: int) -> str:
    """n loops polling a flag: its declaration is looked up from each of n statements."""
    polls = "\tfor !done {\n\t}\n" * n
    start = "func main() {\n\tgo func() { done = true }()\n"
    return HEADER + "var done bool\n\n" + start + polls + "}\n" + FOOTER


def switch_cases(n: int) -> str:
    """A ``switch runtime.GOOS`` of n cases, each with a spin loop."""
    cases = "".join(f'case "os{i}":\nfor !v.Load() {{\n}}\n' for i in range(n))
    return HEADER + 'func main() {\nswitch runtime.GOOS {\ncase "js":\n' + cases + "}\n}\n" + FOOTER


def loop_ifs(n: int) -> str:
    """``if x > i {`` nested n deep in a spin loop, the innermost one leaving it: each ``if``
    is an exit condition that reads ``x`` (asked about per ``if``, they rescanned the ``if``s
    inside them and climbed the nest to look ``x`` up)."""
    opens = "".join(f"if x > {i} {{\n" for i in range(n))
    body = "for !v.Load() {\n" + opens + "break\n" + "}\n" * n + "}\n"
    return HEADER + "var x int\n\nfunc main() {\n" + body + "}\n" + FOOTER


def flag_writers(n: int) -> str:
    """n goroutines setting a flag and n loops polling it: every loop asks who writes the
    flag outside it (which looked at each of the n writers)."""
    writers = "\tgo func() { done = true }()\n" * n
    polls = "\tfor !done {\n\t}\n" * n
    return HEADER + "var done bool\n\nfunc main() {\n" + writers + polls + "}\n" + FOOTER


def endless_nest(n: int) -> str:
    """Endless ``for {`` loops nested n deep around a spin loop: WV106 walked each loop's
    body, so the innermost statements n times."""
    body = "for {\n" * n + "for !v.Load() {\n}\n" + "}\n" * n
    return HEADER + "func main() {\n" + body + "}\n" + FOOTER


def spin_nest(n: int) -> str:
    """Spin loops nested n deep, each calling a function: each loop's effects and its
    compare-and-swap retries looked at every call of the loops inside it (a fuzzed
    GOROOT file of this shape took 15 s)."""
    body = "for !v.Load() {\nf()\n" * n + "}\n" * n
    return HEADER + "func f() {}\n\nfunc main() {\n" + body + "}\n" + FOOTER


#: Tree-sitter methods whose cost is the depth of the node they find (they walk down from
#: the node they are called on, usually the root).
ROOT_WALKS = frozenset(
    {"descendant_for_byte_range", "named_descendant_for_byte_range", "child_with_descendant"}
)


class TooMuchWork(Exception):
    pass


class Work:
    """Python lines executed and root-walking tree calls made, with optional budgets."""

    def __init__(
        self,
        max_lines: int | None = None,
        max_root_walks: int | None = None,
        count_lines: bool = True,
    ):
        self.count_lines = count_lines  # tracing lines makes the analysis several times slower
        self.lines = 0
        self.root_walks = 0
        self.max_lines = max_lines
        self.max_root_walks = max_root_walks

    def _line(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if event == "line":
            self.lines += 1
            if self.max_lines is not None and self.lines > self.max_lines:
                raise TooMuchWork(f"more than {self.max_lines} lines")
        return self._line

    def _call(self, frame: FrameType, event: str, arg: Any) -> None:
        if event == "c_call" and getattr(arg, "__name__", "") in ROOT_WALKS:
            self.root_walks += 1
            if self.max_root_walks is not None and self.root_walks > self.max_root_walks:
                raise TooMuchWork(f"more than {self.max_root_walks} root walks")

    @contextmanager
    def counting(self) -> Iterator[Work]:
        if self.count_lines:
            sys.settrace(self._line)
        sys.setprofile(self._call)
        try:
            yield self
        finally:
            sys.settrace(None)
            sys.setprofile(None)


def lint_source(tmp_path: Path, source: str, targets: list[str], work: Work) -> list[Diagnostic]:
    path = tmp_path / "main.go"
    path.write_text(source)
    with work.counting():
        return lint([path], targets)


SHAPES = [
    (spin_loops, ["go-js"], 150),
    (nested_goroutines, ["tinygo-wasm-unknown"], 150),
    (early_exits, ["go-js", "go-wasip1"], 100),
    (switch_cases, ["go-js"], 150),
    (flag_polls, ["go-js"], 150),
    (loop_ifs, ["go-js"], 100),
    (flag_writers, ["go-js"], 100),
    (endless_nest, ["go-js"], 100),
    (spin_nest, ["go-js"], 100),
]


@pytest.mark.parametrize(
    ("shape", "targets", "n"), SHAPES, ids=[shape.__name__ for shape, _, _ in SHAPES]
)
def test_work_grows_linearly(
    tmp_path: Path, shape: Callable[[int], str], targets: list[str], n: int
) -> None:
    lint_source(tmp_path, shape(n), targets, Work())  # load the model, compile the queries
    small = Work()
    lint_source(tmp_path, shape(n), targets, small)
    # 4 times the input: at most 4.5 times the lines (a quadratic step makes it 6-40 times)
    big = Work(max_lines=int(small.lines * 4.5), max_root_walks=small.root_walks * 4 + 8)
    try:
        lint_source(tmp_path, shape(4 * n), targets, big)
    except TooMuchWork as exc:
        pytest.fail(f"{shape.__name__}: n={n}: {small.lines} lines; 4n: {exc}")
    assert big.lines <= small.lines * 4.5


@pytest.mark.parametrize("shape", [nested_goroutines, nested_blocks])
def test_root_walks_do_not_grow_with_depth(tmp_path: Path, shape: Callable[[int], str]) -> None:
    """Each root walk costs the depth: on a deep nest their number must stay flat."""
    small = Work()
    targets = ["go-js", "tinygo-wasm"]
    lint_source(tmp_path, shape(100), targets, small)
    big = Work(max_root_walks=small.root_walks + 8, count_lines=False)
    try:
        lint_source(tmp_path, shape(400), targets, big)
    except TooMuchWork as exc:
        pytest.fail(f"depth 100: {small.root_walks} root walks; depth 400: {exc}")


def test_ten_thousand_deep_nest(tmp_path: Path) -> None:
    """Deeper than Python's recursion limit: no RecursionError, every finding found."""
    depth = 10_000
    assert depth > sys.getrecursionlimit()
    work = Work(max_root_walks=1_000, count_lines=False)
    found = lint_source(tmp_path, nested_goroutines(depth), ["go-js", "tinygo-wasm-unknown"], work)
    by_code: dict[str, list[Diagnostic]] = {}
    for diag in found:
        by_code.setdefault(diag.code, []).append(diag)
    assert sorted(by_code) == ["WV101", "WV505"]
    goroutines = by_code["WV505"]
    assert len(goroutines) == depth
    assert {d.targets for d in goroutines} == {("tinygo-wasm-unknown",)}
    assert sorted(d.span.start_line for d in goroutines) == list(range(10, 10 + depth))
    (spin,) = by_code["WV101"]
    assert spin.span.start_line == 10 + depth
    assert spin.targets == ("go-js",)


def test_condition_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    """A GOOS guard nested 15,000 deep is evaluated without recursion: the spin loop it
    guards is live on js only."""
    k = 5_000
    cond = "!" * (2 * k) + "(" * k + 'runtime.GOOS == "js"' + ")" * k
    body = "func main() {\nif " + cond + " {\nfor !v.Load() {\n}\n}\n}\n"
    found = lint_source(tmp_path, HEADER + body + FOOTER, ["go-js", "go-wasip1"], Work())
    assert [(d.code, d.targets, d.span.start_line) for d in found] == [("WV101", ("go-js",), 11)]


def test_file_of_tells_identical_files_apart(tmp_path: Path) -> None:
    """``Package.file_of`` finds a node's file by tree, not by position: two files with the
    same text (the same byte ranges) each get their own findings."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    paths = [tmp_path / "a" / "main.go", tmp_path / "b" / "main.go"]
    for path in paths:
        path.write_text(nested_goroutines(50))
    found = lint(paths, ["tinygo-wasm-unknown"])
    per_file = {p: sorted(d.span.start_line for d in found if d.path == p) for p in paths}
    assert per_file == {p: list(range(10, 60)) for p in paths}


def _memo_key_bytes(tmp_path: Path, source: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """The bytes of text a lint with the memo on (language server) copies into keys it looks
    up: each new text object is read and hashed once (a text kept and used again, as the
    index keeps each declaration's, is hashed only once)."""
    read = 0
    seen: dict[int, bytes] = {}  # kept alive, so that ids are not reused
    lookup = MEMO.get

    def get(key: Hashable) -> object | None:
        nonlocal read
        for part in key if isinstance(key, tuple) else ():
            if isinstance(part, bytes) and id(part) not in seen:
                seen[id(part)] = part
                read += len(part)
        return lookup(key)

    monkeypatch.setattr(MEMO, "get", get)
    MEMO.enabled = True
    try:
        lint_source(tmp_path, source, ["go-js"], Work(count_lines=False))
    finally:
        MEMO.enabled = False
        MEMO.clear()
    return read


def test_memo_keys_do_not_grow_with_depth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A loop's facts kept by its text: in a nest n deep that text is read and hashed at
    every level, n^2 bytes (8,000 nested counted loops took 2.2 s instead of 0.3 s)."""
    small = _memo_key_bytes(tmp_path, spin_nest(500), monkeypatch)
    big = _memo_key_bytes(tmp_path, spin_nest(2000), monkeypatch)
    assert big <= small * 4.5, f"depth 500: {small} key bytes; depth 2000: {big}"
