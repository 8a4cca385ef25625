"""The summary cache stays bounded (``wasmvet.cache_trim``), as the go command's build
cache does: entries unused for days go, at most once a day; a size cap; other versions'
folders. Time is controlled with explicit modification times and ``now``, never waited for.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.lintkit import lint
from tests.test_summary_cache import TARGET_IDS, tree  # noqa: F401  (a fixture)
from wasmvet import __version__, cache_trim, summary_cache
from wasmvet.analysis import dependencies
from wasmvet.cache_trim import MARK_INTERVAL, TRIM_INTERVAL, TRIM_LIMIT, mark_used, trim
from wasmvet.summary_cache import SummaryCache

NOW = 2_000_000_000.0
DAY = 24 * 3600.0


def _entry(folder: Path, name: str, age: float, size: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_bytes(b"x" * size)
    os.utime(path, (NOW - age, NOW - age))
    return path


def _summaries(cache_dir: Path) -> Path:
    return cache_dir / __version__ / "summaries"


def test_a_used_entry_is_marked_at_most_once_an_hour(tmp_path: Path) -> None:
    stale = _entry(tmp_path, "stale", MARK_INTERVAL + 60)
    recent = _entry(tmp_path, "recent", MARK_INTERVAL - 60)
    mark_used(stale, NOW)
    mark_used(recent, NOW)
    assert stale.stat().st_mtime == NOW
    assert recent.stat().st_mtime == NOW - (MARK_INTERVAL - 60)  # no write within the hour


def test_entries_unused_for_days_are_removed_at_most_once_a_day(tmp_path: Path) -> None:
    folder = _summaries(tmp_path)
    old = _entry(folder, "old", TRIM_LIMIT + 60)
    kept = _entry(folder, "kept", TRIM_LIMIT - 60)
    assert trim(tmp_path, __version__, NOW)
    assert not old.exists() and kept.exists()
    later = _entry(folder, "later", TRIM_LIMIT + 60)
    assert not trim(tmp_path, __version__, NOW + TRIM_INTERVAL - 60)  # trimmed today
    assert later.exists()
    assert trim(tmp_path, __version__, NOW + TRIM_INTERVAL + 60)
    assert not later.exists()


def test_the_oldest_entries_go_beyond_the_size_cap(tmp_path: Path) -> None:
    folder = _summaries(tmp_path)
    oldest = _entry(folder, "a", 3 * 3600, size=100)
    middle = _entry(folder, "b", 2 * 3600, size=100)
    newest = _entry(folder, "c", 1 * 3600, size=100)
    assert trim(tmp_path, __version__, NOW, max_bytes=250)
    assert not oldest.exists() and middle.exists() and newest.exists()


def test_no_cache_folder_is_created_by_a_trim(tmp_path: Path) -> None:
    assert not trim(tmp_path / "none", __version__, NOW)
    assert not (tmp_path / "none").exists()


def test_other_versions_unused_for_days_are_removed(tmp_path: Path) -> None:
    (tmp_path / "CACHEDIR.TAG").write_text("tag\n")
    _entry(_summaries(tmp_path), "mine", 0)
    gone = tmp_path / "0.0.9"
    (gone / "summaries").mkdir(parents=True)
    os.utime(gone, (NOW - TRIM_LIMIT - 60,) * 2)
    in_use = tmp_path / "0.0.8"
    (in_use / "summaries").mkdir(parents=True)
    (in_use / "summaries" / "trim.txt").write_text(f"{int(NOW - DAY)}\n")
    os.utime(in_use, (NOW - TRIM_LIMIT - 60,) * 2)
    other = tmp_path / "notes"
    other.mkdir()
    os.utime(other, (NOW - TRIM_LIMIT - 60,) * 2)
    assert trim(tmp_path, __version__, NOW)
    assert not gone.exists() and in_use.exists() and other.exists()
    assert (tmp_path / __version__).exists()


def test_other_versions_stay_in_a_folder_wasmvet_did_not_tag(tmp_path: Path) -> None:
    _entry(_summaries(tmp_path), "mine", 0)
    foreign = tmp_path / "1.2.3"
    foreign.mkdir()
    os.utime(foreign, (NOW - TRIM_LIMIT - 60,) * 2)
    assert trim(tmp_path, __version__, NOW)
    assert foreign.exists()


def test_the_summary_cache_marks_and_trims(tree: Path, tmp_path: Path) -> None:  # noqa: F811
    """End to end: a run stores entries; the next run's loads mark them used (an entry
    last used two hours ago gets the current time), and its first use trims (an entry
    unused for six days goes)."""
    cache_dir = tmp_path / "cache"
    app = sorted((tree / "app").glob("*.go"))

    def run() -> SummaryCache:
        dependencies._VIEWS.clear()
        dependencies._PROGRAMS.clear()
        dependencies._READ.clear()
        store = SummaryCache(cache_dir)
        with summary_cache.using(store):
            lint(app, TARGET_IDS, go_minor=22)
        return store

    assert run().stored > 0
    folder = _summaries(cache_dir)
    entries = sorted(folder.glob("*.json"))
    now = time.time()
    for path in entries:
        os.utime(path, (now - 2 * 3600,) * 2)
    unused = _entry(folder, "unused", 0)
    os.utime(unused, (now - 6 * DAY,) * 2)
    (folder / cache_trim.TRIM_FILE).write_text(f"{int(now - 2 * DAY)}\n")
    again = run()
    assert again.loaded > 0 and not unused.exists()
    marked = [p for p in entries if p.stat().st_mtime > now - 60]
    assert len(marked) == again.loaded


def test_a_recent_trim_file_defers_the_trim(tmp_path: Path) -> None:
    folder = _summaries(tmp_path)
    folder.mkdir(parents=True)
    (folder / cache_trim.TRIM_FILE).write_text(f"{int(NOW - 60)}\n")
    old = _entry(folder, "old", TRIM_LIMIT + 60)
    assert not trim(tmp_path, __version__, NOW)
    assert old.exists()
