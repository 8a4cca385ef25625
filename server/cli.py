"""The ``wasmvet`` command line: ``check``, ``rules``, ``explain``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from wasmvet import __version__, cache
from wasmvet.cache import CACHE_DIR_NAME, ENV_CACHE_DIR
from wasmvet.config import ConfigError, parse_tinygo_version
from wasmvet.engine import Result, check_paths, relative
from wasmvet.fixing import FixMode, fix_summary, unified_diff, write_change
from wasmvet.formats import FORMATTERS, Output, OutputError
from wasmvet.gitdiff import ChangedLines, GitError, changed_since
from wasmvet.hosts import check_js_host
from wasmvet.reporting import print_problems
from wasmvet.rules import UnknownRule, all_rules, select_rules
from wasmvet.settings import Overrides, describe, resolve
from wasmvet.targets import TARGETS, UnknownTarget, resolve_targets

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"wasmvet: error: {message}\n")


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wasmvet",
        description="Find Go code that compiles for WebAssembly but fails there.",
    )
    parser.add_argument("--version", action="version", version=f"wasmvet {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="lint Go packages (default: ./...)")
    check.add_argument("paths", nargs="*", help="files, directories or patterns such as ./...")
    check.add_argument(
        "--target",
        action="append",
        metavar="TARGET",
        help=f"wasm target to check, repeatable: {', '.join(TARGETS)}, all "
        "(default: wasmvet.toml's targets, else inferred from the code)",
    )
    check.add_argument("--select", action="append", metavar="CODES", help="only these rules")
    check.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--tests", action="store_true", help="also analyse _test.go files")
    check.add_argument("--go-version", metavar="1.N", help="Go version (default: from go.mod)")
    check.add_argument(
        "--tinygo-version", metavar="0.N", help="TinyGo version (default: the newest known)"
    )
    check.add_argument(
        "--js-host",
        metavar="HOST",
        help="where go-js code runs: browser, node or any "
        "(default: wasmvet.toml's [host] js, else inferred per package from the code)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--config", metavar="FILE", help="use this wasmvet.toml")
    check.add_argument("--isolated", action="store_true", help="ignore configuration files")
    check.add_argument(
        "--show-settings", action="store_true", help="print the resolved settings and exit"
    )
    check.add_argument(
        "-j", "--jobs", type=int, default=0, help="worker processes (default: one per CPU)"
    )
    # Output and adoption options (formats/, gitdiff.py).
    check.add_argument(
        "--format", choices=tuple(FORMATTERS), default="text", help="report format (default: text)"
    )
    check.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE")
    check.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule has"
    )
    check.add_argument(
        "--new-from-rev",
        metavar="REV",
        help="only findings on lines changed since git revision REV (and in untracked files)",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only: no summary or notes"
    )
    # Fixes and the cache (wasmvet.fixing, wasmvet.cache).
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply unsafe fixes (implies --fix)"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff instead of applying them (exit 1 if any)",
    )
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=f"cache directory (default: ${ENV_CACHE_DIR}, else {CACHE_DIR_NAME} at the project "
        "root: the nearest go.mod, else wasmvet.toml's folder, else the working directory)",
    )

    clean = sub.add_parser("clean", help="delete the cache (.wasmvet_cache) of projects")
    clean.add_argument(
        "paths", nargs="*", default=["."], help="folders in the projects (default: .)"
    )
    clean.add_argument("--cache-dir", metavar="DIR", help="delete this cache directory instead")
    sub.add_parser("rules", help="list the rules")
    server = sub.add_parser("server", help="run the language server (LSP over stdio)")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead, for debugging")
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code", help="rule code (WV101) or name (spin-wait)")
    return parser


def _go_minor(value: str | None) -> int | None:
    if value is None:
        return None
    major, _, minor = value.removeprefix("go").partition(".")
    if major != "1" or not minor.split(".")[0].isdigit():
        raise ValueError(f"bad --go-version {value!r} (expected 1.N)")
    return int(minor.split(".")[0])


def _tinygo_version(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    parsed = parse_tinygo_version(value)
    if parsed is None:
        raise ValueError(f"bad --tinygo-version {value!r} (expected 0.N)")
    return parsed


def run_check(args: argparse.Namespace) -> int:
    try:
        if args.target:
            resolve_targets(args.target)
        overrides = Overrides(
            targets=tuple(args.target) if args.target else None,
            select=tuple(_codes(args.select)) if args.select else None,
            ignore=tuple(_codes(args.ignore)),
            go_minor=_go_minor(args.go_version),
            tinygo_version=_tinygo_version(args.tinygo_version),
            tests=True if args.tests else None,
            config=Path(args.config) if args.config else None,
            isolated=args.isolated,
            js_host=check_js_host(args.js_host) if args.js_host is not None else None,
        )
        select_rules(list(overrides.select or ()), list(overrides.ignore))
        if overrides.config is not None and not overrides.config.is_file():
            raise ValueError(f"--config {args.config}: no such file")
        output = Output(
            args.format,
            Path(args.output_file) if args.output_file else None,
            args.statistics,
            args.quiet,
            args.color,
        )
        output.validate()
        changed: ChangedLines | None = None
        if args.new_from_rev is not None:
            changed = changed_since(args.new_from_rev, args.paths)
        if args.show_settings:
            directory = Path(args.paths[0] if args.paths else ".")
            directory = directory if directory.is_dir() else directory.parent
            sys.stdout.write(describe(resolve(directory, overrides), directory))
            return EXIT_CLEAN
    except (UnknownTarget, UnknownRule, ValueError, ConfigError, GitError, OutputError) as exc:
        sys.stderr.write(f"wasmvet: error: {exc}\n")
        return EXIT_USAGE
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    fix: FixMode | None = (
        "unsafe" if args.unsafe_fixes else "safe" if args.fix or args.diff else None
    )
    result = check_paths(
        args.paths,
        overrides,
        jobs=jobs,
        use_cache=not args.no_cache,
        cache_dir=Path(args.cache_dir) if args.cache_dir else None,
        fix=fix,
        changed=changed,
        progress=True,
    )
    if result.config_errors:
        for error in result.config_errors:
            sys.stderr.write(f"wasmvet: error: {error}\n")
        return EXIT_USAGE
    if args.diff:
        return print_diff(result)
    unwritten = write_fixes(result, args.quiet) if fix is not None else []
    print_problems(result.problems + unwritten)
    if result.inferred and not args.quiet:
        print_inferred(result.inferred)
    if result.inferred_hosts and not args.quiet:
        print_inferred(
            result.inferred_hosts,
            "no js host configured (set [host] js in wasmvet.toml or pass --js-host)",
        )
    try:
        output.emit(result.diagnostics, result.problems + unwritten)
    except OutputError as exc:
        sys.stderr.write(f"wasmvet: error: {exc}\n")
        return EXIT_USAGE
    if result.missing_paths:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_CLEAN
    failed = any(d.counts for d in result.diagnostics) or unwritten
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def print_diff(result: Result) -> int:
    """``--diff``: the fixes as a unified diff on stdout; 1 if there is any, else 0."""
    for change in result.changes:
        sys.stdout.write(unified_diff(change, str(relative(change.path))))
    print_problems(result.problems)
    sys.stderr.write(f"wasmvet: {fix_summary(result.changes, would=True)}\n")
    if result.missing_paths:
        return EXIT_USAGE
    return EXIT_FINDINGS if result.changes else EXIT_CLEAN


def write_fixes(result: Result, quiet: bool) -> list[str]:
    """``--fix``: write the fixed files; problem lines for those that could not be written."""
    unwritten: list[str] = []
    written = []
    for change in result.changes:
        problem = write_change(change)
        if problem is None:
            written.append(change)
        else:
            unwritten.append(problem)
    if written and not quiet:
        sys.stderr.write(f"wasmvet: {fix_summary(written, would=False)}\n")
    return unwritten


_NO_TARGET = "no target configured (set `targets` in wasmvet.toml or pass --target)"


def print_inferred(inferred: dict[str, int], what: str = _NO_TARGET, shown: int = 3) -> None:
    """Lines on stderr saying what was inferred (targets, js hosts), and why, when nothing
    was configured."""
    sys.stderr.write(f"wasmvet: {what}; inferred:\n")
    ranked = sorted(inferred.items(), key=lambda item: -item[1])
    for choice, count in ranked[:shown]:
        sys.stderr.write(f"  {count} package{'s' if count != 1 else ''}: {choice}\n")
    if len(ranked) > shown:
        rest = sum(count for _, count in ranked[shown:])
        sys.stderr.write(f"  {rest} more package{'s' if rest != 1 else ''}: other reasons\n")


def run_rules() -> int:
    for code, rule in all_rules().items():
        targets = ",".join(t for t in TARGETS if t in rule.targets)
        fix = "[*]" if rule.fix != "none" else "   "
        sys.stdout.write(f"{code} {fix} {rule.name:<28} {rule.severity.value:<8} {targets}\n")
    return EXIT_CLEAN


def run_explain(code: str) -> int:
    for rule in all_rules().values():
        if code.upper() == rule.code or code == rule.name:
            sys.stdout.write(rule.explain())
            return EXIT_CLEAN
    sys.stderr.write(f"wasmvet: error: unknown rule {code!r} (see `wasmvet rules`)\n")
    return EXIT_USAGE


def run_clean(paths: list[str], cache_dir: str | None) -> int:
    """``wasmvet clean``: delete the caches a ``check`` of ``paths`` would use (only
    directories that wasmvet's CACHEDIR.TAG marks)."""
    explicit = Path(cache_dir) if cache_dir is not None else None
    removed = 0
    for directory in cache.cache_dirs_of([Path(p) for p in paths], explicit):
        try:
            if cache.remove(directory):
                sys.stderr.write(f"wasmvet: removed {relative(directory)}\n")
                removed += 1
        except OSError as exc:
            sys.stderr.write(f"wasmvet: error: cannot remove {directory}: {exc.strerror or exc}\n")
            return EXIT_USAGE
    if not removed:
        sys.stderr.write("wasmvet: no cache to remove\n")
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "clean":
            return run_clean(args.paths, args.cache_dir)
        if args.command == "rules":
            return run_rules()
        if args.command == "server":
            from wasmvet.lsp.server import main as serve

            return serve(args.tcp)
        if args.command == "explain":
            return run_explain(args.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    parser.print_help()
    return EXIT_USAGE
