"""Oracle harness: build Go programs for wasm and run them for real.

Each lint rule's claim ("this hangs on wasip1", "this deadlocks on js/wasm", ...) is backed
by case files under ``tests/oracle/cases/<RULE>/``, or case directories there: a
``package main`` of several files (whose names, such as ``_js.go``, keep their meaning) with
the header in ``main.go`` and no ``// oracle`` lines in the other files. This module builds
those programs with the real Go toolchain, runs them (Node for js/wasm, wasmtime for
wasip1/wasm, the host for ``native``) and classifies what happened.

Case-file format (header comment lines, anywhere before the ``package`` clause)::

    // oracle go-js: hang
    // oracle go-js@browser: waits
    // oracle go-wasip1@bare: output "Bad file number"
    // oracle go-wasip1: deadlock
    // oracle native: ok
    // oracle go-wasip1: exit 3
    // oracle go-js: output "exec: \\"ls\\": executable file not found in $PATH"
    // oracle go-js: compile-error "undefined: syscall.Mmap"
    // oracle-preopen
    // oracle-misbehaves go-js: the callback never runs (see main_blocks_good.go)
    // oracle-fixed go-js: exit 3

Targets run on one host each: ``go-js`` under Node.js, ``go-js@browser`` in headless
Chromium (``run_browser.py``), ``go-wasip1`` under wasmtime with the caller's environment
(and ``oracle-preopen``'s directory), ``go-wasip1@bare`` under wasmtime granting nothing (no
preopen, no environment: a plugin host), ``go-wasip1@go-script`` with the defaults of Go's
``go_wasip1_wasm_exec`` (``/`` preopened, ``PWD`` and ``PATH`` passed), ``go-wasip1@scratch``
with a fresh empty directory mounted as ``/`` (``wasmtime run --dir SCRATCH::/``: the
program's own files work, the host's /etc and /tmp are not there) and only ``SCRATCH_ENV``.

``ok`` means exit status 0; ``hang`` means still running after the timeout; ``waits``
(``go-js@browser`` only) means the page went idle with the program still running, waiting
for events, as a page lives on; ``deadlock``
means the Go runtime printed ``all goroutines are asleep - deadlock!``; ``exit N`` means a
non-zero exit status N (not a deadlock); ``output "..."`` means stdout+stderr contain the
text and the program exited (any status); ``compile-error "..."`` means ``go build`` fails
and its output contains the text. Quoted text uses JSON string escapes (``\\"``, ``\\\\``,
``\\n``). ``oracle-preopen`` gives the wasip1 guest a fresh temporary directory as ``/``
(js and native programs run with that directory as their working directory).
``oracle-misbehaves <target>: why`` marks a program that runs to completion but does the
wrong thing there (its paired ``_good`` case shows the difference); the linter must flag it.
``oracle-fixed <target>: ...`` (same grammar, no ``compile-error``) says what the program does
once wasmvet's fixes are applied; ``tests/oracle/test_fixes_oracle.py`` checks it and requires
it wherever a fix is offered on a target where the program fails.
Trailing ``// want "WVnnn"`` annotations are for the linter's fixture tests and are ignored here.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import itertools
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import run_browser

__all__ = [
    "CASES_DIR",
    "DEADLOCK_MARKER",
    "DEFAULT_TIMEOUT",
    "HOSTS",
    "SCRATCH_ENV",
    "TARGETS",
    "BuildFailed",
    "CaseFormatError",
    "ExpectKind",
    "Expectation",
    "Outcome",
    "OutcomeKind",
    "ToolMissing",
    "build",
    "build_error",
    "build_files",
    "build_target",
    "cache_dir",
    "case_files",
    "check",
    "discover_cases",
    "find_go",
    "find_node",
    "fixed_expectations",
    "go_version",
    "goroot",
    "missing_tool",
    "parse_expectations",
    "run",
]

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
WASIP1_RUNNER = HERE / "run_wasip1.py"

DEADLOCK_MARKER = "all goroutines are asleep - deadlock!"

# Instantiating a ~2.5 MB Go module under wasmtime takes ~1.8 s without the compile cache,
# so hang detection needs a generous margin. Override with $WASMVET_ORACLE_TIMEOUT.
DEFAULT_TIMEOUT = 6.0
BUILD_TIMEOUT = 300.0

GO_MOD = "module oracle\n\ngo 1.24\n"
# Bump when the way binaries are produced changes, to invalidate old cache entries.
_CACHE_SCHEMA = "wasmvet-oracle-1"


def _host_platform() -> tuple[str, str]:
    system = platform.system().lower()
    goos = {"windows": "windows", "darwin": "darwin"}.get(system, system)
    machine = platform.machine().lower()
    goarch = {
        "x86_64": "amd64",
        "amd64": "amd64",
        "aarch64": "arm64",
        "arm64": "arm64",
        "i386": "386",
        "i686": "386",
        "x86": "386",
        "armv6l": "arm",
        "armv7l": "arm",
    }.get(machine, machine)
    return goos, goarch


#: Targets that run a build of another target on a different host: name → (build target, host).
HOSTS: dict[str, tuple[str, str]] = {
    "go-js@browser": ("go-js", "browser"),
    "go-wasip1@bare": ("go-wasip1", "bare"),
    "go-wasip1@go-script": ("go-wasip1", "go-script"),
    "go-wasip1@scratch": ("go-wasip1", "scratch"),
}

#: The whole environment of the ``go-wasip1@scratch`` host (fixed, so outcomes do not depend
#: on who runs them): a working directory at the guest's root, a search path and a home.
SCRATCH_ENV = {"PWD": "/", "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/home/user"}

TARGETS: dict[str, tuple[str, str]] = {
    "go-js": ("js", "wasm"),
    "go-wasip1": ("wasip1", "wasm"),
    "native": _host_platform(),
    # A port with a 32-bit int, built only: standard Go's stand-in for TinyGo's type checks
    # (TinyGo's wasm targets have a 32-bit int; TinyGo itself cannot be installed here).
    "linux-386": ("linux", "386"),
}

OutcomeKind = Literal["ok", "hang", "deadlock", "exit", "waits"]
ExpectKind = Literal["ok", "hang", "deadlock", "exit", "waits", "output", "compile-error"]


class ToolMissing(RuntimeError):
    """A tool the harness needs (go, node, the wasmtime package) is not installed."""


class BuildFailed(RuntimeError):
    """``go build`` failed; ``stderr`` holds the compiler output."""

    def __init__(self, stderr: str) -> None:
        super().__init__(stderr)
        self.stderr = stderr


class CaseFormatError(ValueError):
    """A case file has a malformed or contradictory ``// oracle`` line."""


# --------------------------------------------------------------------------- tools


@functools.cache
def find_go() -> str:
    """The ``go`` command: first on $PATH, then next to the running Python (a venv)."""
    found = shutil.which("go")
    if found:
        return found
    exe_name = "go.exe" if os.name == "nt" else "go"
    beside = Path(sys.executable).parent / exe_name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    raise ToolMissing("the go command was not found on $PATH or next to sys.executable")


@functools.cache
def find_node() -> str:
    found = shutil.which("node")
    if found:
        return found
    raise ToolMissing("the node command (needed for GOOS=js) was not found on $PATH")


def _go_env(name: str) -> str:
    proc = subprocess.run(
        [find_go(), "env", name],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GOTOOLCHAIN": "local"},
    )
    return proc.stdout.strip()


@functools.cache
def goroot() -> Path:
    return Path(_go_env("GOROOT"))


@functools.cache
def go_version() -> str:
    return _go_env("GOVERSION")


def build_target(target: str) -> str:
    """The target whose build ``target`` runs (``go-js`` for ``go-js@browser``)."""
    return HOSTS[target][0] if target in HOSTS else target


def missing_tool(target: str) -> str | None:
    """Why ``target`` cannot be built and run here, or None if it can."""
    _check_target(target)
    if target == "go-js@browser" and run_browser.find_chromium() is None:
        return "chromium (needed for go-js@browser) is not installed"
    target = build_target(target)
    try:
        find_go()
        if target == "go-js":
            find_node()
            if not (goroot() / "lib" / "wasm" / "wasm_exec_node.js").is_file():
                return f"wasm_exec_node.js is missing from {goroot() / 'lib' / 'wasm'}"
    except ToolMissing as err:
        return str(err)
    if target == "go-wasip1" and importlib.util.find_spec("wasmtime") is None:
        return "the wasmtime Python package (needed for GOOS=wasip1) is not installed"
    return None


def _check_target(target: str) -> None:
    if target not in TARGETS and target not in HOSTS:
        known = sorted([*TARGETS, *HOSTS])
        raise ValueError(f"unknown target {target!r}; expected one of {known}")


# --------------------------------------------------------------------------- build


def cache_dir() -> Path:
    """Where built binaries are kept: $WASMVET_ORACLE_CACHE or ~/.cache/wasmvet-oracle."""
    configured = os.environ.get("WASMVET_ORACLE_CACHE")
    path = Path(configured) if configured else Path.home() / ".cache" / "wasmvet-oracle"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _binary_suffix(target: str) -> str:
    goos, goarch = TARGETS[target]
    if goarch == "wasm":
        return ".wasm"
    return ".exe" if goos == "windows" else ""


def _cache_key(source: bytes, target: str) -> str:
    goos, goarch = TARGETS[target]
    digest = hashlib.sha256()
    for part in (_CACHE_SCHEMA.encode(), source, f"{target}/{goos}/{goarch}".encode()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    digest.update(go_version().encode())
    return digest.hexdigest()


def _go_build(files: dict[str, bytes], target: str, workdir: Path) -> tuple[Path | None, str]:
    """Build ``files`` (name -> bytes) in a fresh module under ``workdir``; (binary or None,
    stderr)."""
    goos, goarch = TARGETS[target]
    workdir.mkdir(parents=True, exist_ok=True)
    moddir = Path(tempfile.mkdtemp(prefix=f"oracle-{target}-", dir=workdir))
    for name, source in files.items():
        (moddir / name).write_bytes(source)
    (moddir / "go.mod").write_text(GO_MOD)
    out = moddir / f"x{_binary_suffix(target)}"
    env = {
        **os.environ,
        "GOOS": goos,
        "GOARCH": goarch,
        "CGO_ENABLED": "0",
        "GOTOOLCHAIN": "local",
        "GOFLAGS": "-mod=mod",
        "GOWORK": "off",
    }
    proc = subprocess.run(
        [find_go(), "build", "-o", out.name, "."],
        cwd=moddir,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    if proc.returncode != 0:
        return None, proc.stderr + proc.stdout
    return out, proc.stderr


def build(source_file: Path, target: str, workdir: Path) -> Path:
    target = build_target(target)
    return _build(source_file, target, workdir)


def _build(source_file: Path, target: str, workdir: Path) -> Path:
    """Build the ``package main`` program of a case file or directory for ``target``; the
    binary's path.

    Binaries are cached by sha256 of (source bytes, target, go version), so the returned
    path usually points into :func:`cache_dir`. Failures are not cached. Raises
    :class:`BuildFailed` with the compiler output if the program does not build.
    """
    if Path(source_file).is_dir():
        files = {p.name: p.read_bytes() for p in case_files(Path(source_file))}
        return build_files(files, target, workdir)
    # Always main.go: the case's own name could carry a build-constraint suffix (_js.go).
    return build_files({"main.go": Path(source_file).read_bytes()}, target, workdir)


def build_files(files: dict[str, bytes], target: str, workdir: Path) -> Path:
    """Build a ``package main`` of several files (name -> bytes), cached like :func:`build`
    (whose key, for a lone ``main.go``, is its bytes)."""
    _check_target(target)
    if list(files) == ["main.go"]:
        identity = files["main.go"]
    else:
        identity = b"".join(
            len(n).to_bytes(8, "big") + n.encode() + len(d).to_bytes(8, "big") + d
            for n, d in sorted(files.items())
        )
    cached = cache_dir() / f"{_cache_key(identity, target)}{_binary_suffix(target)}"
    if cached.is_file():
        return cached
    binary, stderr = _go_build(files, target, workdir)
    if binary is None:
        raise BuildFailed(stderr)
    # Publish atomically: parallel workers may build the same program at once.
    tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    shutil.copyfile(binary, tmp)
    tmp.chmod(0o755)
    os.replace(tmp, cached)
    return cached


def build_error(source_file: Path, target: str, workdir: Path | None = None) -> str | None:
    """The compiler output if ``source_file`` fails to build for ``target``, else None."""
    if workdir is not None:
        try:
            build(source_file, target, workdir)
        except BuildFailed as err:
            return err.stderr
        return None
    with tempfile.TemporaryDirectory(prefix="wasmvet-oracle-") as tmp:
        return build_error(source_file, target, Path(tmp))


# --------------------------------------------------------------------------- run


@dataclass(frozen=True)
class Outcome:
    kind: OutcomeKind
    returncode: int | None  # None when the program was killed for hanging
    stdout: str
    stderr: str
    elapsed: float = field(default=0.0, compare=False)

    def describe(self) -> str:
        status = "hang" if self.kind == "hang" else f"{self.kind} (status {self.returncode})"
        return (
            f"{status} after {self.elapsed:.2f}s\n"
            f"--- stdout ---\n{_clip(self.stdout)}\n--- stderr ---\n{_clip(self.stderr)}"
        )


def _clip(text: str, limit: int = 4000) -> str:
    return text if len(text) <= limit else text[:limit] + f"\n... ({len(text) - limit} more)"


def _command(binary: Path, target: str, preopen: Path | None) -> list[str]:
    if target == "go-js":
        # argv[0] is "node", as $GOROOT/lib/wasm/go_js_wasm_exec runs it: net/http then uses
        # the in-process network under Node.js instead of fetch (roundtrip_js.go checks argv0).
        return ["node", str(goroot() / "lib" / "wasm" / "wasm_exec_node.js"), str(binary)]
    if target == "go-wasip1":
        cmd = [sys.executable, str(WASIP1_RUNNER)]
        if preopen is not None:
            cmd += ["--preopen", str(preopen)]
        return [*cmd, str(binary)]
    if target == "go-wasip1@bare":
        return [sys.executable, str(WASIP1_RUNNER), "--no-inherit-env", str(binary)]
    if target == "go-wasip1@scratch":
        # The run's working directory (preopen, else a fresh empty one) is the guest's /.
        env = [part for k, v in SCRATCH_ENV.items() for part in ("--env", f"{k}={v}")]
        return [
            sys.executable,
            str(WASIP1_RUNNER),
            "--no-inherit-env",
            "--dir",
            "{pwd}::/",
            *env,
            str(binary),
        ]
    if target == "go-wasip1@go-script":
        # $GOROOT/lib/wasm/go_wasip1_wasm_exec: wasmtime run --dir=/ --env PWD --env PATH;
        # PWD is the run's working directory (set in run()).
        env = ["--env", "PWD={pwd}", "--env", f"PATH={os.environ.get('PATH', '')}"]
        return [
            sys.executable,
            str(WASIP1_RUNNER),
            "--no-inherit-env",
            "--dir",
            "/::/",
            *env,
            str(binary),
        ]
    return [str(binary)]


def _precompile(wasm: Path) -> None:
    """Fill wasmtime's compile cache first, so the timed run measures the program only
    (compiling a 10 MB module can take longer than the hang timeout on a busy machine)."""
    subprocess.run(
        [sys.executable, str(WASIP1_RUNNER), "--compile-only", str(wasm)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=300,
        check=False,
    )


def _default_timeout() -> float:
    configured = os.environ.get("WASMVET_ORACLE_TIMEOUT")
    return float(configured) if configured else DEFAULT_TIMEOUT


def run(
    wasm: Path, target: str, timeout: float | None = None, *, preopen: Path | None = None
) -> Outcome:
    """Run a binary built by :func:`build` for ``target`` and classify the result.

    ``timeout`` (seconds, default :data:`DEFAULT_TIMEOUT` or $WASMVET_ORACLE_TIMEOUT) covers
    the whole process, including engine start-up. On timeout the process group is killed
    and the outcome is ``hang``. ``preopen`` is mounted as ``/`` for wasip1 and is the
    working directory for the other targets.
    """
    _check_target(target)
    limit = _default_timeout() if timeout is None else timeout
    if target == "go-js@browser":
        return _run_browser(Path(wasm), limit)
    cmd = _command(Path(wasm).resolve(), target, preopen)
    if build_target(target) == "go-wasip1":
        _precompile(Path(wasm))
    with tempfile.TemporaryDirectory(prefix="wasmvet-run-") as scratch:
        # A program that writes relative paths must never write into the caller's cwd.
        workdir = preopen if preopen is not None and target != "go-wasip1" else Path(scratch)
        cmd = [part.replace("{pwd}", str(workdir)) for part in cmd]
        return _run_in(cmd, target, limit, workdir)


def _run_browser(wasm: Path, limit: float) -> Outcome:
    """Run a js/wasm binary in headless Chromium (a browser start costs about 2 s more)."""
    started = time.monotonic()
    page = run_browser.run_page(wasm, goroot() / "lib" / "wasm" / "wasm_exec.js", limit + 4)
    elapsed = time.monotonic() - started
    if page.state == "hang":
        return Outcome("hang", None, page.console, page.browser_log, elapsed)
    if page.state == "running":
        return Outcome("waits", None, page.console, "", elapsed)
    code = int(page.state.removeprefix("exit "))
    kind: OutcomeKind = (
        "deadlock" if DEADLOCK_MARKER in page.console else "ok" if not code else "exit"
    )
    # wasm_exec.js writes stdout and stderr alike to the console.
    return Outcome(kind, code, page.console, "", elapsed)


def _run_in(cmd: list[str], target: str, limit: float, workdir: Path) -> Outcome:
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        executable=find_node() if target == "go-js" else None,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workdir,
        start_new_session=True,  # own process group, so a hang can be killed as a whole
    )
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        return Outcome("hang", None, _text(out), _text(err), time.monotonic() - started)
    elapsed = time.monotonic() - started
    stdout, stderr = _text(out), _text(err)
    kind: OutcomeKind
    if DEADLOCK_MARKER in stderr:
        kind = "deadlock"
    elif proc.returncode == 0:
        kind = "ok"
    else:
        kind = "exit"
    return Outcome(kind, proc.returncode, stdout, stderr, elapsed)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
            return
        except ProcessLookupError:
            return
        except PermissionError:
            pass
    proc.kill()


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- case files


@dataclass(frozen=True)
class Expectation:
    """One ``// oracle <target>: ...`` line of a case file."""

    path: Path
    line: int
    target: str
    kind: ExpectKind
    code: int | None = None  # for "exit"
    text: str | None = None  # for "output" and "compile-error"
    preopen: bool = False  # the file has "// oracle-preopen"
    misbehaves: bool = False  # "// oracle-misbehaves <target>: why": runs, but wrongly
    fixed: bool = False  # "// oracle-fixed <target>: ...": what the program does once fixed

    @property
    def rule(self) -> str:
        return self.path.parent.name

    @property
    def test_id(self) -> str:
        detail = f"-{self.code}" if self.code is not None else ""
        return f"{self.rule}/{self.path.stem}[{self.target}:{self.kind}{detail}]"

    def describe(self) -> str:
        if self.kind == "exit":
            return f"exit {self.code}"
        if self.text is not None:
            return f"{self.kind} {json.dumps(self.text)}"
        return self.kind


_DIRECTIVE = re.compile(r"^\s*//\s*oracle\b")
_PREOPEN = re.compile(r"^//\s?oracle-preopen\s*$")
_MISBEHAVES = re.compile(r"^//\s?oracle-misbehaves (?P<target>[A-Za-z0-9_@-]+):\s*\S.*$")
_EXPECT_LINE = re.compile(
    r"^//\s?oracle(?P<fixed>-fixed)? (?P<target>[A-Za-z0-9_@-]+):[ \t]*(?P<body>.*?)\s*$"
)
_QUOTED = re.compile(r'^(?P<kind>output|compile-error)\s+(?P<quoted>".*")$')
_EXIT = re.compile(r"^exit\s+(?P<code>\d+)$")
_PACKAGE = re.compile(r"^package\s")
_SIMPLE_KINDS: dict[str, ExpectKind] = {
    "ok": "ok",
    "hang": "hang",
    "deadlock": "deadlock",
    "waits": "waits",
}
_STATE_KINDS = ("ok", "hang", "deadlock", "exit", "waits")

_SYNTAX_HELP = (
    'expected "// oracle <target>: ok|hang|deadlock|exit N|output "TEXT"|'
    'compile-error "TEXT"", "// oracle-fixed <target>: ..." or "// oracle-preopen"'
)


def parse_expectations(path: Path) -> list[Expectation]:
    """Read the ``// oracle`` header of a case file (without ``oracle-fixed`` lines).

    Raises :class:`CaseFormatError` (with file and line) for a malformed directive, a
    directive after the ``package`` clause, contradictory expectations for one target, or
    a file with no expectations at all.
    """
    return [e for e in _parse_header(Path(path)) if not e.fixed]


def fixed_expectations(path: Path) -> list[Expectation]:
    """The ``// oracle-fixed <target>: ...`` lines of a case file: what the program does
    once wasmvet's fixes are applied (same grammar as ``// oracle``, no compile-error)."""
    return [e for e in _parse_header(Path(path)) if e.fixed]


def _parse_header(path: Path) -> list[Expectation]:
    if path.is_dir():
        others = [p for p in case_files(path) if p.name != "main.go"]
        if not (path / "main.go").is_file() or not others:
            raise CaseFormatError(f"{path}: a case directory holds main.go and other .go files")
        for other in others:
            if any(_DIRECTIVE.match(line) for line in other.read_text("utf-8").splitlines()):
                raise CaseFormatError(f"{other}: // oracle lines belong in main.go")
    lines = (path / "main.go" if path.is_dir() else path).read_text("utf-8").splitlines()
    raw: list[tuple[int, str, ExpectKind, int | None, str | None, bool]] = []
    preopen = False
    misbehaving: set[str] = set()
    seen_package = False

    def fail(lineno: int, message: str) -> CaseFormatError:
        return CaseFormatError(f"{path}:{lineno}: {message}\n    {lines[lineno - 1].strip()}")

    for lineno, line in enumerate(lines, start=1):
        if _PACKAGE.match(line):
            seen_package = True
            continue
        if not _DIRECTIVE.match(line):
            continue
        if seen_package:
            raise fail(lineno, "oracle directives must come before the package clause")
        stripped = line.strip()
        if _PREOPEN.match(stripped):
            preopen = True
            continue
        if mb := _MISBEHAVES.match(stripped):
            misbehaving.add(mb["target"])
            continue
        m = _EXPECT_LINE.match(stripped)
        if m is None:
            raise fail(lineno, _SYNTAX_HELP)
        target, body, fixed = m["target"], m["body"], m["fixed"] is not None
        if target not in TARGETS and target not in HOSTS:
            known = sorted([*TARGETS, *HOSTS])
            raise fail(lineno, f"unknown target {target!r}; known targets: {known}")
        if body == "waits" and target != "go-js@browser":
            raise fail(lineno, "waits is for go-js@browser (a page that lives on)")
        if body in _SIMPLE_KINDS:
            raw.append((lineno, target, _SIMPLE_KINDS[body], None, None, fixed))
            continue
        if em := _EXIT.match(body):
            code = int(em["code"])
            if code == 0:
                raise fail(lineno, 'use "ok" for exit status 0')
            raw.append((lineno, target, "exit", code, None, fixed))
            continue
        if qm := _QUOTED.match(body):
            try:
                text = json.loads(qm["quoted"])
            except json.JSONDecodeError as err:
                raise fail(lineno, f"bad quoted text ({err.msg}); use JSON escapes") from None
            if not isinstance(text, str) or not text:
                raise fail(lineno, "the quoted text must be a non-empty string")
            kind: ExpectKind = "output" if qm["kind"] == "output" else "compile-error"
            if fixed and kind == "compile-error":
                raise fail(lineno, "a fixed program must build; compile-error is not allowed")
            raw.append((lineno, target, kind, None, text, fixed))
            continue
        raise fail(lineno, f"unknown expectation {body!r}; {_SYNTAX_HELP}")

    if not any(not r[5] for r in raw):
        raise CaseFormatError(f"{path}: no '// oracle <target>: ...' lines before package")
    if not seen_package:
        raise CaseFormatError(f"{path}: no package clause")

    for target, fixed in itertools.product([*TARGETS, *HOSTS], (False, True)):
        mine = [r for r in raw if r[1] == target and r[5] == fixed]
        states = [r for r in mine if r[2] in _STATE_KINDS]
        if len(states) > 1:
            raise fail(states[1][0], f"more than one ok/hang/deadlock/exit line for {target}")
        if any(r[2] == "compile-error" for r in mine) and any(
            r[2] != "compile-error" for r in mine
        ):
            raise fail(
                mine[-1][0], f"compile-error cannot be combined with run results for {target}"
            )
        if states and states[0][2] in ("hang", "waits") and any(r[2] == "output" for r in mine):
            raise fail(mine[-1][0], f'"output" requires the program to exit; {target} is a hang')

    return [
        Expectation(
            path,
            lineno,
            target,
            kind,
            code,
            text,
            preopen,
            target in misbehaving and not fixed,
            fixed,
        )
        for lineno, target, kind, code, text, fixed in raw
    ]


def discover_cases(root: Path = CASES_DIR) -> list[Path]:
    """Every case under ``root``: files ``<RULE>/<name>.go`` and directories
    ``<RULE>/<name>/``, sorted."""
    found = [p for p in Path(root).glob("*/*.go") if p.is_file()]
    found += [p for p in Path(root).glob("*/*") if p.is_dir()]
    return sorted(found)


def case_files(case: Path) -> list[Path]:
    """The Go files of a case: the file itself, or a case directory's ``*.go`` files."""
    return sorted(case.glob("*.go")) if case.is_dir() else [case]


def check(expectation: Expectation, outcome: Outcome) -> str | None:
    """None if ``outcome`` satisfies a run expectation, else a description of the mismatch."""
    kind = expectation.kind
    if kind == "compile-error":
        raise ValueError("compile-error expectations are checked with build_error()")
    if kind == "output":
        assert expectation.text is not None
        if outcome.kind == "hang":
            ok = False
        else:
            ok = expectation.text in outcome.stdout + outcome.stderr
    elif kind == "exit":
        ok = outcome.kind == "exit" and outcome.returncode == expectation.code
    else:
        ok = outcome.kind == kind
    if ok:
        return None
    return (
        f"{expectation.path.name} on {expectation.target}: expected {expectation.describe()}, "
        f"got {outcome.describe()}"
    )
