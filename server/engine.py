"""The analysis engine: package views per target, rules, and merged diagnostics.

The engine knows nothing about any particular rule: it builds a ``RuleContext`` for each
(package view, target) pair and lets every selected rule report into it.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from wasmvet import cache, summary_cache
from wasmvet.analysis.build_constraints import file_is_built
from wasmvet.analysis.dependencies import view_for
from wasmvet.analysis.effects import Analyzer
from wasmvet.analysis.loader import PackageDir, discover
from wasmvet.analysis.modules import Program, is_standard_import_path
from wasmvet.analysis.package import GoFile, Package, imported_paths
from wasmvet.analysis.source import SourceFile, UnreadableSource, read_source
from wasmvet.cancellation import checkpoint
from wasmvet.collection import fewer_collections
from wasmvet.config import ConfigError
from wasmvet.diagnostics import Diagnostic, Frame
from wasmvet.fixes.applying import FileChange, FixMode, applicable, fix_in_memory
from wasmvet.fixes.cross_target import drop_fixes_adding_findings
from wasmvet.gitdiff import ChangedLines
from wasmvet.gomod import LATEST_GO_MINOR, module_go_minor
from wasmvet.hosts import (
    NO_SIGN,
    HostProfile,
    infer_js_host,
    may_show_signs,
)
from wasmvet.inference import DEFAULT_REASON, FileHints, infer_targets
from wasmvet.progress import Progress
from wasmvet.rule_context import DependencyCall, RuleContext
from wasmvet.runtime_model.model import MODEL, Versions
from wasmvet.settings import Overrides, Settings, resolve
from wasmvet.suppressions import apply_suppressions
from wasmvet.targets import TARGETS, Target
from wasmvet.unclaimed import note as unclaimed_note
from wasmvet.unclaimed import unclaimed_packages
from wasmvet.workspace import Confined, outside, workspace_root


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files: int = 0
    missing_paths: list[str] = field(default_factory=list)
    config_errors: list[str] = field(default_factory=list)
    inferred: dict[str, int] = field(default_factory=dict)
    """How many packages got which inferred targets: ``"go-wasip1 (main.go uses ...)"``."""
    inferred_hosts: dict[str, int] = field(default_factory=dict)
    """How many packages got which inferred js host: ``"browser (main.go:9 uses ...)"``."""
    changes: list[FileChange] = field(default_factory=list)
    dependency_files: dict[str, tuple[int, int]] = field(default_factory=dict)
    """The dependency files and directories read, with their (mtime, size)."""
    cache_hits: int = 0
    imports: list[str] = field(default_factory=list)
    """What the files some analysed target builds import (where dependencies start)."""
    notes: list[str] = field(default_factory=list)
    """Run-summary notes about dependencies (a required module not on disk, ...)."""


def _package_views(files: list[GoFile]) -> list[list[GoFile]]:
    """Split files into packages by their package clause (``x`` and ``x_test``)."""
    groups: dict[str, list[GoFile]] = {}
    for gofile in files:
        groups.setdefault(gofile.package_name, []).append(gofile)
    return list(groups.values())


DependencyCallHook = Callable[[str, Path, DependencyCall], None]
"""Told each call into a dependency function that has a summary: (target id, file, call)."""


def analyse_files(
    files: Sequence[GoFile],
    settings: Settings,
    go_minor: int = LATEST_GO_MINOR,
    problems: list[str] | None = None,
    dependency_files: dict[str, tuple[int, int]] | None = None,
    on_dependency_call: DependencyCallHook | None = None,
) -> list[Diagnostic]:
    """Run the selected rules on already-parsed files of one directory, for every target
    (``dependency_files`` receives the dependency files the analysis read;
    ``on_dependency_call`` is told the package's calls into dependencies)."""
    with fewer_collections():
        return _analyse_files(
            files, settings, go_minor, problems, dependency_files, on_dependency_call
        )


def _analyse_files(
    files: Sequence[GoFile],
    settings: Settings,
    go_minor: int,
    problems: list[str] | None,
    dependency_files: dict[str, tuple[int, int]] | None,
    on_dependency_call: DependencyCallHook | None = None,
) -> list[Diagnostic]:
    if settings.go_minor is not None:
        go_minor = settings.go_minor
    versions = Versions(go=go_minor, tinygo=settings.tinygo_minor)
    hints = [FileHints.of(f) for f in files] if not settings.targets else []
    targets = settings.targets or infer_targets(hints, versions, settings.build_tags)[0]
    host = with_js_host(settings.host, [(f.source.path.name, f.source.data) for f in files])
    found = _findings(
        files, settings, targets, versions, host, problems, dependency_files, on_dependency_call
    )
    merged = merge_targets(found)
    contexts = {t.id: t.context(versions) for t in targets}

    def analyse(changed: list[GoFile], ids: tuple[str, ...]) -> list[Diagnostic]:
        return _findings(changed, settings, tuple(TARGETS[i] for i in ids), versions, host, [])

    drop_fixes_adding_findings(merged, found, files, contexts, analyse)
    selected = {rule.code for rule in settings.rules}
    kept = apply_suppressions(merged, list(files), selected, tuple(t.id for t in targets))
    return settings.adjust(kept)


def _findings(
    files: Sequence[GoFile],
    settings: Settings,
    targets: Sequence[Target],
    versions: Versions,
    host: HostProfile,
    problems: list[str] | None,
    dependency_files: dict[str, tuple[int, int]] | None = None,
    on_dependency_call: DependencyCallHook | None = None,
) -> list[Diagnostic]:
    """Every selected rule's findings on each target's package views, one target each."""
    found: list[Diagnostic] = []
    views: dict[tuple[int, ...], tuple[Package, Analyzer]] = {}
    directory = files[0].source.path.parent if files else None
    for target in targets:
        ctx_build = target.context(versions, settings.build_tags)
        deps = (
            view_for(directory, ctx_build, target.runtime, target.id, versions)
            if directory is not None
            else None
        )
        if deps is not None:
            deps.store = summary_cache.current()
        built = [f for f in files if file_is_built(ctx_build, f.source.path.name, f.source.data)]
        for group in _package_views(built):
            key = tuple(sorted(id(f) for f in group))
            if key not in views:
                package = Package(str(group[0].source.path.parent), group)
                views[key] = (package, Analyzer(package))
            package, analyzer = views[key]
            if deps is not None:
                analyzer.summaries[target.id] = deps
            ctx = RuleContext(
                package,
                target,
                ctx_build,
                versions.go,
                analyzer,
                versions.tinygo,
                settings.build_tags,
                host,
            )
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
            if on_dependency_call is not None:
                for call in ctx.dependency_calls():
                    on_dependency_call(target.id, package.file_of(call.node).source.path, call)
        if deps is not None:
            deps.flush()
        if deps is not None and dependency_files is not None:
            dependency_files.update(deps.files_read)
    for _, analyzer in views.values():
        analyzer.clear()
    return found


def with_js_host(host: HostProfile, files: list[tuple[str, bytes]]) -> HostProfile:
    """``host`` with its js host inferred from the package's files when none is configured."""
    if host.js is not None:
        return host
    js, reason = infer_js_host(files, MODEL.js_globals)
    return replace(host, js=js, js_reason=f"inferred: {reason}")


_TARGET_ORDER = {target: index for index, target in enumerate(TARGETS)}


_MergeKey = tuple[str, int, int, str, tuple[Frame, ...]]


def _span_order(diag: Diagnostic) -> tuple[int, int, int, int]:
    """``diag.span``'s order as a tuple (comparing the dataclasses costs a call each)."""
    span = diag.span
    return span.start_line, span.start_col, span.end_line, span.end_col


def merge_targets(found: list[Diagnostic]) -> list[Diagnostic]:
    """One diagnostic per (file, start, code, call trace), listing every target it concerns:
    a chained call (``exec.Command(...).Output()``) is one finding, told by its innermost
    call; a call reaching a hazard by different paths on two targets stays two findings, each
    with its trace. The message is the first target's; where another target's differs, it
    goes to ``target_messages`` (JSON, hover). It keeps its fix only when every one of those
    targets offers the same fix."""
    merged: dict[_MergeKey, Diagnostic] = {}
    disagree: set[_MergeKey] = set()
    names: dict[Path, str] = {}
    for diag in sorted(found, key=_span_order):  # stable: targets keep their order
        name = names.get(diag.path)
        if name is None:
            name = names[diag.path] = str(diag.path)
        key = (name, diag.span.start_line, diag.span.start_col, diag.code, diag.trace)
        first = merged.get(key)
        if first is None:
            merged[key] = replace(diag, target_messages=dict(diag.target_messages))
            continue
        if diag.fix is not first.fix and diag.fix != first.fix:
            disagree.add(key)
        new = [t for t in diag.targets if t not in first.targets]
        if not new:
            continue
        together = (*first.targets, *new)
        order = [_TARGET_ORDER[t] for t in together]
        if any(a > b for a, b in pairwise(order)):  # mostly they come in target order
            together = tuple(sorted(together, key=_TARGET_ORDER.__getitem__))
        first.targets = together
        if diag.message != first.message:
            for target in new:
                first.target_messages[target] = diag.message
    for key in disagree:
        merged[key].fix = None  # a fix is offered only where every target offers it alike
    # Diagnostic.sort_key's order, with each path made a string once and spans as tuples
    return sorted(merged.values(), key=lambda d: (names[d.path], _span_order(d), d.code))


# Files no target compiles are skipped unless they may hold a suppression comment (an
# unused one is reported as WV900 there too).
_SUPPRESSION_MARK = re.compile(rb"//(?:wasmvet:|nolint|lint:)")


def included_files(pkg: PackageDir, settings: Settings) -> list[Path]:
    """A directory's files that the settings include (tests, ``exclude``)."""
    return [
        path
        for path in pkg.files
        if (settings.tests or not path.name.endswith("_test.go")) and not settings.excluded(path)
    ]


def read_package(pkg: PackageDir, settings: Settings, problems: list[str]) -> dict[Path, bytes]:
    """The bytes of a directory's files that the settings include (tests, ``exclude``);
    files that cannot be read become one-line problems."""
    contents: dict[Path, bytes] = {}
    for path in included_files(pkg, settings):
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
    contexts = [t.context(versions, settings.build_tags) for t in settings.targets]
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
        versions = Versions(go=go_minor, tinygo=settings.tinygo_minor)
        targets, reason = infer_targets(hints, versions, settings.build_tags)
        result.inferred[f"{','.join(t.id for t in targets)} ({reason})"] = 1
        settings = replace(settings, targets=targets)
        if reason == DEFAULT_REASON:
            settings = replace(settings, host=replace(settings.host, wasm_evident=False))
    if any(t.id == "go-js" for t in settings.targets) and contents:
        candidates = [(str(relative(p)), d) for p, d in contents.items() if may_show_signs(d)]
        host = with_js_host(settings.host, candidates)
        if host.js_reason.startswith("inferred: ") and not host.js_reason.endswith(NO_SIGN):
            reason = host.js_reason.removeprefix("inferred: ")
            result.inferred_hosts[f"{host.js} ({reason})"] = 1
        settings = replace(settings, host=host)
    files = parse_package(contents, settings, go_minor, result.problems)
    result.diagnostics = analyse_files(
        files, settings, go_minor, result.problems, result.dependency_files
    )
    result.imports = built_imports(files, settings, go_minor)
    return result


def built_imports(files: Sequence[GoFile], settings: Settings, go_minor: int) -> list[str]:
    """The import paths of the files some target of ``settings`` builds (blank and dot
    imports included: their modules are needed all the same)."""
    versions = Versions(go=go_minor, tinygo=settings.tinygo_minor)
    contexts = [t.context(versions) for t in settings.targets]
    return sorted(
        {
            path
            for f in files
            if any(file_is_built(c, f.source.path.name, f.source.data) for c in contexts)
            for path in f.import_nodes
        }
    )


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
    go_minor = _go_minor(job)
    stamps = _stamp_key(job, go_minor)  # before reading: a later change shows as a miss
    contents = read_package(pkg, settings, problems)
    entry = _cache_entry(job, go_minor) if not problems else None
    key = _cache_key(job, contents, go_minor) if entry is not None else ""
    hit = cache.load(entry, key) if entry is not None else None
    if hit is not None:
        result = _from_cache(hit)
    else:
        store = summary_cache.SummaryCache(job.cache_dir) if job.cache_dir else None
        with summary_cache.using(store):
            result = analyse_package(contents, settings, go_minor)
        if entry is not None and not _internal_errors(result):
            stored = cache.Cached(
                result.diagnostics,
                result.problems,
                result.files,
                result.inferred,
                imports=result.imports,
                hosts=result.inferred_hosts,
                dependency_files=result.dependency_files,
                stamp_key=stamps,
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
        confined = _confine(job, result, scope)
        fixed = fix_in_memory(contents, result.diagnostics, relint, unsafe, confined)
        result.diagnostics, result.changes = fixed.diagnostics, fixed.changes
        result.problems += fixed.problems
    if scope is not None:
        result.diagnostics = scope.keep(result.diagnostics)
    return result


def _confine(job: Job, result: Result, scope: ChangedLines | None) -> Confined:
    """The fix scope that refuses (with a problem line) files whose real path is outside the
    package's workspace: a symlink must not lead ``--fix`` elsewhere."""
    root = workspace_root(job.pkg.path, job.settings.config)
    refused: set[Path] = set()
    for diag in result.diagnostics:
        if diag.path in refused or not applicable(diag, job.fix == "unsafe"):
            continue
        if scope is not None and not scope.contains(diag):
            continue
        reason = outside(diag.path, root)
        if reason is not None:
            refused.add(diag.path)
            result.problems.append(reason)
    return Confined(refused, scope)


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
    hit = cache.load(entry, _stamp_key(job, go_minor), by_stamps=True)
    if hit is None:  # stamps changed or untrusted: compare the bytes
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


def _stamp_key(job: Job, go_minor: int) -> str:
    """The key an entry holds for the package's files as stat'ed now ("": untrusted)."""
    if job.cache_dir is None:
        return ""
    fingerprint = cache.settings_fingerprint(job.settings, go_minor)
    return cache.stamp_key(job.pkg.path, fingerprint, included_files(job.pkg, job.settings))


def _cache_key(job: Job, contents: dict[Path, bytes], go_minor: int) -> str:
    """The key an entry must hold for these contents and settings."""
    fingerprint = cache.settings_fingerprint(job.settings, go_minor)
    return cache.content_key(job.pkg.path, fingerprint, contents)


def _from_cache(hit: cache.Cached) -> Result:
    return Result(
        hit.diagnostics,
        hit.problems,
        hit.files,
        inferred=hit.inferred,
        inferred_hosts=hit.hosts,
        cache_hits=1,
        imports=hit.imports,
    )


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
    program = Program()  # the module graphs, read once for the notes and the unclaimed
    unclaimed = unclaimed_packages(
        program,
        [job.pkg.path for job in work],
        [part.inferred for part in parts],
        [p.imports for p in parts],
    )
    for i, part in enumerate(parts):
        if i not in unclaimed:
            result.diagnostics.extend(part.diagnostics)
            result.changes.extend(part.changes)
        result.problems.extend(part.problems)
        result.files += part.files
        result.cache_hits += part.cache_hits
        for key, count in part.inferred.items():
            result.inferred[key] = result.inferred.get(key, 0) + count
        for key, count in part.inferred_hosts.items():
            result.inferred_hosts[key] = result.inferred_hosts.get(key, 0) + count
    result.notes = dependency_notes(
        [(job.pkg.path, part.imports) for job, part in zip(work, parts, strict=True)], program
    )
    if unclaimed:
        result.notes.append(unclaimed_note(len(unclaimed)))
    if not work and not discovery.problems:
        result.problems.append("no Go files found")
    return result


def dependency_notes(
    imports: Iterable[tuple[Path, list[str]]], program: Program | None = None
) -> list[str]:
    """One note per module the analysed packages import that is not on disk (and per go.mod
    or vendor/modules.txt the go command would refuse); the analysis itself is unchanged."""
    program = program or Program()
    notes: dict[str, None] = {}
    for directory, paths in imports:
        needed = {p for p in paths if not is_standard_import_path(p)}
        graph = program.graph_for(directory) if needed else None
        if graph is not None:
            notes.update(dict.fromkeys(graph.file_notes))
            notes.update(dict.fromkeys(graph.notes(needed)))
    return list(notes)


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
