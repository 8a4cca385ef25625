"""Dependency packages seen from one target: what their functions reach, computed bottom-up.

A ``Dependencies`` view belongs to one module graph and one target. It loads a non-standard,
non-main package only when a call leads into it (``ModuleGraph.resolve``: replacement
directories, vendor/, the module cache), selects its files with the target's build
constraints, and parses each file once per process (keyed by path, mtime and size).

A function's ``Summary`` lists the runtime-model symbols it reaches (``Reach``: the symbol and
the calls that lead there, one ``Step`` per call, outermost first), whether it yields on the
target and whether it never returns there. Calls are followed when they are static: a
package function, a method of the package's own type, a function or method of another
dependency package; interface and dynamic calls are not followed and never produce a claim,
nor does a function literal that is not called where it is written (``go``/``defer`` aside).
Code that a ``runtime.GOOS``/``GOARCH`` guard makes dead on the target, or that follows a
call that never returns there, is left out. Recursion sees an empty summary meanwhile; the
functions of a cycle are summarised again once its first function is done.

What importing a package brings in, whatever is called (TinyGo type-checks and compiles
every imported package), is followed over the imports of the files the target builds
(``import_chain``), from each package's ``PackageFacts.imports`` and ``marks``.

Main-module packages are not followed (they are analysed in place), the standard library is
answered by the runtime model, and there is no view inside GOROOT (module ``std``/``cmd``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, partial
from pathlib import Path
from typing import Any, Protocol

from tree_sitter import Node

from wasmvet.analysis import guards
from wasmvet.analysis.build_constraints import BuildContext, file_is_built
from wasmvet.analysis.effects import Analyzer, Tri
from wasmvet.analysis.modules import (
    GoEnv,
    ModuleGraph,
    Program,
    Resolution,
    Source,
    is_standard_import_path,
)
from wasmvet.analysis.package import GoFile, Package
from wasmvet.analysis.parsing import text
from wasmvet.analysis.scope import Resolver
from wasmvet.analysis.source import SourceFile, UnreadableSource, read_source
from wasmvet.analysis.word_size import narrowing_conversions
from wasmvet.runtime_model import MODEL
from wasmvet.runtime_model.model import Versions

#: Where a package's files may be read from (STDLIB and MAIN are answered elsewhere).
FOLLOWED = frozenset({Source.REPLACED, Source.VENDOR, Source.MODULE_CACHE})
#: Calls that end the program on every target.
_EXITS = frozenset({"os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "syscall.Exit"})


@dataclass(frozen=True)
class Step:
    """A call made inside a dependency: where (1-based line, 1-based byte column) and in
    which function (``dep.Build``, ``dep.T.M``, ``dep.(*T).M``)."""

    path: Path
    line: int
    column: int
    function: str


@dataclass(frozen=True)
class Reach:
    """A runtime-model symbol a function reaches, and the calls that lead there."""

    symbol: str
    steps: tuple[Step, ...]
    direct: bool = True
    """No goroutine or function literal on the way: the caller waits for it."""
    node: Node | None = field(default=None, compare=False, hash=False)
    """The innermost call (for a rule's look at its arguments); None when the summary was
    loaded from the summary cache (``call`` finds it again)."""
    span: tuple[int, int] = field(default=(0, 0), compare=False, hash=False)
    """The innermost call's byte range in the last step's file."""

    def call(self) -> Node | None:
        """The innermost call node, parsed again from its file for a cached summary."""
        if self.node is not None or not self.steps or self.span == (0, 0):
            return self.node
        return call_at(self.steps[-1].path, *self.span)


@dataclass(frozen=True)
class Narrowing:
    """A conversion to a 32-bit int of a value wider than that (TinyGo's int), and the
    calls that lead to it (the conversion last)."""

    steps: tuple[Step, ...]
    conversion: str
    """Its text (``int(time.Since(start))``)."""
    narrow: str
    """The type it converts to (``int``)."""
    why: str
    """Why the value is wide."""


@dataclass(frozen=True)
class Summary:
    """What calling one dependency function does on the view's target."""

    function: str
    reaches: tuple[Reach, ...] = ()
    yields_of: Callable[[], Tri] = field(default=lambda: Tri.UNKNOWN, compare=False, repr=False)
    """Whether it yields, asked on first use (most summaries are never asked)."""
    never_returns: bool = False
    goroutine: tuple[Step, ...] = ()
    """The calls that lead to a ``go`` statement it runs (the statement last), if any."""
    recovers: tuple[Step, ...] = ()
    """The calls that lead to a ``recover()`` it runs (the call last), if any."""
    narrows: Narrowing | None = None
    """A conversion it runs that narrows a wide value to a 32-bit int (TinyGo targets)."""

    @cached_property
    def yields(self) -> Tri:
        return self.yields_of()


LAZY_SUFFIX = "_of"
"""A ``Summary`` field named ``x_of`` is a thunk answering its cached property ``x``."""


def lazy_fields(kind: type[Summary]) -> dict[str, str]:
    """A summary class's lazy fields: thunk field name → the property it answers."""
    return {
        f.name: f.name[: -len(LAZY_SUFFIX)]
        for f in fields(kind)
        if f.name.endswith(LAZY_SUFFIX) and hasattr(kind, f.name[: -len(LAZY_SUFFIX)])
    }


def settled(summary: Summary) -> bool:
    """Whether every lazy answer of ``summary`` has been worked out already."""
    return all(prop in summary.__dict__ for prop in lazy_fields(type(summary)).values())


def _known_part(summary: Summary) -> Summary:
    """A copy of ``summary`` for a ``known_only`` lint: its lazy answers not yet worked out
    answer their field's default and count as missed (the summary itself stays unasked)."""
    lazy = lazy_fields(type(summary))
    defaults = {f.name: f.default for f in fields(summary)}
    unasked = {n: _missed(defaults[n]) for n, p in lazy.items() if p not in summary.__dict__}
    copy = replace(summary, **unasked)  # type: ignore[arg-type]
    copy.__dict__.update({p: summary.__dict__[p] for p in lazy.values() if p in summary.__dict__})
    return copy


def _missed(default: object) -> Callable[[], object]:
    def answer() -> object:
        MODE.missed += 1
        return default() if callable(default) else default

    return answer


@dataclass
class PackageFacts:
    """What importers ask of a dependency package, answerable without parsing it again:
    its name, declarations, result types, and the summaries computed so far."""

    import_path: str
    name: str
    methods: frozenset[str]
    """Its method names (``M``)."""
    results: dict[str, tuple[str, ...]]
    """An exported function declared once → the package type each result names ('' for
    none)."""
    summaries: dict[str, Summary] = field(default_factory=dict)
    absent: set[str] = field(default_factory=set)
    """Names asked for that are no function or method of it (``T(x)`` is a call too)."""
    uses: dict[str, str] = field(default_factory=dict)
    """Other packages its summaries looked into → their ``identity`` then."""
    imports: dict[str, Step] = field(default_factory=dict)
    """What its files built for the target import → where (the first import spec; the
    step's function is the package's import path)."""
    marks: dict[str, tuple[tuple[Step, str], ...]] = field(default_factory=dict)
    """What a rule marks anywhere in the package, whatever is called (``package_marks``),
    by the rule's kind: where, and what."""
    changed: bool = True
    """Summaries were added since it was loaded or stored."""


class SummaryStore(Protocol):
    """Where a view keeps ``PackageFacts`` between processes (``wasmvet.summary_cache``)."""

    def load(self, view: Dependencies, found: Resolution) -> PackageFacts | None: ...

    def store(self, view: Dependencies, facts: list[PackageFacts]) -> None: ...


class _Mode(threading.local):
    known_only = False
    missed = 0


MODE = _Mode()
"""Per thread: ``known_only`` makes views answer from memory and the summary cache alone,
never parsing or summarising (the language server's edit-time lints); ``missed`` counts
the questions they could not answer so."""


# -- files, parsed once per process ----------------------------------------------------------

_READ: dict[Path, tuple[int, int, bytes, GoFile | None]] = {}
_SHARED: dict[tuple[object, ...], tuple[Package, Analyzer]] = {}
"""A dependency package (its files, which it keeps alive) and its analyzer, shared by the
views of one module graph on every target that builds the same files: declarations, name
resolution and each call's symbol are worked out once, not once per target."""


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def fresh(files: dict[str, tuple[int, int]]) -> bool:
    """Whether every recorded file or directory still has its (mtime, size)."""
    return all(_stat(Path(p)) == tuple(key) for p, key in files.items())


@dataclass
class DepPackage:
    """One dependency package built for the view's target."""

    import_path: str
    package: Package
    analyzer: Analyzer

    @property
    def name(self) -> str:
        return self.package.name


class Dependencies:
    """The dependency packages and function summaries of one module graph on one target."""

    def __init__(
        self,
        graph: ModuleGraph,
        build: BuildContext,
        platform: guards.Platform,
        target: str,
        versions: Versions,
    ) -> None:
        self.graph = graph
        self.build = build
        self.platform = platform
        self.target = target
        self.versions = versions
        self.files_read: dict[str, tuple[int, int]] = {}
        """Every file and directory read, with its (mtime, size): the result cache's key."""
        self._packages: dict[str, DepPackage | None] = {}
        self._summaries: dict[tuple[int, int], Summary] = {}
        self._dead: dict[int, list[tuple[int, int]]] = {}
        self._renamed: dict[int, dict[str, str]] = {}
        self._recover_calls: dict[int, list[Node]] = {}
        self._traces: dict[tuple[str, int, int], tuple[Step, ...]] = {}
        self._open: dict[tuple[int, int], int] = {}
        """Functions being summarised → their depth in the stack of summaries."""
        self._lows: list[int] = []
        """Per open summary: the lowest depth of an open function its callees reached."""
        self._cycle: list[tuple[tuple[int, int], DepPackage, Node, str]] = []
        self._tentative: dict[tuple[int, int], int] = {}
        self.rule_results: dict[tuple[str, str, str], Any] = {}
        """What rules found inside dependency packages, kept by them for the view's life."""
        self._lock = threading.RLock()
        self.store: SummaryStore | None = None
        """Where package facts are loaded from and stored (None: memory only)."""
        self._facts: dict[str, PackageFacts | None] = {}
        self._within: list[str] = []
        self._provisional: set[tuple[str, str]] = set()
        """Summaries in ``_facts`` worked out while a cycle may have been open."""
        """The packages whose functions are being summarised, innermost last."""
        self.computed = 0
        """Functions summarised in this process (from source, not the cache)."""
        self._chains: dict[tuple[str, str], Chain | None] = {}
        self._narrowing: dict[int, list[tuple[Node, str, str]]] = {}

    # -- packages --

    def follows(self, import_path: str) -> bool:
        """Whether calls into ``import_path`` are followed (a dependency on disk)."""
        return self.facts(import_path) is not None

    def may_follow(self, import_path: str) -> bool:
        """``follows`` without loading the package: its import path resolves to a
        dependency directory."""
        if import_path in self._facts:
            return self._facts[import_path] is not None
        if import_path in self._packages:
            return self._packages[import_path] is not None
        return self.graph.resolve(import_path).source in FOLLOWED

    def identity(self, found: Resolution) -> str:
        """What a package's summaries were computed from: ``mod:`` its folder in the
        module cache (immutable), ``dir:`` a directory that may change, else how it
        resolved (``missing_module:`` a module not downloaded)."""
        if found.directory is not None and found.source in FOLLOWED:
            where = str(found.directory)
            cache = f"{self.graph.cache}{os.sep}" if self.graph.cache is not None else None
            if cache is not None and where.startswith(cache):
                return f"mod:{where[len(cache) :]}"
            return f"dir:{where}"
        return f"{found.source.name.lower()}:{found.module}@{found.version}"

    def facts(self, import_path: str) -> PackageFacts | None:
        """What importers ask of a dependency package: from memory, the summary cache, or
        its parsed files; None when it is no dependency on disk (or, ``known_only``, when
        nothing is known of it yet)."""
        with self._lock:
            return self._facts_of(import_path)

    def _facts_of(self, import_path: str) -> PackageFacts | None:
        if self._within and self._within[-1] != import_path:
            uses = self._uses(self._within[-1])
            if import_path not in uses:
                found = self.graph.resolve(import_path)
                if found.source in FOLLOWED or found.source is Source.MISSING_MODULE:
                    uses[import_path] = self.identity(found)
        if import_path in self._facts:
            return self._facts[import_path]
        found = self.graph.resolve(import_path)
        loaded = None
        if self.store is not None and found.source in FOLLOWED and found.directory is not None:
            loaded = self.store.load(self, found)
        if loaded is None and MODE.known_only and found.source in FOLLOWED:
            MODE.missed += 1
            return None
        if loaded is None:
            dep = self._package(import_path)
            loaded = _package_facts(dep) if dep is not None else None
        else:
            for path, identity in loaded.uses.items():
                if identity.startswith("missing_module:"):
                    self._package(path)  # noted: a later download changes the answer
        self._facts[import_path] = loaded
        return loaded

    def _uses(self, import_path: str) -> dict[str, str]:
        facts = self._facts.get(import_path)
        if facts is None:  # not yet memoised: its facts are being built
            return {}
        return facts.uses

    def flush(self) -> None:
        """Hand the packages with new summaries to the store (each with the packages its
        summaries looked into, transitively)."""
        if self.store is None:
            return
        with self._lock:
            for import_path, name in list(self._provisional):
                facts = self._facts.get(import_path)
                if facts is not None:
                    self._settled(import_path, name, facts)
            changed = [f for f in self._facts.values() if f is not None and f.changed]
            for facts in changed:
                seen = dict(facts.uses)
                queue = list(seen)
                while queue:
                    other = self._facts.get(queue.pop())
                    for path, identity in other.uses.items() if other is not None else ():
                        if path not in seen and path != facts.import_path:
                            seen[path] = identity
                            queue.append(path)
                facts.uses = seen
            if changed:
                self.store.store(self, changed)
            for facts in changed:
                facts.changed = False

    def package(self, import_path: str) -> DepPackage | None:
        """The package, loaded on first use; None when it is not a dependency on disk."""
        with self._lock:
            return self._package(import_path)

    def _package(self, import_path: str) -> DepPackage | None:
        if import_path in self._packages:
            return self._packages[import_path]
        self._packages[import_path] = None
        found = self.graph.resolve(import_path)
        if found.source is Source.MISSING_MODULE and self.graph.cache is not None:
            where = self.graph.module_dir(found.module, found.version)[0]
            if where is not None:
                self.files_read[str(where)] = (-1, -1)  # a later download changes the answer
        if found.source not in FOLLOWED or found.directory is None:
            return None
        files = self._files(found.directory)
        if not files:
            return None
        shared = (id(self.graph), self.versions, *(id(f) for f in files))
        if shared not in _SHARED:  # the other targets' views build the same files alike
            package = Package(str(found.directory), files)
            _SHARED[shared] = (package, Analyzer(package))
        package, analyzer = _SHARED[shared]
        analyzer.summaries[self.target] = self
        loaded = self._packages[import_path] = DepPackage(import_path, package, analyzer)
        return loaded

    def _files(self, directory: Path) -> list[GoFile]:
        self.files_read[str(directory)] = _stat(directory)
        try:
            names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(".go"))
        except OSError:
            return []
        files: list[GoFile] = []
        for name in names:
            if name.endswith("_test.go"):
                continue
            gofile = self._file(directory / name)
            if gofile is not None:
                files.append(gofile)
        groups: dict[str, list[GoFile]] = {}
        for gofile in files:  # a directory's one package (a stray `package main` aside)
            groups.setdefault(gofile.package_name, []).append(gofile)
        return max(groups.values(), key=len) if groups else []

    def _file(self, path: Path) -> GoFile | None:
        key = _stat(path)
        self.files_read[str(path)] = key
        known = _READ.get(path)
        if known is None or known[:2] != key:
            try:
                data = read_source(path)
            except UnreadableSource:
                return None
            known = _READ[path] = (*key, data, None)
        data = known[2]
        if not file_is_built(self.build, path.name, data):
            return None
        if known[3] is None:
            known = _READ[path] = (*known[:3], GoFile.from_source(SourceFile(path, data)))
        return known[3]

    # -- summaries --

    def summary_of(self, symbol: str) -> Summary | None:
        """The summary of ``path.F``, ``path.T.M`` (as the resolver names calls)."""
        slash = symbol.rfind("/")
        head, tail = symbol[: slash + 1], symbol[slash + 1 :]
        parts = tail.split(".")
        for names in (1, 2):
            if len(parts) > names:
                path = head + ".".join(parts[:-names])
                if self.facts(path) is not None:
                    return self.summary(path, ".".join(parts[-names:]))
        return None

    def summary(self, import_path: str, name: str) -> Summary | None:
        """The summary of function ``name`` (or method ``T.M``) of a dependency package."""
        with self._lock:
            facts = self._facts_of(import_path)
            if facts is None or name in facts.absent:
                return None
            if (import_path, name) in self._provisional:
                return self._settled(import_path, name, facts)
            found = facts.summaries.get(name)
            if found is not None:
                return _known_part(found) if MODE.known_only and not settled(found) else found
            if MODE.known_only:
                MODE.missed += 1
                return None
            found = self._from_source(import_path, name)
            if found is not None:
                facts.summaries[name] = found
                if self._lows:  # worked out inside another summary: its cycle may be open
                    self._provisional.add((import_path, name))
            else:
                facts.absent.add(name)
            facts.changed = True
            return found

    def _settled(self, import_path: str, name: str, facts: PackageFacts) -> Summary | None:
        """A summary kept while a cycle was open, asked again: inside a summary it is worked
        out through ``function`` (whose memo tracks open cycles); once none is open, it is
        final and kept as such."""
        found = self._from_source(import_path, name)
        if not self._lows:
            self._provisional.discard((import_path, name))
            if found is not None:
                facts.summaries[name] = found
        return found

    def _from_source(self, import_path: str, name: str) -> Summary | None:
        """``summary`` worked out from the package's parsed files."""
        dep = self._package(import_path)
        if dep is None:
            return None
        type_name, _, member = name.rpartition(".")
        if type_name:
            decls = dep.package.methods_of(type_name, member)
        else:
            decls = dep.package.functions(name)
        summaries = [self.function(dep, d) for d in decls]
        return _join(summaries) if summaries else None

    def recomputed(self, import_path: str, name: str, answer: str) -> object:
        """The ``answer`` property of a summary worked out from source again (a lazy answer
        that a cached summary did not store); None when the package is gone."""
        with self._lock:
            if MODE.known_only:
                MODE.missed += 1
            found = self._from_source(import_path, name)
            facts = self._facts.get(import_path)
            if facts is not None:
                facts.changed = True  # stored again with the answer
            return getattr(found, answer) if found is not None else None

    def renamed_imports(self, gofile: GoFile) -> dict[str, str]:
        """A file's imports without an alias whose package's name is not the one the
        import path suggests (``example.com/conf.v2`` declaring ``package conf``, as
        gopkg.in/yaml.v3 is ``yaml``): its real name → path."""
        found: dict[str, str] = {}
        for path, spec in gofile.import_nodes.items():
            if spec.child_by_field_name("name") is not None or not self.may_follow(path):
                continue  # an alias names it (or it is no dependency)
            dep = self.facts(path)
            if dep is not None and gofile.imports.get(dep.name) != path:
                found[dep.name] = path
        return found

    def _dependency_renamed(self, gofile: GoFile) -> dict[str, str]:
        """``renamed_imports`` of a dependency's file, memoised: its ``GoFile`` lives as
        long as the process's parse cache, so its ``id`` is not reused meanwhile."""
        found = self._renamed.get(id(gofile))
        if found is None:
            found = self._renamed[id(gofile)] = self.renamed_imports(gofile)
        return found

    def result_type(self, import_path: str, name: str, index: int) -> str | None:
        """``T`` when dependency function ``name`` returns its package's type ``T`` or
        ``*T`` as its ``index``-th result."""
        facts = self.facts(import_path)
        results = facts.results.get(name, ()) if facts is not None else ()
        return results[index] or None if index < len(results) else None

    # -- what importing a package brings in, whatever is called --

    def import_chain(self, import_path: str, kind: str, find: Finder) -> Chain | None:
        """The imports that lead from dependency package ``import_path`` (itself first) to
        one where ``find`` finds something (its step last), and what it found; None when
        none does, or (``known_only``) when a package on the way is not known yet. The
        imports are those of the files the target builds: a build constraint that leaves a
        file out leaves its imports out. Memoised per ``kind``."""
        with self._lock:
            key = (kind, import_path)
            if key in self._chains:
                return self._chains[key]
            self._chains[key] = None  # an import cycle (a broken build anyway) finds nothing
            missed = MODE.missed
            found = self._import_chain(import_path, kind, find)
            if MODE.missed == missed:
                self._chains[key] = found
            else:
                del self._chains[key]  # asked again once the summaries are known
            return found

    def _import_chain(self, import_path: str, kind: str, find: Finder) -> Chain | None:
        facts = self._facts_of(import_path)
        if facts is None:
            return None
        own = find(import_path, facts)
        if own is not None:
            return (own[0],), own[1]
        for path, step in sorted(facts.imports.items(), key=lambda i: _place(i[1])):
            if is_standard_import_path(path) or not self.may_follow(path):
                continue
            inner = self.import_chain(path, kind, find)
            if inner is not None:
                return (step, *inner[0]), inner[1]
        return None

    def package_marks(
        self, import_path: str, kind: str, marker: PackageMarker
    ) -> tuple[tuple[Step, str], ...] | None:
        """What ``marker`` marks in a dependency package's built files (worked out once,
        kept with its facts in the summary cache); None when it is no dependency on disk,
        or (``known_only``) not known yet."""
        with self._lock:
            facts = self._facts_of(import_path)
            if facts is None:
                return None
            found = facts.marks.get(kind)
            if found is not None:
                return found
            if MODE.known_only:
                MODE.missed += 1
                return None
            dep = self._package(import_path)
            found = tuple(marker(dep)) if dep is not None else ()
            facts.marks[kind] = found
            facts.changed = True
            return found

    def function(self, dep: DepPackage, decl: Node) -> Summary:
        """One function declaration's summary (memoised; a cycle sees it empty)."""
        with self._lock:  # the language server lints in two threads
            try:
                return self._function(dep, decl)
            except RecursionError:  # a call chain deeper than Python's stack: no claim
                return Summary(function_name(dep.name, decl))

    def _function(self, dep: DepPackage, decl: Node) -> Summary:
        memo_key = (id(dep.package.file_of(decl)), decl.start_byte)
        found = self._summaries.get(memo_key)
        if found is not None:
            low = self._open.get(memo_key, self._tentative.get(memo_key))
            if low is not None and self._lows and low < self._lows[-1]:
                self._lows[-1] = low  # a summary that is not final yet
            return found
        qualname = function_name(dep.name, decl)
        self._summaries[memo_key] = Summary(qualname, (), lambda: Tri.NO, False)
        depth = self._open[memo_key] = len(self._lows)
        self._lows.append(depth)
        mark = len(self._cycle)
        self._within.append(dep.import_path)
        try:
            found = self._summaries[memo_key] = self._summarise(dep, decl, qualname)
        finally:
            self._within.pop()
            low = self._lows.pop()
            del self._open[memo_key]
        self.computed += 1
        if low < depth:  # it saw an open caller's empty summary: settled with that caller
            self._cycle.append((memo_key, dep, decl, qualname))
            self._tentative[memo_key] = low
            if self._lows and low < self._lows[-1]:
                self._lows[-1] = low
        elif len(self._cycle) > mark:  # the first function of a cycle is done
            members = self._cycle[mark:]
            del self._cycle[mark:]
            for member in members:
                self._tentative.pop(member[0], None)
            self._settle(members)
        return found

    def _settle(self, members: list[tuple[tuple[int, int], DepPackage, Node, str]]) -> None:
        """Summarise a cycle's functions again until what they claim stops changing: each
        was first summarised while a caller on the cycle was open, its summary still empty
        (``Parse -> parseList -> Parse``, then ``exec.Command`` in ``Parse``)."""
        for _ in range(len(members) + 1):
            changed = False
            for key, dep, decl, qualname in members:
                self._within.append(dep.import_path)
                try:
                    again = self._summarise(dep, decl, qualname)
                finally:
                    self._within.pop()
                changed |= _claims(again) != _claims(self._summaries[key])
                self._summaries[key] = again
            if not changed:
                return

    def _summarise(self, dep: DepPackage, decl: Node, qualname: str) -> Summary:
        body = decl.child_by_field_name("body")
        if body is None:
            return Summary(qualname)
        gofile = dep.package.file_of(decl)
        resolver = dep.analyzer.resolver(gofile)
        dead = self._dead_ranges(dep, gofile) + handed_on(gofile, body)
        boundaries = gofile.index.boundaries(body)
        reaches: dict[str, Reach] = {}
        starts = self._first(gofile, gofile.index.within(body, "boundary"), dead, qualname, "go")
        recovers = self._first(gofile, self._recovers(dep, gofile, body), dead, qualname)
        narrows = self._narrows(dep, gofile, body, dead, qualname)
        for call in gofile.index.within(body, "call"):
            start = call.start_byte
            if any(s <= start < e for s, e in dead):
                continue
            direct = not any(s <= start < e for s, e in boundaries)
            (line, column) = call.start_point
            step = Step(gofile.source.path, line + 1, column + 1, qualname)
            symbol = resolver.call_symbol(call)
            if symbol is not None and self._modelled(symbol):
                _keep(reaches, Reach(symbol, (step,), direct, call, (start, call.end_byte)))
            for callee in self._callees(dep, gofile, resolver, call, symbol):
                for reach in callee.reaches:
                    steps = (step, *reach.steps)
                    inner = Reach(reach.symbol, steps, direct and reach.direct)
                    _keep(reaches, replace(inner, node=reach.node, span=reach.span))
                starts = _shorter(starts, step, callee.goroutine)
                recovers = _shorter(recovers, step, callee.recovers)
                narrows = _narrower(narrows, step, callee.narrows)
        never = self.block_never_returns(dep, gofile, body)
        yields = partial(self._yields, dep, decl)
        return Summary(qualname, tuple(reaches.values()), yields, never, starts, recovers, narrows)

    def _narrows(
        self,
        dep: DepPackage,
        gofile: GoFile,
        body: Node,
        dead: list[tuple[int, int]],
        qualname: str,
    ) -> Narrowing | None:
        """The first conversion in ``body`` that narrows a wide value to a 32-bit int, on
        TinyGo targets (where int is 32 bits; elsewhere none)."""
        if not self.build.has_tag("tinygo"):
            return None
        found = self._narrowing.get(id(gofile))
        if found is None:
            resolver = dep.analyzer.resolver(gofile)
            found = self._narrowing[id(gofile)] = narrowing_conversions(resolver)
        for call, narrow, why in found:
            start = call.start_byte
            if body.start_byte <= start < body.end_byte and not _inside(start, dead):
                step = self._first(gofile, [call], [], qualname)
                return Narrowing(step, text(call), narrow, why)
        return None

    @staticmethod
    def _first(
        gofile: GoFile,
        nodes: list[Node],
        dead: list[tuple[int, int]],
        qualname: str,
        kind: str = "",
    ) -> tuple[Step, ...]:
        """A step at the first of ``nodes`` (of type ``kind`` when given) that runs."""
        for node in nodes:
            if kind and node.type != f"{kind}_statement":
                continue
            if not any(s <= node.start_byte < e for s, e in dead):
                (line, column) = node.start_point
                return (Step(gofile.source.path, line + 1, column + 1, qualname),)
        return ()

    def _recovers(self, dep: DepPackage, gofile: GoFile, body: Node) -> list[Node]:
        """The calls of the builtin ``recover`` inside ``body``."""
        calls = self._recover_calls.get(id(gofile))
        if calls is None:
            resolver = dep.analyzer.resolver(gofile)
            found = resolver.predeclared_calls(frozenset({"recover"}))
            calls = self._recover_calls[id(gofile)] = [c for c, _ in found]
        return [c for c in calls if body.start_byte <= c.start_byte < body.end_byte]

    def _yields(self, dep: DepPackage, decl: Node) -> Tri:
        with self._lock:
            try:
                return dep.analyzer.function_yields(decl, self.target)
            except RecursionError:
                return Tri.UNKNOWN

    def _modelled(self, symbol: str) -> bool:
        if symbol.startswith(".") or not is_standard_import_path(_package_of(symbol)):
            return False
        return bool(
            MODEL.symbol_facts(symbol, self.target, self.versions)
            or MODEL.needs_event_loop(symbol, self.target)
        )

    def _call_target(
        self, dep: DepPackage, gofile: GoFile, resolver: Resolver, call: Node, symbol: str | None
    ) -> tuple[str, str] | None:
        """Whom a call inside ``dep`` statically calls: ``("own", name)`` a function or
        method (``T.M``) of ``dep`` itself, ``("other", "path.F")`` another package's; None
        when that is not statically known."""
        func = call.child_by_field_name("function")
        if func is None:
            return None
        if func.type == "identifier":
            name = text(func)
            return None if resolver.local_declaration(func, name) is not None else ("own", name)
        symbol = (
            symbol
            or renamed_call(resolver, call, self._dependency_renamed(gofile))
            or receiver_method(self, resolver, call, dep)
        )
        if symbol is None:
            return None
        return ("own", symbol[1:]) if symbol.startswith(".") else ("other", symbol)

    def _callees(
        self, dep: DepPackage, gofile: GoFile, resolver: Resolver, call: Node, symbol: str | None
    ) -> list[Summary]:
        """The summaries of what a call inside ``dep`` statically calls."""
        target = self._call_target(dep, gofile, resolver, call, symbol)
        if target is None:
            return []
        whose, name = target
        found = self.summary(dep.import_path, name) if whose == "own" else self.summary_of(name)
        return [found] if found is not None else []

    # -- marks a rule sets, followed through synchronous calls --

    def trace_to_mark(
        self, symbol: str, kind: str, marked: Marker, nodes: str = "loop"
    ) -> tuple[Step, ...]:
        """The calls that lead from dependency function ``symbol`` (``path.F``,
        ``path.T.M``) to a node that ``marked`` returns for a package's file (a loop a rule
        flags there; asked only about files where a function that runs has a node of the
        index's kind ``nodes``), the node's own step last: only calls the caller waits for (no
        goroutine, no function literal, no dead code) and statically resolved ones; ``()``
        when there is none. ``kind`` names the marks in the memo."""
        with self._lock:
            missed = MODE.missed
            try:
                for dep, decl in self._decls_of(symbol):
                    try:
                        found = self._trace_to_mark(dep, decl, kind, marked, nodes)
                    except RecursionError:
                        continue
                    if found:
                        return found
            finally:
                if MODE.missed > missed:  # dead code held back: traced again once known
                    self._traces.clear()
        return ()

    def _trace_to_mark(
        self, dep: DepPackage, decl: Node, kind: str, marked: Marker, nodes: str
    ) -> tuple[Step, ...]:
        gofile = dep.package.file_of(decl)
        key = (kind, id(gofile), decl.start_byte)
        found = self._traces.get(key)
        if found is not None:
            return found
        self._traces[key] = ()  # a recursive call finds nothing meanwhile
        body = decl.child_by_field_name("body")
        if body is None:
            return ()
        qualname = function_name(dep.name, decl)
        skip = self._dead_ranges(dep, gofile) + gofile.index.boundaries(body)
        here = [n for n in gofile.index.within(body, nodes) if not _inside(n.start_byte, skip)]
        for node in marked(dep, gofile) if here else ():  # a rule runs only where it may mark
            start = node.start_byte
            if body.start_byte <= start < body.end_byte and not _inside(start, skip):
                found = self._traces[key] = self._first(gofile, [node], [], qualname)
                return found
        resolver = dep.analyzer.resolver(gofile)
        best: tuple[Step, ...] = ()
        for call in gofile.index.within(body, "call"):
            if _inside(call.start_byte, skip):
                continue
            step = self._first(gofile, [call], [], qualname)[0]
            for callee_dep, callee in self._callee_decls(dep, gofile, resolver, call):
                inner = self._trace_to_mark(callee_dep, callee, kind, marked, nodes)
                best = _shorter(best, step, inner)
        self._traces[key] = best
        return best

    def _decls_of(self, symbol: str) -> list[tuple[DepPackage, Node]]:
        """The declarations of dependency function or method ``symbol``."""
        slash = symbol.rfind("/")
        head, tail = symbol[: slash + 1], symbol[slash + 1 :]
        parts = tail.split(".")
        for names in (1, 2):
            if len(parts) > names:
                dep = self.package(head + ".".join(parts[:-names]))
                if dep is not None:
                    return [(dep, d) for d in _declarations(dep.package, parts[-names:])]
        return []

    def _callee_decls(
        self, dep: DepPackage, gofile: GoFile, resolver: Resolver, call: Node
    ) -> list[tuple[DepPackage, Node]]:
        """What a call inside ``dep`` statically calls, as ``_callees`` finds it."""
        target = self._call_target(dep, gofile, resolver, call, resolver.call_symbol(call))
        if target is None:
            return []
        whose, name = target
        if whose == "own":
            return [(dep, d) for d in _declarations(dep.package, name.split("."))]
        if is_standard_import_path(_package_of(name)):
            return []
        return self._decls_of(name)

    # -- never returning --

    def call_never_returns(self, symbol: str | None) -> bool:
        """Whether a call of ``symbol`` never returns on the target (model or summary)."""
        if symbol is None or symbol.startswith("."):
            return False
        if symbol in _EXITS or MODEL.never_returns(symbol, self.target) is not None:
            return True
        if is_standard_import_path(_package_of(symbol)):
            return False
        found = self.summary_of(symbol)
        return found is not None and found.never_returns

    def block_never_returns(self, dep: DepPackage, gofile: GoFile, block: Node) -> bool:
        """Whether running ``block`` never gets past its end on the target."""
        resolver = dep.analyzer.resolver(gofile)
        dead = self._dead_ranges(dep, gofile, after_never=False)
        for stmt in _statements(block):
            if any(s <= stmt.start_byte < e for s, e in dead):
                continue
            if self._statement_never_returns(dep, gofile, resolver, stmt):
                return True
        return False

    def _statement_never_returns(
        self, dep: DepPackage, gofile: GoFile, resolver: Resolver, stmt: Node
    ) -> bool:
        kind = stmt.type
        if kind == "select_statement":
            return not stmt.named_children
        if kind == "for_statement":
            return endless_loop(stmt)
        if kind == "block":
            return self.block_never_returns(dep, gofile, stmt)
        if kind == "expression_statement":
            call = stmt.named_child(0)
            if call is None or call.type != "call_expression":
                return False
            func = call.child_by_field_name("function")
            if func is not None and func.type == "identifier":
                name = text(func)
                if resolver.local_declaration(func, name) is None:
                    found = self.summary(dep.import_path, name)
                    return found is not None and found.never_returns
            return self.call_never_returns(resolver.call_symbol(call))
        if kind == "if_statement":
            cond = stmt.child_by_field_name("condition")
            truth = guards.evaluate(cond, self.platform, resolver) if cond is not None else None
            then = stmt.child_by_field_name("consequence")
            other = stmt.child_by_field_name("alternative")
            then_never = then is not None and self.block_never_returns(dep, gofile, then)
            if truth is True:
                return then_never
            other_never = other is not None and (
                self._statement_never_returns(dep, gofile, resolver, other)
            )
            if truth is False:
                return other_never
            return then_never and other_never
        return False

    def _dead_ranges(
        self, dep: DepPackage, gofile: GoFile, after_never: bool = True
    ) -> list[tuple[int, int]]:
        """Byte ranges of a dependency file that do not run on the target: dead guard
        branches, and (``after_never``) what follows a call that never returns."""
        key = id(gofile) * 2 + after_never
        found = self._dead.get(key)
        if found is not None:
            return found
        root = gofile.source.root
        resolver = dep.analyzer.resolver(gofile)
        found = self._dead[key] = guard_ranges(root, gofile.source.data, self.platform, resolver)
        if after_never:
            missed = MODE.missed
            found += never_ranges(gofile, resolver, self.target, self)
            if MODE.missed > missed:  # held back for now: asked again once known
                del self._dead[key]
        return found


# -- helpers shared with the analysed packages -----------------------------------------------


def guard_ranges(
    root: Node, data: bytes, platform: guards.Platform, resolver: Resolver
) -> list[tuple[int, int]]:
    return guards.DeadCode(guards.Guards.of(root, data), platform, resolver).ranges()


def never_ranges(
    gofile: GoFile, resolver: Resolver, target: str, view: Dependencies | None
) -> list[tuple[int, int]]:
    """The rest of each statement list after a call statement that never returns on
    ``target``: calls the model lists (``[[never_returns]]``, whether the module is on disk
    or not) and calls into dependency packages whose summary says so. In a ``known_only``
    lint, also after a dependency call whose summary is not known yet: what follows it is
    held back until the summaries are (the lint counts the miss, so a second one comes),
    lest a finding there show now and vanish then."""
    names = {
        n
        for n, path in gofile.imports.items()
        if MODEL.has_never_returns(path) or (view is not None and view.may_follow(path))
    }
    if not names:
        return []
    ranges: list[tuple[int, int]] = []
    for call in gofile.index.selector_calls(frozenset(names), frozenset()):
        stmt = call.parent
        if stmt is None or stmt.type != "expression_statement":
            continue
        block = stmt.parent
        if block is None or block.type != "statement_list":
            continue
        symbol = resolver.call_symbol(call)
        if symbol is None:
            continue
        if MODEL.never_returns(symbol, target) is not None:
            ranges.append((stmt.end_byte, block.end_byte))
        elif view is not None:
            missed = MODE.missed
            if view.call_never_returns(symbol) or (MODE.known_only and MODE.missed > missed):
                ranges.append((stmt.end_byte, block.end_byte))
    return ranges


def handed_on(gofile: GoFile, body: Node) -> list[tuple[int, int]]:
    """The function literals in ``body`` that are not called where they are written (nor
    by ``go``/``defer``): returned, stored or passed on, they run only if someone calls the
    value later, a dynamic call that makes no claim."""
    ranges: list[tuple[int, int]] = []
    for node in gofile.index.within(body, "boundary"):
        if node.type != "func_literal":
            continue
        parent = node.parent
        called = parent is not None and parent.type == "call_expression"
        function = parent.child_by_field_name("function") if called and parent else None
        if function is None or function.id != node.id:
            ranges.append((node.start_byte, node.end_byte))
    return ranges


def receiver_method(
    view: Dependencies, resolver: Resolver, call: Node, dep: DepPackage | None
) -> str | None:
    """``path.T.M`` for ``x.M()`` where ``x`` was declared from a call of a dependency
    function that returns its type ``T`` (``x, err := dep.New()``), or ``.T.M`` when that
    function is one of ``dep``'s own (``x := newT()`` inside a dependency)."""
    func = call.child_by_field_name("function")
    operand = func.child_by_field_name("operand") if func is not None else None
    field_node = func.child_by_field_name("field") if func is not None else None
    if operand is None or field_node is None or operand.type != "identifier":
        return None
    declared = resolver.local_declaration(operand, text(operand))
    value = declared.value_node if declared is not None else None
    if declared is None or value is None or value.type != "call_expression":
        return None
    index = _result_index(declared.ident, value)
    method = text(field_node)
    callee = value.child_by_field_name("function")
    if callee is not None and callee.type == "identifier" and dep is not None:
        decls = dep.package.functions(text(callee))
        found = _result_type(dep.package, decls[0], index) if len(decls) == 1 else None
        return f".{found}.{method}" if found else None
    symbol = resolver.call_symbol(value)
    if symbol is None or symbol.startswith("."):
        return None
    path, _, name = symbol.rpartition(".")
    found = view.result_type(path, name, index)
    return f"{path}.{found}.{method}" if found else None


def renamed_call(resolver: Resolver, call: Node, renamed: dict[str, str]) -> str | None:
    """``path.F`` for ``name.F(...)`` where ``name`` is a renamed import's package name."""
    if not renamed:
        return None
    func = call.child_by_field_name("function")
    operand = func.child_by_field_name("operand") if func is not None else None
    field_node = func.child_by_field_name("field") if func is not None else None
    if operand is None or field_node is None or operand.type != "identifier":
        return None
    name = text(operand)
    path = renamed.get(name)
    if path is None or resolver.local_declaration(operand, name) is not None:
        return None
    return f"{path}.{text(field_node)}"


def _result_index(ident: Node, value: Node) -> int:
    """Which result of the call ``value`` the declared ``ident`` receives: its position
    when one call feeds several names (``a, b := f()``), else 0."""
    names = ident.parent
    if names is None or names.type != "expression_list":
        return 0
    if value.parent is not None and value.parent.named_child_count > 1:
        return 0  # a, b := f(), g(): each name has its own value
    idents = [c for c in names.named_children if c.type == "identifier"]
    return next((i for i, c in enumerate(idents) if c.id == ident.id), 0)


def _result_type(package: Package, decl: Node, index: int) -> str | None:
    """The package type named by a function's ``index``-th result (``T``, ``*T``, ``T[X]``)."""
    types = _result_types(package, decl)
    return types[index] or None if index < len(types) else None


def _result_types(package: Package, decl: Node) -> tuple[str, ...]:
    """The package type each result of a function names ('' where it names none)."""
    result = decl.child_by_field_name("result")
    if result is None:
        return ()
    types: list[Node] = []
    if result.type == "parameter_list":
        for param in result.named_children:
            written = param.child_by_field_name("type")
            count = sum(1 for c in param.named_children if c.type == "identifier")
            types += [written] * max(1, count) if written is not None else []
    else:
        types = [result]
    return tuple(_named_type(package, node) for node in types)


def _named_type(package: Package, written: Node) -> str:
    node: Node | None = written
    while node is not None and node.type in ("pointer_type", "generic_type"):
        pointer = node.type == "pointer_type"
        node = node.named_child(0) if pointer else node.child_by_field_name("type")
    if node is None or node.type != "type_identifier" or not package.is_type(text(node)):
        return ""
    return text(node)


def _package_facts(dep: DepPackage) -> PackageFacts:
    """A parsed dependency package's facts (no summary yet)."""
    package = dep.package
    methods: set[str] = set()
    results: dict[str, tuple[str, ...]] = {}
    for kind, name in package.names:
        if kind == "func" and name[0].isupper():  # importers call exported ones
            decls = package.functions(name)
            if len(decls) == 1:
                results[name] = _result_types(package, decls[0])
        elif kind == "method":
            methods.add(name)
    imports: dict[str, Step] = {}
    for gofile in package.files:
        for path, spec in gofile.import_nodes.items():
            if path not in imports:
                (line, column) = spec.start_point
                imports[path] = Step(gofile.source.path, line + 1, column + 1, dep.import_path)
    return PackageFacts(dep.import_path, dep.name, frozenset(methods), results, imports=imports)


def call_at(path: Path, start: int, end: int) -> Node | None:
    """The call expression spanning bytes ``start``-``end`` of a dependency file (parsed
    once per process); None when the file no longer holds one there."""
    gofile = _parsed(path)
    if gofile is None:
        return None
    node: Node | None = gofile.source.root.descendant_for_byte_range(start, end)
    while node is not None and (node.start_byte, node.end_byte) == (start, end):
        if node.type == "call_expression":
            return node
        node = node.parent
    return None


def _parsed(path: Path) -> GoFile | None:
    """A dependency file, read and parsed once per process (keyed by mtime and size)."""
    key = _stat(path)
    known = _READ.get(path)
    if known is None or known[:2] != key:
        try:
            data = read_source(path)
        except UnreadableSource:
            return None
        known = _READ[path] = (*key, data, None)
    if known[3] is None:
        known = _READ[path] = (*known[:3], GoFile.from_source(SourceFile(path, known[2])))
    return known[3]


def endless_loop(loop: Node) -> bool:
    """``for { ... }`` that no ``break``, ``return`` or ``goto`` leaves."""
    for child in loop.named_children:
        if child.type != "block":
            return False  # a condition, a for clause or a range clause
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    stack = list(body.named_children)
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in ("return_statement", "goto_statement"):
            return False
        if kind == "break_statement" and (
            node.named_child_count or not _inner_breakable(node, loop)
        ):
            return False  # this loop's break (a labelled one may be too)
        if kind == "func_literal":
            continue
        stack.extend(node.named_children)
    return True


def _inner_breakable(brk: Node, loop: Node) -> bool:
    """Whether an unlabelled ``break`` leaves a statement inside ``loop`` (not ``loop``)."""
    parent = brk.parent
    while parent is not None and parent.id != loop.id:
        if parent.type in (
            "for_statement",
            "expression_switch_statement",
            "type_switch_statement",
            "select_statement",
        ):
            return True
        parent = parent.parent
    return False


def _statements(block: Node) -> list[Node]:
    stmts = block.named_children
    if stmts and stmts[0].type == "statement_list":
        stmts = stmts[0].named_children
    return stmts


def function_name(package: str, decl: Node) -> str:
    """``dep.F``; methods as ``dep.T.M`` (value receiver) or ``dep.(*T).M`` (pointer), the
    way Go's runtime names them."""
    name_node = decl.child_by_field_name("name")
    name = text(name_node) if name_node is not None else "func"
    if decl.type != "method_declaration":
        return f"{package}.{name}"
    receiver = decl.child_by_field_name("receiver")
    param = receiver.named_child(0) if receiver is not None else None
    rtype = param.child_by_field_name("type") if param is not None else None
    written = text(rtype) if rtype is not None else ""
    base = written.lstrip("*").split("[", 1)[0]
    owner = f"(*{base})" if written.startswith("*") else base
    return f"{package}.{owner}.{name}"


def _package_of(symbol: str) -> str:
    """``net/http`` of ``net/http.Client.Do`` (the package is what precedes the first dot
    after the last slash)."""
    slash = symbol.rfind("/")
    dot = symbol.find(".", slash + 1)
    return symbol[:dot] if dot != -1 else symbol


def _keep(reaches: dict[str, Reach], reach: Reach) -> None:
    """One reach per symbol: a direct one over one through a goroutine, then the shortest."""
    known = reaches.get(reach.symbol)
    if known is None or (reach.direct, -len(reach.steps)) > (known.direct, -len(known.steps)):
        reaches[reach.symbol] = reach


#: What a rule marks in a dependency package's file (the loops it flags there, ...).
Marker = Callable[[DepPackage, GoFile], list[Node]]
#: What a rule marks anywhere in a dependency package: where, and what.
PackageMarker = Callable[[DepPackage], list[tuple[Step, str]]]
#: The imports that lead to what a ``Finder`` found, and what it found.
Chain = tuple[tuple[Step, ...], str]
#: What a rule finds in a dependency package's facts (its imports, its marks), if anything.
Finder = Callable[[str, PackageFacts], "tuple[Step, str] | None"]


def _place(step: Step) -> tuple[str, int, int]:
    return (str(step.path), step.line, step.column)


def _inside(start: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in ranges)


def _declarations(package: Package, names: list[str]) -> list[Node]:
    """A package's function ``[F]`` or method ``[T, M]`` declarations."""
    if len(names) == 2:
        return package.methods_of(names[0], names[1])
    return package.functions(names[0])


def _shorter(known: tuple[Step, ...], step: Step, found: tuple[Step, ...]) -> tuple[Step, ...]:
    """The shorter of a trace known so far and ``step`` followed by a callee's ``found``."""
    if not found or (known and len(known) <= len(found) + 1):
        return known
    return (step, *found)


def _claims(summary: Summary) -> tuple[frozenset[tuple[str, bool]], bool, bool, bool, bool]:
    """What a summary claims, traces aside."""
    reached = frozenset((r.symbol, r.direct) for r in summary.reaches)
    return (
        reached,
        summary.never_returns,
        bool(summary.goroutine),
        bool(summary.recovers),
        summary.narrows is not None,
    )


def _narrower(known: Narrowing | None, step: Step, found: Narrowing | None) -> Narrowing | None:
    """The one with the shorter trace of a narrowing known so far and ``step`` followed by a
    callee's."""
    if found is None or (known is not None and len(known.steps) <= len(found.steps) + 1):
        return known
    return replace(found, steps=(step, *found.steps))


def _join(summaries: list[Summary]) -> Summary:
    if len(summaries) == 1:
        return summaries[0]
    reaches: dict[str, Reach] = {}
    for s in summaries:
        for r in s.reaches:
            _keep(reaches, r)
    return Summary(
        summaries[0].function,
        tuple(reaches.values()),
        lambda: max(s.yields for s in summaries),
        all(s.never_returns for s in summaries),
        next((s.goroutine for s in summaries if s.goroutine), ()),
        next((s.recovers for s in summaries if s.recovers), ()),
        next((s.narrows for s in summaries if s.narrows is not None), None),
    )


# -- views, kept per process -----------------------------------------------------------------


def forget_facts() -> None:
    """Drop what every view knows of its packages, so that they are read from the summary
    cache again (another process has just stored more there)."""
    for view in list(_VIEWS.values()):
        with view._lock:
            view._facts.clear()
            view._chains.clear()


_PROGRAMS: dict[GoEnv, tuple[Program, dict[int, tuple[tuple[int, int], ...]]]] = {}
_VIEWS: dict[tuple[int, str, BuildContext, Versions], Dependencies] = {}


def view_for(
    directory: Path,
    build: BuildContext,
    platform: guards.Platform,
    target: str,
    versions: Versions,
) -> Dependencies | None:
    """The dependency view of the module graph around ``directory`` on ``target``, reused
    across the packages of a process while its go.mod/go.work files and every file it read
    are unchanged; None outside a module and inside GOROOT (modules ``std`` and ``cmd``)."""
    env = GoEnv.current()
    program, stamps = _PROGRAMS.get(env) or (Program(env), {})
    graph = program.graph_for(directory)
    if graph is not None:
        stamp = _graph_stamp(graph)
        if stamps.setdefault(id(graph), stamp) != stamp:  # a go.mod changed: read them again
            program, stamps = Program(env), {}
            graph = program.graph_for(directory)
            if graph is not None:
                stamps[id(graph)] = _graph_stamp(graph)
    _PROGRAMS[env] = (program, stamps)
    if graph is None or any(m.path in ("std", "cmd") for m in graph.main):
        return None
    key = (id(graph), target, build, versions)
    view = _VIEWS.get(key)
    if view is None or view.graph is not graph or not fresh(view.files_read):
        view = _VIEWS[key] = Dependencies(graph, build, platform, target, versions)
    return view


def _graph_stamp(graph: ModuleGraph) -> tuple[tuple[int, int], ...]:
    files = [f.path for f in graph.files] + ([graph.work.path] if graph.work else [])
    return tuple(_stat(p) for p in files)
