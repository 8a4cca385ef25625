"""Keeping the summary cache bounded, the way the go command trims its build cache.

An entry's modification time says when it was last used: a load that finds it more than
an hour old touches it (at most one write an hour per entry, so warm runs stay read-only
in practice). At most once a day (``trim.txt`` holds when the last trim ran) a store trims:
entries unused for five days go, then the least recently used ones until the folder holds
at most ``MAX_BYTES``; the folders of other wasmvet versions (whose entries this version
never reads) go once unused for five days too (their own ``trim.txt``, else the folder's
time, says when they were last used). Every step tolerates another process removing or
writing the same files; a failure costs only space.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from pathlib import Path

MARK_INTERVAL = 3600.0
"""Seconds after which a used entry's modification time is brought up to date."""
TRIM_INTERVAL = 24 * 3600.0
"""Seconds between two trims of one cache."""
TRIM_LIMIT = 5 * 24 * 3600.0
"""Seconds unused after which an entry (or another version's folder) is removed."""
MAX_BYTES = 256 * 1024 * 1024
"""The most the summaries of one version may hold after a trim."""
TRIM_FILE = "trim.txt"
_VERSION = re.compile(r"^[0-9]+\.[0-9][0-9A-Za-z.+-]*$")


def mark_used(path: Path, now: float | None = None) -> None:
    """Record that ``path`` was just used, unless that was recorded within the hour."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError):
        if now - path.stat().st_mtime > MARK_INTERVAL:
            os.utime(path, (now, now))


def trim(
    cache_dir: Path, version: str, now: float | None = None, max_bytes: int = MAX_BYTES
) -> bool:
    """Trim ``cache_dir``'s summaries of ``version`` and other versions' folders, unless
    that was done within the day; True when it ran."""
    now = time.time() if now is None else now
    folder = cache_dir / version / "summaries"
    stamp = folder / TRIM_FILE
    if not folder.is_dir() or now - _last_trim(stamp, default=0.0) < TRIM_INTERVAL:
        return False  # no cache to trim (none is created here), or trimmed today
    with contextlib.suppress(OSError):
        stamp.write_text(f"{int(now)}\n", encoding="utf-8")
    _trim_entries(folder, now, max_bytes)
    _trim_versions(cache_dir, version, now)
    return True


def _last_trim(stamp: Path, default: float) -> float:
    try:
        return float(stamp.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return default


def _trim_entries(folder: Path, now: float, max_bytes: int) -> None:
    """Remove entries unused for ``TRIM_LIMIT``, then the oldest beyond ``max_bytes``."""
    entries: list[tuple[float, int, Path]] = []
    try:
        scan = list(os.scandir(folder))
    except OSError:
        return
    for entry in scan:
        if not entry.name.endswith(".json") or not entry.is_file(follow_symlinks=False):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if now - info.st_mtime > TRIM_LIMIT:
            _unlink(Path(entry.path))
        else:
            entries.append((info.st_mtime, info.st_size, Path(entry.path)))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        _unlink(path)
        total -= size


def _trim_versions(cache_dir: Path, version: str, now: float) -> None:
    """Remove other versions' folders unused for ``TRIM_LIMIT`` (only in a cache folder
    that wasmvet's CACHEDIR.TAG marks, and only folders named like a version)."""
    if not (cache_dir / "CACHEDIR.TAG").is_file():
        return
    try:
        scan = list(os.scandir(cache_dir))
    except OSError:
        return
    for entry in scan:
        if entry.name == version or not _VERSION.match(entry.name):
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        folder = Path(entry.path)
        try:
            used = folder.stat().st_mtime
        except OSError:
            continue
        used = max(used, _last_trim(folder / "summaries" / TRIM_FILE, default=used))
        if now - used > TRIM_LIMIT:
            shutil.rmtree(folder, ignore_errors=True)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
