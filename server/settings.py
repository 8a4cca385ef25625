"""Resolved settings: command-line flags over the nearest wasmvet.toml over defaults."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from wasmvet.buildtags import goflags_tags
from wasmvet.config import (
    ConfigError,
    FileConfig,
    FileIgnore,
    find_config,
    inherited,
    key_location,
    load_chain,
)
from wasmvet.diagnostics import Diagnostic, Severity
from wasmvet.escaping import display
from wasmvet.globs import PathGlobs
from wasmvet.hosts import HostProfile, check_js_host, check_wasi_grants, infer_js_host
from wasmvet.rules import Selection, UnknownRule, check_codes, selected_rules
from wasmvet.rules.base import Rule
from wasmvet.runtime_model.model import LATEST_TINYGO_MINOR, MODEL
from wasmvet.targets import Target, resolve_targets


@dataclass(frozen=True)
class Overrides:
    """What the command line (or an editor) says; None means "not said"."""

    targets: tuple[str, ...] | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    go_minor: int | None = None
    tinygo_version: tuple[int, int] | None = None
    build_tags: tuple[str, ...] | None = None
    goflags: str | None = None
    """``$GOFLAGS``: its ``-tags`` apply when neither this nor a config file sets tags."""
    tests: bool | None = None
    config: Path | None = None
    isolated: bool = False
    js_host: str | None = None
    wasi_dirs: tuple[str, ...] | None = None
    wasi_env: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Settings:
    """Everything one package's analysis needs; picklable for worker processes."""

    targets: tuple[Target, ...]
    rules: tuple[Rule, ...]
    go_minor: int | None = None
    tinygo_version: tuple[int, int] | None = None
    build_tags: tuple[str, ...] = ()
    """``-tags``: honoured by every target's build constraints, besides its own tags."""
    tests: bool = False
    config: Path | None = None
    exclude: PathGlobs | None = None
    per_file_ignores: tuple[FileIgnore, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = field(default=())
    host: HostProfile = field(default=HostProfile())

    @property
    def tinygo_minor(self) -> int:
        """The TinyGo release's minor number (the newest the model knows when unset)."""
        return self.tinygo_version[1] if self.tinygo_version else LATEST_TINYGO_MINOR

    def excluded(self, path: Path) -> bool:
        """Whether an ``exclude`` glob matches ``path``."""
        return self.exclude is not None and self.exclude.matches(path)

    def adjust(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Apply ``per-file-ignores`` and ``severity`` overrides."""
        levels = dict(self.severity)
        kept: list[Diagnostic] = []
        for diag in diagnostics:
            if any(
                any(diag.code.startswith(c) for c in entry.codes) and entry.applies_to(diag.path)
                for entry in self.per_file_ignores
            ):
                continue
            if diag.code in levels:
                diag.severity = levels[diag.code]
            kept.append(diag)
        return kept


def _check_codes(
    config: FileConfig, key: str, codes: tuple[str, ...], line_key: str | None = None
) -> None:
    try:
        check_codes(codes)
    except UnknownRule as exc:
        where = key_location(config.path, line_key or key)
        raise ConfigError(f"{where}: {key}: {exc}") from exc


def config_chain(directory: Path, overrides: Overrides) -> tuple[FileConfig, ...]:
    """The configuration files that apply to ``directory``, extended ones first (none when
    isolated); ConfigError if one is broken."""
    if overrides.isolated:
        return ()
    path = overrides.config or find_config(directory.resolve())
    if path is None:
        return ()
    chain = load_chain(path.resolve())
    for config in chain:
        _check_codes(config, "select", config.select or ())
        _check_codes(config, "extend-select", config.extend_select)
        _check_codes(config, "ignore", config.ignore)
        for code, _ in config.severity or ():
            _check_codes(config, f"severity.{code}", (code,), code)
        for entry in config.per_file_ignores or ():
            _check_codes(config, f"per-file-ignores.{entry.glob}", entry.codes, entry.glob)
    return chain


def resolve(directory: Path, overrides: Overrides) -> Settings:
    """Settings for the package in ``directory``; ConfigError or ValueError when invalid."""
    chain = config_chain(directory, overrides)
    config = inherited(chain) if chain else None
    target_ids = overrides.targets or (config.targets if config is not None else None) or ()
    targets = resolve_targets(list(target_ids))
    layers = [Selection(c.select, c.extend_select, c.ignore) for c in chain]
    layers.append(Selection(overrides.select, overrides.extend_select, overrides.ignore))
    try:
        rules = selected_rules(layers)
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
            per_file_ignores=config.per_file_ignores or (),
            severity=config.severity or (),
            host=config.host or HostProfile(),
        )
    tags = overrides.build_tags
    if tags is None:
        tags = config.build_tags if config is not None else None
    if tags is None:
        tags = goflags_tags(overrides.goflags or "")
    settings = replace(settings, build_tags=tuple(sorted(set(tags or ()))))
    if overrides.go_minor is not None:
        settings = replace(settings, go_minor=overrides.go_minor)
    if overrides.tinygo_version is not None:
        settings = replace(settings, tinygo_version=overrides.tinygo_version)
    if overrides.tests is not None:
        settings = replace(settings, tests=overrides.tests)
    if overrides.js_host is not None:
        js = check_js_host(overrides.js_host)
        settings = replace(settings, host=replace(settings.host, js=js, js_reason="configured"))
    check_wasi_grants(overrides.wasi_dirs, overrides.wasi_env, ("wasiDirs", "wasiEnv"))
    if overrides.wasi_dirs is not None:
        settings = replace(settings, host=replace(settings.host, wasi_dirs=overrides.wasi_dirs))
    if overrides.wasi_env is not None:
        settings = replace(settings, host=replace(settings.host, wasi_env=overrides.wasi_env))
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
        f"path: {display(directory)}",
        f"config: {display(settings.config) if settings.config else '(none)'}",
        f"targets: {targets}",
        f"go-version: {go}",
        f"tinygo-version: {tinygo}",
        f"build-tags: {list(settings.build_tags)}",
        f"tests: {str(settings.tests).lower()}",
        f"rules: {', '.join(r.code for r in settings.rules)}",
        f"exclude: {list(settings.exclude.patterns) if settings.exclude else []}",
        f"per-file-ignores: { ({e.glob: list(e.codes) for e in settings.per_file_ignores}) }",
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
