"""Target inference: the targets a package's code asks for when none is configured.

A file asks for a port when its build constraint (``//go:build`` line, ``// +build`` lines
or ``_GOOS`` file name) holds for that port and would not hold if only the port changed
(GOOS set to one the constraint cannot name, the ``wasip2`` tag dropped): ``js || wasip1``
asks for both ports, ``!js && !wasip1`` and ``!windows`` for none. A file asks for TinyGo
when a TinyGo build holds for it and the same build without TinyGo's own tags (``tinygo``,
``tinygo.*``) does not. The constraints are evaluated with the run's Go and TinyGo releases
and build tags. A ``_wasip2.go`` name also asks for wasip2: TinyGo builds wasip2 as linux, so
the name selects nothing, but it says what the file is for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from wasmvet.analysis.build_constraints import (
    BuildContext,
    ConstraintSyntaxError,
    constraint_lines,
    file_is_built,
)
from wasmvet.analysis.package import GoFile
from wasmvet.runtime_model.model import Versions
from wasmvet.targets import DEFAULT_TARGETS, TARGETS, Target

#: Imports that say which toolchain and port a package is written for. (SDKs that support
#: both toolchains, such as proxy-wasm's and Extism's, say nothing certain and are not listed.)
_SDK_TARGETS = (
    ("go.bytecodealliance.org/cm", "tinygo-wasip2", "a WASI preview 2 component"),
    ("github.com/ydnar/wasm-tools-go/cm", "tinygo-wasip2", "a WASI preview 2 component"),
)
#: The target of each port, with Go and with TinyGo.
_PORT_TARGETS = {
    "js": ("go-js", "tinygo-wasm"),
    "wasip1": ("go-wasip1", "tinygo-wasip1"),
    "wasip2": ("tinygo-wasip2", "tinygo-wasip2"),
}
_NO_GOOS = "no-goos"  # a GOOS no build tag can name (tags have no "-")
_WORD = re.compile(r"[^\s()!&|,]+")
#: Why a package gets the default targets: nothing says it is built for wasm at all.
DEFAULT_REASON = "the default: nothing in the code names a target"
#: Why a package gets TinyGo's wasm target from TinyGo build tags alone (after a file name).
TINYGO_TAG_REASON = "is built for TinyGo"
#: What ties such a package to wasm itself (after a file name).
WASM_HOST_REASON = "declares wasm imports or exports"
_WASM_HOST = re.compile(rb"^//(?:go:wasmimport|export)\s", re.MULTILINE)


def _is_tinygo_tag(tag: str) -> bool:
    """TinyGo's own tags (``tinygo``, ``tinygo.wasm``, ...); tags TinyGo sets that others
    set too (``purego``, ``osusergo``) ask for no compiler."""
    return tag == "tinygo" or tag.startswith("tinygo.")


@dataclass(frozen=True)
class FileHints:
    """What target inference reads of a file: its name, its bytes and its imports."""

    name: str
    data: bytes
    imported_paths: set[str]

    @classmethod
    def of(cls, gofile: GoFile) -> FileHints:
        return cls(gofile.source.path.name, gofile.source.data, gofile.imported_paths)

    @cached_property
    def words(self) -> frozenset[str]:
        """The tags its build constraint names and the parts of its name: a build can only
        depend on a tag named here (a shortcut: most files name no port)."""
        try:
            lines = constraint_lines(self.data)
        except ConstraintSyntaxError:
            return frozenset()  # built nowhere: asks for nothing
        text = " ".join((lines.go_build or "", *lines.plus_build))
        stem = self.name.split(".")[0].split("_")[1:]
        return frozenset(_WORD.findall(text)) | frozenset(stem)

    def asks_for(self, build: BuildContext, without: BuildContext) -> bool:
        """Whether ``build`` compiles the file and ``without`` (the same build less what is
        asked about) does not."""
        return file_is_built(build, self.name, self.data) and not file_is_built(
            without, self.name, self.data
        )


@dataclass(frozen=True)
class _Contexts:
    """Each target's build context for one run (its releases and build tags)."""

    builds: dict[str, BuildContext]

    @classmethod
    def of(cls, versions: Versions, tags: Iterable[str]) -> _Contexts:
        tags = tuple(tags)
        return cls({t.id: t.context(versions, tags) for t in TARGETS.values()})

    def asks_for_port(self, hints: FileHints, port: str) -> bool:
        """Whether the file holds for ``port`` and not with the port changed (its GOOS
        replaced by one no tag names, or, for TinyGo's wasip2, its tag dropped)."""
        if port not in hints.words:
            return False
        for target in dict.fromkeys(_PORT_TARGETS[port]):
            build = self.builds[target]
            if build.goos == port:
                without = replace(build, goos=_NO_GOOS)
            elif port in build.tags:  # a TinyGo port built as another GOOS, marked by a tag
                without = replace(build, tags=build.tags - {port})
            else:
                continue
            if hints.asks_for(build, without):
                return True
        return False

    def asks_for_tinygo(self, hints: FileHints) -> bool:
        """Whether a TinyGo build holds for the file and the same build without TinyGo's own
        tags does not."""
        if not any(map(_is_tinygo_tag, hints.words)):
            return False
        for target in (_PORT_TARGETS["js"][1], _PORT_TARGETS["wasip1"][1]):
            build = self.builds[target]
            plain = frozenset(t for t in build.tags if not _is_tinygo_tag(t))
            if hints.asks_for(build, replace(build, tags=plain)):
                return True
        return False

    def asks_against_tinygo(self, hints: FileHints) -> bool:
        """Whether a standard Go build holds for the file and the same build with TinyGo's
        tag does not (``//go:build !tinygo``): the package is written for both compilers."""
        if not any(map(_is_tinygo_tag, hints.words)):
            return False
        for target in (_PORT_TARGETS["js"][0], _PORT_TARGETS["wasip1"][0]):
            build = self.builds[target]
            if hints.asks_for(build, replace(build, tags=build.tags | {"tinygo"})):
                return True
        return False


_PACKAGE_MAIN = re.compile(rb"^package\s+main\b", re.MULTILINE)
_FUNC_MAIN = re.compile(rb"^func\s+main\s*\(", re.MULTILINE)


def _reactor_without_main(files: Sequence[FileHints], contexts: _Contexts) -> bool:
    """Package ``main`` with no ``func main`` in the files a wasip1 build compiles: Go's
    compiler refuses it (``function main is undeclared in the main package``), TinyGo builds
    it as a reactor (``-buildmode=c-shared``), as Extism's and other plugin SDKs' examples do."""
    build = contexts.builds[_PORT_TARGETS["wasip1"][0]]
    built = [
        f for f in files if not f.name.endswith("_test.go") and file_is_built(build, f.name, f.data)
    ]
    return (
        bool(built)
        and all(_PACKAGE_MAIN.search(f.data) for f in built)
        and not any(_FUNC_MAIN.search(f.data) for f in built)
    )


def infer_targets(
    files: Sequence[FileHints], versions: Versions | None = None, tags: Iterable[str] = ()
) -> tuple[tuple[Target, ...], str]:
    """Targets the code itself asks for, and why, when nothing is configured: build
    constraints evaluated for these releases (the newest known by default) and tags."""
    contexts = _Contexts.of(versions or Versions(), tags)
    for hints in files:
        for prefix, target, what in _SDK_TARGETS:
            if any(p == prefix or p.startswith(prefix + "/") for p in hints.imported_paths):
                return (TARGETS[target],), f"{hints.name} imports {prefix} ({what})"
    tinygo = next((f for f in files if contexts.asks_for_tinygo(f)), None)
    ports: dict[str, str] = {}  # port: why
    for hints in files:
        if "syscall/js" in hints.imported_paths:
            ports.setdefault("js", f"{hints.name} imports syscall/js")
    for hints in files:
        named = hints.name.split(".")[0].removesuffix("_test").endswith("_wasip2")
        asked = [
            port
            for port in _PORT_TARGETS
            if port not in ports
            and (contexts.asks_for_port(hints, port) or (named and port == "wasip2"))
        ]
        for port in asked:
            ports[port] = f"{hints.name} is built for {' and '.join(asked)}"
    if not ports:
        exporter = next((f for f in files if b"//go:wasmexport" in f.data), None)
        if exporter is not None:
            ports["wasip1"] = f"{exporter.name} uses //go:wasmexport"
            if tinygo is None and _reactor_without_main(files, contexts):
                tinygo = exporter  # Go's compiler needs main.main; TinyGo builds a reactor
                ports["wasip1"] += " in package main without func main (a TinyGo reactor)"
    # TinyGo when a file asks for it; both compilers when another file asks for the standard
    # one (``!tinygo``), as packages that support both do.
    standard = tinygo is None or any(contexts.asks_against_tinygo(f) for f in files)
    compilers = [i for i, wanted in enumerate((standard, tinygo is not None)) if wanted]
    if ports:
        chosen = {_PORT_TARGETS[port][i] for port in ports for i in compilers}
        targets = tuple(t for t in TARGETS.values() if t.id in chosen)
        return targets, "; ".join(dict.fromkeys(ports.values()))
    if tinygo is not None:
        reason = f"{tinygo.name} {TINYGO_TAG_REASON}"
        host = next((f for f in files if _talks_to_wasm_host(f)), None)
        if host is tinygo:
            reason += f" and {WASM_HOST_REASON}"
        elif host is not None:
            reason += f"; {host.name} {WASM_HOST_REASON}"
        return (TARGETS["tinygo-wasm"],), reason
    return tuple(TARGETS[t] for t in DEFAULT_TARGETS), DEFAULT_REASON


def _talks_to_wasm_host(hints: FileHints) -> bool:
    """``//go:wasmimport`` or TinyGo's ``//export``, or a ``tinygo.wasm`` build tag."""
    return "tinygo.wasm" in hints.words or _WASM_HOST.search(hints.data) is not None


def ties_importers_to_wasm(reason: str) -> bool:
    """Whether the packages importing a package inferred for ``reason`` (a summary key such
    as ``tinygo-wasm (x.go is built for TinyGo)``) are wasm code too. A TinyGo build tag
    alone does not say so: TinyGo also builds for microcontrollers, and a framework's TinyGo
    variant file is imported by its native tools (vugu's code generator) as much as by apps."""
    return DEFAULT_REASON not in reason and not reason.endswith(f"{TINYGO_TAG_REASON})")
