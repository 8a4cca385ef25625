"""A floor under precision and recall: wasmvet on the oracle-labelled corpus in tests/corpus.

The labels come from running each program on Node.js and wasmtime (tests/corpus/label.py);
this test only lints, so it is fast. It guards the figures reported in the issue notes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lintkit import lint
from wasmvet.hosts import HostProfile

#: The js labels come from runs under Node.js (tests/corpus/label.py).
NODE = HostProfile(js="node")

CORPUS = Path(__file__).parent / "corpus"
LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
FAILING = {"hang", "deadlock", "exit", "compile-error", "wrong"}


def _score(target: str) -> tuple[float, float]:
    tp = fp = fn = culprit = 0
    for name, labels in LABELS.items():
        label = labels.get(target)
        if not label or label.get("outcome") in (None, "n/a"):
            continue
        found = [d for d in lint([CORPUS / name / "main.go"], [target], host=NODE) if d.counts]
        failing = label["outcome"] in FAILING
        if failing and found:
            tp += 1
            lines = set(label.get("culprit_lines", []))
            culprit += any(d.span.start_line + 1 in lines for d in found)
        elif failing:
            fn += 1
        elif found:
            fp += 1
    f1 = 2 * tp / (2 * tp + fp + fn)
    return f1, culprit / (tp + fn)


@pytest.mark.parametrize("target", ["go-js", "go-wasip1"])
def test_f1_and_culprit_lines(target: str) -> None:
    f1, on_culprit = _score(target)
    assert f1 >= 0.80
    assert on_culprit >= 0.70
