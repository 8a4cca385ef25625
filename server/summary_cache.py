"""The summary cache: dependency packages' facts and function summaries kept on disk.

One entry per dependency package, target and wasmvet build, under the result cache's
directory (``.wasmvet_cache/<version>/summaries/``, or ``--cache-dir``/$WASMVET_CACHE_DIR),
so the CLI and the language server share it. An entry's key is wasmvet's code and data
hash, the target's build context, platform and releases, the import path and what the
package was read from (``Dependencies.identity``): a module-cache folder
(``module@version``, immutable: never revalidated) or a directory (a replacement, vendor/, a
go.work member), whose entry holds its files' (mtime, size) and a hash of their bytes: the
stamps are checked first, the bytes only when a stamp moved. An entry also names the
packages its summaries looked into, with what they were read from then: a graph that now
resolves one of them differently (another version, a module downloaded since) misses.
Host profiles do not enter: summaries name runtime-model symbols and rules judge hosts.

Summaries are written field by field from their dataclasses (``encode``/``decode``), so
a new summary field needs no change here; a lazy field (``x_of``, a thunk behind the cached
property ``x``) is stored when it was answered, and otherwise answered again from source
when asked. Unreadable, corrupt or stale entries are misses; writes are atomic; a cache
that cannot be written costs only speed. The folder is kept bounded (``cache_trim``): a
load marks its entry used (its mtime, at most once an hour), and the first load or store
of a process trims entries unused for days, at most once a day.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
import threading
import types
from collections.abc import Callable, Iterator
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from tree_sitter import Node

from wasmvet import __version__, cache_trim
from wasmvet.analysis.dependencies import (
    Dependencies,
    PackageFacts,
    Summary,
    lazy_fields,
)
from wasmvet.analysis.modules import Resolution
from wasmvet.cache import _stable, code_fingerprint

_SCHEMA = 2
_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError)


class SummaryCache:
    """The ``SummaryStore`` of one cache directory; ``settle``: answer every lazy field
    before storing (the language server's background work, off the edit path)."""

    def __init__(self, cache_dir: Path, settle: bool = False) -> None:
        self.cache_dir = cache_dir
        self.folder = cache_dir / __version__ / "summaries"
        self.settle = settle
        self.loaded = 0
        self.stored = 0
        self._trimmed = False

    def load(self, view: Dependencies, found: Resolution) -> PackageFacts | None:
        """The package's facts if a valid entry holds them; None for a miss."""
        self._trim()
        identity = view.identity(found)
        key = _key(view, found.import_path, identity)
        path = self._path(key)
        try:
            doc = json.loads(path.read_bytes())
            if doc["key"] != key:
                return None
            stamps = {str(p): (int(m), int(n)) for p, (m, n) in doc["files"].items()}
            if identity.startswith("dir:") and not _same_files(stamps, str(doc["content"])):
                return None
            uses = {str(p): str(i) for p, i in doc["uses"].items()}
            paths = [Path(str(p)) for p in doc["paths"]]
            if any(view.identity(view.graph.resolve(p)) != i for p, i in uses.items()):
                return None
            facts = PackageFacts(
                found.import_path,
                str(doc["name"]),
                frozenset(str(n) for n in doc["methods"]),
                {str(k): tuple(str(t) for t in v) for k, v in doc["results"].items()},
                absent={str(n) for n in doc["absent"]},
                uses=uses,
                imports=_decode(_FACT_HINTS["imports"], doc["imports"], paths),
                marks=_decode(_FACT_HINTS["marks"], doc["marks"], paths),
                changed=False,
            )
            for name, data in doc["summaries"].items():
                answer = _answer(view, found, name)
                facts.summaries[name] = decode_summary(data, answer, Summary, paths)
        except _ERRORS:
            return None
        view.files_read.update(_current(stamps))
        cache_trim.mark_used(path)
        self.loaded += 1
        return facts

    def store(self, view: Dependencies, changed: list[PackageFacts]) -> None:
        """Write each package's entry (atomically; failures are skipped)."""
        self._trim()
        for facts in changed:
            found = view.graph.resolve(facts.import_path)
            if found.directory is None:
                continue
            if self.settle:
                for summary in facts.summaries.values():
                    for prop in lazy_fields(type(summary)).values():
                        getattr(summary, prop)
            identity = view.identity(found)
            key = _key(view, facts.import_path, identity)
            stamps, content = {}, ""
            if identity.startswith("dir:"):
                stamps = _package_stamps(found.directory)
                if any(view.files_read.get(p, s) != s for p, s in stamps.items()):
                    continue  # changed since it was read: the summaries are stale already
                content = _content(stamps)
            paths: dict[str, int] = {}
            doc = {
                "schema": _SCHEMA,
                "key": key,
                "files": stamps,
                "content": content,
                "name": facts.name,
                "methods": sorted(facts.methods),
                "results": facts.results,
                "uses": facts.uses,
                "summaries": {n: encode(s, paths) for n, s in facts.summaries.items()},
                "imports": encode(facts.imports, paths),
                "marks": encode(facts.marks, paths),
                "paths": list(paths),
                "absent": sorted(facts.absent),
            }
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                _write(self._path(key), doc)
            except (OSError, TypeError, ValueError):
                continue
            self.stored += 1

    def _trim(self) -> None:
        """Trim the cache (``cache_trim``: at most once a day) on this store's first use."""
        if not self._trimmed:
            self._trimmed = True
            cache_trim.trim(self.cache_dir, __version__)

    def _path(self, key: str) -> Path:
        name = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
        return self.folder / f"{name}.json"


# -- which cache a thread's analysis uses ----------------------------------------------------

_CURRENT = threading.local()


@contextlib.contextmanager
def using(store: SummaryCache | None) -> Iterator[None]:
    """Let this thread's dependency views keep their summaries in ``store``."""
    before = getattr(_CURRENT, "store", None)
    _CURRENT.store = store
    try:
        yield
    finally:
        _CURRENT.store = before


def current() -> SummaryCache | None:
    """The store ``using`` set for this thread (None: summaries stay in memory)."""
    store: SummaryCache | None = getattr(_CURRENT, "store", None)
    return store


# -- keys and files --------------------------------------------------------------------------


def _key(view: Dependencies, import_path: str, identity: str) -> str:
    setting = _view_key(view.target, view.build, view.platform, view.versions)
    return f"{setting}\0{import_path}\0{identity}"


@lru_cache(maxsize=64)
def _view_key(*setting: object) -> str:
    return f"{_SCHEMA}\0{code_fingerprint()}\0{_stable(setting)!r}"


def _package_stamps(directory: Path) -> dict[str, tuple[int, int]]:
    """The (mtime, size) of a package directory and of its non-test .go files."""
    names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(".go") and e.is_file())
    found = [directory] + [directory / n for n in names if not n.endswith("_test.go")]
    return {str(p): _stamp(p) for p in found}


def _stamp(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size)


def _content(stamps: dict[str, tuple[int, int]]) -> str:
    """A hash of the files' names and bytes (the directory's own entry aside)."""
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(stamps):
        if name.endswith(".go"):
            data = Path(name).read_bytes()
            digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def _same_files(stamps: dict[str, tuple[int, int]], content: str) -> bool:
    """Whether a directory still holds the files an entry was computed from: the same
    (mtime, size) stamps, else (a touched file, a copied tree) the same bytes."""
    directory = min(stamps, key=len)
    now = _package_stamps(Path(directory))
    if now == stamps:
        return True
    same_names = {p for p in now if p.endswith(".go")} == {p for p in stamps if p.endswith(".go")}
    return same_names and _content(now) == content


def _current(stamps: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The stamps as they are now (the result cache's staleness check records them)."""
    found = {}
    for path in stamps:
        with contextlib.suppress(OSError):
            found[path] = _stamp(Path(path))
    return found


def _write(path: Path, doc: dict[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:  # dumps: json.dump encodes in Python, 5x slower
            out.write(json.dumps(doc, separators=(",", ":")).encode())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _answer(view: Dependencies, found: Resolution, name: str) -> Callable[[str], object]:
    """How a cached summary answers a lazy field it was stored without: from source."""
    return lambda prop: view.recomputed(found.import_path, name, prop)


# -- dataclasses to JSON and back ------------------------------------------------------------

_FACT_HINTS = get_type_hints(PackageFacts)


def encode(value: object, paths: dict[str, int] | None = None) -> object:
    """JSON for a summary: dataclasses field by field (syntax nodes and thunks left out;
    a lazy field by its answer, when it has one), enums by value, paths as strings (or,
    given ``paths``, as their index in it: a trace repeats a few files many times)."""
    if value is None or (
        isinstance(value, (str, bool, int, float)) and not isinstance(value, Enum)
    ):
        return value
    if isinstance(value, (tuple, list, set, frozenset)):
        return [encode(v, paths) for v in value]
    plan = _plan(type(value))
    if plan is not None:
        out: dict[str, object] = {}
        for name, prop in plan:
            if prop is None:
                item = getattr(value, name)
                if not isinstance(item, Node) and not callable(item):
                    out[name] = encode(item, paths)
            elif prop in value.__dict__:
                out[prop] = encode(value.__dict__[prop], paths)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value) if paths is None else paths.setdefault(str(value), len(paths))
    if isinstance(value, dict):
        return {str(k): encode(v, paths) for k, v in value.items()}
    raise TypeError(f"cannot store {type(value).__name__} in a summary")


_PLANS: dict[type, tuple[tuple[str, str | None], ...] | None] = {}


def _plan(kind: type) -> tuple[tuple[str, str | None], ...] | None:
    """A dataclass's fields, each with the property it answers when it is lazy; None for
    any other type (memoised per type)."""
    if kind not in _PLANS:
        lazy = lazy_fields(kind) if issubclass(kind, Summary) else {}
        _PLANS[kind] = (
            tuple((f.name, lazy.get(f.name)) for f in dataclasses.fields(kind))
            if dataclasses.is_dataclass(kind)
            else None
        )
    return _PLANS[kind]


def decode_summary(
    data: object,
    answer: Callable[[str], object],
    kind: type[Summary] = Summary,
    paths: list[Path] | None = None,
) -> Summary:
    """A ``Summary`` from ``encode``'s JSON; a lazy field it lacks asks ``answer(prop)``
    (None from it: the field's default thunk answers); ``paths``: ``encode``'s table."""
    if not isinstance(data, dict):
        raise ValueError("a summary is an object")
    hints = get_type_hints(kind)
    defaults = {f.name: f for f in dataclasses.fields(kind)}
    lazy = lazy_fields(kind)
    kwargs: dict[str, object] = {}
    known: dict[str, object] = {}
    for name, f in defaults.items():
        if name in lazy:
            prop = lazy[name]
            if prop in data:
                known[prop] = _decode(_property_type(kind, prop), data[prop], paths)
                kwargs[name] = _constant(known[prop])
            else:
                kwargs[name] = _asked(answer, prop, f.default)
        elif name in data:
            kwargs[name] = _decode(hints[name], data[name], paths)
    summary = kind(**kwargs)  # type: ignore[arg-type]
    summary.__dict__.update(known)  # answered already: settled
    return summary


def _property_type(kind: type[Summary], prop: str) -> Any:
    getter = getattr(kind, prop).func
    return get_type_hints(getter)["return"]


def _constant(value: object) -> Callable[[], object]:
    return lambda: value


def _asked(answer: Callable[[str], object], prop: str, default: object) -> Callable[[], object]:
    def ask() -> object:
        found = answer(prop)
        if found is None and callable(default):
            return default()
        return found

    return ask


def _decode(kind: Any, data: object, paths: list[Path] | None) -> Any:
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        return _decode(next(a for a in args if a is not type(None)), data, paths)
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], d, paths) for d in data)
        return tuple(_decode(a, d, paths) for a, d in zip(args, data, strict=True))
    if origin in (frozenset, set, list):
        if not isinstance(data, list):
            raise ValueError("expected a list")
        return origin(_decode(args[0], d, paths) for d in data)
    if origin is dict:
        if not isinstance(data, dict):
            raise ValueError("expected an object")
        return {_decode(args[0], k, paths): _decode(args[1], v, paths) for k, v in data.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise ValueError("expected an object")
        hints = get_type_hints(kind)
        return kind(
            **{
                f.name: _decode(hints[f.name], data[f.name], paths)
                for f in dataclasses.fields(kind)
                if f.name in data
            }
        )
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is Path:
        if paths is not None and isinstance(data, int) and not isinstance(data, bool):
            return paths[data]
        if not isinstance(data, str):
            raise ValueError("expected a path")
        return Path(data)
    if kind in (str, int, float, bool):
        if not isinstance(data, kind):
            raise ValueError(f"expected {kind.__name__}")
        return data
    raise TypeError(f"cannot read {kind} from a summary")
