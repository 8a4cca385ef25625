"""The import reader target inference uses agrees with a full parse of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from wasmvet.analysis.package import GoFile, imported_paths
from wasmvet.analysis.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
GO_FILES = sorted(
    p
    for folder in ("tests/fixtures", "tests/corpus", "tests/oracle/cases", "examples")
    for p in (ROOT / folder).rglob("*.go")
)


def _full(data: bytes) -> set[str]:
    return GoFile.from_source(SourceFile(Path("x.go"), data)).imported_paths


def test_agrees_with_a_full_parse_on_every_go_file_of_the_repository() -> None:
    assert len(GO_FILES) > 100
    for path in GO_FILES:
        data = path.read_bytes()
        assert imported_paths(data) == _full(data), path


@pytest.mark.parametrize(
    "source",
    [
        # A declaration keyword at the start of a line inside a block comment, before imports:
        # the cut prefix does not parse, so the whole file is read.
        'package p\n\n/*\nfunc not code\n*/\n\nimport "os/exec"\n\nfunc F() {}\n',
        # ... and inside a raw string of a later declaration (the cut is after the imports).
        'package p\n\nimport js "syscall/js"\n\nvar s = `\nfunc x\n`\n',
        # aliases, dot and blank imports, grouped
        'package p\n\nimport (\n\t. "net"\n\t_ "embed"\n\tx "os"\n)\n\nconst c = 1\n',
        # no declaration at all, and no imports
        'package p\n\nimport "fmt"\n',
        "package p\n",
        # broken code
        'package p\n\nimport (\n\t"fmt"\n\nfunc (\n',
    ],
)
def test_agrees_on_tricky_layouts(source: str) -> None:
    data = source.encode()
    assert imported_paths(data) == _full(data)


def test_reads_aliases_dots_and_skips_blank_imports() -> None:
    data = b'package p\n\nimport (\n\t. "net"\n\t_ "embed"\n\tx "os"\n)\n'
    assert imported_paths(data) == {"net", "os"}
