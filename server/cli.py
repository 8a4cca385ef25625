"""The ``wasmvet`` command line: ``check``, ``rules``, ``explain``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wasmvet import __version__, cache
from wasmvet.add_ignore import summary as add_ignore_summary
from wasmvet.add_ignore import suppression_changes
from wasmvet.buildtags import parse_tags
from wasmvet.cache import CACHE_DIR_NAME, ENV_CACHE_DIR
from wasmvet.config import ConfigError, parse_go_version, parse_tinygo_version
from wasmvet.engine import Result, check_paths, relative
from wasmvet.escaping import display, printable
from wasmvet.fixes.applying import FileChange, FixMode, fix_summary, unified_diff, write_change
from wasmvet.formats import FORMATTERS, Output, OutputError
from wasmvet.gitdiff import ChangedLines, GitError, changed_since
from wasmvet.hosts import check_js_host, check_wasi_grants
from wasmvet.reporting import print_problems
from wasmvet.rules import UnknownRule, all_rules, check_codes
from wasmvet.settings import Overrides, describe, resolve
from wasmvet.suggest import did_you_mean
from wasmvet.targets import TARGETS, UnknownTarget, resolve_targets

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message, never a traceback, and suggests the
    closest choice for a typo (Python 3.10-3.13's argparse does not)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands: dict[str, argparse.ArgumentParser] = {}
        """The parser of each subcommand (filled in on the top-level parser)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"wasmvet: error: {message}\n")

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if action.choices is not None and value not in action.choices:
            choices = [str(c) for c in action.choices]
            hint = did_you_mean(str(value), choices)
            message = f"invalid choice: {value!r}{hint} (choose from {', '.join(choices)})"
            raise argparse.ArgumentError(action, message)


def _error(message: str) -> None:
    """One line on stderr, its unprintable characters (in a file name, say) escaped."""
    sys.stderr.write(f"wasmvet: error: {printable(message)}\n")


def _unrecognized(parser: argparse.ArgumentParser, extra: list[str]) -> str:
    """``unrecognized arguments: ...``, with the closest option of ``parser`` to the first
    unknown one."""
    known = [o for action in parser._actions for o in action.option_strings]
    first = next((e.split("=")[0] for e in extra if e.startswith("-")), "")
    hint = did_you_mean(first, known) if first else ""
    return f"unrecognized arguments: {' '.join(extra)}{hint}"


def _codes(flag: str, values: list[str] | None) -> list[str]:
    """Rule codes of a repeatable, comma-separated flag; ValueError for an empty one."""
    codes = [c.strip() for v in values or [] for c in v.split(",") if c.strip()]
    if values and not codes:
        raise ValueError(f"{flag}: empty rule code")
    return codes


CHECK_EXAMPLES = """\
examples:
  wasmvet check ./...                          targets from wasmvet.toml, else inferred
  wasmvet check --target js,wasip1 ./...       Go's port names (= go-js,go-wasip1)
  wasmvet check --target all --tags integration,netgo ./cmd/...
  GOFLAGS=-tags=integration wasmvet check      -tags in $GOFLAGS, as the go command reads it
  wasmvet check --select WV3 --extend-select WV101 --ignore WV309 .
  wasmvet check --isolated --target tinygo-wasip1 main.go
  wasmvet check --add-ignore "adopted; see #123" ./...   suppress today's findings in place
  wasmvet check --format sarif -o wasmvet.sarif ./...
"""


def build_parser() -> _Parser:
    parser = _Parser(
        prog="wasmvet",
        description="Find Go code that compiles for WebAssembly but fails there.",
    )
    parser.add_argument("--version", action="version", version=f"wasmvet {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser(
        "check",
        help="lint Go packages (default: ./...)",
        epilog=CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", help="files, directories or patterns such as ./...")
    check.add_argument(
        "--target",
        action="append",
        metavar="TARGET",
        help=f"wasm target to check, repeatable or comma-separated: {', '.join(TARGETS)}, "
        "go, tinygo, all, or Go's names js, js/wasm, wasip1, wasip1/wasm "
        "(default: wasmvet.toml's targets, else inferred from the code)",
    )
    check.add_argument(
        "--tags",
        metavar="TAG,...",
        help="build tags, as `go build -tags a,b`: honoured by every target's build "
        "constraints (default: wasmvet.toml's build-tags, else -tags in $GOFLAGS)",
    )
    check.add_argument("--select", action="append", metavar="CODES", help="only these rules")
    check.add_argument(
        "--extend-select",
        action="append",
        metavar="CODES",
        help="these rules too, on top of the selection of wasmvet.toml or --select",
    )
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
    check.add_argument(
        "--wasi-dir",
        action="append",
        metavar="DIR",
        help="a directory the WASI host preopens (repeatable): a guest path such as / or "
        "HOST::GUEST as `wasmtime run --dir`; none: nothing (default: [host] wasi-dirs)",
    )
    check.add_argument(
        "--wasi-env",
        action="append",
        metavar="NAME",
        help="an environment variable the WASI host passes (repeatable); none: nothing "
        "(default: [host] wasi-env)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    configs = check.add_mutually_exclusive_group()
    configs.add_argument(
        "--config", metavar="FILE", help="use this wasmvet.toml (not with --isolated)"
    )
    configs.add_argument(
        "--isolated",
        action="store_true",
        help="ignore every configuration file (an error with --config)",
    )
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
    # Fixes and the cache (wasmvet.fixes.applying, wasmvet.cache).
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply unsafe fixes (implies --fix)"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff instead of applying them (exit 1 if any)",
    )
    check.add_argument(
        "--add-ignore",
        metavar="REASON",
        help="suppress every current finding with a `//wasmvet:ignore CODE REASON` comment "
        '(adopt wasmvet on existing code: --add-ignore "legacy, see #123")',
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
    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (a table) or json (code, name, severity, targets, hosts, fix, summary, url)",
    )
    server = sub.add_parser("server", help="run the language server (LSP over stdio)")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead, for debugging")
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code", help="rule code (WV101) or name (spin-wait)")
    parser.commands = dict(sub.choices)
    return parser


def _go_minor(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_go_version(value)
    except ValueError as exc:
        raise ValueError(f"bad --go-version {value!r}: {exc}") from exc


def _tinygo_version(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        return parse_tinygo_version(value)
    except ValueError as exc:
        raise ValueError(f"bad --tinygo-version {value!r}: {exc}") from exc


def _tags(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    try:
        return parse_tags(value)
    except ValueError as exc:
        raise ValueError(f"--tags: {exc}") from exc


def _wasi_grants(values: list[str] | None) -> tuple[str, ...] | None:
    """``--wasi-dir``/``--wasi-env`` values (``none``: an empty list)."""
    if values is None:
        return None
    return () if values == ["none"] else tuple(values)


def run_check(args: argparse.Namespace) -> int:
    try:
        if args.target:
            resolve_targets(args.target)
        overrides = Overrides(
            targets=tuple(args.target) if args.target else None,
            select=tuple(_codes("--select", args.select)) if args.select else None,
            extend_select=tuple(_codes("--extend-select", args.extend_select)),
            ignore=tuple(_codes("--ignore", args.ignore)),
            go_minor=_go_minor(args.go_version),
            tinygo_version=_tinygo_version(args.tinygo_version),
            build_tags=_tags(args.tags),
            goflags=os.environ.get("GOFLAGS"),
            tests=True if args.tests else None,
            config=Path(args.config) if args.config else None,
            isolated=args.isolated,
            js_host=check_js_host(args.js_host) if args.js_host is not None else None,
            wasi_dirs=_wasi_grants(args.wasi_dir),
            wasi_env=_wasi_grants(args.wasi_env),
        )
        check_wasi_grants(overrides.wasi_dirs, overrides.wasi_env, ("--wasi-dir", "--wasi-env"))
        check_codes([*(overrides.select or ()), *overrides.extend_select, *overrides.ignore])
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
        if args.add_ignore is not None and (args.fix or args.unsafe_fixes or args.diff):
            raise ValueError("--add-ignore cannot be combined with --fix, --unsafe-fixes or --diff")
        if args.add_ignore is not None and not args.add_ignore.strip():
            raise ValueError("--add-ignore needs a reason, such as --add-ignore 'legacy code'")
        changed: ChangedLines | None = None
        if args.new_from_rev is not None:
            changed = changed_since(args.new_from_rev, args.paths)
        if args.show_settings:
            directory = Path(args.paths[0] if args.paths else ".")
            directory = directory if directory.is_dir() else directory.parent
            sys.stdout.write(describe(resolve(directory, overrides), directory))
            return EXIT_CLEAN
    except (UnknownTarget, UnknownRule, ValueError, ConfigError, GitError, OutputError) as exc:
        _error(str(exc))
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
            _error(error)
        return EXIT_USAGE
    if args.diff:
        return print_diff(result)
    if args.add_ignore is not None:
        return write_suppressions(result, args.add_ignore, args.quiet)
    unwritten = write_fixes(result, args.quiet) if fix is not None else []
    print_problems(result.problems + unwritten)
    if result.inferred and not args.quiet:
        print_inferred(result.inferred)
    if not args.quiet:
        print_notes(result.notes)
    if result.inferred_hosts and not args.quiet:
        print_inferred(
            result.inferred_hosts,
            "no js host configured (set [host] js in wasmvet.toml or pass --js-host)",
        )
    try:
        output.emit(result.diagnostics, result.problems + unwritten)
    except OutputError as exc:
        _error(str(exc))
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
        sys.stdout.write(unified_diff(change, display(relative(change.path))))
    print_problems(result.problems)
    sys.stderr.write(f"wasmvet: {fix_summary(result.changes, would=True)}\n")
    if result.missing_paths:
        return EXIT_USAGE
    return EXIT_FINDINGS if result.changes else EXIT_CLEAN


def _write_all(changes: list[FileChange]) -> tuple[list[FileChange], list[str]]:
    """Write each changed file; the ones written, and problem lines for the others."""
    written: list[FileChange] = []
    problems: list[str] = []
    for change in changes:
        problem = write_change(change)
        if problem is None:
            written.append(change)
        else:
            problems.append(problem)
    return written, problems


def write_fixes(result: Result, quiet: bool) -> list[str]:
    """``--fix``: write the fixed files; problem lines for those that could not be written."""
    written, unwritten = _write_all(result.changes)
    if written and not quiet:
        sys.stderr.write(f"wasmvet: {fix_summary(written, would=False)}\n")
    return unwritten


def write_suppressions(result: Result, reason: str, quiet: bool) -> int:
    """``--add-ignore``: suppress every finding in place; 0 unless a file could not be
    changed (then 1) or a path was missing (2)."""
    changes, problems = suppression_changes(result.diagnostics, reason)
    written, unwritten = _write_all(changes)
    problems += unwritten
    print_problems(result.problems + problems)
    if not quiet:
        sys.stderr.write(f"wasmvet: {add_ignore_summary(written)}\n")
    if result.missing_paths:
        return EXIT_USAGE
    return EXIT_FINDINGS if problems else EXIT_CLEAN


def print_notes(notes: list[str]) -> None:
    """Run-summary notes on stderr (a dependency wasmvet could not look inside, ...)."""
    for note in notes:
        sys.stderr.write(f"wasmvet: note: {note}\n")


_NO_TARGET = "no target configured (set `targets` in wasmvet.toml or pass --target)"


def print_inferred(inferred: dict[str, int], what: str = _NO_TARGET, shown: int = 3) -> None:
    """Lines on stderr saying what was inferred (targets, js hosts), and why, when nothing
    was configured."""
    sys.stderr.write(f"wasmvet: {what}; inferred:\n")
    ranked = sorted(inferred.items(), key=lambda item: -item[1])
    for choice, count in ranked[:shown]:
        sys.stderr.write(f"  {count} package{'s' if count != 1 else ''}: {printable(choice)}\n")
    if len(ranked) > shown:
        rest = sum(count for _, count in ranked[shown:])
        sys.stderr.write(f"  {rest} more package{'s' if rest != 1 else ''}: other reasons\n")


def run_rules(output_format: str) -> int:
    if output_format == "json":
        table = [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": rule.severity.value,
                "targets": [t for t in TARGETS if t in rule.targets],
                "hosts": {t: target.host for t, target in TARGETS.items() if t in rule.targets},
                "fix": rule.fix,
                "summary": rule.summary,
                "url": rule.url,
            }
            for rule in all_rules().values()
        ]
        sys.stdout.write(json.dumps(table, indent=2) + "\n")
        return EXIT_CLEAN
    for code, rule in all_rules().items():
        targets = ",".join(t for t in TARGETS if t in rule.targets)
        fix = "[*]" if rule.fix != "none" else "   "
        sys.stdout.write(f"{code} {fix} {rule.name:<28} {rule.severity.value:<8} {targets}\n")
    return EXIT_CLEAN


def run_explain(code: str) -> int:
    for rule in all_rules().values():
        if code.upper() == rule.code or code == rule.name:
            sys.stdout.write(rule.explain())
            sys.stdout.write(f"\nDocumentation: {rule.url}\n")
            return EXIT_CLEAN
    names = [*all_rules(), *(rule.name for rule in all_rules().values())]
    hint = did_you_mean(code, names)
    sys.stderr.write(f"wasmvet: error: unknown rule {code!r}{hint} (see `wasmvet rules`)\n")
    return EXIT_USAGE


def run_clean(paths: list[str], cache_dir: str | None) -> int:
    """``wasmvet clean``: delete the caches a ``check`` of ``paths`` would use (only
    directories that wasmvet's CACHEDIR.TAG marks)."""
    explicit = Path(cache_dir) if cache_dir is not None else None
    removed = 0
    for directory in cache.cache_dirs_of([Path(p) for p in paths], explicit):
        try:
            if cache.remove(directory):
                sys.stderr.write(f"wasmvet: removed {display(relative(directory))}\n")
                removed += 1
        except OSError as exc:
            _error(f"cannot remove {directory}: {exc.strerror or exc}")
            return EXIT_USAGE
    if not removed:
        sys.stderr.write("wasmvet: no cache to remove\n")
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        parser.error(_unrecognized(parser.commands.get(args.command, parser), extra))
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "clean":
            return run_clean(args.paths, args.cache_dir)
        if args.command == "rules":
            return run_rules(args.format)
        if args.command == "server":
            from wasmvet.lsp.server import main as serve

            return serve(args.tcp)
        if args.command == "explain":
            return run_explain(args.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # a bug: exit 2, never 1 ("findings")
        _error(f"internal error ({type(exc).__name__}: {exc}); please report it")
        return EXIT_USAGE
    parser.print_help()
    return EXIT_USAGE
