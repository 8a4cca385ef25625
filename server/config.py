"""``wasmvet.toml`` / ``.wasmvet.toml``: the nearest one above each package configures it.

Keys (all optional)::

    targets = ["go-js", "go-wasip1"]     # or ["all"]
    go-version = "1.24"
    tinygo-version = "0.39"
    select = ["WV1", "WV3"]              # rule codes or prefixes
    ignore = ["WV309"]
    tests = false                         # also analyse _test.go files
    exclude = ["gen/**", "*_gen.go"]      # globs relative to this file's folder
    [per-file-ignores]
    "cmd/tool/*.go" = ["WV301"]
    [severity]
    WV105 = "warning"                     # error | warning | info
    [host]                                # where the program runs (see hosts.py)
    js = "browser"                        # "browser", "node" or "any" (default: inferred)
    wasi-dirs = ["/"]                     # directories the WASI host preopens
    wasi-env = ["PWD", "PATH"]            # environment variables it passes

Unknown keys and values of the wrong type are errors that name the file, line and key.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from wasmvet.diagnostics import Severity
from wasmvet.hosts import HostProfile, UnknownHost, check_js_host

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAMES = ("wasmvet.toml", ".wasmvet.toml")
_VERSION = re.compile(r"^1\.(\d+)(?:\.\d+)?$")
_TINYGO_VERSION = re.compile(r"^v?0\.(\d+)(?:\.\d+)?$")


def parse_tinygo_version(text: str) -> tuple[int, int] | None:
    """``"0.34"``, ``"0.34.1"`` or ``"v0.34.0"`` as ``(0, 34)``; None if it is not one."""
    match = _TINYGO_VERSION.match(text.strip())
    return (0, int(match.group(1))) if match else None


class ConfigError(Exception):
    """A configuration problem, already phrased as ``file:line: message``."""


@dataclass(frozen=True)
class FileConfig:
    """One configuration file, validated."""

    path: Path
    targets: tuple[str, ...] | None = None
    go_minor: int | None = None
    tinygo_version: tuple[int, int] | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    tests: bool | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = field(default=())
    host: HostProfile | None = None

    @property
    def root(self) -> Path:
        return self.path.parent


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

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}:{_line_of(text, key.split('.')[-1])}: {key}: {message}")

    values: dict[str, Any] = {}
    for key, value in doc.items():
        if key in ("targets", "select", "ignore", "exclude"):
            items = _strings(value)
            if items is None:
                raise fail(key, "expected a list of strings")
            values[key] = items
        elif key == "go-version":
            match = _VERSION.match(value) if isinstance(value, str) else None
            if match is None:
                raise fail(key, 'expected a Go version string such as "1.24"')
            values["go_minor"] = int(match.group(1))
        elif key == "tinygo-version":
            parsed = parse_tinygo_version(value) if isinstance(value, str) else None
            if parsed is None:
                raise fail(key, 'expected a TinyGo version string such as "0.39"')
            values["tinygo_version"] = parsed
        elif key == "tests":
            if not isinstance(value, bool):
                raise fail(key, "expected true or false")
            values["tests"] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise fail(key, "expected a table of glob = [codes]")
            pairs = []
            for glob, codes in value.items():
                items = _strings(codes)
                if items is None:
                    raise fail(f"{key}.{glob}", "expected a list of rule codes")
                pairs.append((glob, items))
            values["per_file_ignores"] = tuple(pairs)
        elif key == "severity":
            if not isinstance(value, dict):
                raise fail(key, "expected a table of CODE = severity")
            levels = []
            for code, level in value.items():
                if level not in ("error", "warning", "info"):
                    raise fail(f"{key}.{code}", 'expected "error", "warning" or "info"')
                levels.append((code, Severity(level)))
            values["severity"] = tuple(levels)
        elif key == "host":
            values["host"] = _parse_host(value, fail)
        else:
            raise fail(key, "unknown key")
    return FileConfig(path=path, **values)


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
            if key == "wasi-dirs" and any(not d.startswith("/") for d in items):
                raise fail(f"host.{key}", 'expected absolute guest paths such as "/"')
            lists[key] = items
        else:
            raise fail(f"host.{key}", "unknown key (expected js, wasi-dirs or wasi-env)")
    return HostProfile(
        js=js,
        wasi_dirs=lists.get("wasi-dirs"),
        wasi_env=lists.get("wasi-env"),
        js_reason="configured" if js else "",
    )
