"""(Re)compute the outcomes in tests/corpus/labels.json by building and running every program.

Every ``tests/corpus/<name>/main.go`` is built with the oracle harness
(``tests/oracle/harness.py``) for each of its targets and run for real: ``go-js`` under Node,
``go-wasip1`` under wasmtime, and ``native`` on the host as a sanity check. The same builds
also run on the other hosts of their target: ``go-js@browser`` in headless Chromium
(``tests/oracle/run_browser.py``) and ``go-wasip1@bare`` under wasmtime granting nothing (no
preopened directory, no environment: a plugin host).

Outcome of one (program, target):

``compile-error``  ``go build`` failed for that target;
``hang``           still running after the timeout (6 s);
``deadlock``       the Go runtime printed "all goroutines are asleep - deadlock!";
``exit``           non-zero exit status;
``ok``             exit status 0 and stdout contains ``RESULT OK``;
``wrong``          exit status 0 but no ``RESULT OK`` (the program's self-check failed);
``waits``          (browser only) the page went idle with the program still running and
                   without ``RESULT OK``: it waits for an event that never comes. A page
                   that printed ``RESULT OK`` and then waits (``select {}``) is ``ok``.

Targets per program: a file whose build constraint only admits ``js`` (``//go:build js &&
wasm``) is labelled for ``go-js`` only, and its ``native`` entry is ``n/a``; every other
program is labelled for ``go-js`` and ``go-wasip1``; each target's hosts (``HOSTS``) follow
it. Every program except the js-only ones
must print RESULT OK natively; this script reports any that do not.

Run environment, the same for every program so labels are reproducible: each run gets a
fresh empty directory, mounted as ``/`` for wasip1 (the oracle's ``go-wasip1@scratch`` host:
``wasmtime run --dir DIR::/`` passing only ``harness.SCRATCH_ENV``, whatever the labeller's
environment) and used as the working directory for js and native, which run with ``PWD``
set to ``/`` and ``TMPDIR`` removed.

Hand-written fields (``culprit_lines``, ``note``) are kept; only ``outcome`` is recomputed.
New programs get an entry with empty ``culprit_lines`` and ``note``.

Usage::

    python tests/corpus/label.py            # rewrite labels.json
    python tests/corpus/label.py --check    # exit 1 if a recorded outcome differs from reality
    python tests/corpus/label.py -v NAME..  # only these programs, print their output
    python tests/corpus/label.py --no-hosts # only Node, wasmtime and native (no browser)
    python tests/corpus/label.py --corpus tests/corpus_heldout  # another corpus directory
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.oracle.harness import (  # noqa: E402
    BuildFailed,
    Outcome,
    build,
    build_target,
    missing_tool,
    run,
)

CORPUS = Path(__file__).resolve().parent
LABELS = CORPUS / "labels.json"
TIMEOUT = 6.0
WASM_TARGETS = ("go-js", "go-wasip1")
#: The oracle host a label key is run on, when it is not the key itself.
RUN_AS = {"go-wasip1": "go-wasip1@scratch"}
#: Other hosts a target's build is run on, labelled as ``target@host``.
HOSTS = {"go-js": ("go-js@browser",), "go-wasip1": ("go-wasip1@bare",)}
OUTCOMES = ("ok", "hang", "deadlock", "exit", "compile-error", "wrong", "waits")
LABELLED = ("go-js", "go-js@browser", "go-wasip1", "go-wasip1@bare")

_BUILD_LINE = re.compile(r"^//go:build\s+(?P<expr>.+)$", re.MULTILINE)


def programs() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob("*/main.go"))


def js_only(source: str) -> bool:
    """True when the file's //go:build line requires js (so wasip1 and the host are out)."""
    m = _BUILD_LINE.search(source.split("\npackage ", 1)[0])
    if m is None:
        return False
    expr = m["expr"].replace(" ", "")
    return expr in ("js&&wasm", "wasm&&js", "js")


def targets_for(name: str) -> tuple[str, ...]:
    source = (CORPUS / name / "main.go").read_text(encoding="utf-8")
    return ("go-js",) if js_only(source) else WASM_TARGETS


def classify(outcome: Outcome) -> str:
    if outcome.kind == "waits":
        return "ok" if "RESULT OK" in outcome.stdout else "waits"
    if outcome.kind != "ok":
        return outcome.kind
    return "ok" if "RESULT OK" in outcome.stdout else "wrong"


def labelled_for(name: str, with_hosts: bool) -> tuple[str, ...]:
    """The targets and hosts ``name`` is labelled for, each target followed by its hosts."""
    out: list[str] = []
    for target in targets_for(name):
        out += [target, *(HOSTS[target] if with_hosts else ())]
    return tuple(out)


def build_program(name: str, target: str, workdir: Path) -> Path | str:
    """The binary of one program for one target, or the first line of the build error."""
    try:
        return build(CORPUS / name / "main.go", target, workdir)
    except BuildFailed as err:
        return next((ln for ln in err.stderr.splitlines() if ln and not ln.startswith("#")), "")


def measure(binary: Path | str, target: str) -> tuple[str, str]:
    """(outcome, details) of one build (or its build error) run on one target or host."""
    if isinstance(binary, str):
        return "compile-error", binary
    with tempfile.TemporaryDirectory(prefix="corpus-root-") as root:
        outcome = run(binary, RUN_AS.get(target, target), TIMEOUT, preopen=Path(root))
    return classify(outcome), outcome.describe()


def _prepare_env() -> None:
    os.environ["PWD"] = "/"
    os.environ.pop("TMPDIR", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("-v", "--verbose", action="store_true", help="print program output")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="parallel runs (default 2)")
    parser.add_argument(
        "--no-hosts", action="store_true", help="skip the browser and bare-wasmtime hosts"
    )
    parser.add_argument(
        "--corpus", type=Path, help="the corpus directory (default: this script's directory)"
    )
    parser.add_argument("names", nargs="*", help="only these programs")
    opts = parser.parse_args(argv)
    if opts.corpus is not None:
        global CORPUS, LABELS
        CORPUS = opts.corpus.resolve()
        LABELS = CORPUS / "labels.json"

    with_hosts = not opts.no_hosts
    for target in (*WASM_TARGETS, "native", *(LABELLED if with_hosts else ())):
        reason = missing_tool(target)
        if reason is not None:
            print(f"cannot run {target}: {reason}", file=sys.stderr)
            if with_hosts:
                print("(--no-hosts labels the other targets)", file=sys.stderr)
            return 2
    _prepare_env()

    labels: dict[str, dict[str, dict[str, object]]] = (
        json.loads(LABELS.read_text(encoding="utf-8")) if LABELS.is_file() else {}
    )
    names = opts.names or programs()
    unknown = [n for n in names if not (CORPUS / n / "main.go").is_file()]
    if unknown:
        print(f"no such program: {', '.join(unknown)}", file=sys.stderr)
        return 2

    jobs: list[tuple[str, str]] = []
    for name in names:
        wasm = targets_for(name)
        jobs += [(name, t) for t in labelled_for(name, with_hosts)]
        if wasm != ("go-js",):
            jobs.append((name, "native"))

    with (
        tempfile.TemporaryDirectory(prefix="corpus-build-") as tmp,
        ThreadPoolExecutor(max(1, opts.jobs)) as pool,
    ):
        # One build per (program, build target), made before any run: a host shares its
        # target's binary, and two threads must not build the same binary at once.
        wanted = sorted({(name, build_target(t)) for name, t in jobs})
        built = pool.map(lambda job: build_program(job[0], job[1], Path(tmp)), wanted)
        binaries = dict(zip(wanted, built, strict=True))
        runs = pool.map(lambda job: measure(binaries[job[0], build_target(job[1])], job[1]), jobs)
        results = dict(zip(jobs, runs, strict=True))

    problems: list[str] = []
    for name in names:
        entry = labels.setdefault(name, {})
        wasm = targets_for(name)
        every = labelled_for(name, with_hosts=True)
        for stale in [t for t in LABELLED if t in entry and t not in every]:
            problems.append(f"{name} [{stale}]: labelled, but the program does not target it")
            del entry[stale]
        for target in labelled_for(name, with_hosts):
            got, details = results[(name, target)]
            label = entry.setdefault(target, {"outcome": None, "culprit_lines": [], "note": ""})
            if label.get("outcome") != got:
                problems.append(f"{name} [{target}]: recorded {label.get('outcome')}, got {got}")
                label["outcome"] = got
            if opts.verbose:
                print(f"===== {name} [{target}]: {got}\n{details}\n")
        if wasm == ("go-js",):
            entry["native"] = {"outcome": "n/a", "note": "js-only (//go:build js && wasm)"}
        else:
            got, details = results[(name, "native")]
            entry["native"] = {"outcome": got}
            if got != "ok":
                problems.append(f"{name} [native]: expected ok, got {got}")
            if opts.verbose:
                print(f"===== {name} [native]: {got}\n{details}\n")

    for msg in problems:
        print(msg)
    if opts.check:
        if problems:
            print(f"{len(problems)} difference(s) between labels.json and reality")
            return 1
        print(f"labels.json agrees with reality for {len(names)} program(s)")
        return 0

    for name in labels:
        for target, label in labels[name].items():
            if target in LABELLED and label.get("outcome") not in OUTCOMES:
                problems.append(f"{name} [{target}]: bad outcome {label.get('outcome')!r}")
    ordered = {n: _ordered(labels[n]) for n in sorted(labels) if (CORPUS / n / "main.go").is_file()}
    LABELS.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {LABELS} ({len(ordered)} programs)")
    return 0


def _ordered(entry: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for target in (*LABELLED, "native"):
        if target in entry:
            label = entry[target]
            keys = ("outcome", "culprit_lines", "note")
            out[target] = {k: label[k] for k in keys if k in label} | {
                k: v for k, v in label.items() if k not in keys
            }
    return out


if __name__ == "__main__":
    sys.exit(main())
