"""The ``wasmvet`` command line: ``check``, ``rules``, ``explain``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from wasmvet import __version__
from wasmvet.engine import Settings, check_paths
from wasmvet.reporting import format_json, format_text, print_problems, use_color
from wasmvet.rules import UnknownRule, all_rules, select_rules
from wasmvet.targets import DEFAULT_TARGETS, TARGETS, UnknownTarget, resolve_targets

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
        help=f"wasm target to check, repeatable: {', '.join(TARGETS)}, all (default: go-js)",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--select", action="append", metavar="CODES", help="only these rules")
    check.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--tests", action="store_true", help="also analyse _test.go files")
    check.add_argument("--go-version", metavar="1.N", help="Go version (default: from go.mod)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument(
        "-j", "--jobs", type=int, default=0, help="worker processes (default: one per CPU)"
    )

    sub.add_parser("rules", help="list the rules")
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


def run_check(args: argparse.Namespace) -> int:
    try:
        targets = resolve_targets(args.target or list(DEFAULT_TARGETS))
        rules = select_rules(_codes(args.select), _codes(args.ignore))
        go_minor = _go_minor(args.go_version)
    except (UnknownTarget, UnknownRule, ValueError) as exc:
        sys.stderr.write(f"wasmvet: error: {exc}\n")
        return EXIT_USAGE
    settings = Settings(tuple(targets), tuple(rules), go_minor=go_minor, tests=args.tests)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    result = check_paths(args.paths, settings, jobs=jobs)
    print_problems(result.problems)
    if args.format == "json":
        sys.stdout.write(format_json(result.diagnostics))
    else:
        sys.stdout.write(format_text(result.diagnostics, use_color(sys.stdout, args.color)))
    if result.missing_paths:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(d.counts for d in result.diagnostics) else EXIT_CLEAN


def run_rules() -> int:
    for code, rule in all_rules().items():
        targets = ",".join(sorted(rule.targets))
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "rules":
            return run_rules()
        if args.command == "explain":
            return run_explain(args.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    parser.print_help()
    return EXIT_USAGE
