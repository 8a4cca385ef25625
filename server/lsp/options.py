"""Editor settings (initializationOptions, didChangeConfiguration, workspace/configuration)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from wasmvet.buildtags import parse_tags
from wasmvet.config import parse_go_version, parse_tinygo_version
from wasmvet.settings import Overrides

T = TypeVar("T")

SECTION = "wasmvet"
KEYS = frozenset(
    {
        "targets",
        "goVersion",
        "go-version",
        "tinygoVersion",
        "tinygo-version",
        "buildTags",
        "build-tags",
        "select",
        "ignore",
        "lintWorkspace",
        "host",
        "wasiDirs",
        "wasiEnv",
    }
)


def section(options: Any) -> dict[str, Any]:
    """The settings object: accepts ``{...}``, ``{"wasmvet": {...}}`` and
    ``{"settings": {...}}`` shapes; anything else is no settings."""
    if not isinstance(options, dict):
        return {}
    for key in (SECTION, "settings"):
        inner = options.get(key)
        if isinstance(inner, dict):
            return section(inner) or inner
    return options


def has_settings(options: Any) -> bool:
    """Whether ``options`` says anything wasmvet reads (VS Code sends other tools' settings,
    or none, and expects the server to ask)."""
    return bool(KEYS & set(section(options)))


def merged(*layers: Any) -> dict[str, Any]:
    """Settings objects merged key by key, later layers winning."""
    result: dict[str, Any] = {}
    for layer in layers:
        result.update({k: v for k, v in section(layer).items() if v is not None})
    return result


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def lint_workspace(options: Any) -> bool:
    """``lintWorkspace`` (default true): lint every package of the workspace on start."""
    value = section(options).get("lintWorkspace")
    return value if isinstance(value, bool) else True


def _parsed(value: Any, parse: Callable[[str], T]) -> T | None:
    """``parse(value)`` for a string it accepts, else None."""
    if not isinstance(value, str):
        return None
    try:
        return parse(value)
    except ValueError:
        return None


def _build_tags(value: Any) -> tuple[str, ...] | None:
    """``buildTags``: a list of tags or a ``-tags`` value (``"a,b"``); None when unset or
    invalid."""
    if isinstance(value, list):
        value = ",".join(v for v in value if isinstance(v, str))
    return _parsed(value, parse_tags)


def overrides_from(options: Any) -> Overrides:
    """Overrides from an editor's settings; unknown or ill-typed values are ignored."""
    settings = section(options)
    version = settings.get("goVersion") or settings.get("go-version")
    tinygo = settings.get("tinygoVersion") or settings.get("tinygo-version")
    tags = settings.get("buildTags", settings.get("build-tags"))
    targets = _strings(settings.get("targets"))
    select = _strings(settings.get("select"))
    host = settings.get("host")
    return Overrides(
        targets=targets or None,
        select=select or None,
        ignore=_strings(settings.get("ignore")) or (),
        go_minor=_parsed(version, parse_go_version),
        tinygo_version=_parsed(tinygo, parse_tinygo_version),
        build_tags=_build_tags(tags) if tags else None,
        goflags=os.environ.get("GOFLAGS"),
        # checked when settings are resolved: an unknown host is shown as an error
        js_host=host if isinstance(host, str) and host else None,
        wasi_dirs=_list(settings.get("wasiDirs")),  # checked when settings are resolved
        wasi_env=_list(settings.get("wasiEnv")),
    )


def _list(value: Any) -> tuple[str, ...] | None:
    """A list of strings (possibly empty), else None."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None
