"""``tokens.name_matches`` finds what a leading ``(?<![\\w.])`` lookbehind would: the same
matches, at the same places, over tricky texts and over the fixtures' Go files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wasmvet.analysis.tokens import name_matches

TESTS = Path(__file__).parent
NAMES = [b"x", b"run", b"runAll", b"\xc3\xa9x", b"Load", b"main"]


def _spans(found: list[re.Match[bytes]]) -> list[tuple[int, int, bytes]]:
    return [(m.start(), m.end(), m.group(0)) for m in found]


def _both(names: list[bytes], data: bytes) -> tuple[list, list]:
    alternatives = b"|".join(re.escape(n) for n in names)
    reference = re.compile(rb"(?<![\w.])(" + alternatives + rb")\b")
    pattern = re.compile(rb"(" + alternatives + rb")\b")
    return _spans(list(reference.finditer(data))), _spans(list(name_matches(pattern, data)))


@pytest.mark.parametrize(
    "data",
    [
        b"run() x.run() xrun() run_() runAll(run) .x x",
        # a rejected match holds an acceptable one (after a non-ASCII byte)
        b"a\xc3\xa9x \xc3\xa9x x",
        b"x",
        b".x",
        b"",
        b"main.main main\nmain",
        b"Loadx Load LoadLoad o.Load(Load)",
    ],
)
def test_same_matches_as_the_lookbehind(data: bytes) -> None:
    reference, found = _both(NAMES, data)
    assert found == reference


def test_one_name_over_go_files() -> None:
    files = sorted((TESTS / "fixtures").rglob("*.go"))[:200]
    assert files
    for path in files:
        data = path.read_bytes()
        for names in ([b"err"], [b"x"], [b"main", b"init", b"New"]):
            reference, found = _both(names, data)
            assert found == reference, path
