"""Seeded fuzzing of the server's input: a few hundred malformed or mutated JSON-RPC
messages per run (``benchmarks/fuzz_lsp.py`` sends 10,000 on demand)."""

from __future__ import annotations

import sys

import pytest

from tests.lsp import fuzz

COMMAND = [sys.executable, "-m", "wasmvet", "server"]


@pytest.mark.parametrize("seed", [20261204, 7])
def test_malformed_messages_never_stop_the_server(seed: int) -> None:
    outcome = fuzz.run(fuzz.messages(seed, 200), COMMAND)
    assert outcome.tracebacks == 0, outcome.stderr[-3000:]
    assert outcome.unanswered == [], outcome.unanswered  # every id got a result or an error
    assert outcome.alive_after and outcome.exit_code == 0
    # one line per message at most (some are valid enough to need no line at all)
    assert outcome.stderr_lines <= outcome.sent + 2, outcome.stderr[-3000:]
