"""Host profiles: where a wasm program runs.

The same binary behaves differently on different hosts: js/wasm in a browser or under
Node.js, wasip1 under a WASI host that preopens some directories and passes some environment
variables (or none). A ``HostProfile`` says what is known; the runtime model's host
conditions (``runtime_model/model.py``'s ``HostCondition``) are judged against it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from wasmvet.diagnostics import Severity

JS_HOSTS = ("browser", "node", "any")
JS_HOST_NAMES = {"browser": "a browser", "node": "Node.js"}
NO_SIGN = "no browser or Node.js global is used"


class UnknownHost(ValueError):
    """A host name that is not one of ``JS_HOSTS``."""


def check_js_host(value: object, where: str = "--js-host") -> str:
    """``value`` when it is a js host name; UnknownHost naming it otherwise."""
    if isinstance(value, str) and value in JS_HOSTS:
        return value
    raise UnknownHost(f'{where}: unknown js host {value!r} (expected "browser", "node" or "any")')


@dataclass(frozen=True)
class Preopen:
    """One directory a WASI host preopens: ``guest``, the absolute path the guest sees it at,
    and ``host``, the host directory behind it (None: the host's own directory at ``guest``)."""

    guest: str
    host: str | None = None

    @property
    def shows_host_files(self) -> bool:
        """Whether the guest sees the host's own files there (its /etc/passwd, /etc/hosts,
        /tmp): only when the host directory is the guest path itself (``--dir=/``); a
        different host directory (``--dir=./scratch::/``) holds only what the user put in."""
        return self.host is None or posixpath.normpath(self.host) == self.guest


def parse_preopen(text: str) -> Preopen:
    """A ``wasi-dirs`` entry: a guest path the host preopens as itself (``"/"``) or
    wasmtime's ``HOST::GUEST`` (``"./scratch::/"``); ValueError saying what is wrong."""
    host: str | None = None
    guest = text
    if "::" in text:
        host, _, guest = text.partition("::")
        if not host or not guest or "::" in guest:
            raise ValueError(f"{text!r}: expected HOST::GUEST (two non-empty paths)")
    if not guest.startswith("/"):
        raise ValueError(
            f'{text!r}: expected an absolute guest path such as "/" or HOST::GUEST '
            'such as "./data::/data"'
        )
    return Preopen(posixpath.normpath(guest).replace("//", "/"), host)


def check_wasi_grants(
    dirs: tuple[str, ...] | None, env: tuple[str, ...] | None, where: tuple[str, str]
) -> None:
    """ValueError naming ``where`` (the two settings' names) for a bad preopen or variable."""
    for value in dirs or ():
        try:
            parse_preopen(value)
        except ValueError as exc:
            raise ValueError(f"{where[0]}: {exc}") from exc
    for name in env or ():
        if not name or "=" in name:
            raise ValueError(f"{where[1]}: {name!r}: expected a variable name such as HOME")


@dataclass(frozen=True)
class HostProfile:
    """What is known of the hosts a package runs on.

    ``js``: ``browser``, ``node`` or ``any`` (None: infer it from the code). ``wasi_dirs``:
    the directories a WASI host preopens (``parse_preopen``'s forms), ``wasi_env``: the
    environment variables it passes (None: not known).
    """

    js: str | None = None
    wasi_dirs: tuple[str, ...] | None = None
    wasi_env: tuple[str, ...] | None = None
    js_reason: str = ""
    """Why ``js`` is what it is, for summaries: ``configured`` or the inference's evidence."""
    wasm_evident: bool = True
    """False when nothing in the package says it is built for wasm (its targets are only the
    default): a failure on some js hosts is then a note, since it may never run on any."""

    def covers(self, path: str, host_file: bool = False) -> bool | None:
        """Whether a preopened directory holds the absolute ``path`` (None: not known). With
        ``host_file`` the path names a file of the host system (``/etc/passwd``), which is
        there only when the preopen that holds the path shows the host's own directory."""
        if self.wasi_dirs is None:
            return None
        holding = [p for p in map(parse_preopen, self.wasi_dirs) if _below(path, p.guest)]
        if not holding:
            return False
        # Go resolves a path in the preopen with the longest matching guest path.
        deepest = max(holding, key=lambda p: len(p.guest))
        return deepest.shows_host_files or not host_file

    def passes(self, name: str) -> bool | None:
        """Whether the WASI host passes environment variable ``name`` (None: not known)."""
        return None if self.wasi_env is None else name in self.wasi_env


def _below(path: str, directory: str) -> bool:
    directory = "/" + directory.strip("/")
    return directory == "/" or path == directory or path.startswith(directory + "/")


# --- host conditions of the runtime model's claims ---------------------------------------


ANY_JS_HOST = HostProfile(js="any")


@dataclass(frozen=True)
class HostCondition:
    """On which hosts a claim of the runtime model holds (the defaults: on every host).

    ``js_hosts``: the js hosts where it holds (``node``, ``browser``). ``unless_preopened``
    (a guest path, ``{path}`` for the call's path argument, or ``{path|/tmp}`` for one
    whose empty value means ``/tmp``) and ``unless_env``: a WASI
    host avoids the failure by preopening a directory that holds the path, or by passing
    every one of these environment variables.
    """

    js_hosts: frozenset[str] = frozenset()
    unless_preopened: str | None = None
    unless_env: tuple[str, ...] = ()
    note_on_any: bool = False
    """When the js host is ``any`` (not configured, nothing inferred), report a note instead
    of a warning: the claim is about one host and nothing says the code runs there
    (``any-host = "note"`` in the model)."""
    only_for_names: frozenset[str] = frozenset()
    """When set, the condition holds only for calls whose argument names one of these hosts
    (``localhost``, which every /etc/hosts lists); with other names the claim holds on
    every host."""

    def applies_to(self, argument: str | None) -> bool:
        """Whether the condition covers a call with this literal argument."""
        if not self.only_for_names:
            return True
        return argument is not None and host_part(argument) in self.only_for_names


def host_part(address: str) -> str:
    """The host of ``host:port`` or of a bare host name (brackets removed)."""
    host = address.rsplit(":", 1)[0] if address.count(":") == 1 or "]:" in address else address
    return host.strip("[]")


EVERY_HOST = HostCondition()
"""The condition of a claim that holds on every host."""


@dataclass(frozen=True)
class WasiDefaults:
    """What a common WASI host grants when nobody asks (``go_wasip1_wasm_exec``)."""

    name: str
    dirs: tuple[str, ...]
    env: tuple[str, ...]
    system_paths: tuple[str, ...] = ()
    """Files and directories of the host system itself (``/etc/hosts``, ``/proc``): a
    literal path at or under one is a host file, not the program's."""

    def describe(self) -> str:
        """``go_wasip1_wasm_exec preopens / and passes $PWD, $PATH``."""
        env = ", ".join(f"${n}" for n in self.env) or "nothing"
        return f"{self.name} preopens {', '.join(self.dirs) or 'nothing'} and passes {env}"


@dataclass(frozen=True)
class HostVerdict:
    """Whether a host-conditional claim is reported, how loudly, and the words that name
    the host it is about (appended to the message)."""

    severity: Severity | None
    """None: as the rule says (the claim holds on every host)."""
    clause: str = ""


_EVERY_HOST = HostVerdict(None)


def judge(
    condition: HostCondition,
    host: HostProfile,
    is_js: bool,
    defaults: WasiDefaults,
    argument: str | None = None,
) -> HostVerdict | None:
    """How to report a claim with ``condition`` for a package running on ``host``; None
    when it does not hold there. ``argument`` is the call's path argument, when literal."""
    if not condition.applies_to(argument):
        return _EVERY_HOST
    if is_js and condition.js_hosts:
        js = host.js or "any"
        verdict = _judge_js(condition.js_hosts, js)
        quiet = condition.note_on_any and js == "any"
        if verdict is not None and (
            quiet or (not host.wasm_evident and host.js_reason != "configured")
        ):
            return replace(verdict, severity=Severity.INFO)
        return verdict
    if not is_js and (condition.unless_preopened or condition.unless_env):
        return _judge_wasi(condition, host, defaults, argument)
    return _EVERY_HOST


def _judge_js(hosts: frozenset[str], js: str) -> HostVerdict | None:
    if js != "any" and js not in hosts:
        return None
    failing = " and ".join(JS_HOST_NAMES[h] for h in sorted(hosts))
    fine = " and ".join(JS_HOST_NAMES[h] for h in sorted(set(JS_HOST_NAMES) - hosts))
    where = f"in {failing}" if failing.startswith("a ") else f"under {failing}"
    fine_where = f"in {fine}" if fine.startswith("a ") else f"under {fine}"
    return HostVerdict(Severity.WARNING, f"{where}; fine {fine_where}")


def _judge_wasi(
    condition: HostCondition, host: HostProfile, defaults: WasiDefaults, argument: str | None
) -> HostVerdict | None:
    path, host_file = _guest_path(condition.unless_preopened, argument, defaults.system_paths)
    grants: list[str] = []
    if condition.unless_preopened:
        shown = path if path is not None else "the path"
        flag = "--dir=." if path is None or not path.startswith("/") else "--dir=/"
        whose = "its own directory" if host_file else "a directory"
        grants.append(f"preopens {whose} holding {shown}: `wasmtime run {flag}`")
    if condition.unless_env:
        names = ", ".join(f"${n}" for n in condition.unless_env)
        flags = " ".join(f"--env {n}=..." for n in condition.unless_env)
        grants.append(f"passes {names}: `wasmtime run {flags}`")
    clause = "unless the host " + ", or ".join(grants)
    dir_ok = _preopen_avoids(path, host_file, host) if condition.unless_preopened else False
    env_ok = all(host.passes(n) for n in condition.unless_env) if condition.unless_env else False
    if dir_ok or env_ok:
        return None
    known = (dir_ok is False) and (host.wasi_env is not None or not condition.unless_env)
    if known:
        return HostVerdict(Severity.WARNING, clause)
    common = HostProfile(wasi_dirs=defaults.dirs, wasi_env=defaults.env)
    if _judge_wasi(condition, common, defaults, argument) is None:
        return HostVerdict(Severity.INFO, f"{clause} ({defaults.describe()})")
    return HostVerdict(Severity.WARNING, f"{clause} (no common host does by default)")


def _guest_path(
    unless_preopened: str | None, argument: str | None, system_paths: tuple[str, ...]
) -> tuple[str | None, bool]:
    """The guest path a condition needs reachable, and whether it is a file of the host
    system: a literal path of the model (``/etc/passwd``) and the ``/tmp`` of
    ``{path|/tmp}`` are; the call's own path argument (``{path}``) is the program's, unless
    it names one of the host's ``system_paths``."""
    if unless_preopened == "{path}" or (
        unless_preopened is not None and unless_preopened.startswith("{path|") and argument != ""
    ):  # an empty argument means the default
        system = argument is not None and any(_below(argument, p) for p in system_paths)
        return argument, system
    if unless_preopened is not None and unless_preopened.startswith("{path|"):
        return unless_preopened[len("{path|") : -1], True
    return unless_preopened, True


def _preopen_avoids(path: str | None, host_file: bool, host: HostProfile) -> bool | None:
    """Whether the host's preopens make the path reachable (None: not known)."""
    if host.wasi_dirs is None:
        return None
    if path is None:
        return host.covers("/") or None if host.wasi_dirs else False
    if not path.startswith("/"):
        # Relative paths start at $PWD, else at the first preopen (syscall/fs_wasip1.go).
        return bool(host.wasi_dirs) and (bool(host.covers("/")) or host.passes("PWD") is False)
    return host.covers(path, host_file)


# --- inference ---------------------------------------------------------------------------

_JS_ACCESS = re.compile(rb'\.(?:Get|Call|Set|Invoke)\(\s*"([A-Za-z_$][\w$]*)"')


@dataclass(frozen=True)
class HostSign:
    """A file's use of a JS global that exists on one host only."""

    file: str
    line: int
    name: str
    host: str

    def describe(self) -> str:
        return f"{self.file}:{self.line} uses `{self.name}`"


def may_show_signs(data: bytes) -> bool:
    """Whether a file can hold a host sign: only files that import syscall/js do (callers
    skip the others before preparing their names)."""
    return b'"syscall/js"' in data


def js_host_signs(
    files: Iterable[tuple[str, bytes]], globals_by_host: dict[str, frozenset[str]]
) -> list[HostSign]:
    """Uses of host-only JS globals (``.Get("document")``, ``.Call("require", ...)``) in the
    files that import syscall/js, in file order."""
    signs: list[HostSign] = []
    for name, data in files:
        if not may_show_signs(data):
            continue
        for match in _JS_ACCESS.finditer(data):
            word = match.group(1).decode()
            for host, names in globals_by_host.items():
                if word in names:
                    line = data.count(b"\n", 0, match.start()) + 1
                    signs.append(HostSign(name, line, word, host))
    return signs


def infer_js_host(
    files: Iterable[tuple[str, bytes]], globals_by_host: dict[str, frozenset[str]]
) -> tuple[str, str]:
    """The js host the code shows signs of, and why: ``browser`` or ``node`` when it uses
    only one host's globals, else ``any``."""
    signs = js_host_signs(files, globals_by_host)
    hosts = {s.host for s in signs}
    if len(hosts) == 1:
        host = hosts.pop()
        return host, signs[0].describe()
    if hosts:
        first = {s.host: s for s in reversed(signs)}
        both = " and ".join(f"{JS_HOST_NAMES[h]} ({first[h].describe()})" for h in sorted(first))
        return "any", f"signs of both {both}"
    return "any", NO_SIGN
