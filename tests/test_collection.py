"""Fewer garbage collections during an analysis (server/collection.py, issue 16): counted
with ``gc.callbacks``, not timed."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

from tests.lintkit import lint
from tests.test_linear_analysis import spin_loops
from wasmvet.collection import YOUNG, fewer_collections


def test_an_analysis_collects_rarely(tmp_path: Path) -> None:
    path = tmp_path / "main.go"
    path.write_text(spin_loops(1000))
    lint([path], ["go-js"])  # load the model, compile the queries
    started: list[int] = []

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(count)
    try:
        lint([path], ["go-js"])
    finally:
        gc.callbacks.remove(count)
    # with CPython's default threshold (700) it collected 59 times here
    assert len(started) < 20, f"{len(started)} collections"


def test_thresholds_are_restored_after_the_last_analysis() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == max(YOUNG, before[0])
        inner_done = threading.Event()

        def inner() -> None:
            with fewer_collections():
                pass
            inner_done.set()

        worker = threading.Thread(target=inner)
        worker.start()
        worker.join()
        assert inner_done.is_set()
        assert gc.get_threshold()[0] == max(YOUNG, before[0])  # still analysing here
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
