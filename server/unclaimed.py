"""Packages nothing ties to wasm: native tools and test helpers beside the wasm code.

Without configured targets, a package whose code shows no sign of wasm (no ``syscall/js``,
no wasm build constraint, no ``//go:wasmexport``) is checked for ``go-js`` as a default.
In a run that also has packages with such a sign (or with configured targets), a package of
that kind that none of them imports, directly or through other packages of the run, and that
imports none of them itself (a package that has only TinyGo build tags for a sign does not
count here), is a native command or helper (a dev server under ``cmd/``, a
test helper): its findings would be false, so the run does not report them and says so in
one note.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wasmvet.analysis.modules import ModuleGraph, Program, Source
from wasmvet.inference import DEFAULT_REASON, ties_importers_to_wasm


def unclaimed_packages(
    program: Program,
    directories: Sequence[Path],
    inferred: Sequence[dict[str, int]],
    imports: Sequence[list[str]],
) -> set[int]:
    """Indices of the packages (by ``directories``, the reasons their targets were inferred
    for, and the imports their built files make) that show no sign of wasm and that no
    package with one imports, when the run has packages with one; packages whose module
    is unknown (no go.mod) are never left out. ``program`` reads the module graphs."""
    default = {i for i, reasons in enumerate(inferred) if any(DEFAULT_REASON in r for r in reasons)}
    claimed = [i for i in range(len(directories)) if i not in default]
    if not default or not claimed:
        return set()
    index = {d.resolve(): i for i, d in enumerate(directories)}
    seen: dict[tuple[int, str], int | None] = {}  # each import looked up once per module graph
    edges = [
        _imported(program, d, paths, index, seen)
        for d, paths in zip(directories, imports, strict=True)
    ]
    # A package that imports one with a sign of wasm is wasm code too (an app on a UI
    # framework); what a package of wasm code imports is built into it.
    tying = {i for i in claimed if any(map(ties_importers_to_wasm, inferred[i]))}
    reached = set(claimed)
    reached |= {i for i in default if edges[i] & tying}
    queue = list(reached)
    while queue:
        for j in edges[queue.pop()] - reached:
            reached.add(j)
            queue.append(j)
    return {i for i in default - reached if program.graph_for(directories[i]) is not None}


def _imported(
    program: Program,
    directory: Path,
    imports: list[str],
    index: dict[Path, int],
    seen: dict[tuple[int, str], int | None],
) -> set[int]:
    """The packages of the run that a package imports. ``seen`` keeps, by module graph and
    import path, the package found there: a std package is imported by dozens, and each
    lookup costs a path join and a realpath."""
    graph = program.graph_for(directory)
    if graph is None:
        return set()
    found: set[int] = set()
    for path in imports:
        key = (id(graph), path)  # the program keeps its graphs alive: ids stay unique
        if key not in seen:
            target = _directory(graph, path)
            seen[key] = index.get(target.resolve()) if target is not None else None
        j = seen[key]
        if j is not None:
            found.add(j)
    return found


def _directory(graph: ModuleGraph, import_path: str) -> Path | None:
    """Where ``import_path`` is on disk for ``graph``'s main module; the standard library's
    own packages when the main module is ``std`` (GOROOT/src)."""
    found = graph.resolve(import_path)
    if found.source is Source.STDLIB:
        std = next((m for m in graph.main if m.path == "std"), None)
        return std.root / import_path if std is not None else None
    return found.directory


def note(count: int) -> str:
    """The run summary's line about the packages left out."""
    packages = f"{count} package{'s' if count != 1 else ''}"
    return (
        f"{packages} with no sign of being built for wasm that no wasm package imports "
        "(native tools, test helpers): not reported; pass --target or set `targets` to check "
        "them"
    )
