"""The result cache (.wasmvet_cache): what it reuses, what invalidates it, and that a broken
or unwritable cache never changes the findings nor stops the run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import SPIN, wasmvet
from wasmvet import cache
from wasmvet.engine import Result, check_paths
from wasmvet.gomod import module_go_minor
from wasmvet.reporting import format_json
from wasmvet.settings import Overrides

EXEC = """package tool

import "os/exec"

func Run() error { return exec.Command("ls").Run() }
"""
JS_ONLY = """//go:build js

package tool

import "os/exec"

func Other() error { return exec.Command("pwd").Run() }
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module example.com/p\n\ngo 1.24\n")
    (tmp_path / "spin").mkdir()
    (tmp_path / "spin" / "main.go").write_text(SPIN)
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "tool.go").write_text(EXEC)
    return tmp_path


def _run(root: Path, **overrides: object) -> Result:
    options = Overrides(targets=("go-js", "go-wasip1"), isolated=True)
    return check_paths([str(root)], options, jobs=1, use_cache=True, **overrides)  # type: ignore[arg-type]


def _findings(result: Result) -> str:
    return format_json(result.diagnostics)


def test_warm_run_reuses_every_package_with_the_same_findings(project: Path) -> None:
    cold = _run(project)
    assert cold.cache_hits == 0 and len(cold.diagnostics) == 2
    warm = _run(project)
    assert warm.cache_hits == 2
    assert _findings(warm) == _findings(cold)
    assert warm.files == cold.files
    tag = project / ".wasmvet_cache" / "CACHEDIR.TAG"
    assert tag.read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_fixes_survive_the_cache(project: Path) -> None:
    cold = _run(project)
    warm = _run(project)
    fixes = [d.fix for d in warm.diagnostics if d.fix is not None]
    assert fixes and fixes == [d.fix for d in cold.diagnostics if d.fix is not None]


def test_a_changed_file_invalidates_only_its_package(project: Path) -> None:
    _run(project)
    (project / "tool" / "tool.go").write_text(EXEC.replace('"ls"', '"ls", "-l"'))
    again = _run(project)
    assert again.cache_hits == 1
    assert any(d.path.name == "tool.go" for d in again.diagnostics)


def test_a_file_no_target_builds_is_part_of_the_key(project: Path) -> None:
    _run(project)
    (project / "tool" / "other_js.go").write_text(JS_ONLY)
    again = _run(project)
    assert again.cache_hits == 1
    assert sum(d.code == "WV301" for d in again.diagnostics) == 2


@pytest.mark.parametrize(
    "overrides",
    [
        Overrides(targets=("go-js",), isolated=True),
        Overrides(targets=("go-js", "go-wasip1"), ignore=("WV301",), isolated=True),
        Overrides(targets=("go-js", "go-wasip1"), go_minor=21, isolated=True),
    ],
    ids=["targets", "rules", "go-version"],
)
def test_other_settings_miss(project: Path, overrides: Overrides) -> None:
    _run(project)
    other = check_paths([str(project)], overrides, jobs=1, use_cache=True)
    assert other.cache_hits == 0


def test_go_mod_version_is_part_of_the_key(project: Path) -> None:
    _run(project)
    (project / "go.mod").write_text("module example.com/p\n\ngo 1.21\n")
    module_go_minor.cache_clear()  # go.mod is read once per process; a new run reads it again
    assert _run(project).cache_hits == 0


def test_config_changes_miss(project: Path) -> None:
    overrides = Overrides()
    check_paths([str(project)], overrides, jobs=1, use_cache=True)
    (project / "wasmvet.toml").write_text('targets = ["go-js"]\n[severity]\nWV301 = "info"\n')
    result = check_paths([str(project)], overrides, jobs=1, use_cache=True)
    assert result.cache_hits == 0
    assert {d.severity.value for d in result.diagnostics if d.code == "WV301"} == {"info"}


def test_corrupt_and_foreign_entries_are_misses(project: Path) -> None:
    cold = _run(project)
    entries = sorted((project / ".wasmvet_cache").glob("*/*.json"))
    assert len(entries) == 2
    entries[0].write_text("{not json")
    doc = json.loads(entries[1].read_text())
    doc["diagnostics"] = [{"path": 3}]
    entries[1].write_text(json.dumps(doc))
    again = _run(project)
    assert again.cache_hits == 0
    assert _findings(again) == _findings(cold)
    assert _run(project).cache_hits == 2  # rewritten


def test_unwritable_cache_directory_is_skipped(project: Path) -> None:
    blocker = project / "blocked"
    blocker.write_text("a file where the cache directory should be")
    result = _run(project, cache_dir=blocker / "cache")
    assert len(result.diagnostics) == 2 and result.cache_hits == 0


def test_project_root_is_the_nearest_module(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _run(project / "spin")
    assert (project / ".wasmvet_cache").is_dir()
    assert not (project / "spin" / ".wasmvet_cache").exists()
    loose = tmp_path_factory.mktemp("loose")
    assert cache.project_root(loose, None) == Path.cwd()
    assert cache.project_root(loose, loose / "wasmvet.toml") == loose


def test_parallel_workers_share_the_cache(project: Path) -> None:
    options = Overrides(targets=("go-js", "go-wasip1"), isolated=True)
    cold = check_paths([str(project)], options, jobs=2, use_cache=True)
    warm = check_paths([str(project)], options, jobs=2, use_cache=True)
    assert warm.cache_hits == 2 and _findings(warm) == _findings(cold)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return wasmvet("check", *args, cwd=cwd)


def test_cli_no_cache_and_cache_dir(project: Path, tmp_path: Path) -> None:
    first = _cli("--no-cache", ".", cwd=project)
    assert first.returncode == 1, first.stderr
    assert not (project / ".wasmvet_cache").exists()
    elsewhere = tmp_path / "elsewhere"
    second = _cli("--cache-dir", str(elsewhere), ".", cwd=project)
    assert second.stdout == first.stdout
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    assert not (project / ".wasmvet_cache").exists()
    third = _cli(".", cwd=project)
    assert third.stdout == first.stdout and (project / ".wasmvet_cache").is_dir()


def test_settings_fingerprint_is_the_same_in_every_process() -> None:
    """Sets in the settings (TinyGo build tags) print in an order that follows string
    hashing, which differs between processes; the key must not."""
    code = (
        "from pathlib import Path\n"
        "from wasmvet.cache import settings_fingerprint\n"
        "from wasmvet.settings import Overrides, resolve\n"
        "settings = resolve(Path('.'), Overrides(targets=('all',), isolated=True))\n"
        "print(settings_fingerprint(settings, 24))\n"
    )
    prints = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(prints) == 1


def test_cli_runs_share_the_cache_for_every_target(project: Path) -> None:
    first = _cli("--target", "all", ".", cwd=project)
    entries = sorted((project / ".wasmvet_cache").glob("*/*.json"))
    written = [e.stat().st_mtime_ns for e in entries]
    second = _cli("--target", "all", ".", cwd=project)
    assert second.stdout == first.stdout and second.returncode == first.returncode == 1
    assert [e.stat().st_mtime_ns for e in entries] == written  # read, not rewritten


def test_clean_removes_only_caches_wasmvet_tagged(project: Path, tmp_path: Path) -> None:
    assert _cli(".", cwd=project).returncode == 1
    assert (project / ".wasmvet_cache").is_dir()
    clean = wasmvet("clean", "spin", cwd=project)
    assert clean.returncode == 0, clean.stderr
    assert "removed" in clean.stderr and not (project / ".wasmvet_cache").exists()
    # A folder of that name that wasmvet did not create is not wasmvet's to delete.
    (project / ".wasmvet_cache").mkdir()
    (project / ".wasmvet_cache" / "keep.txt").write_text("mine")
    other = tmp_path / "other-cache"
    assert _cli("--cache-dir", str(other), ".", cwd=project).returncode == 1
    for args in (["clean"], ["clean", "--cache-dir", str(other)]):
        done = wasmvet(*args, cwd=project)
        assert done.returncode == 0, done.stderr
    assert (project / ".wasmvet_cache" / "keep.txt").read_text() == "mine"
    assert not other.exists()


def _age(root: Path, seconds: float) -> None:
    """Date every Go file back by ``seconds`` (older than the racy window of the stamps)."""
    for path in root.rglob("*.go"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - int(seconds * 1e9)))


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    import wasmvet.engine

    reads: list[Path] = []
    real = wasmvet.engine.read_source

    def counting(path: Path) -> bytes:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(wasmvet.engine, "read_source", counting)
    return reads


def test_a_warm_run_of_old_files_reads_no_source(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(project, 60)
    cold = _run(project)
    reads = _count_reads(monkeypatch)
    warm = _run(project)
    assert warm.cache_hits == 2 and reads == []
    assert _findings(warm) == _findings(cold)


def test_recently_modified_files_are_read_to_compare_their_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _run(project)  # just written: within the racy window, stamps are not trusted
    reads = _count_reads(monkeypatch)
    warm = _run(project)
    assert warm.cache_hits == 2 and len(reads) == 2
    assert _findings(warm) == _findings(cold)


def test_an_edit_with_the_same_size_and_an_old_date_still_misses(project: Path) -> None:
    _age(project, 60)
    _run(project)
    tool = project / "tool" / "tool.go"
    stat = tool.stat()
    tool.write_text(EXEC.replace('"ls"', '"rm"'))  # same size, new bytes
    os.utime(tool, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # another old date
    again = _run(project)
    assert again.cache_hits == 1  # the tool package was analysed again
