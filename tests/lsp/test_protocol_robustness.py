"""Raw JSON-RPC over stdio: malformed input does not stop the server; shutdown/exit ends it
with status 0."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import IO, Any

import pytest


def frame(payload: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n%s" % (len(payload), payload)


def send(stdin: IO[bytes], message: dict[str, Any]) -> None:
    stdin.write(frame(json.dumps(message).encode()))
    stdin.flush()


def read_message(stdout: IO[bytes]) -> dict[str, Any]:
    length = 0
    while True:
        line = stdout.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    message: dict[str, Any] = json.loads(stdout.read(length))
    return message


def read_response(stdout: IO[bytes], request_id: int) -> dict[str, Any]:
    while True:
        message = read_message(stdout)
        if message.get("id") == request_id:
            return message


def test_malformed_messages_then_clean_shutdown() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "wasmvet", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(frame(b"{this is not json"))
        proc.stdin.flush()
        parse_error = read_message(proc.stdout)
        assert "id" in parse_error and parse_error["id"] is None, parse_error
        assert parse_error["error"]["code"] == -32700  # JSON-RPC's parse error
        send(
            proc.stdin,
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        )
        init = read_response(proc.stdout, 1)
        assert "capabilities" in init["result"]
        send(proc.stdin, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
        send(proc.stdin, {"jsonrpc": "2.0", "id": 2, "method": "wasmvet/unknown", "params": {}})
        assert read_response(proc.stdout, 2)["error"]["code"] == -32601
        send(
            proc.stdin,
            {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"bad": 1}},
        )
        assert "error" in read_response(proc.stdout, 3)
        send(proc.stdin, {"jsonrpc": "2.0", "id": 4, "method": "shutdown", "params": None})
        assert read_response(proc.stdout, 4)["result"] is None
        send(proc.stdin, {"jsonrpc": "2.0", "method": "exit"})
        assert proc.wait(timeout=20) == 0
        assert proc.stderr is not None
        log = proc.stderr.read().decode()
        assert "malformed message: Expecting property name" in log and "Traceback" not in log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize(
    ("body", "answer_id"),
    [
        (b"[1, 2]", None),  # JSON, but not an object
        (b'"text"', None),
        (b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover"}', 7),  # no params
        (b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/hover", "params": {}}', None),
        (
            b'{"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": %s}'
            % (b"[" * 50_000 + b"]" * 50_000),
            None,
        ),  # deeper than the JSON reader goes
        (b'{"jsonrpc": "2.0", "id": 9, "method": "textDocument/didOpen", "params": {}}', 9),
        (b'{"id": 10, "method": "textDocument/hover", "params": {}}', 10),  # no "jsonrpc"
    ],
)
def test_malformed_frame_is_one_line_and_an_error(body: bytes, answer_id: int | None) -> None:
    """Each malformed message: one line on stderr, a JSON-RPC error (with its id when it has
    a usable one, else a null id), and the server keeps serving."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "wasmvet", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        send(
            proc.stdin,
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        )
        read_response(proc.stdout, 1)
        proc.stdin.write(frame(body))
        proc.stdin.flush()
        error = read_message(proc.stdout)
        assert error.get("id") == answer_id and "error" in error, error
        send(proc.stdin, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        assert read_response(proc.stdout, 2)["result"] is None
        send(proc.stdin, {"jsonrpc": "2.0", "method": "exit"})
        assert proc.wait(timeout=20) == 0
        log = proc.stderr.read().decode().splitlines()
        assert len(log) == 1 and "Traceback" not in log[0], log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_frame_without_a_valid_header_loses_only_itself() -> None:
    """pygls's reader alone lost every later frame (each body ran into the next header)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "wasmvet", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        body = b'{"jsonrpc": "2.0", "id": 5, "method": "wasmvet/unknown", "params": {}}'
        proc.stdin.write(b"Content-Length: many\r\n\r\n" + body)
        for ident in (1, 2, 3):
            send(proc.stdin, {"jsonrpc": "2.0", "id": ident, "method": "wasmvet/unknown"})
        for ident in (1, 2, 3):
            assert read_response(proc.stdout, ident)["error"]["code"] == -32601
        send(proc.stdin, {"jsonrpc": "2.0", "id": 4, "method": "shutdown"})
        assert read_response(proc.stdout, 4)["result"] is None
        send(proc.stdin, {"jsonrpc": "2.0", "method": "exit"})
        assert proc.wait(timeout=20) == 0
        log = proc.stderr.read().decode()
        assert "malformed frame: 70 bytes without a valid header skipped" in log, log
        assert "Traceback" not in log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
