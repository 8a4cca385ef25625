"""Resolved settings: command-line flags over the nearest wasmvet.toml over defaults."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path

from wasmvet.config import ConfigError, FileConfig, find_config, key_location, load_config
from wasmvet.diagnostics import Diagnostic, Severity
from wasmvet.hosts import HostProfile, check_js_host, infer_js_host
from wasmvet.rules import UnknownRule, all_rules, select_rules
from wasmvet.rules.base import Rule
from wasmvet.runtime_model.model import LATEST_TINYGO_MINOR, MODEL
from wasmvet.targets import Target, UnknownTarget, resolve_targets


@dataclass(frozen=True)
class Overrides:
    """What the command line (or an editor) says; None means "not said"."""

    targets: tuple[str, ...] | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    go_minor: int | None = None
    tinygo_version: tuple[int, int] | None = None
    tests: bool | None = None
    config: Path | None = None
    isolated: bool = False
    js_host: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything one package's analysis needs; picklable for worker processes."""

    targets: tuple[Target, ...]
    rules: tuple[Rule, ...]
    go_minor: int | None = None
    tinygo_version: tuple[int, int] | None = None
    tests: bool = False
    config: Path | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = field(default=())
    host: HostProfile = field(default=HostProfile())

    @property
    def tinygo_minor(self) -> int:
        """The TinyGo release's minor number (the newest the model knows when unset)."""
        return self.tinygo_version[1] if self.tinygo_version else LATEST_TINYGO_MINOR

    def excluded(self, path: Path) -> bool:
        """Whether an ``exclude`` glob (relative to the config's folder) matches ``path``."""
        rel = self._relative(path)
        return rel is not None and any(
            fnmatch(rel, g) or fnmatch(rel, g.rstrip("/") + "/*") for g in self.exclude
        )

    def _relative(self, path: Path) -> str | None:
        if self.config is None:
            return None
        try:
            return path.resolve().relative_to(self.config.parent.resolve()).as_posix()
        except ValueError:
            return None

    def adjust(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Apply ``per-file-ignores`` and ``severity`` overrides."""
        levels = dict(self.severity)
        kept: list[Diagnostic] = []
        for diag in diagnostics:
            rel = self._relative(diag.path)
            if rel is not None and any(
                fnmatch(rel, glob) and any(diag.code.startswith(c) for c in codes)
                for glob, codes in self.per_file_ignores
            ):
                continue
            if diag.code in levels:
                diag.severity = levels[diag.code]
            kept.append(diag)
        return kept


def _check_codes(config: FileConfig, key: str, codes: tuple[str, ...]) -> None:
    known = all_rules()
    for code in codes:
        if code != "ALL" and not any(k.startswith(code) for k in known):
            where = key_location(config.path, key.split(".")[-1])
            raise ConfigError(f"{where}: {key}: unknown rule code or prefix {code!r}")


def config_for(directory: Path, overrides: Overrides) -> FileConfig | None:
    """The configuration that applies to ``directory`` (ConfigError if it is broken)."""
    if overrides.isolated:
        return None
    path = overrides.config or find_config(directory.resolve())
    if path is None:
        return None
    config = load_config(path.resolve())
    _check_codes(config, "select", config.select or ())
    _check_codes(config, "ignore", config.ignore)
    _check_codes(config, "severity", tuple(c for c, _ in config.severity))
    for glob, codes in config.per_file_ignores:
        _check_codes(config, f"per-file-ignores.{glob}", codes)
    return config


def resolve(directory: Path, overrides: Overrides) -> Settings:
    """Settings for the package in ``directory``; ConfigError or ValueError when invalid."""
    config = config_for(directory, overrides)
    target_ids = overrides.targets or (config.targets if config else None) or ()
    try:
        targets = resolve_targets(list(target_ids))
    except UnknownTarget as exc:
        where = (
            f"{key_location(config.path, 'targets')}: targets: "
            if config and not overrides.targets
            else ""
        )
        raise ConfigError(f"{where}{exc}") from exc
    select = overrides.select if overrides.select is not None else (config.select if config else ())
    ignore = (*(config.ignore if config else ()), *overrides.ignore)
    try:
        rules = select_rules(list(select or ()), list(ignore))
    except UnknownRule as exc:
        raise ConfigError(str(exc)) from exc
    settings = Settings(targets=tuple(targets), rules=tuple(rules))
    if config is not None:
        settings = replace(
            settings,
            config=config.path,
            go_minor=config.go_minor,
            tinygo_version=config.tinygo_version,
            tests=bool(config.tests),
            exclude=config.exclude,
            per_file_ignores=config.per_file_ignores,
            severity=config.severity,
            host=config.host or HostProfile(),
        )
    if overrides.go_minor is not None:
        settings = replace(settings, go_minor=overrides.go_minor)
    if overrides.tinygo_version is not None:
        settings = replace(settings, tinygo_version=overrides.tinygo_version)
    if overrides.tests is not None:
        settings = replace(settings, tests=overrides.tests)
    if overrides.js_host is not None:
        js = check_js_host(overrides.js_host)
        settings = replace(settings, host=replace(settings.host, js=js, js_reason="configured"))
    return settings


def describe(settings: Settings, directory: Path) -> str:
    """``--show-settings``: the resolved settings for a folder, one per line."""
    targets = ", ".join(t.id for t in settings.targets) or "(inferred from the code per package)"
    go = f"1.{settings.go_minor}" if settings.go_minor else "(from the nearest go.mod)"
    tinygo = (
        "{}.{}".format(*settings.tinygo_version)
        if settings.tinygo_version
        else "(newest release the model knows)"
    )
    lines = [
        f"path: {directory}",
        f"config: {settings.config or '(none)'}",
        f"targets: {targets}",
        f"go-version: {go}",
        f"tinygo-version: {tinygo}",
        f"tests: {str(settings.tests).lower()}",
        f"rules: {', '.join(r.code for r in settings.rules)}",
        f"exclude: {list(settings.exclude)}",
        f"per-file-ignores: {dict(settings.per_file_ignores)}",
        f"severity: { ({c: s.value for c, s in settings.severity}) }",
        *describe_host(settings.host, directory),
    ]
    return "\n".join(lines) + "\n"


def describe_host(host: HostProfile, directory: Path) -> list[str]:
    """``--show-settings`` lines of the host profile; an unset js host is inferred from the
    folder's Go files, as a check of that package would."""
    js, why = host.js, host.js_reason
    if js is None:
        js, why = infer_js_host(_go_files(directory), MODEL.js_globals)
        why = f"inferred: {why}"
    dirs = list(host.wasi_dirs) if host.wasi_dirs is not None else "(not known)"
    env = list(host.wasi_env) if host.wasi_env is not None else "(not known)"
    return [f"host.js: {js} ({why})", f"host.wasi-dirs: {dirs}", f"host.wasi-env: {env}"]


def _go_files(directory: Path) -> list[tuple[str, bytes]]:
    files = []
    for path in sorted(directory.glob("*.go")):
        try:
            files.append((str(path), path.read_bytes()))
        except OSError:
            continue
    return files
