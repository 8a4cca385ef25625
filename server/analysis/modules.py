"""The program view's first layer: import paths → the directories of their source files,
found as the go command finds them in module mode, without running it and without network.

``Program.graph_for`` reads the main module(s) once: the nearest go.mod, or the
go.work workspace around it (``GOWORK``), their requirements and replacements, and whether
the build reads ``vendor/``. ``resolve`` then answers one import path at a time, on demand:

- a standard package (first path element without a dot) → ``STDLIB``: the runtime model
  answers for it, nothing is read;
- a main module (the longest module path that is a prefix wins; a directory with its own
  go.mod is not part of it) → ``MAIN``;
- in vendor mode, ``vendor/<path>`` → ``VENDOR``;
- a required module: its ``replace`` (a local directory → ``REPLACED``, another module
  version → the cache), else ``$GOMODCACHE/<escaped path>@<escaped version>`` →
  ``MODULE_CACHE``; not there → ``MISSING_MODULE``, one note per module.

The version of a module is the one the main modules' go.mod files require (the highest, in
a workspace), as ``-mod=readonly`` reads it: since Go 1.17 a tidy go.mod lists every module
that provides a package of the build, so the graph is not walked. Before go 1.17 the graph
is unpruned, and MVS runs over the go.mod files in the module cache (``selected``). A module
that no main module requires gives ``NOT_FOUND``, as "no required module provides package"
does.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path

from wasmvet.analysis.build_constraints import BuildContext, file_is_built
from wasmvet.gomod import ModFile, Replace, is_canonical_version, read_modfile


class Source(Enum):
    """Where an import path's files come from."""

    STDLIB = "stdlib"
    MAIN = "main module"
    REPLACED = "replacement directory"
    VENDOR = "vendor"
    MODULE_CACHE = "module cache"
    MISSING_MODULE = "missing module"
    NOT_FOUND = "not found"


@dataclass(frozen=True)
class Resolution:
    """One import path's answer: its directory (None for STDLIB and the not-found kinds)
    and the module providing it (empty for STDLIB and NOT_FOUND)."""

    import_path: str
    source: Source
    directory: Path | None = None
    module: str = ""
    version: str = ""


# -- the go command's environment ---------------------------------------------------------


def _env_file() -> Path | None:
    """The file ``go env -w`` writes (``$GOENV``, else os.UserConfigDir()/go/env)."""
    configured = os.environ.get("GOENV", "")
    if configured:
        return None if configured == "off" else Path(configured)
    if sys.platform == "win32":
        base = os.environ.get("APPDATA", "")
    elif sys.platform == "darwin":
        base = os.environ.get("HOME", "") and os.environ["HOME"] + "/Library/Application Support"
    else:
        base = os.environ.get("XDG_CONFIG_HOME") or (
            os.environ.get("HOME", "") and os.environ["HOME"] + "/.config"
        )
    return Path(base, "go", "env") if base else None


@dataclass(frozen=True)
class GoEnv:
    """The variables wasmvet reads as the go command does: the process environment first,
    then the ``go env -w`` file."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def current(cls) -> GoEnv:
        values: dict[str, str] = {}
        path = _env_file()
        if path is not None:
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            for line in lines:
                key, sep, value = line.partition("=")
                if sep and key.strip():
                    values[key.strip()] = value.strip()
        names = ("GOMODCACHE", "GOPATH", "GOFLAGS", "GOWORK", "HOME", "USERPROFILE")
        values.update({k: os.environ[k] for k in names if k in os.environ})
        return cls(tuple(sorted(values.items())))

    def get(self, key: str) -> str:
        return dict(self.values).get(key, "")

    @property
    def module_cache(self) -> Path | None:
        """``$GOMODCACHE``, else the first ``$GOPATH`` entry's pkg/mod, else ~/go/pkg/mod."""
        if self.get("GOMODCACHE"):
            return Path(self.get("GOMODCACHE"))
        gopath = self.get("GOPATH").split(os.pathsep)[0]
        if gopath:
            return Path(gopath, "pkg", "mod")
        home = self.get("HOME") or self.get("USERPROFILE")
        return Path(home, "go", "pkg", "mod") if home else None

    @property
    def mod_flag(self) -> str:
        """The ``-mod`` value in ``GOFLAGS`` (the last one wins), or ""."""
        found = ""
        for flag in self.get("GOFLAGS").split():
            name, _, value = flag.lstrip("-").partition("=")
            if name == "mod" and flag.startswith("-"):
                found = value
        return found


def escape_path(path: str) -> str:
    """The module cache's case encoding: each upper-case letter becomes ``!`` and its lower
    case (golang.org/x/mod/module.EscapePath; versions are escaped the same way)."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), path)


def compare_versions(a: str, b: str) -> int:
    """Semantic version order (golang.org/x/mod/semver.Compare) of two canonical versions."""
    ka, kb = _version_key(a), _version_key(b)
    return (ka > kb) - (ka < kb)


def _version_key(version: str) -> tuple[int, int, int, int, tuple[tuple[int, int, str], ...]]:
    core, _, pre = version[1:].split("+", 1)[0].partition("-")
    major, minor, patch = (int(x) for x in core.split("."))
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".") if pre)
    return major, minor, patch, 0 if pre else 1, parts


def is_standard_import_path(path: str) -> bool:
    """search.IsStandardImportPath: the first path element has no dot."""
    return "." not in path.split("/", 1)[0]


def _has_go_files(directory: Path) -> bool:
    """fsys.IsGoDir: the directory holds a regular file named ``*.go``."""
    try:
        with os.scandir(directory) as entries:
            return any(e.name.endswith(".go") and e.is_file() for e in entries)
    except OSError:
        return False


def package_files(directory: Path, context: BuildContext, tests: bool = False) -> list[Path]:
    """The Go files of a dependency's package directory that ``context`` builds."""
    found: list[Path] = []
    try:
        names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(".go"))
    except OSError:
        return found
    for name in names:
        if name.endswith("_test.go") and not tests:
            continue
        path = directory / name
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if file_is_built(context, name, data):
            found.append(path)
    return found


# -- the module graph ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Module:
    path: str
    root: Path


@dataclass
class _Vendor:
    """vendor/modules.txt: module lines, ``## explicit`` marks, replacements."""

    explicit: set[tuple[str, str]] = field(default_factory=set)
    replaced: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    package_module: dict[str, tuple[str, str]] = field(default_factory=dict)
    workspace: bool = False

    @classmethod
    def read(cls, text: str) -> _Vendor:
        """modload.readVendorList."""
        vendor = cls()
        first = text.split("\n", 1)[0]
        if first.startswith("## "):
            vendor.workspace = "workspace" in (e.strip() for e in first[3:].split(";"))
        module: tuple[str, str] | None = None
        for line in text.split("\n"):
            if line.startswith("# "):
                words = line.split()
                module = None
                if len(words) < 3:
                    continue
                if is_canonical_version(words[2]):
                    module, rest = (words[1], words[2]), words[3:]
                elif words[2] == "=>":
                    module, rest = (words[1], ""), words[2:]
                else:
                    continue
                if len(rest) == 2 and rest[0] == "=>":
                    vendor.replaced[module] = (rest[1], "")
                elif len(rest) == 3 and rest[0] == "=>" and is_canonical_version(rest[2]):
                    vendor.replaced[module] = (rest[1], rest[2])
            elif module is None:
                continue
            elif line.startswith("## "):
                if "explicit" in (e.strip() for e in line[3:].split(";")):
                    vendor.explicit.add(module)
            elif len(words := line.split()) == 1:
                vendor.package_module[words[0]] = module
        return vendor


class ModuleGraph:
    """The main module(s) of a directory and how their imports resolve (see the module
    docstring). ``Program.graph_for`` builds one; ``resolve`` is memoised."""

    def __init__(self, main: list[_Module], files: list[ModFile], work: ModFile | None, env: GoEnv):
        self.main = sorted(main, key=lambda m: -len(m.path))
        self.files = files
        self.work = work
        self.env = env
        self.cache = env.module_cache
        self.file_notes: list[str] = [e for f in ([work] if work else []) + files for e in f.errors]
        """What the go command would refuse in go.mod, go.work or vendor/modules.txt."""
        self.vendor_dir: Path | None = None
        self.vendor = _Vendor()
        self._resolved: dict[str, Resolution] = {}
        self._setup_vendor()

    # -- versions and replacements --

    @cached_property
    def selected(self) -> dict[str, str]:
        """Module path → its version in the build (computed on first use).

        With a pruned module graph (a workspace, or a go.mod at go 1.17 or later, whose tidy
        go.mod lists every module that provides a package of the build), the highest
        version a main module requires. A single main module before go 1.17 (no go line
        counts as 1.16, as in cmd/go) has an unpruned graph: MVS over the requirements of
        every module reachable from it, read from the module cache's go.mod files.
        """
        excluded = {e for f in self.files for e in f.exclude}
        chosen: dict[str, str] = {}
        for modfile in self.files:
            for path, version in modfile.require.items():
                if (path, version) not in excluded:
                    _raise(chosen, path, version)
        if self.work is None and (self.files[0].go_minor or 16) < 17:
            self._select_unpruned(chosen, excluded)
        return chosen

    def _select_unpruned(self, chosen: dict[str, str], excluded: set[tuple[str, str]]) -> None:
        """MVS: every requirement of every reachable module version raises its module's
        version (mvs.BuildList); module versions whose go.mod is not on disk add nothing."""
        main_paths = {m.path for m in self.main}
        queue = list(chosen.items())
        seen = set(queue)
        while queue:
            modfile = self.dependency_modfile(*queue.pop())
            for requirement in modfile.require.items() if modfile is not None else ():
                if requirement[0] in main_paths or requirement in excluded:
                    continue
                _raise(chosen, *requirement)
                if requirement not in seen:
                    seen.add(requirement)
                    queue.append(requirement)

    def dependency_modfile(self, path: str, version: str) -> ModFile | None:
        """A module version's go.mod as the go command reads it (modload.goModSummary): the
        replacement's, else the module cache's ``cache/download/.../@v/VERSION.mod``, else
        the go.mod in the module's directory; None when none is on disk."""
        root, source, path, version = self.module_dir(path, version)
        if source is Source.REPLACED and root is not None:
            return read_modfile(root / "go.mod")
        if self.cache is None:
            return None
        escaped = self.cache / "cache" / "download" / escape_path(path) / "@v"
        found = read_modfile(escaped / f"{escape_path(version)}.mod")
        return found or (read_modfile(root / "go.mod") if root is not None else None)

    def replacement(self, path: str, version: str) -> Replace | None:
        """go.work's replace first, then the main modules' (modload.replacementFrom); a
        replace naming the version wins over one for every version, within a file."""
        for modfile in ([self.work] if self.work else []) + self.files:
            exact = [r for r in modfile.replace if r.old == path and r.old_version == version]
            loose = [r for r in modfile.replace if r.old == path and not r.old_version]
            if exact or loose:
                return (exact or loose)[-1]
        return None

    def module_dir(self, path: str, version: str) -> tuple[Path | None, Source, str, str]:
        """Where a required module version lives: (directory, source, module, version);
        the directory is None when there is no module cache to look in."""
        replace = self.replacement(path, version)
        if replace is not None:
            if replace.directory is not None:
                return replace.directory, Source.REPLACED, path, version
            path, version = replace.new, replace.new_version
        if self.cache is None:
            return None, Source.MODULE_CACHE, path, version
        where = self.cache / f"{escape_path(path)}@{escape_path(version)}"
        return where, Source.MODULE_CACHE, path, version

    # -- vendor --

    def _setup_vendor(self) -> None:
        """modload.setDefaultBuildMod and checkVendorConsistency."""
        root = self.work.path.parent if self.work else self.main[0].root
        vendor_dir = root / "vendor"
        flag = self.env.mod_flag
        if flag in ("mod", "readonly") or not vendor_dir.is_dir():
            return
        go = (self.work or self.files[0]).go
        try:
            text = (vendor_dir / "modules.txt").read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        vendor = _Vendor.read(text)
        pre_1_14 = not go or compare_versions(f"v{_padded(go)}", "v1.14.0") < 0
        if flag != "vendor" and (pre_1_14 or vendor.workspace != (self.work is not None)):
            return
        reason = "" if pre_1_14 else self._vendor_inconsistency(vendor, vendor_dir.parent)
        if reason:
            command = "go work vendor" if self.work else "go mod vendor"
            self.file_notes.append(
                f"{vendor_dir}/modules.txt is inconsistent with go.mod ({reason}): run "
                f"`{command}`; wasmvet reads the module cache instead"
            )
            return
        self.vendor_dir, self.vendor = vendor_dir, vendor

    def _vendor_inconsistency(self, vendor: _Vendor, root: Path) -> str:
        """The first reason the go command would refuse vendor/ ("inconsistent vendoring")."""
        required = {(p, v) for f in self.files for p, v in f.require.items()}
        for path, version in sorted(required):
            if (path, version) not in vendor.explicit:
                return f"{path}@{version} is required but not marked explicit in modules.txt"
        for path, version in sorted(vendor.explicit - required):
            return f"{path}@{version} is marked explicit in modules.txt but not required"
        replaces = [r for f in ([self.work] if self.work else []) + self.files for r in f.replace]
        for r in replaces:
            effective = self.replacement(r.old, r.old_version) or r  # go.work's may win
            new = (
                (os.path.relpath(effective.directory, root), "")
                if effective.directory is not None
                else (effective.new, effective.new_version)
            )
            marked = vendor.replaced.get((r.old, r.old_version))
            if marked is None or _vendor_replacement(marked, root) != new:
                return f"{r.old} is replaced in go.mod but not so in modules.txt"
        for old in vendor.replaced:
            if self.replacement(*old) is None:
                return f"{old[0]} is marked replaced in modules.txt but not replaced in go.mod"
        return ""

    # -- resolution --

    def main_dir(self, import_path: str) -> tuple[_Module, Path] | None:
        """The main module providing ``import_path`` and its directory (modload.dirInModule:
        a directory below a nested go.mod belongs to another module)."""
        for module in self.main:
            directory = _dir_in_module(import_path, module.path, module.root, local=True)
            if directory is not None:
                return module, directory
        return None

    def resolve(self, import_path: str) -> Resolution:
        """Where ``import_path`` comes from (memoised)."""
        found = self._resolved.get(import_path)
        if found is None:
            found = self._resolved[import_path] = self._resolve(import_path)
        return found

    def _under_main(self, import_path: str) -> bool:
        return any(import_path == m.path or import_path.startswith(m.path + "/") for m in self.main)

    def _resolve(self, import_path: str) -> Resolution:
        # "C" (cgo) too; a main module may have a dotless path
        if is_standard_import_path(import_path) and not self._under_main(import_path):
            return Resolution(import_path, Source.STDLIB)
        in_main = self.main_dir(import_path)
        if self.vendor_dir is not None:
            vendored = self.vendor_dir / import_path
            if _has_go_files(vendored):
                path, version = self.vendor.package_module.get(import_path, ("", ""))
                return Resolution(import_path, Source.VENDOR, vendored, path, version)
            if in_main is not None:
                return Resolution(import_path, Source.MAIN, in_main[1], in_main[0].path)
            return Resolution(import_path, Source.NOT_FOUND)
        if in_main is not None:
            return Resolution(import_path, Source.MAIN, in_main[1], in_main[0].path)
        missing: Resolution | None = None
        for prefix in _prefixes(import_path):
            required = self.selected.get(prefix)
            if required is None:
                continue
            root, source, module, module_version = self.module_dir(prefix, required)
            if root is None or not root.is_dir():
                missing = missing or Resolution(
                    import_path, Source.MISSING_MODULE, None, module, module_version
                )
                continue
            directory = _dir_in_module(import_path, prefix, root, local=source is Source.REPLACED)
            if directory is not None:
                return Resolution(import_path, source, directory, module, module_version)
        return missing or Resolution(import_path, Source.NOT_FOUND)

    def notes(self, import_paths: set[str]) -> list[str]:
        """One note per module that ``import_paths`` need but is not on disk."""
        notes: dict[str, str] = {}
        for import_path in sorted(import_paths):
            if is_standard_import_path(import_path) or not any(
                prefix in self.selected for prefix in _prefixes(import_path)
            ):
                continue  # no required module could provide it (their paths have a dot)
            found = self.resolve(import_path)
            if found.source is not Source.MISSING_MODULE:
                continue
            key = f"{found.module}@{found.version}"
            replace = self.replacement(found.module, found.version)
            if replace is not None and replace.directory is not None:
                notes[key] = f"{key}: replacement directory {replace.new} does not exist"
            else:
                notes[key] = (
                    f"{key}: not in the module cache: run `go mod download` so wasmvet can "
                    "look inside"
                )
        return list(notes.values())


def _raise(chosen: dict[str, str], path: str, version: str) -> None:
    """Keep the higher of ``chosen[path]`` and ``version``."""
    current = chosen.get(path)
    if current is None or compare_versions(version, current) > 0:
        chosen[path] = version


def _padded(go: str) -> str:
    """A go line's version as a three-part semantic version (``1.21`` → ``1.21.0``)."""
    parts = re.findall(r"\d+", go)[:3]
    return ".".join(parts + ["0"] * (3 - len(parts)))


def _vendor_replacement(marked: tuple[str, str], root: Path) -> tuple[str, str]:
    new, version = marked
    if version or not new.startswith((".", "/")):
        return marked
    return os.path.relpath(os.path.normpath(root / new), root), ""


def _prefixes(import_path: str) -> list[str]:
    """``a/b/c``, ``a/b``, ``a``: the module paths that may provide ``import_path``."""
    parts = import_path.split("/")
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _dir_in_module(import_path: str, module: str, root: Path, local: bool) -> Path | None:
    """modload.dirInModule: the package's directory when the module provides it."""
    if import_path == module:
        directory = root
    elif import_path.startswith(module + "/"):
        directory = root / import_path[len(module) + 1 :]
    else:
        return None
    if local:
        folder = directory
        while folder != root and len(str(folder)) > len(str(root)):
            if (folder / "go.mod").is_file():
                return None
            folder = folder.parent
    return directory if _has_go_files(directory) else None


def nearest_folder(directory: Path, name: str) -> Path | None:
    """The nearest folder at or above ``directory`` that holds a file ``name``."""
    for folder in (directory, *directory.parents):
        if (folder / name).is_file():
            return folder
    return None


class Program:
    """The module graphs of one run, each built when a directory of it is first asked
    about (a go.mod changed later is read by the next Program)."""

    def __init__(self, env: GoEnv | None = None) -> None:
        self.env = env or GoEnv.current()
        self._graphs: dict[tuple[Path | None, Path | None], ModuleGraph | None] = {}
        self._around: dict[Path, tuple[Path | None, Path | None]] = {}

    def graph_for(self, directory: Path) -> ModuleGraph | None:
        """The graph the go command would use in ``directory``; None outside any module.
        The workspace is ``$GOWORK`` (``off`` for none), else the nearest go.work."""
        mod_root, work = self._files_around(Path(os.path.abspath(directory)))
        configured = self.env.get("GOWORK")
        if configured:
            work = None if configured == "off" else Path(os.path.abspath(configured))
        key = (mod_root, work)
        if key not in self._graphs:
            self._graphs[key] = _graph(mod_root, work, self.env)
        return self._graphs[key]

    def _files_around(self, directory: Path) -> tuple[Path | None, Path | None]:
        """The nearest go.mod folder and go.work file at or above ``directory`` (sibling
        directories share their parents' answers)."""
        found = self._around.get(directory)
        if found is None:
            parent = directory.parent
            mod_root, work = (None, None) if parent == directory else self._files_around(parent)
            if os.path.isfile(os.path.join(directory, "go.mod")):
                mod_root = directory
            if os.path.isfile(os.path.join(directory, "go.work")):
                work = directory / "go.work"
            found = self._around[directory] = (mod_root, work)
        return found


def _graph(mod_root: Path | None, work_path: Path | None, env: GoEnv) -> ModuleGraph | None:
    work = read_modfile(work_path, "work") if work_path is not None else None
    if work is not None:
        main: list[_Module] = []
        files: list[ModFile] = []
        for use in work.use:
            root = Path(os.path.normpath(work.path.parent / use))
            modfile = read_modfile(root / "go.mod")
            if modfile is not None and modfile.module:
                main.append(_Module(modfile.module, root))
                files.append(modfile)
        if mod_root is None or any(m.root == mod_root for m in main):
            return ModuleGraph(main, files, work, env) if main else None
    if mod_root is None:
        return None
    modfile = read_modfile(mod_root / "go.mod")
    if modfile is None or not modfile.module:
        return None
    return ModuleGraph([_Module(modfile.module, mod_root)], [modfile], None, env)
