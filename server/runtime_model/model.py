"""Loading and querying the runtime model's data files (``data/*.toml``, ``data/*.json``)."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wasmvet.gomod import LATEST_GO_MINOR
from wasmvet.hosts import EVERY_HOST, HostCondition, WasiDefaults

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA = Path(__file__).with_name("data")

#: The newest TinyGo release the model has facts for (0.42, from issue threads: tinygo.toml).
LATEST_TINYGO_MINOR = 42

#: The topic of the generated facts in ``always_fails.json`` (see scripts/gen_wasm_stubs.py).
ALWAYS_FAILS = "always-fails"

#: The standard toolchain's ports, as ``always_fails.json`` names them, and their targets.
_PORT_TARGETS = {"js/wasm": "go-js", "wasip1/wasm": "go-wasip1"}


@dataclass(frozen=True)
class Versions:
    """The toolchain releases a build uses: Go ``1.<go>`` and TinyGo ``0.<tinygo>``.

    TinyGo builds with a Go toolchain too, so both matter for TinyGo targets; facts about
    standard-Go targets only ever carry Go version bounds.
    """

    go: int = LATEST_GO_MINOR
    tinygo: int = LATEST_TINYGO_MINOR


@dataclass(frozen=True)
class _Range:
    """The Go and TinyGo releases an entry holds for (inclusive; absent bounds are open)."""

    go_since: int = 0
    go_until: int = 10_000
    tinygo_since: int = 0
    tinygo_until: int = 10_000

    @classmethod
    def of(cls, item: dict[str, Any]) -> _Range:
        return cls(
            go_since=_minor(item.get("since"), 0),
            go_until=_minor(item.get("until"), 10_000),
            tinygo_since=_tinygo_minor(item.get("tinygo-since"), 0),
            tinygo_until=_tinygo_minor(item.get("tinygo-until"), 10_000),
        )

    def holds(self, versions: Versions) -> bool:
        return (
            self.go_since <= versions.go <= self.go_until
            and self.tinygo_since <= versions.tinygo <= self.tinygo_until
        )

    def describe(self) -> str:
        """``TinyGo 0.31-0.34``-style text for the bounds that are set ("" when none)."""
        parts = []
        for name, major, low, high in (
            ("Go", 1, self.go_since, self.go_until),
            ("TinyGo", 0, self.tinygo_since, self.tinygo_until),
        ):
            if low and high < 10_000:
                parts.append(f"{name} {major}.{low}-{major}.{high}")
            elif low:
                parts.append(f"{name} {major}.{low}+")
            elif high < 10_000:
                parts.append(f"{name} up to {major}.{high}")
        return ", ".join(parts)


class Status(str, Enum):
    """What happens when a program uses a symbol on a target."""

    WORKS = "works"
    RUNTIME_ERROR = "runtime-error"
    COMPILE_ERROR = "compile-error"
    IN_PROCESS_ONLY = "in-process-only"
    NO_OP = "no-op"
    HOST_DEPENDENT = "host-dependent"
    EXITS = "exits"


@dataclass(frozen=True)
class Fact:
    """A named statement about targets, e.g. ``scheduler.one-p``."""

    id: str
    targets: frozenset[str]
    statement: str
    evidence: tuple[str, ...]
    holds_for: str = ""
    """The releases it holds for, e.g. ``TinyGo 0.33+`` ("" for every release read)."""
    condition: HostCondition = EVERY_HOST
    """The hosts it holds on (``js-hosts``, ``any-host``...), for rules that report it."""


@dataclass(frozen=True)
class SymbolFact:
    """How one API behaves on one target."""

    symbol: str
    target: str
    status: Status
    topic: str
    summary: str
    error: str | None
    evidence: tuple[str, ...]
    error_argument: int = 0
    condition: HostCondition = EVERY_HOST

    def error_text(self, argument: str | None) -> str:
        """The error a program sees, with the call's string ``argument`` in place of
        ``{name}``-style fields (``{hostport}``: a URL's host and port); ``…`` where the
        argument is not a literal."""
        return _FIELD.sub(lambda m: _field_value(m[1], argument), self.error or "")


_FIELD = re.compile(r"\{(\w+)\}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _field_value(field_name: str, argument: str | None) -> str:
    if argument is None:
        return "…"
    if field_name != "hostport":
        return argument
    url = urlsplit(argument)
    try:
        port = url.port or _DEFAULT_PORTS.get(url.scheme)
    except ValueError:
        port = None
    return f"{url.hostname}:{port}" if url.hostname and port else "…"


@dataclass(frozen=True)
class DirectiveFact:
    """Whether a compiler directive (``go:wasmexport``, ``export``) works for a Go version."""

    name: str
    works: bool
    since: str | None
    behaviour: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class PackageFact:
    """A standard package a target supports only partly (``partial``) or not (``unsupported``)."""

    path: str
    target: str
    status: str
    summary: str
    error: str | None
    evidence: tuple[str, ...]
    holds_for: str
    import_fails: bool = False
    """Importing it fails the build, whatever the program calls (so does importing a
    package that imports it)."""


@dataclass(frozen=True)
class SwitchFact:
    """Building for ``to`` removes a rule's problem on another target, and why."""

    to: str
    reason: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class YieldFact:
    """Whether calling a symbol lets other goroutines (and the JS event loop) run."""

    symbol: str
    target: str
    yields: bool
    why: str
    evidence: tuple[str, ...]
    condition: HostCondition = EVERY_HOST


@dataclass(frozen=True)
class KeepAlive:
    """Calls that keep Node.js's event loop alive: JavaScript functions (``js``) or Go
    symbols (``go``), undone by any of ``cancel``; with ``in_endless_loop``, only inside a
    loop that has no condition."""

    js: frozenset[str]
    go: frozenset[str]
    cancel: frozenset[str]
    in_endless_loop: bool


def _condition(item: dict[str, Any]) -> HostCondition:
    """An entry's host condition: ``js-hosts``, ``any-host``, ``unless-preopened``,
    ``unless-env`` and ``only-for-names``."""
    any_host = item.get("any-host", "warning")
    if any_host not in ("warning", "note"):
        raise ValueError(f"bad any-host {any_host!r} in the runtime model")
    return HostCondition(
        js_hosts=frozenset(item.get("js-hosts", ())),
        note_on_any=any_host == "note",
        unless_preopened=item.get("unless-preopened"),
        unless_env=tuple(item.get("unless-env", ())),
        only_for_names=frozenset(item.get("only-for-names", ())),
    )


def _minor(version: str | None, default: int, major_wanted: str = "1") -> int:
    if not version:
        return default
    major, _, minor = version.partition(".")
    if major != major_wanted or not minor.isdigit():
        raise ValueError(f"bad version {version!r} in the runtime model")
    return int(minor)


def _tinygo_minor(version: str | None, default: int) -> int:
    return _minor(version, default, major_wanted="0")


@dataclass(frozen=True)
class _SymbolEntry:
    names: tuple[str, ...]
    targets: frozenset[str]
    status: Status
    topic: str
    summary: str
    error: str | None
    releases: _Range
    evidence: tuple[str, ...]
    error_argument: int
    condition: HostCondition


@dataclass(frozen=True)
class _YieldEntry:
    names: tuple[str, ...]
    targets: frozenset[str]
    yields: bool
    why: str
    evidence: tuple[str, ...]
    condition: HostCondition = EVERY_HOST


def _by_name_and_target(items: list[dict[str, Any]]) -> dict[tuple[str, str], _YieldEntry]:
    """A table of entries that name calls and targets (``[[event_loop]]``,
    ``[[never_returns]]``), keyed by (call, target)."""
    table: dict[tuple[str, str], _YieldEntry] = {}
    for item in items:
        entry = _YieldEntry(
            names=tuple(item["names"]),
            targets=frozenset(item["targets"]),
            yields=True,
            why=item["why"],
            evidence=tuple(item["evidence"]),
            condition=_condition(item),
        )
        for name in entry.names:
            for target in entry.targets:
                table[(name, target)] = entry
    return table


def _matches(pattern: str, name: str) -> bool:
    if pattern.endswith("*"):
        return name.startswith(pattern[:-1])
    return pattern == name


class RuntimeModel:
    """Facts about the wasm targets, loaded from the ``data`` folder."""

    def __init__(self, data_dir: Path = DATA) -> None:
        self._dir = data_dir

    @cached_property
    def _raw(self) -> dict[str, Any]:
        merged: dict[str, list[dict[str, Any]]] = {
            "fact": [],
            "symbol": [],
            "yield": [],
            "returns": [],
            "event_loop": [],
            "directive": [],
            "wasmimport-types": [],
            "package": [],
            "switch": [],
            "js_global": [],
            "wasi_host": [],
            "js_node_keepalive": [],
            "js_sync_dispatch": [],
            "call_stack": [],
            "never_returns": [],
        }
        for path in sorted(self._dir.glob("*.toml")):
            with path.open("rb") as fh:
                doc = tomllib.load(fh)
            for key, items in doc.items():
                if key not in merged:
                    raise ValueError(f"{path.name}: unknown table {key!r}")
                merged[key].extend(items)
        return merged

    @cached_property
    def _facts(self) -> dict[str, Fact]:
        return {
            item["id"]: Fact(
                id=item["id"],
                targets=frozenset(item["targets"]),
                statement=item["statement"],
                evidence=tuple(item["evidence"]),
                holds_for=_Range.of(item).describe(),
                condition=_condition(item),
            )
            for item in self._raw["fact"]
        }

    @cached_property
    def _symbols(self) -> list[_SymbolEntry]:
        return [
            _SymbolEntry(
                names=tuple(item["names"]),
                targets=frozenset(item["targets"]),
                status=Status(item["status"]),
                topic=item["topic"],
                summary=item["summary"],
                error=item.get("error"),
                releases=_Range.of(item),
                evidence=tuple(item["evidence"]),
                error_argument=int(item.get("error-argument", 0)),
                condition=_condition(item),
            )
            for item in self._raw["symbol"]
        ]

    @cached_property
    def _exact_symbols(self) -> dict[str, list[_SymbolEntry]]:
        table: dict[str, list[_SymbolEntry]] = {}
        for entry in self._symbols:
            for name in entry.names:
                table.setdefault(name, []).append(entry)
        return table

    @cached_property
    def always_fails(self) -> dict[str, Any]:
        """The generated APIs that fail on every path, per port (scripts/gen_wasm_stubs.py)."""
        with (self._dir / "always_fails.json").open(encoding="utf-8") as fh:
            doc: dict[str, Any] = json.load(fh)
        return doc

    @cached_property
    def _generated_symbols(self) -> dict[str, list[_SymbolEntry]]:
        """``always_fails.json`` as symbol entries, for the (name, target) pairs that no
        hand-written ``[[symbol]]`` covers (in any release): hand-written facts win."""
        written = {(n, t) for e in self._symbols for n in e.names for t in e.targets}
        version = self.always_fails["go_version"]
        table: dict[str, list[_SymbolEntry]] = {}
        for port, apis in sorted(self.always_fails["ports"].items()):
            target = _PORT_TARGETS[port]
            for name, api in apis.items():
                if (name, target) in written:
                    continue
                table.setdefault(name, []).append(_generated_entry(name, target, api, version))
        return table

    def _entries(self, name: str) -> list[_SymbolEntry]:
        return [*self._exact_symbols.get(name, ()), *self._generated_symbols.get(name, ())]

    @cached_property
    def _symbol_names(self) -> list[str]:
        return [*self._exact_symbols, *self._generated_symbols]

    @cached_property
    def _yields(self) -> list[_YieldEntry]:
        return [
            _YieldEntry(
                names=tuple(item["names"]),
                targets=frozenset(item["targets"]),
                yields=bool(item["yields"]),
                why=item["why"],
                evidence=tuple(item["evidence"]),
            )
            for item in self._raw["yield"]
        ]

    @cached_property
    def _yield_exact(self) -> dict[tuple[str, str], _YieldEntry]:
        table: dict[tuple[str, str], _YieldEntry] = {}
        for entry in self._yields:
            for name in entry.names:
                if not name.endswith("*"):
                    for target in entry.targets:
                        table.setdefault((name, target), entry)
        return table

    @cached_property
    def _yield_prefixes(self) -> list[tuple[str, _YieldEntry]]:
        return [(n[:-1], e) for e in self._yields for n in e.names if n.endswith("*")]

    @cached_property
    def _returns(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for item in self._raw["returns"]:
            table.update(item.get("functions", {}))
            table.update(item.get("fields", {}))
        return table

    def result_type(self, name: str) -> str | None:
        """The named type a function returns or a field holds.

        ``os/exec.Command`` → ``os/exec.Cmd``.
        """
        return self._returns.get(name)

    @cached_property
    def _event_loop(self) -> dict[tuple[str, str], _YieldEntry]:
        return _by_name_and_target(self._raw["event_loop"])

    def needs_event_loop(self, name: str, target: str) -> YieldFact | None:
        """Whether ``name`` can only finish after the JS event loop runs (blocks in callbacks)."""
        entry = self._event_loop.get((name, target))
        if entry is None:
            return None
        return YieldFact(name, target, True, entry.why, entry.evidence, entry.condition)

    @cached_property
    def _never_returns(self) -> dict[tuple[str, str], _YieldEntry]:
        return _by_name_and_target(self._raw["never_returns"])

    @cached_property
    def _never_returns_packages(self) -> frozenset[str]:
        return frozenset(_package_of(name) for name, _ in self._never_returns)

    def never_returns(self, name: str, target: str) -> YieldFact | None:
        """Whether a call of ``name`` never returns on ``target`` (``[[never_returns]]``)."""
        entry = self._never_returns.get((name, target))
        if entry is None:
            return None
        return YieldFact(name, target, True, entry.why, entry.evidence, entry.condition)

    def has_never_returns(self, path: str) -> bool:
        """Whether package ``path`` has a ``[[never_returns]]`` entry."""
        return path in self._never_returns_packages

    @cached_property
    def js_globals(self) -> dict[str, frozenset[str]]:
        """Host → the JavaScript globals that exist only there (``document``: browser)."""
        table: dict[str, frozenset[str]] = {}
        for item in self._raw["js_global"]:
            table[item["host"]] = table.get(item["host"], frozenset()) | set(item["names"])
        return table

    def call_stacks(self, target: str) -> list[tuple[str, int]]:
        """(host, frames) of ``target``'s hosts' wasm call stacks, smallest first
        (``[[call_stack]]``)."""
        found = [
            (i["host"], int(i["frames"])) for i in self._raw["call_stack"] if i["target"] == target
        ]
        return sorted(found, key=lambda pair: pair[1])

    @cached_property
    def js_sync_dispatch(self) -> dict[str, str]:
        """JavaScript method → why it runs event listeners before it returns
        (``[[js_sync_dispatch]]``)."""
        return {n: item["why"] for item in self._raw["js_sync_dispatch"] for n in item["names"]}

    @cached_property
    def js_node_keepalives(self) -> tuple[KeepAlive, ...]:
        """What keeps Node.js's event loop alive (``[[js_node_keepalive]]``)."""
        return tuple(
            KeepAlive(
                js=frozenset(item.get("js", ())),
                go=frozenset(item.get("go", ())),
                cancel=frozenset(item.get("cancel", ())),
                in_endless_loop=bool(item.get("in-endless-loop", False)),
            )
            for item in self._raw["js_node_keepalive"]
        )

    @cached_property
    def wasi_defaults(self) -> WasiDefaults:
        """What the common WASI host grants by default (the first ``[[wasi_host]]``)."""
        item = self._raw["wasi_host"][0]
        return WasiDefaults(
            item["name"], tuple(item["dirs"]), tuple(item["env"]), tuple(item["system-paths"])
        )

    @cached_property
    def symbol_packages(self) -> frozenset[str]:
        """Import paths that have at least one symbol fact."""
        return frozenset(_package_of(n) for n in self._symbol_names)

    @cached_property
    def known_packages(self) -> frozenset[str]:
        """Import paths the model says anything about (symbols, yields, event loop, types)."""
        names = list(self._symbol_names)
        names += [n for e in self._yields for n in e.names if not n.endswith("*")]
        names += [n for (n, _t) in self._event_loop]
        names += list(self._returns)
        return frozenset(_package_of(n) for n in names) | {"syscall/js", "runtime"}

    @cached_property
    def yield_methods(self) -> frozenset[str]:
        """Method names with a yield or event-loop fact (``Wait`` of ``sync.WaitGroup.Wait``);
        only calls of these names are worth resolving to a receiver type."""
        names = [n for e in self._yields for n in e.names if not n.endswith("*")]
        names += [n for (n, _t) in self._event_loop]
        prefixes = [n[:-1] for e in self._yields for n in e.names if n.endswith("*")]
        methods = {n.rsplit(".", 1)[1] for n in names if _is_method(n)}
        return (
            frozenset(methods)
            | {"Err", "Done", "Load", "Store"}
            | (
                {"Before", "After", "Sub", "Add"}
                if any(p.startswith("time.") for p in prefixes)
                else set()
            )
        )

    @cached_property
    def known_methods(self) -> frozenset[str]:
        """Method names of the ``path.Type.Method`` symbols with support or event-loop facts."""
        names = list(self._symbol_names)
        names += [n for (n, _t) in self._event_loop]
        return frozenset(n.rsplit(".", 1)[1] for n in names if _is_method(n))

    def fact(self, fact_id: str) -> Fact:
        """A named fact; KeyError if the model has none by that id."""
        return self._facts[fact_id]

    def fact_holds(self, fact_id: str, target: str, versions: Versions) -> Fact | None:
        """The fact when it is about ``target`` and holds for ``versions``, else None."""
        fact = self._facts[fact_id]
        if target in fact.targets and self._fact_ranges[fact_id].holds(versions):
            return fact
        return None

    @cached_property
    def _fact_ranges(self) -> dict[str, _Range]:
        return {item["id"]: _Range.of(item) for item in self._raw["fact"]}

    def switches(self, rule: str, target: str) -> list[SwitchFact]:
        """Targets where a finding of ``rule`` on ``target`` would not exist."""
        return [
            SwitchFact(item["to"], item["reason"], tuple(item["evidence"]))
            for item in self._raw["switch"]
            if rule in item["rules"] and target in item["from"]
        ]

    def knows_symbol(self, name: str) -> bool:
        """Whether any target, in any release, has a fact about ``name``."""
        return name in self._exact_symbols or name in self._generated_symbols

    def symbol(self, name: str, target: str, versions: Versions) -> SymbolFact | None:
        """How ``name`` (``path.Func`` or ``path.Type.Method``) behaves on ``target``: the
        first fact listed (see ``symbol_facts`` for every topic)."""
        facts = self.symbol_facts(name, target, versions)
        return facts[0] if facts else None

    def symbol_facts(self, name: str, target: str, versions: Versions) -> list[SymbolFact]:
        """Every fact about ``name`` on ``target`` (one per topic, e.g. network and host-name);
        generated ``always-fails`` facts only where no hand-written one exists."""
        return [
            SymbolFact(
                symbol=name,
                target=target,
                status=entry.status,
                topic=entry.topic,
                summary=entry.summary,
                error=entry.error,
                evidence=entry.evidence,
                error_argument=entry.error_argument,
                condition=entry.condition,
            )
            for entry in self._entries(name)
            if target in entry.targets and entry.releases.holds(versions)
        ]

    @cached_property
    def _packages(self) -> dict[str, list[tuple[_Range, dict[str, Any]]]]:
        table: dict[str, list[tuple[_Range, dict[str, Any]]]] = {}
        for item in self._raw["package"]:
            table.setdefault(item["path"], []).append((_Range.of(item), item))
        return table

    @cached_property
    def package_paths(self) -> frozenset[str]:
        """Import paths with a [[package]] entry."""
        return frozenset(self._packages)

    def package(self, path: str, target: str, versions: Versions) -> PackageFact | None:
        """Whether the standard package ``path`` is supported on ``target`` with ``versions``
        (None: fully, as far as the model knows)."""
        for releases, item in self._packages.get(path, ()):
            if target in item["targets"] and releases.holds(versions):
                return PackageFact(
                    path=path,
                    target=target,
                    status=item["status"],
                    summary=item["summary"],
                    error=item.get("error"),
                    evidence=tuple(item["evidence"]),
                    holds_for=releases.describe(),
                    import_fails=bool(item.get("import-fails", False)),
                )
        return None

    def yields(self, name: str, target: str) -> YieldFact | None:
        """Whether calling ``name`` yields on ``target``; None when the model does not know."""
        entry = self._yield_exact.get((name, target))
        if entry is None:
            for prefix, candidate in self._yield_prefixes:
                if target in candidate.targets and name.startswith(prefix):
                    entry = candidate
                    break
        if entry is None:
            return None
        return YieldFact(name, target, entry.yields, entry.why, entry.evidence)

    def directive(self, name: str, target: str, versions: Versions) -> DirectiveFact | None:
        """What a wasm directive does on ``target`` with these toolchain versions."""
        for item in self._raw["directive"]:
            if item["name"] != name or target not in item["targets"]:
                continue
            # Without a "since" the directive never works on these targets.
            if target.startswith("tinygo-"):
                works = versions.tinygo >= _tinygo_minor(item.get("tinygo-since"), 10_000)
                since = item.get("tinygo-since") and f"TinyGo {item['tinygo-since']}"
            else:
                works = versions.go >= _minor(item.get("since"), 10_000)
                since = item.get("since") and f"Go {item['since']}"
            return DirectiveFact(
                name=name,
                works=works,
                since=since or None,
                behaviour="supported" if works else item["before"],
                evidence=tuple(item["evidence"]),
            )
        return None

    def wasmimport_types(
        self, target: str, versions: Versions
    ) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
        """(parameter types, result types, evidence) ``//go:wasmimport`` accepts on ``target``."""
        for item in self._raw["wasmimport-types"]:
            if target in item["targets"] and _Range.of(item).holds(versions):
                return (
                    frozenset(item["params"]),
                    frozenset(item["results"]),
                    tuple(item["evidence"]),
                )
        return frozenset(), frozenset(), ()

    @cached_property
    def syscall_surface(self) -> dict[str, Any]:
        """The generated ``syscall`` identifiers per port (see scripts/gen_syscall_surface.py)."""
        path = self._dir / "syscall_surface.json"
        with path.open(encoding="utf-8") as fh:
            surface: dict[str, Any] = json.load(fh)
        return surface


def _generated_entry(name: str, target: str, api: dict[str, Any], version: str) -> _SymbolEntry:
    """One ``always_fails.json`` record as a runtime-error fact (it holds for the Go release
    it was generated from; the evidence names that release)."""
    errors = api["errors"] or ["…"]
    return _SymbolEntry(
        names=(name,),
        targets=frozenset({target}),
        status=Status.RUNTIME_ERROR,
        topic=ALWAYS_FAILS,
        summary="every path through it returns an error on this port",
        error=" or ".join(errors),
        releases=_Range(),
        evidence=(
            *(f"$GOROOT/{where} ({version})" for where in api["evidence"]),
            "generated by scripts/gen_wasm_stubs.py",
        ),
        error_argument=0,
        condition=EVERY_HOST,
    )


def _is_method(symbol: str) -> bool:
    """``net/http.Client.Do`` is a method; ``net/http.Get`` is not."""
    slash = symbol.rfind("/")
    return symbol.count(".", slash + 1) >= 2


def _package_of(symbol: str) -> str:
    slash = symbol.rfind("/")
    dot = symbol.find(".", slash + 1)
    return symbol[:dot] if dot != -1 else symbol


MODEL = RuntimeModel()
