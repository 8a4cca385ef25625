"""The result cache: ``.wasmvet_cache/`` keeps each package's findings, keyed by content.

An entry belongs to one package directory and one set of settings, so a changed package
overwrites its own entry and the cache does not grow with every edit. The entry records the
key it was computed for: a hash of every analysed file's name and bytes, the resolved
settings (targets, rules, Go version, ...) and wasmvet's own code and data. A run whose key
matches reuses the findings without parsing anything. The entry also records a key of the
files' modification times and sizes (``stamp_key``): when it matches, not even the files are
read. Unreadable or corrupt entries are misses; a cache directory that cannot be written is
skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from wasmvet import __version__
from wasmvet.analysis.dependencies import fresh
from wasmvet.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    Frame,
    Related,
    Severity,
    Span,
)
from wasmvet.gomod import module_root
from wasmvet.rules.base import Rule
from wasmvet.settings import Settings

CACHE_DIR_NAME = ".wasmvet_cache"
ENV_CACHE_DIR = "WASMVET_CACHE_DIR"
_SCHEMA = 3  # 3: findings keep their call trace into dependencies
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by wasmvet.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


@dataclass
class Cached:
    """What one package's analysis produced, as the cache stores it."""

    diagnostics: list[Diagnostic]
    problems: list[str] = field(default_factory=list)
    files: int = 0
    inferred: dict[str, int] = field(default_factory=dict)
    imports: list[str] = field(default_factory=list)
    hosts: dict[str, int] = field(default_factory=dict)
    dependency_files: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Dependency files and directories read, with (mtime, size): changed, the entry is stale."""
    stamp_key: str = ""
    """``stamp_key`` of the analysed files when they were read ("": none could be trusted)."""


def project_root(directory: Path, config: Path | None) -> Path:
    """Where a package's cache lives: the nearest go.mod or go.work folder at or above it,
    else the folder of its wasmvet.toml, else the working directory."""
    root = module_root(directory.resolve())
    if root is not None:
        return root
    return config.parent if config is not None else Path.cwd()


def _chosen_dir(explicit: Path | None) -> Path | None:
    """The cache directory the user chose: ``explicit`` (``--cache-dir``), else
    $WASMVET_CACHE_DIR; None for the default."""
    if explicit is not None:
        return explicit
    configured = os.environ.get(ENV_CACHE_DIR)
    return Path(configured) if configured else None


def cache_dir_for(directory: Path, settings: Settings, explicit: Path | None) -> Path:
    """The cache directory for a package: ``explicit`` (``--cache-dir`` or
    $WASMVET_CACHE_DIR) or ``.wasmvet_cache`` at the package's project root."""
    chosen = _chosen_dir(explicit)
    return chosen or project_root(directory, settings.config) / CACHE_DIR_NAME


def cache_dirs_of(paths: list[Path], explicit: Path | None) -> list[Path]:
    """Where checks of ``paths`` may have kept a cache (``wasmvet clean``): the chosen
    directory, else ``.wasmvet_cache`` in each folder, at its project root (whatever
    wasmvet.toml says) and in the working directory."""
    chosen = _chosen_dir(explicit)
    if chosen is not None:
        return [chosen.resolve()]
    found = [Path.cwd() / CACHE_DIR_NAME]
    for path in paths:
        folder = path.resolve()
        folder = folder if folder.is_dir() else folder.parent
        found += [folder / CACHE_DIR_NAME, project_root(folder, None) / CACHE_DIR_NAME]
    return list(dict.fromkeys(f.resolve() for f in found))


def prepare(cache_dir: Path) -> bool:
    """Create the cache directory with a CACHEDIR.TAG and a .gitignore; False if it cannot
    be written (the run then goes without a cache)."""
    try:
        (cache_dir / __version__).mkdir(parents=True, exist_ok=True)
        for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Created by wasmvet\n*\n")):
            marker = cache_dir / name
            if not marker.exists():
                marker.write_text(content, encoding="utf-8")
        return os.access(cache_dir / __version__, os.W_OK)
    except OSError:
        return False


def remove(cache_dir: Path) -> bool:
    """Delete a cache directory (``wasmvet clean``), but only one that wasmvet's own
    CACHEDIR.TAG marks; False when there is none."""
    try:
        if (cache_dir / "CACHEDIR.TAG").read_text(encoding="utf-8") != _TAG:
            return False
    except (OSError, UnicodeDecodeError):
        return False
    shutil.rmtree(cache_dir)
    return True


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of wasmvet's own modules and model data: a changed rule invalidates entries
    even when the version number stays the same."""
    root = Path(__file__).resolve().parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".toml", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _stable(value: object) -> object:
    """A representation that is the same in every process: rules by code, sets sorted (their
    order follows string hashing, which differs between processes), dataclasses by field."""
    if isinstance(value, Rule):
        return value.code
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (
            type(value).__name__,
            tuple((f.name, _stable(getattr(value, f.name))) for f in fields),
        )
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(_stable(v)) for v in value)))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((repr(_stable(k)), _stable(v)) for k, v in value.items())))
    if isinstance(value, (tuple, list)):
        return tuple(_stable(v) for v in value)
    return repr(value)


@lru_cache(maxsize=64)  # packages of one project share their settings
def settings_fingerprint(settings: Settings, go_minor: int) -> str:
    """Every resolved setting (each field of ``Settings``) plus the effective Go version."""
    return repr((_SCHEMA, _stable(settings), go_minor))


def entry_path(cache_dir: Path, directory: Path, fingerprint: str) -> Path:
    """The entry of one package directory under one set of settings."""
    where = os.path.abspath(directory)
    name = hashlib.blake2b(f"{where}\0{fingerprint}".encode(), digest_size=16).hexdigest()
    return cache_dir / __version__ / f"{name}.json"


def content_key(directory: Path, fingerprint: str, files: dict[Path, bytes]) -> str:
    """The key of an analysis: the package path as given, settings, code and every file."""
    digest = hashlib.blake2b(digest_size=32)
    for part in (code_fingerprint(), fingerprint, str(directory)):
        digest.update(part.encode() + b"\0")
    for path in sorted(files):
        data = files[path]
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


#: A file changed less than this long ago may change again within the same mtime tick
#: (coarse file-system clocks) and keep its size: its stamp says nothing about its bytes.
RACY_SECONDS = 3.0


def stamp_key(directory: Path, fingerprint: str, paths: list[Path]) -> str:
    """A key from the files' names, modification times (ns) and sizes instead of their
    bytes, so a warm run reads no source; "" when a file cannot be stat'ed or was modified
    within ``RACY_SECONDS`` (then only ``content_key`` can tell)."""
    digest = hashlib.blake2b(digest_size=32)
    for part in ("stamps", code_fingerprint(), fingerprint, str(directory)):
        digest.update(part.encode() + b"\0")
    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    for path in sorted(paths):
        try:
            info = path.stat()
        except OSError:
            return ""
        if info.st_mtime_ns >= recent:
            return ""
        digest.update(f"{path}\0{info.st_mtime_ns}\0{info.st_size}\0".encode())
    return digest.hexdigest()


def load(path: Path, key: str, by_stamps: bool = False) -> Cached | None:
    """The cached result if ``path`` holds one for ``key`` (a ``stamp_key`` when
    ``by_stamps``); None for a miss or a bad entry."""
    try:
        doc = json.loads(path.read_bytes())
        if not key or doc.get("stamps" if by_stamps else "key") != key:
            return None
        dependency_files = {str(p): (int(m), int(n)) for p, (m, n) in doc["dependencies"].items()}
        if not fresh(dependency_files):
            return None
        return Cached(
            diagnostics=[_diagnostic(d) for d in doc["diagnostics"]],
            problems=[str(p) for p in doc["problems"]],
            files=int(doc["files"]),
            inferred={str(k): int(v) for k, v in doc["inferred"].items()},
            imports=[str(p) for p in doc["imports"]],
            hosts={str(k): int(v) for k, v in doc["hosts"].items()},
            dependency_files=dependency_files,
            stamp_key=str(doc.get("stamps", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def store(path: Path, key: str, cached: Cached) -> None:
    """Write an entry atomically; a failure to write only costs the next run its speed."""
    doc = {
        "key": key,
        "diagnostics": [_diagnostic_json(d) for d in cached.diagnostics],
        "problems": cached.problems,
        "files": cached.files,
        "inferred": cached.inferred,
        "imports": cached.imports,
        "hosts": cached.hosts,
        "dependencies": cached.dependency_files,
        "stamps": cached.stamp_key,
    }
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(doc, out, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return


def _span(values: list[int]) -> Span:
    start_line, start_col, end_line, end_col = (int(v) for v in values)
    return Span(start_line, start_col, end_line, end_col)


def _span_json(span: Span) -> list[int]:
    return [span.start_line, span.start_col, span.end_line, span.end_col]


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": str(d.path),
        "span": _span_json(d.span),
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "targets": list(d.targets),
        "fix": None
        if d.fix is None
        else {
            "applicability": d.fix.applicability.value,
            "message": d.fix.message,
            "edits": [[str(e.path), _span_json(e.span), e.new_text] for e in d.fix.edits],
            "preferred": d.fix.preferred,
        },
        "related": [[str(r.path), _span_json(r.span), r.message] for r in d.related],
        "target_messages": d.target_messages,
        "trace": [[str(f.path), f.line, f.column, f.function] for f in d.trace],
    }


def _diagnostic(doc: dict[str, Any]) -> Diagnostic:
    fix = doc["fix"]
    return Diagnostic(
        path=Path(doc["path"]),
        span=_span(doc["span"]),
        code=str(doc["code"]),
        name=str(doc["name"]),
        severity=Severity(doc["severity"]),
        message=str(doc["message"]),
        targets=tuple(str(t) for t in doc["targets"]),
        fix=None
        if fix is None
        else Fix(
            Applicability(fix["applicability"]),
            str(fix["message"]),
            tuple(Edit(Path(p), _span(s), str(t)) for p, s, t in fix["edits"]),
            bool(fix["preferred"]),
        ),
        related=tuple(Related(Path(p), _span(s), str(m)) for p, s, m in doc["related"]),
        target_messages={str(t): str(m) for t, m in doc["target_messages"].items()},
        trace=tuple(Frame(Path(p), int(ln), int(c), str(f)) for p, ln, c, f in doc["trace"]),
    )
