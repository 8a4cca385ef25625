"""Benchmark the wasmvet language server over stdio, as an editor drives it.

Prints figures; it is not a test. It starts the real server (``python -m wasmvet server``) and
talks to it with a small JSON-RPC client of its own (Content-Length frames, a reader thread),
initialized like Neovim 0.7: no ``positionEncodings`` (so UTF-16 positions), no pull
diagnostics (so the server pushes ``textDocument/publishDiagnostics`` with a ``version``),
``initializationOptions: {"targets": ["go-js"]}`` and a root in a temporary directory. The
open and change phases run once per ``--modes`` entry: ``push`` as above, ``pull`` with
``textDocument.diagnostic`` in the capabilities, a ``textDocument/diagnostic`` request sent
right after each ``didOpen``/``didChange`` and its answer timed (as VS Code does).

Measured, on deterministic synthetic Go files (loops, goroutines, channels, select, mutexes and
a few spin-waits, so that there are findings):

1. open: time from ``didOpen`` to the first diagnostics, for ~1,000 and ~10,000 lines; "cold"
   is the first document opened in a fresh server, "warm" a second file of the same size;
2. change: ``--edits`` single-character incremental edits (typing digits into an integer
   literal inside a function body, so that every version is new), each timed until the diagnostics
   whose ``version`` is the edit's arrive; p50/p95/max/min, and the server's CPU time per
   edit (``/proc/<pid>/stat``: the figure to compare on a loaded machine);
3. memory: VmRSS and VmHWM of the server process (``/proc/<pid>/status``) with ``--open-files``
   distinct ~300-line files in 20 package directories open, after all their diagnostics came
   (opened one after another, each once the previous one's diagnostics came; ``--burst``
   sends every ``didOpen`` at once);
4. workspace: a fresh server whose workspace holds those files lints them all on start; the
   time from ``initialized`` to the end of its work-done progress, and the files reported.

Phases 1-3 turn the workspace lint off (``lintWorkspace: false``) so that they time one thing.

Budgets (issue 17), printed as PASS or OVER: edit p95 <= 20 ms at 1,000 lines and <= 60 ms
at 10,000 lines, a cold open of 10,000 lines <= 150 ms, and RSS <= 300 MiB with 200 open
files. ``bench_lsp_sizes.py`` plots the edit latency against file size (1k-50k lines).
Each server is shut down with ``shutdown`` + ``exit`` and must exit with code 0.
``--check`` exits 1 when a budget is over; every wait times out after ``--timeout`` seconds,
and the run then fails with exit code 2 (as it does when the server reports that a lint
failed).

    python benchmarks/bench_lsp.py [--edits 100] [--modes push,pull] [--open-files 200]
                                   [--burst] [--profile 25]
                                   [--timeout 30] [--check]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import math
import os
import platform
import pstats
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

# mypy cannot follow the editable install's import hook that maps wasmvet to server/, so a bare
# `mypy benchmarks/bench_lsp.py` sees this as Any; see benchmarks/bench_goroot.py.
import wasmvet  # type: ignore[import-not-found, unused-ignore]

MIB = 1024 * 1024
P95_BUDGET_MS = {1_000: 20.0, 10_000: 60.0}  # edit -> diagnostics, p95 (issue 17)
OPEN_BUDGET_MS = {10_000: 150.0}  # didOpen -> first diagnostics, cold (issue 17)
RSS_BUDGET_MIB = 300.0  # server RSS with 200 open files
BUSY_BUDGET_MS = 200.0  # a small file's diagnostics and hover while a 5 MB one is analysed
PACKAGES = 20  # package directories for the open-files phase
SMALL_LINES = 300  # lines of each file in the open-files phase

# What Neovim 0.7's built-in client sends (trimmed to what matters to a diagnostics server):
# no general.positionEncodings, no textDocument.diagnostic, publishDiagnostics without
# versionSupport (Neovim reads the version anyway; wasmvet always sends it).
NEOVIM_07_CAPABILITIES: dict[str, Any] = {
    "window": {
        "workDoneProgress": True,
        "showMessage": {"messageActionItem": {"additionalPropertiesSupport": False}},
        "showDocument": {"support": False},
    },
    "textDocument": {
        "synchronization": {
            "didSave": True,
            "dynamicRegistration": False,
            "willSave": False,
            "willSaveWaitUntil": False,
        },
        "publishDiagnostics": {"tagSupport": {"valueSet": [1, 2]}, "relatedInformation": True},
        "hover": {"contentFormat": ["markdown", "plaintext"], "dynamicRegistration": False},
        "codeAction": {
            "dynamicRegistration": False,
            "dataSupport": True,
            "resolveSupport": {"properties": ["edit"]},
            "codeActionLiteralSupport": {
                "codeActionKind": {
                    "valueSet": ["", "quickfix", "refactor", "source", "source.organizeImports"]
                }
            },
        },
    },
    "workspace": {
        "applyEdit": True,
        "workspaceFolders": True,
        "workspaceEdit": {"resourceOperations": ["rename", "create", "delete"]},
    },
    "callHierarchy": {"dynamicRegistration": False},
}
# A pull client (as VS Code is): the same, plus textDocument.diagnostic; it asks for a
# document's diagnostics (textDocument/diagnostic) after each change instead of waiting for
# them to be pushed. No workspace.diagnostics: the open documents are what is timed.
PULL_CAPABILITIES: dict[str, Any] = {
    **NEOVIM_07_CAPABILITIES,
    "textDocument": {
        **NEOVIM_07_CAPABILITIES["textDocument"],
        "diagnostic": {"dynamicRegistration": False, "relatedDocumentSupport": False},
    },
}
MODES = ("push", "pull")


class BenchError(Exception):
    """The server misbehaved or a wait timed out; the run cannot give figures."""


# --- synthetic Go -------------------------------------------------------------------------


IMPORTS = ("fmt", "runtime", "strings", "sync", "sync/atomic", "time")
HEADER = """\
// Code generated by benchmarks/bench_lsp.py for the language server benchmark. DO NOT EDIT.
// Seed {seed}: a mix of loops, goroutines, channels and locks (π ≈ 3.14159, naïve caches).

package {package}

import (
{imports}
)

var (
\t_ = fmt.Sprintf
\t_ = runtime.NumCPU
\t_ = strings.ToUpper
\t_ sync.Mutex
\t_ atomic.Bool
\t_ = time.Millisecond
)
"""

# Templates: {n} is a unique name part, {k} a small number. The "edit" template holds the
# literal the change phase edits (the "{k}" after "x * ").
TEMPLATES: dict[str, str] = {
    "sum": """
// sum{n} weighs the multiples of {k}.
func sum{n}(xs []int) int {{
\ttotal := 0
\tfor i, x := range xs {{
\t\tif x%{k} == 0 {{
\t\t\ttotal += x * i
\t\t}} else {{
\t\t\ttotal -= {k}
\t\t}}
\t}}
\treturn total
}}
""",
    "pool": """
// pool{n} squares items on {k} worker goroutines.
func pool{n}(items []int) int {{
\tjobs := make(chan int, len(items))
\tresults := make(chan int, len(items))
\tvar wg sync.WaitGroup
\tfor w := 0; w < {k}; w++ {{
\t\twg.Add(1)
\t\tgo func() {{
\t\t\tdefer wg.Done()
\t\t\tfor j := range jobs {{
\t\t\t\tresults <- j * j
\t\t\t}}
\t\t}}()
\t}}
\tfor _, it := range items {{
\t\tjobs <- it
\t}}
\tclose(jobs)
\twg.Wait()
\tclose(results)
\ttotal := 0
\tfor r := range results {{
\t\ttotal += r
\t}}
\treturn total
}}
""",
    "collect": """
// collect{n} gathers upper-cased strings until quit or a {k} ms lull.
func collect{n}(in <-chan string, quit <-chan struct{{}}) []string {{
\tvar out []string
\tfor {{
\t\tselect {{
\t\tcase s, ok := <-in:
\t\t\tif !ok {{
\t\t\t\treturn out
\t\t\t}}
\t\t\tout = append(out, strings.ToUpper(s))
\t\tcase <-quit:
\t\t\treturn out
\t\tcase <-time.After({k} * time.Millisecond):
\t\t\treturn out
\t\t}}
\t}}
}}
""",
    "cache": """
// cache{n} is a map behind a mutex.
type cache{n} struct {{
\tmu sync.Mutex
\tm  map[string]int
}}

func (c *cache{n}) get(key string) (int, bool) {{
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\tv, ok := c.m[key]
\treturn v, ok
}}

func (c *cache{n}) put(key string, v int) {{
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\tif c.m == nil {{
\t\tc.m = make(map[string]int, {k})
\t}}
\tc.m[key] = v
}}
""",
    "format": """
// format{n} renders a table of {k} columns.
func format{n}(rows [][]string) string {{
\tvar b strings.Builder
\tfor r, row := range rows {{
\t\tfor c, cell := range row {{
\t\t\tif c > 0 {{
\t\t\t\tb.WriteString(" | ")
\t\t\t}}
\t\t\tfmt.Fprintf(&b, "%-{k}s", cell)
\t\t}}
\t\tif r < len(rows)-1 {{
\t\t\tb.WriteByte('\\n')
\t\t}}
\t}}
\treturn b.String()
}}
""",
    "ticker": """
// ticker{n} counts ticks in a goroutine and stops after {k}.
func ticker{n}() int {{
\tdone := make(chan int)
\tgo func() {{
\t\tt := time.NewTicker(time.Millisecond)
\t\tdefer t.Stop()
\t\tn := 0
\t\tfor range t.C {{
\t\t\tn++
\t\t\tif n == {k} {{
\t\t\t\tbreak
\t\t\t}}
\t\t}}
\t\tdone <- n
\t}}()
\treturn <-done
}}
""",
    # The findings: a spin-wait on an atomic flag (WV101), a select/default poll (WV101) and
    # NumCPU arithmetic (WV103).
    "spin": """
// spin{n} waits for a worker by polling a flag.
func spin{n}() int64 {{
\tvar done atomic.Bool
\tvar n int64
\tgo func() {{
\t\tfor i := 0; i < {k}; i++ {{
\t\t\tatomic.AddInt64(&n, 1)
\t\t}}
\t\tdone.Store(true)
\t}}()
\tfor !done.Load() {{
\t}}
\treturn atomic.LoadInt64(&n)
}}
""",
    "poll": """
// poll{n} polls a channel without blocking.
func poll{n}(ch <-chan int) int {{
\tfor {{
\t\tselect {{
\t\tcase v := <-ch:
\t\t\treturn v + {k}
\t\tdefault:
\t\t}}
\t}}
}}
""",
    "spare": """
// spare{n} sizes a pool to leave one CPU free.
func spare{n}() int {{
\tworkers := runtime.NumCPU() - 1
\treturn workers * {k}
}}
""",
    "edit": """
// edit{n} is where the benchmark types.
func edit{n}(xs []int) int {{
\ttotal := 0
\tfor _, x := range xs {{
\t\ttotal += x * {k}
\t}}
\treturn total
}}
""",
}
COMMON = ("sum", "pool", "collect", "cache", "format", "ticker")
FINDINGS = ("spin", "poll", "spare")


@dataclass(frozen=True)
class GoSource:
    text: str
    lines: int
    edit_line: int  # 0-based line of the edited literal
    edit_column: int  # UTF-16 column just after the literal's first digit


def generate(package: str, lines: int, seed: int, prefix: str = "") -> GoSource:
    """A deterministic Go file of about ``lines`` lines, with the ``edit`` function at its
    middle and one of each finding at 1/5, 2/5 and 4/5 of it; elsewhere about one function in
    30 is a finding too, the rest a random mix of the common templates."""
    rng = random.Random(seed)
    imports = "\n".join(f'\t"{name}"' for name in IMPORTS)
    parts = [HEADER.format(seed=seed, package=package, imports=imports)]
    count = parts[0].count("\n")
    scheduled = [(lines // 5, "spin"), (2 * lines // 5, "poll"), (lines // 2, "edit")]
    scheduled.append((4 * lines // 5, "spare"))
    edit_line = edit_column = -1
    index = 0
    while count < lines:
        if scheduled and count >= scheduled[0][0]:
            kind = scheduled.pop(0)[1]
        elif rng.random() < 1 / 30:
            kind = rng.choice(FINDINGS)
        else:
            kind = rng.choice(COMMON)
        k = rng.randint(2, 9)
        chunk = TEMPLATES[kind].format(n=f"{prefix}{index}", k=k)
        if kind == "edit":
            for offset, line in enumerate(chunk.split("\n")):
                if "total += x * " in line:
                    edit_line = count + offset
                    column = line.index("x * ") + len("x * ") + 1
                    edit_column = len(line[:column].encode("utf-16-le")) // 2
        parts.append(chunk)
        count += chunk.count("\n")
        index += 1
    if edit_line < 0:
        raise AssertionError("no edit target generated")
    return GoSource("".join(parts), count, edit_line, edit_column)


# --- a raw JSON-RPC client over stdio -----------------------------------------------------


@dataclass
class Publication:
    at: float  # time.perf_counter() when the frame was read
    version: int | None
    diagnostics: list[dict[str, Any]]


@dataclass
class Client:
    """The server process and the messages read from it by a background thread."""

    process: subprocess.Popen[bytes]
    timeout: float
    stderr_path: Path
    lock: threading.Condition = field(default_factory=threading.Condition)
    responses: dict[int, dict[str, Any]] = field(default_factory=dict)
    answered_at: dict[int, float] = field(default_factory=dict)  # id -> time it was read
    published: dict[str, list[Publication]] = field(default_factory=dict)
    logs: list[str] = field(default_factory=list)
    progress_ends: list[tuple[float, str]] = field(default_factory=list)
    closed: bool = False
    next_id: int = 0
    reader: threading.Thread | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def start(cls, command: list[str], cwd: Path, timeout: float) -> Client:
        stderr_path = cwd / f".server-stderr-{time.monotonic_ns()}.log"
        with stderr_path.open("wb") as stderr:
            process = subprocess.Popen(
                command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
            )
        client = cls(process, timeout, stderr_path)
        client.reader = threading.Thread(target=client._read_loop, daemon=True)
        client.reader.start()
        return client

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read_frame(self, stream: IO[bytes]) -> dict[str, Any] | None:
        length = -1
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        if length < 0:
            raise BenchError("frame without Content-Length")
        body = stream.read(length)
        if len(body) < length:
            return None
        message: dict[str, Any] = json.loads(body)
        return message

    def _read_loop(self) -> None:
        assert self.process.stdout is not None
        try:
            while True:
                message = self._read_frame(self.process.stdout)
                if message is None:
                    break
                self._dispatch(message, time.perf_counter())
        finally:
            with self.lock:
                self.closed = True
                self.lock.notify_all()

    def _dispatch(self, message: dict[str, Any], at: float) -> None:
        method = message.get("method")
        if method is None:  # a response
            with self.lock:
                self.responses[int(message["id"])] = message
                self.answered_at[int(message["id"])] = at
                self.lock.notify_all()
        elif "id" in message:  # a request from the server: accept it and answer null
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif method == "textDocument/publishDiagnostics":
            params = message["params"]
            with self.lock:
                self.published.setdefault(params["uri"], []).append(
                    Publication(at, params.get("version"), params["diagnostics"])
                )
                self.lock.notify_all()
        elif method == "$/progress" and message["params"]["value"].get("kind") == "end":
            with self.lock:
                self.progress_ends.append((at, str(message["params"]["value"].get("message"))))
                self.lock.notify_all()
        elif method in ("window/logMessage", "window/showMessage"):
            with self.lock:
                self.logs.append(str(message["params"].get("message")))
                self.lock.notify_all()  # a waiter may be waiting for a lint that failed

    def _send(self, message: dict[str, Any]) -> float:
        body = json.dumps(message, separators=(",", ":")).encode("utf-8")
        frame = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        stdin = self.process.stdin
        assert stdin is not None
        with self.write_lock:
            sent = time.perf_counter()
            try:
                stdin.write(frame)
                stdin.flush()
            except OSError as exc:  # the server is gone
                raise BenchError(f"cannot write to the server: {exc}") from exc
        return sent

    def notify(self, method: str, params: Any) -> float:
        """Send a notification; the time just before it was written."""
        return self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, what: str, predicate: Callable[[], Any]) -> Any:
        """Wait (under the lock) until ``predicate()`` is truthy; BenchError on timeout."""
        deadline = time.monotonic() + self.timeout
        with self.lock:
            while True:
                value = predicate()
                if value:
                    return value
                if self.closed:
                    raise BenchError(f"server closed its output while waiting for {what}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BenchError(f"timed out after {self.timeout:g} s waiting for {what}")
                self.lock.wait(left)

    def request(self, method: str, params: Any) -> Any:
        return self.timed_request(method, params)[0]

    def timed_request(self, method: str, params: Any) -> tuple[Any, float]:
        """Send a request and wait for its answer: the result and when it was read."""
        self.next_id += 1
        ident = self.next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        response: dict[str, Any] = self.wait_for(
            f"the answer to {method}", lambda: self.responses.pop(ident, None)
        )
        if "error" in response:
            raise BenchError(f"{method} failed: {response['error']}")
        with self.lock:
            at = self.answered_at.pop(ident)
        return response.get("result"), at

    def diagnostics_for(self, path: Path, version: int) -> Publication:
        """Wait for the diagnostics of ``path`` at ``version``; BenchError at once if the
        server says that analysing it failed (it then publishes nothing for that version)."""
        uri = path.as_uri()
        failed = f"analysing {path} failed"

        def find() -> Publication | None:
            for publication in self.published.get(uri, ()):
                if publication.version == version:
                    return publication
            for message in self.logs:
                if failed in message:
                    raise BenchError(f"the server reported: {message}")
            return None

        found: Publication = self.wait_for(f"diagnostics of {uri} v{version}", find)
        return found

    def forget(self, uri: str) -> None:
        with self.lock:
            self.published.pop(uri, None)

    def shutdown(self) -> int:
        """``shutdown`` + ``exit``; the exit code (BenchError if it does not exit in time)."""
        self.request("shutdown", None)
        self.notify("exit", None)
        with contextlib.suppress(OSError):
            assert self.process.stdin is not None
            self.process.stdin.close()
        try:
            code = self.process.wait(self.timeout)
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"server did not exit within {self.timeout:g} s") from exc
        if self.reader is not None:
            self.reader.join(self.timeout)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(self.timeout)

    def stderr_tail(self, lines: int = 20) -> str:
        with contextlib.suppress(OSError):
            text = self.stderr_path.read_text(encoding="utf-8", errors="replace")
            return "\n".join(text.splitlines()[-lines:])
        return ""


@dataclass
class Session:
    """An initialized server and the documents opened in it."""

    client: Client
    root: Path
    initialize_ms: float
    encoding: str
    server_info: str
    initialized_at: float
    pull: bool = False  # the client pulls diagnostics (textDocument/diagnostic)
    versions: dict[str, int] = field(default_factory=dict)

    def send_open(self, path: Path, text: str) -> float:
        """Send ``didOpen`` for ``path`` (version 1); the time it was sent."""
        uri = path.as_uri()
        self.versions[uri] = 1
        return self.client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": text}},
        )

    def open(self, path: Path, text: str) -> float:
        """Open ``path``; ms until its first diagnostics (pushed, or the answer to a pull
        sent right after ``didOpen``)."""
        sent = self.send_open(path, text)
        if self.pull:
            return (self.pull_diagnostics(path)[1] - sent) * 1000
        return (self.client.diagnostics_for(path, 1).at - sent) * 1000

    def pull_diagnostics(self, path: Path) -> tuple[list[dict[str, Any]], float]:
        """textDocument/diagnostic for ``path``: its items and when the answer was read."""
        report, at = self.client.timed_request(
            "textDocument/diagnostic", {"textDocument": {"uri": path.as_uri()}}
        )
        if not isinstance(report, dict) or report.get("kind") != "full":
            raise BenchError(f"textDocument/diagnostic answered {report!r}, not a full report")
        return list(report.get("items", [])), at

    def change(self, path: Path, line: int, column: int, end: int, new_text: str) -> float:
        """One incremental change on ``line`` (UTF-16 columns); ms until its diagnostics."""
        uri = path.as_uri()
        self.versions[uri] += 1
        version = self.versions[uri]
        change = {
            "range": {
                "start": {"line": line, "character": column},
                "end": {"line": line, "character": end},
            },
            "text": new_text,
        }
        sent = self.client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        if self.pull:  # the server answers once the lint of this version is stored
            return (self.pull_diagnostics(path)[1] - sent) * 1000
        return (self.client.diagnostics_for(path, version).at - sent) * 1000

    def rss(self) -> tuple[float, float]:
        """VmRSS and VmHWM of the server process, in MiB."""
        return read_memory(self.client.pid)


def read_memory(pid: int) -> tuple[float, float]:
    values: dict[str, float] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) * 1024 / MIB
    return values["VmRSS"], values["VmHWM"]


@contextlib.contextmanager
def server(
    command: list[str], root: Path, timeout: float, lint_workspace: bool = False, pull: bool = False
) -> Iterator[Session]:
    """A fresh, initialized server (a pull client with ``pull``); shut down cleanly (exit
    code 0) when the block ends."""
    client = Client.start(command, root, timeout)
    ok = False
    try:
        started = time.perf_counter()
        result = client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "clientInfo": {"name": "Neovim", "version": "0.7.0"},
                "rootUri": root.as_uri(),
                "rootPath": str(root),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": PULL_CAPABILITIES if pull else NEOVIM_07_CAPABILITIES,
                "initializationOptions": {"targets": ["go-js"], "lintWorkspace": lint_workspace},
                "trace": "off",
            },
        )
        initialized = client.notify("initialized", {})
        initialize_ms = (time.perf_counter() - started) * 1000
        capabilities = result.get("capabilities", {})
        encoding = str(capabilities.get("positionEncoding") or "utf-16")
        if encoding != "utf-16":
            raise BenchError(f"server chose {encoding} although the client offered none")
        info = result.get("serverInfo") or {}
        session = Session(
            client,
            root,
            initialize_ms,
            encoding,
            f"{info.get('name', '?')} {info.get('version', '?')}",
            initialized,
            pull,
        )
        yield session
        code = client.shutdown()
        if code != 0:
            raise BenchError(f"server exited with code {code} after shutdown + exit")
        ok = True
    finally:
        if not ok:
            tail = client.stderr_tail()
            client.kill()
            if tail:
                print(f"--- server stderr (last lines) ---\n{tail}", file=sys.stderr)
            if client.logs:
                print("--- server log messages ---", *client.logs[-10:], sep="\n", file=sys.stderr)


# --- the phases ---------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class SizeResult:
    nominal: int  # the size asked for, the key of P95_BUDGET_MS
    lines: int
    cold_open_ms: float
    warm_open_ms: float
    findings: int
    edits: list[float]
    mode: str = "push"
    cpu_per_edit_ms: float = 0.0  # the server's CPU time over the edits, per edit

    @property
    def p50(self) -> float:
        return statistics.median(self.edits)

    @property
    def p95(self) -> float:
        return percentile(self.edits, 95)


def write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def bench_size(
    command: list[str], root: Path, lines: int, edits: int, timeout: float, mode: str = "push"
) -> SizeResult:
    """Cold and warm open of ~``lines``-line files, then ``edits`` edits on the warm one,
    with a client that gets its diagnostics pushed or pulls them (``mode``)."""
    label = f"l{lines}"
    cold_src = generate(f"cold{label}", lines, seed=lines)
    warm_src = generate(f"warm{label}", lines, seed=lines + 1)
    cold_path = root / f"cold_{label}" / "main.go"
    warm_path = root / f"warm_{label}" / "main.go"
    write_file(cold_path, cold_src.text)
    write_file(warm_path, warm_src.text)
    with server(command, root, timeout, pull=mode == "pull") as session:
        cold = session.open(cold_path, cold_src.text)
        warm = session.open(warm_path, warm_src.text)
        uri = warm_path.as_uri()
        if session.pull:
            findings = len(session.pull_diagnostics(warm_path)[0])
        else:
            findings = len(session.client.diagnostics_for(warm_path, 1).diagnostics)
        if findings == 0:
            raise BenchError(f"no findings in {warm_path}: the synthetic code missed its rules")
        times: list[float] = []
        line, column = warm_src.edit_line, warm_src.edit_column
        cpu = cpu_seconds(session.client.pid)
        for i in range(edits):
            # typing a number: "x * 7" -> "x * 70" -> "x * 701" -> ...; every version's text
            # is new, so nothing the server kept from an earlier version fits the edited function
            where = column + i
            times.append(session.change(warm_path, line, where, where, str(i % 10)))
            session.client.forget(uri)
        cpu = cpu_seconds(session.client.pid) - cpu
    return SizeResult(lines, warm_src.lines, cold, warm, findings, times, mode, cpu / edits * 1000)


@dataclass
class MemoryResult:
    files: int
    lines: int
    baseline_rss: float
    rss: float
    hwm: float
    open_all_s: float
    findings: int
    burst: bool


def bench_memory(
    command: list[str], root: Path, files: int, timeout: float, burst: bool
) -> MemoryResult:
    """Open ``files`` distinct ~300-line files spread over 20 package directories: one after
    another, each once the previous one's diagnostics came, or with ``burst`` all at once."""
    sources: list[tuple[Path, str]] = []
    lines = 0
    for i in range(files):
        package = f"pkg{i % PACKAGES:02d}"
        source = generate(package, SMALL_LINES, seed=10_000 + i, prefix=f"f{i}_")
        path = root / "many" / package / f"file{i:03d}.go"
        write_file(path, source.text)
        sources.append((path, source.text))
        lines += source.lines
    with server(command, root, timeout) as session:
        baseline, _ = session.rss()
        started = time.perf_counter()
        findings = 0
        if burst:
            for path, text in sources:
                session.send_open(path, text)
            for path, _ in sources:
                findings += len(session.client.diagnostics_for(path, 1).diagnostics)
        else:
            for path, text in sources:
                session.open(path, text)
                findings += len(session.client.diagnostics_for(path, 1).diagnostics)
        open_all = time.perf_counter() - started
        rss, hwm = session.rss()
    return MemoryResult(len(sources), lines, baseline, rss, hwm, open_all, findings, burst)


@dataclass
class WorkspaceResult:
    files: int
    seconds: float
    message: str
    published: int
    rss: float


def bench_workspace(command: list[str], root: Path, timeout: float) -> WorkspaceResult:
    """A fresh server with the memory phase's files as its workspace, linting it on start:
    ``initialized`` to the end of the work-done progress, and the files it reported."""
    workspace = root / "many"
    files = len(list(workspace.rglob("*.go")))
    with server(command, workspace, timeout, lint_workspace=True) as session:
        client = session.client
        end = client.wait_for("the workspace lint", lambda: list(client.progress_ends))
        at, message = end[0]
        rss, _ = session.rss()
        published = len(client.published)
    return WorkspaceResult(files, at - session.initialized_at, message, published, rss)


# A 10-line file with one finding; the hover is on ``Load`` in the spin loop.
SMALL_FILE = """package main

import "sync/atomic"

func main() {
\tvar done atomic.Bool
\tgo func() { done.Store(true) }()
\tfor !done.Load() {
\t}
}

// version 0
"""
HOVER_AT = {"line": 7, "character": 12}


@dataclass
class BusyResult:
    huge_bytes: int
    edits: list[float]  # didChange of the small file -> its diagnostics, ms
    hovers: list[float]  # hover request on the small file -> answer, ms
    huge_still_busy: bool  # the huge document's diagnostics had not come when sampling ended
    cpu_after_close: float  # server CPU seconds in the CLOSE_WINDOW s after didClose


CLOSE_WINDOW = 2.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (``/proc/<pid>/stat``)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_busy(
    command: list[str], root: Path, huge_lines: int, samples: int, timeout: float
) -> BusyResult:
    """Open a ~``huge_lines``-line document (an unsaved buffer, in a package of its own),
    then, while it is analysed, edit a 10-line file of another package ``samples`` times
    (0.3 s apart) and time its diagnostics and a hover on it; then close the huge document
    and measure the server's CPU time in the next ``CLOSE_WINDOW`` seconds."""
    huge = generate("huge", huge_lines, seed=huge_lines)
    huge_path = root / "huge" / "main.go"  # not written: the buffer is all there is
    small_path = root / "small" / "main.go"
    write_file(small_path, SMALL_FILE)
    edits: list[float] = []
    hovers: list[float] = []
    with server(command, root, timeout) as session:
        client = session.client
        session.open(small_path, SMALL_FILE)
        session.send_open(huge_path, huge.text)
        time.sleep(0.5)  # the huge document's lint has started
        line = SMALL_FILE.count("\n") - 1  # "// version 0": the digit changes
        for i in range(samples):
            sent = time.perf_counter()
            edits.append(session.change(small_path, line, 11, 12, str((i + 1) % 10)))
            started = time.perf_counter()
            client.request(
                "textDocument/hover",
                {"textDocument": {"uri": small_path.as_uri()}, "position": HOVER_AT},
            )
            hovers.append((time.perf_counter() - started) * 1000)
            time.sleep(max(0.0, 0.3 - (time.perf_counter() - sent)))
        busy = huge_path.as_uri() not in client.published
        session.client.notify(
            "textDocument/didClose", {"textDocument": {"uri": huge_path.as_uri()}}
        )
        time.sleep(0.2)  # the cancellation reaches a checkpoint
        before = cpu_seconds(client.pid)
        time.sleep(CLOSE_WINDOW)
        cpu = cpu_seconds(client.pid) - before
    return BusyResult(len(huge.text.encode()), edits, hovers, busy, cpu)


# The pipeline's stages, as (file name, function) in the profile: lint = read the package's
# files (the open buffer reparsed incrementally, then indexed) + analyse_files (the rules).
STAGES = {
    ("linting.py", "lint_package"),
    ("linting.py", "_from_buffer"),
    ("source.py", "__post_init__"),
    ("index.py", "__init__"),
    ("engine.py", "analyse_files"),
    ("suppressions.py", "apply_suppressions"),
}


def profile_edit(root: Path, lines: int, top: int) -> str:
    """cProfile of ``Linter.lint_package`` in this process for one edit of the ~``lines``
    file."""
    from wasmvet.lsp.linting import Linter  # type: ignore[import-not-found, unused-ignore]
    from wasmvet.settings import Overrides  # type: ignore[import-not-found, unused-ignore]

    source = generate(f"prof{lines}", lines, seed=lines + 1)
    path = root / f"profile_l{lines}" / "main.go"
    write_file(path, source.text)
    linter = Linter(overrides=Overrides(targets=("go-js",)))
    settings = linter.settings(path.parent)
    offset = sum(len(row) + 1 for row in source.text.split("\n")[: source.edit_line])
    offset += source.edit_column  # an ASCII line: the UTF-16 column is the character index
    variants = [source.text, source.text[:offset] + "1" + source.text[offset:]]
    directory = path.parent
    linter.lint_package(directory, {path: variants[0]}, settings, False)  # warm: tree cached
    rounds = 20
    started = time.perf_counter()
    for i in range(rounds):
        linter.lint_package(directory, {path: variants[(i + 1) % 2]}, settings, False)
    plain = (time.perf_counter() - started) / rounds * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(rounds):
        linter.lint_package(directory, {path: variants[(i + 1) % 2]}, settings, False)
    profiler.disable()
    entries: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
    entries = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    repo = str(Path(wasmvet.__file__).resolve().parent.parent) + os.sep

    def where(key: tuple[str, int, str]) -> str:
        filename, line, function = key
        if filename == "~":
            return function
        return f"{filename.removeprefix(repo)}:{line}({function})"

    def row(key: tuple[str, int, str]) -> str:
        _, calls, tottime, cumtime, _ = entries[key]
        return (
            f"{tottime / rounds * 1000:>9.2f}{cumtime / rounds * 1000:>9.2f}"
            f"{calls / rounds:>10.0f}  {where(key)}"
        )

    head = f"{'self ms':>9}{'cum ms':>9}{'calls':>10}  function (per lint)"
    by_self = sorted(entries, key=lambda k: entries[k][2], reverse=True)[:top]
    stages = sorted(
        (
            k
            for k in entries
            if (k[2] == "check" and f"{os.sep}rules{os.sep}" in k[0])
            or (Path(k[0]).name, k[2]) in STAGES
        ),
        key=lambda k: entries[k][3],
        reverse=True,
    )[:top]
    return "\n".join(
        [
            f"profile: in-process Linter.lint_package of a {source.lines}-line file after a "
            "1-character "
            f"edit, {plain:.1f} ms per lint ({rounds} rounds; cProfile inflates the figures "
            "below)",
            "",
            "by stage and rule (cumulative):",
            head,
            *(row(k) for k in stages),
            "",
            "by self time:",
            head,
            *(row(k) for k in by_self),
        ]
    )


# --- output ---------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "OVER"


def print_busy(b: BusyResult, check: bool) -> int:
    """The busy phase's figures; 1 when ``check`` and a budget is over."""
    print()
    print(
        f"busy: a {b.huge_bytes / MIB:.1f} MiB document being analysed, a 10-line file of "
        f"another package edited {len(b.edits)} times, ms (budget {BUSY_BUDGET_MS:.0f} ms)"
    )
    print(f"{'':>22}{'p50':>8}{'max':>8}{'min':>8}")
    ok = True
    for name, values in (("didChange -> diags", b.edits), ("hover -> answer", b.hovers)):
        ok &= max(values) <= BUSY_BUDGET_MS
        print(
            f"{name:>22}{statistics.median(values):>8.1f}{max(values):>8.1f}{min(values):>8.1f}"
            f"  max vs budget {verdict(max(values) <= BUSY_BUDGET_MS)}"
        )
    if not b.huge_still_busy:
        print("  (the huge document's diagnostics came before sampling ended: use more lines)")
    print(
        f"  server CPU in the {CLOSE_WINDOW:g} s after didClose of the huge document: "
        f"{b.cpu_after_close:.2f} s"
    )
    return 1 if check and not ok else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--edits", type=int, default=100, help="edits per file size (100)")
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help="diagnostics modes of the open and change phases: push, pull or push,pull (both)",
    )
    parser.add_argument("--open-files", type=int, default=200, help="files to open (200)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per wait (30)")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also print the N top cProfile rows"
    )
    parser.add_argument(
        "--burst",
        action="store_true",
        help="open the files all at once, without waiting for each one's diagnostics",
    )
    parser.add_argument(
        "--huge-lines",
        type=int,
        default=300_000,
        help="lines of the huge document of the busy phase (300,000: ~5 MB)",
    )
    parser.add_argument(
        "--busy-samples", type=int, default=10, help="small-file edits in the busy phase (10)"
    )
    parser.add_argument("--only-busy", action="store_true", help="run the busy phase (5.) alone")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is over")
    args = parser.parse_args(argv)
    if args.edits < 1 or args.open_files < 1:
        parser.error("--edits and --open-files must be at least 1")
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in MODES for m in modes):
        parser.error(f"--modes takes push, pull or both, not {args.modes!r}")

    command = [sys.executable, "-m", "wasmvet", "server"]
    print(
        f"wasmvet {wasmvet.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average (1 min) {os.getloadavg()[0]:.2f}"
    )
    print(f"server: {shlex.join(command)}; client: Neovim 0.7 capabilities, targets go-js")

    sizes: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="wasmvet-bench-lsp-") as tmp:
        root = Path(tmp).resolve()
        write_file(root / "go.mod", "module example.com/bench\n\ngo 1.24\n")
        try:
            busy = bench_busy(command, root, args.huge_lines, args.busy_samples, args.timeout)
            if args.only_busy:
                return print_busy(busy, args.check)
            for lines in P95_BUDGET_MS:
                for mode in modes:
                    sizes.append(bench_size(command, root, lines, args.edits, args.timeout, mode))
            memory = bench_memory(command, root, args.open_files, args.timeout, args.burst)
            workspace = bench_workspace(command, root, args.timeout)
            profile = profile_edit(root, 10_000, args.profile) if args.profile else ""
        except BenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

    over = False
    print()
    print(
        "didOpen -> first diagnostics, ms (cold: first document of a fresh server; pull: the "
        "answer to textDocument/diagnostic sent right after didOpen)"
    )
    print(f"{'lines':>7}{'mode':>6}{'cold':>9}{'warm':>9}{'findings':>10}  cold vs budget")
    for s in sizes:
        judged = ""
        if s.nominal in OPEN_BUDGET_MS:
            ok = s.cold_open_ms <= OPEN_BUDGET_MS[s.nominal]
            over |= not ok
            judged = f"  {OPEN_BUDGET_MS[s.nominal]:.0f} ms {verdict(ok)}"
        print(
            f"{s.lines:>7}{s.mode:>6}{s.cold_open_ms:>9.1f}{s.warm_open_ms:>9.1f}"
            f"{s.findings:>10}{judged}"
        )
    print()
    print(
        f"didChange -> diagnostics of that version, {args.edits} one-character edits, ms "
        "(p95 nearest-rank; server CPU: the server's user + system time per edit)"
    )
    print(
        f"{'lines':>7}{'mode':>6}{'p50':>8}{'p95':>8}{'max':>8}{'min':>8}{'CPU':>8}"
        f"{'budget':>9}  p95 vs budget"
    )
    for s in sizes:
        budget = P95_BUDGET_MS[s.nominal]
        ok = s.p95 <= budget
        over |= not ok
        print(
            f"{s.lines:>7}{s.mode:>6}{s.p50:>8.1f}{s.p95:>8.1f}{max(s.edits):>8.1f}"
            f"{min(s.edits):>8.1f}{s.cpu_per_edit_ms:>8.1f}{budget:>9.0f}  {verdict(ok)}"
        )
    print()
    m = memory
    how = "all at once (--burst)" if m.burst else "one after another"
    print(
        f"memory: {m.files} files ({m.lines} lines in {min(PACKAGES, m.files)} packages) opened "
        f"{how}; all diagnostics {m.open_all_s:.1f} s after the first didOpen, "
        f"{m.findings} findings"
    )
    print(f"  VmRSS after initialize   {m.baseline_rss:7.1f} MiB")
    if m.files == 200:
        rss_ok = m.rss <= RSS_BUDGET_MIB
        over |= not rss_ok
        judged = f"budget {RSS_BUDGET_MIB:.0f} MiB  {verdict(rss_ok)}"
    else:
        judged = f"(the {RSS_BUDGET_MIB:.0f} MiB budget is for 200 files: not judged)"
    print(f"  VmRSS with files open    {m.rss:7.1f} MiB  {judged}")
    print(f"  VmHWM (peak)             {m.hwm:7.1f} MiB")
    w = workspace
    print(
        f"workspace lint on start ({w.files} files, none open): {w.seconds:.1f} s from "
        f"initialized to the end of the progress ({w.message!r}); {w.published} files "
        f"reported; VmRSS after it {w.rss:.1f} MiB"
    )
    print(f"servers: {len(sizes) + 2}, each shut down with shutdown + exit, exit code 0")
    print(f"load average (1 min) after: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    if print_busy(busy, False):
        over = True
    if profile:
        print()
        print(profile)
    print()
    print("reproduce:", shlex.join([sys.executable, *sys.argv]))
    return 1 if args.check and over else 0


if __name__ == "__main__":
    raise SystemExit(main())
