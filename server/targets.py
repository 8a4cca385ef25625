"""The wasm targets wasmvet knows: a compiler plus a port, and how each selects files."""

from __future__ import annotations

from dataclasses import dataclass, replace

from wasmvet.analysis.build_constraints import BuildContext


@dataclass(frozen=True)
class Target:
    """A compiler and wasm port, e.g. ``go-js`` is ``GOOS=js GOARCH=wasm go build``."""

    id: str
    toolchain: str
    build: BuildContext
    host: str
    build_command: str

    @property
    def port(self) -> str:
        """``GOOS/GOARCH`` as the toolchain names the port, e.g. ``js/wasm``."""
        return f"{self.build.goos}/{self.build.goarch}"

    def context(self, go_minor: int) -> BuildContext:
        """The build context with release tags up to ``go1.<go_minor>``."""
        return replace(self.build, go_minor=go_minor)


TARGETS: dict[str, Target] = {
    t.id: t
    for t in (
        Target(
            id="go-js",
            toolchain="go",
            build=BuildContext(goos="js", goarch="wasm"),
            host="browser or Node.js through wasm_exec.js",
            build_command="GOOS=js GOARCH=wasm go build -o main.wasm .",
        ),
        Target(
            id="go-wasip1",
            toolchain="go",
            build=BuildContext(goos="wasip1", goarch="wasm"),
            host="WASI preview 1 runtime (wasmtime, wazero, WasmEdge)",
            build_command="GOOS=wasip1 GOARCH=wasm go build -o main.wasm .",
        ),
    )
}

DEFAULT_TARGETS = ("go-js",)


class UnknownTarget(ValueError):
    """A target id that wasmvet does not know."""


def resolve_targets(ids: list[str]) -> list[Target]:
    """Targets for the given ids (``all`` expands to every target), in a stable order."""
    wanted: list[str] = []
    for raw in ids:
        for item in raw.split(","):
            name = item.strip()
            if not name:
                continue
            if name == "all":
                wanted.extend(TARGETS)
            elif name in TARGETS:
                wanted.append(name)
            else:
                known = ", ".join(TARGETS)
                raise UnknownTarget(f"unknown target {name!r} (known: {known}, all)")
    return [TARGETS[t] for t in TARGETS if t in wanted]
