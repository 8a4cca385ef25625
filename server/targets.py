"""The wasm targets wasmvet knows: a compiler plus a port, and how each selects files.

The TinyGo targets' GOOS/GOARCH and build tags come from TinyGo's ``targets/*.json`` and
``compileopts/config.go`` (facts ``tinygo.tags.*`` in ``runtime_model/data/tinygo.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from wasmvet.analysis.build_constraints import BuildContext
from wasmvet.analysis.guards import Platform
from wasmvet.runtime_model.model import Versions
from wasmvet.suggest import did_you_mean


@dataclass(frozen=True)
class Target:
    """A compiler and wasm port, e.g. ``go-js`` is ``GOOS=js GOARCH=wasm go build``."""

    id: str
    toolchain: str
    build: BuildContext
    runtime: Platform
    host: str
    build_command: str
    facts: tuple[str, ...] = ()
    """Runtime-model facts that say how this target selects files and what it reports."""

    @property
    def port(self) -> str:
        """``GOOS/GOARCH`` as the toolchain names the port, e.g. ``js/wasm``."""
        return f"{self.build.goos}/{self.build.goarch}"

    @property
    def is_tinygo(self) -> bool:
        return self.toolchain == "tinygo"

    def context(self, versions: Versions, tags: Iterable[str] = ()) -> BuildContext:
        """The build context for these toolchain releases (release tags up to ``go1.N``)
        with the user's build ``tags`` (``-tags``) added."""
        build = replace(self.build, go_minor=versions.go, tags=self.build.tags | frozenset(tags))
        if not self.is_tinygo:
            return build
        tags = set(build.tags)
        if versions.tinygo < 34:  # fact tinygo.gc: precise since 0.34, conservative before
            tags.discard("gc.precise")
            tags.add("gc.conservative")
        if versions.tinygo < 33:  # fact tinygo.tags.common: osusergo since 0.33
            tags.discard("osusergo")
        if self.id == "tinygo-wasip1" and versions.tinygo <= 31:  # fact tinygo.tags.wasi-legacy
            return replace(build, goos="linux", goarch="arm", tags=frozenset(tags | {"wasi"}))
        return replace(build, tags=frozenset(tags))


def _tinygo_tags(*extra: str, scheduler: str = "asyncify", gc: str = "precise") -> frozenset[str]:
    """Tags every TinyGo build sets (fact tinygo.tags.common) plus the target's own."""
    common = {"tinygo", "purego", "math_big_pure_go", "osusergo", "serial.none"}
    common |= {"tinygo.unicore", "tinygo.wasm", f"scheduler.{scheduler}", f"gc.{gc}"}
    return frozenset(common | set(extra))


def _tinygo(goos: str, goarch: str, tags: frozenset[str]) -> BuildContext:
    # TinyGo runs `go list` with CGO_ENABLED=1 (fact tinygo.tags.common).
    return BuildContext(goos=goos, goarch=goarch, tags=tags, cgo=True)


TARGETS: dict[str, Target] = {
    t.id: t
    for t in (
        Target(
            id="go-js",
            toolchain="go",
            build=BuildContext(goos="js", goarch="wasm"),
            runtime=Platform("js", "wasm"),
            host="browser or Node.js through wasm_exec.js",
            build_command="GOOS=js GOARCH=wasm go build -o main.wasm .",
        ),
        Target(
            id="go-wasip1",
            toolchain="go",
            build=BuildContext(goos="wasip1", goarch="wasm"),
            runtime=Platform("wasip1", "wasm"),
            host="WASI preview 1 runtime (wasmtime, wazero, WasmEdge)",
            build_command="GOOS=wasip1 GOARCH=wasm go build -o main.wasm .",
        ),
        Target(
            id="tinygo-wasm",
            toolchain="tinygo",
            build=_tinygo("js", "wasm", _tinygo_tags()),
            runtime=Platform("js", "wasm", "tinygo"),
            host="browser or Node.js through TinyGo's wasm_exec.js",
            build_command="tinygo build -target=wasm -o main.wasm .",
            facts=("tinygo.tags.common", "tinygo.tags.wasm", "tinygo.runtime-goos-goarch"),
        ),
        Target(
            id="tinygo-wasip1",
            toolchain="tinygo",
            build=_tinygo("wasip1", "wasm", _tinygo_tags()),
            runtime=Platform("wasip1", "wasm", "tinygo"),
            host="WASI preview 1 runtime (wasmtime, wazero, WasmEdge), proxy-wasm hosts",
            build_command="tinygo build -target=wasip1 -o main.wasm .",
            facts=("tinygo.tags.common", "tinygo.tags.wasip1", "tinygo.tags.wasi-legacy"),
        ),
        Target(
            id="tinygo-wasip2",
            toolchain="tinygo",
            build=_tinygo("linux", "arm", _tinygo_tags("wasip2")),
            runtime=Platform("wasip2", "wasm", "tinygo"),
            host="WASI preview 2 component runtime (wasmtime, jco)",
            build_command="tinygo build -target=wasip2 -o main.wasm .",
            facts=("tinygo.tags.common", "tinygo.tags.wasip2", "tinygo.runtime-goos-goarch"),
        ),
        Target(
            id="tinygo-wasm-unknown",
            toolchain="tinygo",
            build=_tinygo(
                "linux", "arm", _tinygo_tags("wasm_unknown", scheduler="none", gc="leaking")
            ),
            runtime=Platform("linux", "wasm", "tinygo"),
            host="any wasm host, no WASI imports (wasm32-unknown-unknown)",
            build_command="tinygo build -target=wasm-unknown -o main.wasm .",
            facts=("tinygo.tags.common", "tinygo.tags.wasm-unknown", "tinygo.runtime-goos-goarch"),
        ),
    )
}

#: Go's own names for its wasm ports (``GOOS`` or ``GOOS/GOARCH``), accepted as target ids.
GO_PORT_NAMES = {
    "js": "go-js",
    "js/wasm": "go-js",
    "wasip1": "go-wasip1",
    "wasip1/wasm": "go-wasip1",
}
DEFAULT_TARGETS = ("go-js",)
GO_TARGETS = frozenset(t for t in TARGETS if not TARGETS[t].is_tinygo)
TINYGO_TARGETS = frozenset(t for t in TARGETS if TARGETS[t].is_tinygo)
#: Targets with a goroutine scheduler by default (tinygo-wasm-unknown builds with none).
SCHEDULED_TARGETS = frozenset(TARGETS) - {"tinygo-wasm-unknown"}


class UnknownTarget(ValueError):
    """A target id that wasmvet does not know."""


def resolve_targets(ids: list[str]) -> list[Target]:
    """Targets for the given ids (``all`` expands to every target, ``go`` and ``tinygo`` to
    every target of that toolchain, Go's port names to the Go target), in a stable order;
    UnknownTarget for an unknown or empty one."""
    wanted: list[str] = []
    for raw in ids:
        for item in raw.split(","):
            name = GO_PORT_NAMES.get(item.strip(), item.strip())
            if not name:
                raise UnknownTarget(f"empty target in {raw!r}")
            if name == "all":
                wanted.extend(TARGETS)
            elif name in ("go", "tinygo"):
                wanted.extend(t for t in TARGETS if TARGETS[t].toolchain == name)
            elif name in TARGETS:
                wanted.append(name)
            else:
                known = ", ".join(TARGETS)
                hint = did_you_mean(name, [*TARGETS, *GO_PORT_NAMES, "go", "tinygo", "all"])
                raise UnknownTarget(
                    f"unknown target {name!r}{hint} (known: {known}, go, tinygo, all; "
                    "or Go's js, wasip1)"
                )
    return [TARGETS[t] for t in TARGETS if t in wanted]
