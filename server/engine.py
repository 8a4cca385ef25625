"""The analysis engine: package views per target, rules, and merged diagnostics.

The engine knows nothing about any particular rule: it builds a ``RuleContext`` for each
(package view, target) pair and lets every selected rule report into it.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from tree_sitter import Node

from wasmvet import cache
from wasmvet.analysis import guards
from wasmvet.analysis.build_constraints import BuildContext, file_is_built
from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.loader import PackageDir, discover
from wasmvet.analysis.package import GoFile, Package, imported_paths
from wasmvet.analysis.scope import Resolver
from wasmvet.analysis.source import SourceFile, UnreadableSource, read_source
from wasmvet.cancellation import checkpoint
from wasmvet.config import ConfigError
from wasmvet.diagnostics import Diagnostic, Fix, Related, Severity, Span
from wasmvet.fixing import FileChange, FixMode, applicable, fix_in_memory
from wasmvet.gitdiff import ChangedLines
from wasmvet.gomod import LATEST_GO_MINOR, module_go_minor
from wasmvet.progress import Progress
from wasmvet.rules.base import Rule
from wasmvet.runtime_model.model import LATEST_TINYGO_MINOR, Versions
from wasmvet.settings import Overrides, Settings, resolve
from wasmvet.suppressions import apply_suppressions
from wasmvet.targets import DEFAULT_TARGETS, TARGETS, Target


@dataclass
class RuleContext:
    """Everything a rule may ask about one package view built for one target."""

    package: Package
    target: Target
    build: BuildContext
    go_minor: int
    analyzer: Analyzer
    tinygo_minor: int = LATEST_TINYGO_MINOR
    rule: Rule | None = None
    found: list[Diagnostic] = field(default_factory=list)

    @property
    def versions(self) -> Versions:
        """The Go and TinyGo releases this view is analysed for (for runtime-model queries)."""
        return Versions(go=self.go_minor, tinygo=self.tinygo_minor)

    @property
    def release(self) -> str:
        """The toolchain release this view is built with, as users write it: ``Go 1.24``,
        ``TinyGo 0.34``."""
        if self.target.is_tinygo:
            return f"TinyGo 0.{self.tinygo_minor}"
        return f"Go 1.{self.go_minor}"

    def resolver(self, gofile: GoFile) -> Resolver:
        return self.analyzer.resolver(gofile)

    def resolver_for(self, node: Node) -> Resolver:
        return self.analyzer.resolver_for(node)

    def reachable(self, node: Node) -> bool:
        """False when a runtime.GOOS/GOARCH guard makes ``node`` dead code for this target."""
        return guards.reachable(node, self.target.runtime, self.resolver_for(node))

    def span(self, node: Node, end_point: tuple[int, int] | None = None) -> Span:
        (sl, sc), (el, ec) = node.start_point, end_point or node.end_point
        return Span(sl, sc, el, ec)

    def report(
        self,
        node: Node,
        message: str,
        *,
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        severity: Severity | None = None,
        check_guards: bool = True,
        end_point: tuple[int, int] | None = None,
    ) -> None:
        """Report a finding on ``node`` unless a GOOS/GOARCH guard excludes it here."""
        assert self.rule is not None
        if check_guards and not self.reachable(node):
            return
        self.found.append(
            Diagnostic(
                path=self.package.file_of(node).source.path,
                span=self.span(node, end_point),
                code=self.rule.code,
                name=self.rule.name,
                severity=severity or self.rule.severity,
                message=message,
                targets=(self.target.id,),
                fix=fix,
                related=tuple(related),
            )
        )

    def related(self, node: Node, message: str) -> Related:
        return Related(self.package.file_of(node).source.path, self.span(node), message)


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files: int = 0
    missing_paths: list[str] = field(default_factory=list)
    config_errors: list[str] = field(default_factory=list)
    inferred: dict[str, int] = field(default_factory=dict)
    """How many packages got which inferred targets: ``"go-wasip1 (main.go uses ...)"``."""
    changes: list[FileChange] = field(default_factory=list)
    cache_hits: int = 0


def _package_views(files: list[GoFile]) -> list[list[GoFile]]:
    """Split files into packages by their package clause (``x`` and ``x_test``)."""
    groups: dict[str, list[GoFile]] = {}
    for gofile in files:
        groups.setdefault(gofile.package_name, []).append(gofile)
    return list(groups.values())


def analyse_files(
    files: Sequence[GoFile],
    settings: Settings,
    go_minor: int = LATEST_GO_MINOR,
    problems: list[str] | None = None,
) -> list[Diagnostic]:
    """Run the selected rules on already-parsed files of one directory, for every target."""
    if settings.go_minor is not None:
        go_minor = settings.go_minor
    versions = Versions(go=go_minor, tinygo=settings.tinygo_minor)
    found: list[Diagnostic] = []
    views: dict[tuple[int, ...], tuple[Package, Analyzer]] = {}
    targets = settings.targets or infer_targets([FileHints.of(f) for f in files])[0]
    for target in targets:
        ctx_build = target.context(versions)
        built = [f for f in files if file_is_built(ctx_build, f.source.path.name, f.source.data)]
        for group in _package_views(built):
            key = tuple(sorted(id(f) for f in group))
            if key not in views:
                package = Package(str(group[0].source.path.parent), group)
                views[key] = (package, Analyzer(package))
            package, analyzer = views[key]
            ctx = RuleContext(package, target, ctx_build, go_minor, analyzer, versions.tinygo)
            for rule in settings.rules:
                if target.id in rule.targets:
                    checkpoint()  # a lint the language server no longer wants stops here
                    ctx.rule = rule
                    try:
                        rule.check(ctx)
                    except Exception as exc:  # a rule bug must not stop the run
                        if problems is None:
                            raise
                        problems.append(
                            f"{package.directory}: internal error in {rule.code} "
                            f"({type(exc).__name__}: {exc}); please report it"
                        )
            found.extend(ctx.found)
    for _, analyzer in views.values():
        analyzer.clear()
    selected = {rule.code for rule in settings.rules}
    kept = apply_suppressions(
        merge_targets(found), list(files), selected, tuple(t.id for t in targets)
    )
    return settings.adjust(kept)


#: Imports that say which toolchain and port a package is written for. (SDKs that support
#: both toolchains, such as proxy-wasm's and Extism's, say nothing certain and are not listed.)
_SDK_TARGETS = (
    ("go.bytecodealliance.org/cm", "tinygo-wasip2", "a WASI preview 2 component"),
    ("github.com/ydnar/wasm-tools-go/cm", "tinygo-wasip2", "a WASI preview 2 component"),
)
_TINYGO_TAG = re.compile(rb"^//go:build [^\n]*(?<![!\w.])tinygo(?:\.wasm)?(?![\w.])", re.MULTILINE)


@dataclass(frozen=True)
class FileHints:
    """What target inference reads of a file: its name, its bytes and its imports."""

    name: str
    data: bytes
    imported_paths: set[str]

    @classmethod
    def of(cls, gofile: GoFile) -> FileHints:
        return cls(gofile.source.path.name, gofile.source.data, gofile.imported_paths)


def infer_targets(files: Sequence[FileHints]) -> tuple[tuple[Target, ...], str]:
    """Targets the code itself asks for, and why, when nothing is configured."""
    tinygo = next((f for f in files if _TINYGO_TAG.search(_header(f.data))), None)
    for hints in files:
        for prefix, target, what in _SDK_TARGETS:
            if any(p == prefix or p.startswith(prefix + "/") for p in hints.imported_paths):
                return (TARGETS[target],), f"{hints.name} imports {prefix} ({what})"
    for hints in files:
        if "syscall/js" in hints.imported_paths:
            target = "tinygo-wasm" if tinygo else "go-js"
            return (TARGETS[target],), f"{hints.name} imports syscall/js"
    for hints in files:
        name = hints.name
        header = _header(hints.data)
        if "_wasip2" in name or b"wasip2" in header:
            return (TARGETS["tinygo-wasip2"],), f"{name} is built for wasip2"
        if "_wasip1" in name or b"wasip1" in header:
            target = "tinygo-wasip1" if tinygo else "go-wasip1"
            return (TARGETS[target],), f"{name} is built for wasip1"
        if b"//go:wasmexport" in hints.data:
            target = "tinygo-wasip1" if tinygo else "go-wasip1"
            return (TARGETS[target],), f"{name} uses //go:wasmexport"
    if tinygo is not None:
        return (TARGETS["tinygo-wasm"],), f"{tinygo.name} is built for TinyGo"
    return tuple(
        TARGETS[t] for t in DEFAULT_TARGETS
    ), "the default: nothing in the code names a target"


def _header(data: bytes) -> bytes:
    """A file's text before its package clause (where build constraints live)."""
    return data[:2048].split(b"package", 1)[0]


_TARGET_ORDER = {target: index for index, target in enumerate(TARGETS)}


def merge_targets(found: list[Diagnostic]) -> list[Diagnostic]:
    """One diagnostic per (file, range, code), listing every target it concerns."""
    merged: dict[tuple[str, Span, str], Diagnostic] = {}
    for diag in found:
        key = (str(diag.path), diag.span, diag.code)
        first = merged.get(key)
        if first is None:
            merged[key] = diag
            continue
        first.targets = tuple(
            sorted(set(first.targets) | set(diag.targets), key=_TARGET_ORDER.__getitem__)
        )
        if diag.message != first.message and diag.message not in first.message:
            first.message = f"{first.message}; on {diag.targets[0]}: {diag.message}"
        if first.fix is None:
            first.fix = diag.fix
    return sorted(merged.values(), key=Diagnostic.sort_key)


# Files no target compiles are skipped unless they may hold a suppression comment (an
# unused one is reported as WV900 there too).
_SUPPRESSION_MARK = re.compile(rb"//(?:wasmvet:|nolint|lint:)")


def read_package(pkg: PackageDir, settings: Settings, problems: list[str]) -> dict[Path, bytes]:
    """The bytes of a directory's files that the settings include (tests, ``exclude``);
    files that cannot be read become one-line problems."""
    contents: dict[Path, bytes] = {}
    for path in pkg.files:
        if (not settings.tests and path.name.endswith("_test.go")) or settings.excluded(path):
            continue
        try:
            contents[path] = read_source(path)
        except UnreadableSource as exc:
            problems.append(f"{path}: skipped: {exc}")
    return contents


def parse_package(
    contents: dict[Path, bytes], settings: Settings, go_minor: int, problems: list[str]
) -> list[GoFile]:
    """Parse the files some target compiles, and those that may hold a suppression."""
    versions = Versions(go=go_minor, tinygo=settings.tinygo_minor)
    contexts = [t.context(versions) for t in settings.targets]
    files: list[GoFile] = []
    for path, data in contents.items():
        if not any(file_is_built(c, path.name, data) for c in contexts) and not (
            _SUPPRESSION_MARK.search(data)
        ):
            continue
        source = SourceFile(path, data)
        if source.has_syntax_errors:
            problems.append(f"{path}: syntax errors; analysing what parses")
        files.append(GoFile.from_source(source))
    return files


def analyse_package(contents: dict[Path, bytes], settings: Settings, go_minor: int) -> Result:
    """Lint one package directory from its files' bytes (not filtered by ``only``).

    Without configured targets, the ones the code asks for are inferred first, from every
    file's name, build constraint and imports, so that only the files they build are parsed.
    """
    result = Result(files=len(contents))
    if not settings.targets and contents:
        hints = [FileHints(p.name, data, imported_paths(data)) for p, data in contents.items()]
        targets, reason = infer_targets(hints)
        result.inferred[f"{','.join(t.id for t in targets)} ({reason})"] = 1
        settings = replace(settings, targets=targets)
    files = parse_package(contents, settings, go_minor, result.problems)
    result.diagnostics = analyse_files(files, settings, go_minor, result.problems)
    return result


@dataclass(frozen=True)
class Job:
    """One package for a worker: its settings, its cache directory, whether to fix, and
    ``changed`` (``--new-from-rev``): report and fix only findings on those lines."""

    pkg: PackageDir
    settings: Settings
    cache_dir: Path | None = None
    fix: FixMode | None = None
    changed: ChangedLines | None = None


def run_job(job: Job) -> Result:
    """Lint (and fix in memory) one package, through the cache when there is one."""
    pkg, settings = job.pkg, job.settings
    problems: list[str] = []
    contents = read_package(pkg, settings, problems)
    go_minor = _go_minor(job)
    entry = _cache_entry(job, go_minor) if not problems else None
    key = _cache_key(job, contents, go_minor) if entry is not None else ""
    hit = cache.load(entry, key) if entry is not None else None
    if hit is not None:
        result = _from_cache(hit)
    else:
        result = analyse_package(contents, settings, go_minor)
        if entry is not None and not _internal_errors(result):
            stored = cache.Cached(
                result.diagnostics, result.problems, result.files, result.inferred
            )
            cache.store(entry, key, stored)
    result.problems[:0] = problems
    _keep_only(pkg, result)
    scope = job.changed
    if _fixable(job, result.diagnostics, scope):
        assert job.fix is not None
        scope = copy.deepcopy(scope)  # moved along as the fixes move lines

        def relint(current: dict[Path, bytes]) -> list[Diagnostic]:
            again = Result(diagnostics=analyse_package(current, settings, go_minor).diagnostics)
            return _keep_only(pkg, again).diagnostics

        unsafe = job.fix == "unsafe"
        fixed = fix_in_memory(contents, result.diagnostics, relint, unsafe, scope)
        result.diagnostics, result.changes = fixed.diagnostics, fixed.changes
        result.problems += fixed.problems
    if scope is not None:
        result.diagnostics = scope.keep(result.diagnostics)
    return result


def _fixable(job: Job, diagnostics: list[Diagnostic], scope: ChangedLines | None) -> bool:
    """Whether the job fixes and one of ``diagnostics`` (within ``scope``) has a fix to apply."""
    unsafe = job.fix == "unsafe"
    return job.fix is not None and any(
        applicable(d, unsafe) and (scope is None or scope.contains(d)) for d in diagnostics
    )


def cached_result(job: Job) -> Result | None:
    """The job's result straight from the cache, without a worker process; None when the
    package must be analysed (no entry, a miss, an unreadable file, or fixes to apply)."""
    go_minor = _go_minor(job)
    entry = _cache_entry(job, go_minor)
    if entry is None or not entry.is_file():
        return None  # a cold run reads no file twice
    problems: list[str] = []
    contents = read_package(job.pkg, job.settings, problems)
    hit = None if problems else cache.load(entry, _cache_key(job, contents, go_minor))
    if hit is None:
        return None
    result = _keep_only(job.pkg, _from_cache(hit))
    if _fixable(job, result.diagnostics, job.changed):
        return None
    if job.changed is not None:
        result.diagnostics = job.changed.keep(result.diagnostics)
    return result


def _go_minor(job: Job) -> int:
    if job.settings.go_minor is not None:
        return job.settings.go_minor
    return module_go_minor(job.pkg.path.resolve()) or LATEST_GO_MINOR


def _cache_entry(job: Job, go_minor: int) -> Path | None:
    """Where the job's package keeps its cache entry; None without a cache."""
    if job.cache_dir is None:
        return None
    fingerprint = cache.settings_fingerprint(job.settings, go_minor)
    return cache.entry_path(job.cache_dir, job.pkg.path, fingerprint)


def _cache_key(job: Job, contents: dict[Path, bytes], go_minor: int) -> str:
    """The key an entry must hold for these contents and settings."""
    fingerprint = cache.settings_fingerprint(job.settings, go_minor)
    return cache.content_key(job.pkg.path, fingerprint, contents)


def _from_cache(hit: cache.Cached) -> Result:
    return Result(hit.diagnostics, hit.problems, hit.files, inferred=hit.inferred, cache_hits=1)


def _keep_only(pkg: PackageDir, result: Result) -> Result:
    """Keep the findings of the files named on the command line (all when none was)."""
    if pkg.only is not None:
        result.diagnostics = [d for d in result.diagnostics if d.path in pkg.only]
    return result


def _internal_errors(result: Result) -> bool:
    return any("internal error in" in p for p in result.problems)


def check_paths(
    patterns: list[str],
    overrides: Overrides,
    jobs: int = 1,
    *,
    use_cache: bool = False,
    cache_dir: Path | None = None,
    fix: FixMode | None = None,
    changed: ChangedLines | None = None,
    progress: bool = False,
) -> Result:
    """Lint every package the patterns name, in ``jobs`` worker processes.

    Configuration is resolved here, before any work starts: a broken wasmvet.toml is a
    ``config_error`` and nothing is analysed. With ``use_cache``, results are read from and
    written to the cache (``cache_dir``, else ``.wasmvet_cache`` at each project root);
    ``fix`` applies fixes in memory (``Result.changes``); ``changed`` (``--new-from-rev``)
    keeps the findings, and the fixes, to changed lines; ``progress`` draws a bar on a
    terminal's stderr.
    """
    discovery = discover(patterns, tests=True)
    result = Result(problems=list(discovery.problems), missing_paths=discovery.missing)
    work: list[Job] = []
    writable: dict[Path, bool] = {}
    for pkg in discovery.packages:
        try:
            settings = resolve(pkg.path, overrides)
        except (ConfigError, ValueError) as exc:
            result.config_errors.append(str(exc))
            continue
        directory = cache.cache_dir_for(pkg.path, settings, cache_dir) if use_cache else None
        if directory is not None and directory not in writable:
            writable[directory] = cache.prepare(directory)
        usable = directory if directory is not None and writable[directory] else None
        work.append(Job(pkg, settings, usable, fix, changed))
    if result.config_errors:
        result.config_errors = list(dict.fromkeys(result.config_errors))
        return result
    bar = Progress(len(work)) if progress else None
    try:
        parts = _run_all(work, jobs, bar)
    finally:
        if bar is not None:
            bar.close()
    for part in parts:
        result.diagnostics.extend(part.diagnostics)
        result.problems.extend(part.problems)
        result.changes.extend(part.changes)
        result.files += part.files
        result.cache_hits += part.cache_hits
        for key, count in part.inferred.items():
            result.inferred[key] = result.inferred.get(key, 0) + count
    if not work and not discovery.problems:
        result.problems.append("no Go files found")
    return result


def _size(pkg: PackageDir) -> int:
    total = 0
    for path in pkg.files:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total


def _run_all(work: list[Job], jobs: int, bar: Progress | None) -> list[Result]:
    """Every job's result, in the order of ``work``. Cache hits are read here; the other
    packages go to ``jobs`` worker processes, the largest first so that no worker is left
    with a big one at the end."""
    done: dict[int, Result] = {}
    for i, job in enumerate(work):
        hit = cached_result(job) if job.cache_dir is not None else None
        if hit is not None:
            done[i] = hit
            if bar is not None:
                bar.advance()
    pending = [i for i in range(len(work)) if i not in done]
    if jobs <= 1 or len(pending) <= 1:
        for i in pending:
            done[i] = run_job(work[i])
            if bar is not None:
                bar.advance()
    else:
        pending.sort(key=lambda i: -_size(work[i].pkg))
        with ProcessPoolExecutor(max_workers=min(jobs, len(pending))) as pool:
            futures = {pool.submit(run_job, work[i]): i for i in pending}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                if bar is not None:
                    bar.advance()
    return [done[i] for i in range(len(work))]


def relative(path: Path) -> Path:
    """``path`` relative to the working directory when it is below it."""
    try:
        cwd = os.getcwd()
        return _resolved(Path(cwd, path)).relative_to(_resolved(Path(cwd)))
    except ValueError:
        return path


@lru_cache(maxsize=4096)
def _resolved(path: Path) -> Path:
    """``path.resolve()``, once per path: reporters ask for every finding."""
    return path.resolve()
