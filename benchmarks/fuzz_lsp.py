"""Send many malformed or mutated JSON-RPC messages to the language server; print figures.

On demand, not in CI (the suite's tests/lsp/test_fuzz.py sends a few hundred). Messages come
from tests/lsp/fuzz.py, in batches of ``--batch`` per server process; each batch ends with a
well-formed request and shutdown + exit.

    python benchmarks/fuzz_lsp.py [--messages 10000] [--batch 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.lsp import fuzz


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "wasmvet", "server"]
    started = time.perf_counter()
    sent = owed = unanswered = crashes = tracebacks = lines = 0
    for number, first in enumerate(range(0, args.messages, args.batch)):
        count = min(args.batch, args.messages - first)
        outcome = fuzz.run(fuzz.messages(args.seed + number, count), command, timeout=60)
        sent += outcome.sent
        owed += outcome.owed
        unanswered += len(outcome.unanswered)
        crashes += not (outcome.alive_after and outcome.exit_code == 0)
        tracebacks += outcome.tracebacks
        lines += outcome.stderr_lines
    seconds = time.perf_counter() - started
    print(f"messages sent            {sent}")
    print(f"requests owed an answer  {owed}")
    print(f"  unanswered             {unanswered}")
    print(f"server processes         {(args.messages + args.batch - 1) // args.batch}")
    print(f"  crashed or hung        {crashes}")
    print(f"tracebacks on stderr     {tracebacks}")
    print(f"stderr lines             {lines}")
    print(f"time                     {seconds:.1f} s")
    return 1 if crashes or tracebacks or unanswered else 0


if __name__ == "__main__":
    raise SystemExit(main())
