"""Editor settings (initializationOptions, didChangeConfiguration) as lint overrides."""

from __future__ import annotations

from typing import Any

from wasmvet.config import parse_tinygo_version
from wasmvet.settings import Overrides


def _section(options: Any) -> dict[str, Any]:
    """Accept ``{...}``, ``{"wasmvet": {...}}`` and ``{"settings": {...}}`` shapes."""
    if not isinstance(options, dict):
        return {}
    for key in ("wasmvet", "settings"):
        inner = options.get(key)
        if isinstance(inner, dict):
            return _section(inner) or inner
    return options


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def overrides_from(options: Any) -> Overrides:
    """Overrides from an editor's settings; unknown or ill-typed values are ignored."""
    section = _section(options)
    go_minor = None
    version = section.get("goVersion") or section.get("go-version")
    if (
        isinstance(version, str)
        and version.startswith("1.")
        and version[2:].split(".")[0].isdigit()
    ):
        go_minor = int(version[2:].split(".")[0])
    tinygo = section.get("tinygoVersion") or section.get("tinygo-version")
    tinygo_version = parse_tinygo_version(tinygo) if isinstance(tinygo, str) else None
    targets = _strings(section.get("targets"))
    select = _strings(section.get("select"))
    return Overrides(
        targets=targets or None,
        select=select or None,
        ignore=_strings(section.get("ignore")) or (),
        go_minor=go_minor,
        tinygo_version=tinygo_version,
    )
