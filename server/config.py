"""``wasmvet.toml`` / ``.wasmvet.toml``: the nearest one above each package configures it.

Keys (all optional)::

    extend = "../wasmvet.toml"            # settings to start from (relative to this file)
    targets = ["go-js", "go-wasip1"]      # or ["all"]; Go's names js, wasip1/wasm work too
    go-version = "1.24"
    tinygo-version = "0.39"
    build-tags = ["integration"]          # as `go build -tags integration`
    select = ["WV1", "WV3"]               # rule codes or prefixes
    extend-select = ["WV301"]             # added to the selection inherited or given
    ignore = ["WV309"]                    # extend-ignore is the same
    tests = false                         # also analyse _test.go files
    exclude = ["gen/", "*_gen.go"]        # gitignore-style, relative to this file's folder
    [per-file-ignores]
    "cmd/tool/*.go" = ["WV301"]           # "!glob": the files the glob does not match
    [severity]
    WV105 = "warning"                     # error | warning | info
    [host]                                # where the program runs (see hosts.py)
    js = "browser"                        # "browser", "node" or "any" (default: inferred)
    wasi-dirs = ["/"]                     # directories the WASI host preopens, or
                                          # HOST::GUEST ("./data::/") as wasmtime's --dir
    wasi-env = ["PWD", "PATH"]            # environment variables it passes

With ``extend``, every key this file sets replaces the extended file's (as in ruff), except
the rule selection, which is applied file by file: ``select`` starts over, ``extend-select``
adds, ``ignore`` removes. Unknown keys, values of the wrong type and empty values are errors
that name the file, line and key.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from wasmvet.buildtags import tag_problem
from wasmvet.diagnostics import Severity
from wasmvet.globs import PathGlobs, glob_problem
from wasmvet.gomod import LATEST_GO_MINOR
from wasmvet.hosts import HostProfile, UnknownHost, check_js_host, check_wasi_grants
from wasmvet.runtime_model.model import LATEST_TINYGO_MINOR
from wasmvet.suggest import did_you_mean
from wasmvet.targets import UnknownTarget, resolve_targets

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAMES = ("wasmvet.toml", ".wasmvet.toml")
_GO_VERSION = re.compile(r"(?:go)?1\.(0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))?")
_TINYGO_VERSION = re.compile(r"v?0\.(0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))?")
_OLDEST_GO_MINOR = 11  # GOOS=js GOARCH=wasm came with Go 1.11


def parse_go_version(text: str) -> int:
    """``"1.24"``, ``"1.24.1"`` or ``"go1.24"`` as its minor number (24); ValueError saying
    why for anything else, or a release before wasm or newer than wasmvet knows."""
    match = _GO_VERSION.fullmatch(text)
    if match is None:
        raise ValueError(f'expected a Go version such as "1.24", not {text!r}')
    minor = int(match.group(1))
    if minor < _OLDEST_GO_MINOR:
        raise ValueError(f"Go 1.{minor} has no wasm port (js/wasm came with Go 1.11)")
    if minor > LATEST_GO_MINOR:
        raise ValueError(
            f"Go 1.{minor} is newer than this wasmvet knows (1.{LATEST_GO_MINOR}); "
            "upgrade wasmvet or check an older version"
        )
    return minor


def parse_tinygo_version(text: str) -> tuple[int, int]:
    """``"0.34"``, ``"0.34.1"`` or ``"v0.34.0"`` as ``(0, 34)``; ValueError saying why for
    anything else, or a release newer than wasmvet knows."""
    match = _TINYGO_VERSION.fullmatch(text)
    if match is None:
        raise ValueError(f'expected a TinyGo version such as "0.39", not {text!r}')
    minor = int(match.group(1))
    if minor > LATEST_TINYGO_MINOR:
        raise ValueError(
            f"TinyGo 0.{minor} is newer than this wasmvet knows (0.{LATEST_TINYGO_MINOR}); "
            "upgrade wasmvet or check an older version"
        )
    return (0, minor)


class ConfigError(Exception):
    """A configuration problem, already phrased as ``file:line: message``."""


@dataclass(frozen=True)
class FileIgnore:
    """One ``per-file-ignores`` entry: ``codes`` do not apply to the files ``glob`` (relative
    to ``root``) matches, or with a leading ``!`` to those it does not match."""

    root: Path
    glob: str
    codes: tuple[str, ...]

    def applies_to(self, path: Path) -> bool:
        negated = self.glob.startswith("!")
        return PathGlobs(self.root, (self.glob.removeprefix("!"),)).matches(path) != negated


@dataclass(frozen=True)
class FileConfig:
    """One configuration file, validated; None (or empty, for the rule selection) means
    the file does not set the key."""

    path: Path
    extend: Path | None = None
    targets: tuple[str, ...] | None = None
    go_minor: int | None = None
    tinygo_version: tuple[int, int] | None = None
    build_tags: tuple[str, ...] | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    tests: bool | None = None
    exclude: PathGlobs | None = None
    per_file_ignores: tuple[FileIgnore, ...] | None = None
    severity: tuple[tuple[str, Severity], ...] | None = None
    host: HostProfile | None = None

    @property
    def root(self) -> Path:
        return self.path.parent


#: Keys applied file by file along an ``extend`` chain instead of replaced.
SELECTION_FIELDS = frozenset({"select", "extend_select", "ignore"})
KEYS = (
    "extend",
    "targets",
    "go-version",
    "tinygo-version",
    "build-tags",
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "tests",
    "exclude",
    "per-file-ignores",
    "severity",
    "host",
)


def find_config(directory: Path) -> Path | None:
    """The nearest configuration file at or above ``directory``."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def key_location(path: Path, key: str) -> str:
    """``file:line`` of ``key`` in a configuration file, for messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return str(path)
    return f"{path}:{_line_of(text, key)}"


def _line_of(text: str, key: str) -> int:
    """The 1-based line where ``key`` is written (as a key or a table header), else 1."""
    pattern = re.compile(rf'^[ \t]*(\[[ \t]*)?"?{re.escape(key)}"?[ \t]*(=|\])', re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


@lru_cache(maxsize=64)
def load_config(path: Path) -> FileConfig:
    """Read and validate one configuration file; raise ConfigError with file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc

    def fail(key: str, message: str, line_key: str | None = None) -> ConfigError:
        return ConfigError(f"{path}:{_line_of(text, line_key or key)}: {key}: {message}")

    def strings(key: str, value: Any, what: str) -> tuple[str, ...]:
        items = _strings(value)
        if items is None:
            raise fail(key, "expected a list of strings")
        if any(not item.strip() for item in items):
            raise fail(key, f"empty {what} in the list")
        return items

    values: dict[str, Any] = {}
    for key, value in doc.items():
        if key == "extend":
            if not isinstance(value, str) or not value.strip():
                raise fail(key, 'expected the path of a configuration file, e.g. "../wasmvet.toml"')
            values["extend"] = path.parent / value
        elif key == "targets":
            items = strings(key, value, "target")
            if not items:
                raise fail(key, "no target given (leave the key out to infer targets)")
            try:
                resolve_targets(list(items))
            except UnknownTarget as exc:
                raise fail(key, str(exc)) from exc
            values["targets"] = items
        elif key in ("select", "extend-select", "ignore", "extend-ignore"):
            items = strings(key, value, "rule code")
            field = "ignore" if key == "extend-ignore" else key.replace("-", "_")
            values[field] = (*values.get(field, ()), *items)
        elif key == "build-tags":
            items = strings(key, value, "build tag")
            problem = next(filter(None, map(tag_problem, items)), None)
            if problem is not None:
                raise fail(key, problem)
            values["build_tags"] = items
        elif key in ("go-version", "tinygo-version"):
            if not isinstance(value, str):
                example = 'a Go version string such as "1.24"'
                if key == "tinygo-version":
                    example = 'a TinyGo version string such as "0.39"'
                raise fail(key, f"expected {example}")
            try:
                if key == "go-version":
                    values["go_minor"] = parse_go_version(value)
                else:
                    values["tinygo_version"] = parse_tinygo_version(value)
            except ValueError as exc:
                raise fail(key, str(exc)) from exc
        elif key == "tests":
            if not isinstance(value, bool):
                raise fail(key, "expected true or false")
            values["tests"] = value
        elif key == "exclude":
            globs = strings(key, value, "glob")
            problem = next(filter(None, map(glob_problem, globs)), None)
            if problem is not None:
                raise fail(key, problem)
            values["exclude"] = PathGlobs(path.parent, globs)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise fail(key, "expected a table of glob = [codes]")
            entries = []
            for glob, codes in value.items():
                problem = glob_problem(glob)
                if problem is not None:
                    raise fail(key, problem, line_key=glob)
                listed = _strings(codes)
                if listed is None or any(not c.strip() for c in listed):
                    raise fail(f"{key}.{glob}", "expected a list of rule codes", line_key=glob)
                entries.append(FileIgnore(path.parent, glob, listed))
            values["per_file_ignores"] = tuple(entries)
        elif key == "severity":
            if not isinstance(value, dict):
                raise fail(key, "expected a table of CODE = severity")
            levels = []
            for code, level in value.items():
                if level not in ("error", "warning", "info"):
                    message = 'expected "error", "warning" or "info"'
                    raise fail(f"{key}.{code}", message, line_key=code)
                levels.append((code, Severity(level)))
            values["severity"] = tuple(levels)
        elif key == "host":
            values["host"] = _parse_host(
                value, lambda k, message: fail(k, message, line_key=k.rsplit(".", 1)[-1])
            )
        else:
            raise fail(key, "unknown key" + did_you_mean(key, KEYS))
    return FileConfig(path=path, **values)


def load_chain(path: Path) -> tuple[FileConfig, ...]:
    """``path`` and the files it extends, the extended ones first; ConfigError for a
    missing file or a cycle, naming the ``extend`` line."""
    chain = [load_config(path)]
    while chain[-1].extend is not None:
        child = chain[-1]
        assert child.extend is not None
        target = child.extend.resolve()
        paths = [link.path for link in chain]
        if target in paths:
            raise _cycle(paths[paths.index(target) :])
        if not target.is_file():
            where = key_location(child.path, "extend")
            raise ConfigError(f"{where}: extend: no such file {child.extend}")
        chain.append(load_config(target))
    return tuple(reversed(chain))


def _cycle(paths: list[Path]) -> ConfigError:
    """The error for files that extend each other in a circle, told from the first path in
    sorting order (the same message whichever file a package starts from)."""
    first = paths.index(min(paths))
    loop = paths[first:] + paths[:first]
    names = " -> ".join(str(p) for p in (*loop, loop[0]))
    return ConfigError(f"{key_location(loop[0], 'extend')}: extend: cycle: {names}")


def inherited(chain: tuple[FileConfig, ...]) -> FileConfig:
    """The configuration a chain amounts to: each key from the nearest file that sets it
    (the rule selection stays per file: see ``SELECTION_FIELDS``)."""
    result = chain[-1]
    for parent in reversed(chain[:-1]):
        updates = {
            f.name: getattr(parent, f.name)
            for f in dataclasses.fields(FileConfig)
            if f.name not in SELECTION_FIELDS
            and getattr(result, f.name) is None
            and getattr(parent, f.name) is not None
        }
        result = dataclasses.replace(result, **updates)
    return result


def _parse_host(value: Any, fail: Callable[[str, str], ConfigError]) -> HostProfile:
    """The ``[host]`` table: ``js``, ``wasi-dirs`` and ``wasi-env``."""
    if not isinstance(value, dict):
        raise fail("host", "expected a table with js, wasi-dirs and wasi-env")
    js: str | None = None
    lists: dict[str, tuple[str, ...]] = {}
    for key, item in value.items():
        if key == "js":
            try:
                js = check_js_host(item, "host.js")
            except UnknownHost as exc:
                raise fail("host.js", str(exc).removeprefix("host.js: ")) from exc
        elif key in ("wasi-dirs", "wasi-env"):
            items = _strings(item)
            if items is None:
                raise fail(f"host.{key}", "expected a list of strings")
            dirs, env = (items, None) if key == "wasi-dirs" else (None, items)
            try:
                check_wasi_grants(dirs, env, (key, key))
            except ValueError as exc:
                raise fail(f"host.{key}", str(exc).removeprefix(f"{key}: ")) from exc
            lists[key] = items
        else:
            raise fail(f"host.{key}", "unknown key (expected js, wasi-dirs or wasi-env)")
    return HostProfile(
        js=js,
        wasi_dirs=lists.get("wasi-dirs"),
        wasi_env=lists.get("wasi-env"),
        js_reason="configured" if js else "",
    )
