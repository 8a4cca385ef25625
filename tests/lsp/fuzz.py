"""Malformed and mutated JSON-RPC messages for the language server, from a seed.

Shared by the suite's seeded fuzz test (``test_fuzz.py``, a few hundred messages) and the
on-demand ``benchmarks/fuzz_lsp.py`` (10,000). Each message is raw bytes for the server's
stdin, a whole frame (``Content-Length`` header and body), and says whether it carries a
request id (then the server owes an answer: a result or a JSON-RPC error).
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import IO, Any

METHODS = (
    "textDocument/hover",
    "textDocument/codeAction",
    "textDocument/diagnostic",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeWorkspaceFolders",
    "$/cancelRequest",
    "$/setTrace",
    "wasmvet/unknown",
)
ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    2**64,
    1.5,
    "",
    "x" * 300,
    "\ud800",  # a lone surrogate
    [],
    {},
    [1, [2, [3]]],
    {"uri": 1},
    "file:///nonexistent/a.go",
)


@dataclass(frozen=True)
class Message:
    frame: bytes
    request_id: int | None  # an id the server must answer (a plain integer one)


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _valid(rng: random.Random, ident: int) -> dict[str, Any]:
    """A plausible message: an LSP method with params of roughly the right shape."""
    uri = rng.choice(["file:///tmp/fuzz/a.go", "file:///tmp/fuzz/b/b.go", "untitled:x"])
    position = {"line": rng.randint(-2, 50), "character": rng.randint(-2, 200)}
    params: dict[str, Any] = {
        "textDocument": {"uri": uri, "version": rng.randint(1, 9), "text": "package a\n"},
        "position": position,
        "range": {"start": position, "end": position},
        "context": {"diagnostics": []},
        "contentChanges": [{"text": "package a\nfunc f() { for {} }\n"}],
        "settings": {"wasmvet": {"targets": ["go-js"]}},
        "changes": [{"uri": uri, "type": 1}],
        "event": {"added": [], "removed": []},
        "id": ident,
        "value": "off",
    }
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": rng.choice(METHODS), "params": params}
    if rng.random() < 0.5:
        message["id"] = ident
    return message


def _mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """``value`` with one part replaced, dropped or retyped."""
    if isinstance(value, dict) and value and depth < 4:
        key = rng.choice(list(value))
        choice = rng.random()
        copy = dict(value)
        if choice < 0.3:
            del copy[key]
        elif choice < 0.6:
            copy[key] = rng.choice(ODD_VALUES)
        else:
            copy[key] = _mutate(rng, copy[key], depth + 1)
        return copy
    if isinstance(value, list) and value and depth < 4:
        copy_list = list(value)
        index = rng.randrange(len(copy_list))
        copy_list[index] = _mutate(rng, copy_list[index], depth + 1)
        return copy_list
    return rng.choice(ODD_VALUES)


def _body(rng: random.Random, ident: int) -> tuple[bytes, int | None]:
    """A malformed body, and the id the server owes an answer to (if any)."""
    kind = rng.randrange(10)
    if kind == 0:  # JSON, but not an object
        value = rng.choice([[], [1, 2], "text", 42, None, True, [{"jsonrpc": "2.0"}]])
        return json.dumps(value).encode(), None
    if kind == 1:  # not JSON at all, or cut short
        text = json.dumps(_valid(rng, ident)).encode()
        return text[: rng.randrange(1, len(text))], None
    if kind == 2:  # deep nesting
        depth = rng.choice([100, 1_000, 10_000, 100_000])
        body = b'{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":%s%s}' % (
            ident,
            b"[" * depth,
            b"]" * depth,
        )
        return body, ident if depth == 100 else None  # deeper: not parsed, so no id
    if kind == 3:  # an id that is not an integer or a string
        message = _valid(rng, ident)
        message["id"] = rng.choice([{}, {"a": 1}, [1], 1.5, True, None])
        return json.dumps(message).encode(), None
    if kind == 4:  # invalid bytes
        body = json.dumps(_valid(rng, ident)).encode()
        cut = rng.randrange(len(body))
        return body[:cut] + bytes([rng.randrange(128, 256)]) + body[cut:], None
    message = _mutate(rng, _valid(rng, ident))
    answered = ident if isinstance(message, dict) and message.get("id") == ident else None
    if not isinstance(message, dict) or not isinstance(message.get("method"), str):
        answered = None  # a "response" or no method: nothing to answer
    return json.dumps(message).encode(), answered


def _bad_frame(rng: random.Random) -> bytes:
    """A frame whose header is wrong or missing: lost, but the frames after it are not."""
    body = b'{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}'
    return rng.choice(
        [
            b"Content-Length: abc\r\n\r\n" + body,
            b"Content-Type: application/json\r\n\r\n" + body,
            b"Content-Length: -5\r\n\r\n" + body,
            b"\r\n\r\n",
            b"garbage line\r\n" + frame(body),
        ]
    )


def messages(seed: int, count: int, start_id: int = 1000) -> list[Message]:
    """``count`` malformed or mutated messages, the same for the same seed."""
    rng = random.Random(seed)
    found: list[Message] = []
    for i in range(count):
        ident = start_id + i
        if rng.random() < 0.03:
            found.append(Message(_bad_frame(rng), None))
            continue
        body, answered = _body(rng, ident)
        found.append(Message(frame(body), answered))
    return found


@dataclass
class Outcome:
    """What the server did with the messages."""

    sent: int
    owed: int  # messages with an id the server had to answer
    unanswered: list[int]  # ids among those that got no answer
    exit_code: int | None  # after shutdown + exit; None if it did not exit in time
    alive_after: bool  # it answered a well-formed request after the messages
    stderr: str
    seconds: float

    @property
    def tracebacks(self) -> int:
        return self.stderr.count("Traceback")

    @property
    def stderr_lines(self) -> int:
        return len(self.stderr.splitlines())


class _Reader:
    """Reads the server's frames in a thread and keeps the ids of its responses."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.ids: set[int] = set()
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while True:
            length = -1
            while True:
                line = self._stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            message = json.loads(self._stream.read(length))
            ident = message.get("id") if isinstance(message, dict) else None
            if "method" not in message and isinstance(ident, int):
                with self.changed:
                    self.ids.add(ident)
                    self.changed.notify_all()

    def wait(self, ids: set[int], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not ids <= self.ids:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.changed.wait(left)
        return True


def run(batch: list[Message], command: list[str], timeout: float = 30.0) -> Outcome:
    """Start the server, initialize it, send ``batch``, then ask something well-formed,
    shut it down and collect what it wrote to stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
        )
        assert process.stdin is not None and process.stdout is not None
        reader = _Reader(process.stdout)

        def send(message: dict[str, Any]) -> None:
            assert process.stdin is not None
            process.stdin.write(frame(json.dumps(message).encode()))
            process.stdin.flush()

        try:
            send(
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
            )
            reader.wait({1}, timeout)
            send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
            for message in batch:
                process.stdin.write(message.frame)
            process.stdin.flush()
            owed = {m.request_id for m in batch if m.request_id is not None}
            reader.wait(owed, timeout)
            unanswered = sorted(owed - reader.ids)
            send({"jsonrpc": "2.0", "id": 2, "method": "wasmvet/unknown", "params": {}})
            alive = reader.wait({2}, timeout)
            send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
            reader.wait({3}, timeout)
            send({"jsonrpc": "2.0", "method": "exit"})
            process.stdin.close()
            try:
                code: int | None = process.wait(timeout)
            except subprocess.TimeoutExpired:
                code = None
        except OSError:  # the server is gone
            alive, unanswered, owed, code = False, [], set(), process.poll()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        stderr.seek(0)
        log = stderr.read().decode("utf-8", "replace")
    return Outcome(
        len(batch), len(owed), unanswered, code, alive, log, time.perf_counter() - started
    )
