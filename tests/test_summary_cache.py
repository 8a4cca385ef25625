"""The summary cache: dependency summaries kept on disk between processes (issue 14).

Runs lint ``tests/deps/app`` (module-cache modules, a replacement directory) with a
``SummaryCache``; each run starts from an empty process state (views and parse cache
forgotten), as a new process would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from tests.lintkit import lint
from wasmvet import summary_cache
from wasmvet.analysis import dependencies
from wasmvet.analysis.dependencies import Reach, Step, Summary
from wasmvet.analysis.effects import Tri
from wasmvet.diagnostics import Diagnostic
from wasmvet.summary_cache import SummaryCache, decode_summary, encode

ROOT = Path(__file__).resolve().parent.parent
DEPS = Path(__file__).resolve().parent / "deps"
TARGET_IDS = ["go-js", "go-wasip1"]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/deps (its replacement directory may be edited), as the go env."""
    copy = tmp_path / "deps"
    shutil.copytree(DEPS, copy)
    monkeypatch.setenv("GOMODCACHE", str(copy / "modcache"))
    monkeypatch.setenv("GOENV", "off")
    for name in ("GOFLAGS", "GOWORK"):
        monkeypatch.delenv(name, raising=False)
    return copy


def _run(app: Path, store: SummaryCache) -> list[Diagnostic]:
    """Lint the app as a new process would: no view, no parsed dependency file."""
    dependencies._VIEWS.clear()
    dependencies._PROGRAMS.clear()
    dependencies._READ.clear()
    with summary_cache.using(store):
        return lint(sorted(app.glob("*.go")), TARGET_IDS, go_minor=22)


def _computed() -> int:
    return sum(view.computed for view in dependencies._VIEWS.values())


def _keys(found: list[Diagnostic]) -> list[tuple[str, int, str, int]]:
    return sorted((d.path.name, d.span.start_line + 1, d.code, len(d.trace)) for d in found)


_CHILD = """
import json, sys
from pathlib import Path
from tests.lintkit import lint
from wasmvet import summary_cache
from wasmvet.analysis import dependencies
store = summary_cache.SummaryCache(Path(sys.argv[1]))
with summary_cache.using(store):
    found = lint(sorted(Path(sys.argv[2]).glob("*.go")), ["go-js", "go-wasip1"], go_minor=22)
print(json.dumps({
    "computed": sum(v.computed for v in dependencies._VIEWS.values()),
    "loaded": store.loaded,
    "findings": sorted(f"{d.path.name}:{d.span.start_line}:{d.code}:{d.message}" for d in found),
}))
"""


def test_a_second_process_reuses_the_summaries(tree: Path, tmp_path: Path) -> None:
    env = {**os.environ, "GOMODCACHE": str(tree / "modcache"), "GOENV": "off"}
    env.pop("GOFLAGS", None)
    env.pop("GOWORK", None)
    command = [sys.executable, "-c", _CHILD, str(tmp_path / "cache"), str(tree / "app")]

    def child() -> dict[str, object]:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
        result: dict[str, object] = json.loads(done.stdout)
        return result

    first, second = child(), child()
    assert first["loaded"] == 0 and isinstance(first["computed"], int) and first["computed"] > 0
    assert second["computed"] == 0  # every summary came from the first process's entries
    assert isinstance(second["loaded"], int) and second["loaded"] > 0
    assert first["findings"] == second["findings"] and first["findings"]


def test_cached_summaries_give_the_same_findings_and_traces(tree: Path, tmp_path: Path) -> None:
    app = tree / "app"
    without = _run(app, SummaryCache(tmp_path / "unused"))
    store = SummaryCache(tmp_path / "cache")
    _run(app, store)
    again = SummaryCache(tmp_path / "cache")
    cached = _run(app, again)
    assert again.loaded > 0 and _computed() == 0
    assert [(d.path, d.span, d.code, d.message, d.trace) for d in cached] == [
        (d.path, d.span, d.code, d.message, d.trace) for d in without
    ]


def test_an_edited_replacement_directory_is_summarised_again(tree: Path, tmp_path: Path) -> None:
    app, local = tree / "app", tree / "local" / "local.go"
    before = _run(app, SummaryCache(tmp_path / "cache"))
    assert ("main.go", 17, "WV305", 1) in _keys(before)
    local.write_text(
        local.read_text(encoding="utf-8").replace(
            'return http.ListenAndServe(":8080", nil)', "_ = http.StatusOK\n\treturn nil"
        ),
        encoding="utf-8",
    )
    store = SummaryCache(tmp_path / "cache")
    after = _run(app, store)
    assert ("main.go", 17, "WV305", 1) not in _keys(after)
    assert store.loaded > 0  # the module-cache packages still came from the cache


def test_a_touched_replacement_directory_with_the_same_bytes_stays_valid(
    tree: Path, tmp_path: Path
) -> None:
    app, local = tree / "app", tree / "local" / "local.go"
    before = _run(app, SummaryCache(tmp_path / "cache"))
    stat = local.stat()
    os.utime(local, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    store = SummaryCache(tmp_path / "cache")
    after = _run(app, store)
    assert _keys(after) == _keys(before)
    assert _computed() == 0  # the local package's entry matched by content


def test_corrupt_entries_are_ignored(tree: Path, tmp_path: Path) -> None:
    app = tree / "app"
    before = _run(app, SummaryCache(tmp_path / "cache"))
    entries = sorted((tmp_path / "cache").rglob("summaries/*.json"))
    assert len(entries) >= 3
    damage = [b"\x00garbage", b'{"key": "truncated', b'{"key": 5, "summaries": []}']
    for i, entry in enumerate(entries):
        doc = json.loads(entry.read_bytes())
        if i % 4 == 3:  # the right key, a summary of the wrong shape
            doc["summaries"] = {name: {"function": 5} for name in doc["summaries"]} or {"F": 1}
            entry.write_text(json.dumps(doc), encoding="utf-8")
        else:
            entry.write_bytes(damage[i % 4])
    store = SummaryCache(tmp_path / "cache")
    after = _run(app, store)
    assert _keys(after) == _keys(before)
    assert store.loaded == 0
    rewritten = SummaryCache(tmp_path / "cache")
    _run(app, rewritten)
    assert rewritten.loaded > 0 and _computed() == 0


def test_an_unwritable_cache_costs_only_speed(tree: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    found = _run(tree / "app", SummaryCache(blocker / "cache"))
    assert ("main.go", 17, "WV305", 1) in _keys(found)


@dataclass(frozen=True)
class _Extended(Summary):
    """A summary with fields the cache code does not name (as new hazard classes add)."""

    goroutines: tuple[Step, ...] = ()
    spins_of: object = lambda: Tri.UNKNOWN

    @cached_property
    def spins(self) -> Tri:
        return self.spins_of()  # type: ignore[operator, no-any-return]


def test_new_summary_fields_need_no_cache_code() -> None:
    step = Step(Path("/m/dep.go"), 3, 2, "dep.run")
    summary = _Extended(
        "dep.Run",
        (Reach("os/exec.Command", (step,), True, None, (10, 30)),),
        lambda: Tri.YES,
        True,
        goroutines=(step,),
        spins_of=lambda: Tri.NO,
    )
    assert summary.yields is Tri.YES  # answered: stored; spins was never asked
    data = json.loads(json.dumps(encode(summary)))
    asked: list[str] = []
    back = decode_summary(data, lambda prop: asked.append(prop) or Tri.YES, _Extended)
    assert isinstance(back, _Extended)
    assert (back.function, back.reaches, back.never_returns) == ("dep.Run", summary.reaches, True)
    assert back.reaches[0].span == (10, 30) and back.goroutines == (step,)
    assert back.yields is Tri.YES and asked == []
    assert back.spins is Tri.YES and asked == ["spins"]  # worked out again when asked


def test_an_entry_misses_when_a_package_it_looked_into_resolves_elsewhere(
    tree: Path, tmp_path: Path
) -> None:
    """deep's summaries reach os.StartProcess through deeper; replacing deeper with a
    harmless directory must not leave deep's cached summary claiming it."""
    app = tree / "app"
    before = _run(app, SummaryCache(tmp_path / "cache"))
    assert ("main.go", 16, "WV301", 3) in _keys(before)
    harmless = tree / "deeper"
    harmless.mkdir()
    (harmless / "go.mod").write_text("module example.com/deeper\n\ngo 1.22\n", encoding="utf-8")
    (harmless / "deeper.go").write_text(
        "package deeper\n\n// Launch does nothing.\nfunc Launch() {}\n", encoding="utf-8"
    )
    with (app / "go.mod").open("a", encoding="utf-8") as out:
        out.write("\nreplace example.com/deeper => ../deeper\n")
    after = _run(app, SummaryCache(tmp_path / "cache"))
    assert not [k for k in _keys(after) if k[:3] == ("main.go", 16, "WV301")]
