"""Editor settings (initializationOptions, didChangeConfiguration, workspace/configuration)."""

from __future__ import annotations

from typing import Any

from wasmvet.config import parse_tinygo_version
from wasmvet.settings import Overrides

SECTION = "wasmvet"
KEYS = frozenset(
    {
        "targets",
        "goVersion",
        "go-version",
        "tinygoVersion",
        "tinygo-version",
        "select",
        "ignore",
        "lintWorkspace",
        "host",
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


def overrides_from(options: Any) -> Overrides:
    """Overrides from an editor's settings; unknown or ill-typed values are ignored."""
    settings = section(options)
    go_minor = None
    version = settings.get("goVersion") or settings.get("go-version")
    if (
        isinstance(version, str)
        and version.startswith("1.")
        and version[2:].split(".")[0].isdigit()
    ):
        go_minor = int(version[2:].split(".")[0])
    tinygo = settings.get("tinygoVersion") or settings.get("tinygo-version")
    tinygo_version = parse_tinygo_version(tinygo) if isinstance(tinygo, str) else None
    targets = _strings(settings.get("targets"))
    select = _strings(settings.get("select"))
    host = settings.get("host")
    return Overrides(
        targets=targets or None,
        select=select or None,
        ignore=_strings(settings.get("ignore")) or (),
        go_minor=go_minor,
        tinygo_version=tinygo_version,
        # checked when settings are resolved: an unknown host is shown as an error
        js_host=host if isinstance(host, str) and host else None,
    )
