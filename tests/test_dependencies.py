"""Hazards inside dependencies, reported at the user's call with the trace that leads there.

The fixture tree is tests/deps: ``modcache`` (a fake $GOMODCACHE: a case-encoded module
path, a module two package boundaries deep, the target of a replace to another version),
``local`` (a replacement directory), ``app`` (the main module: every kind of call, a
suppression, a missing module, code after calls that never return), ``vendored`` (vendor/),
``work`` (a go.work whose replace points at ``local``), ``callback`` (WV201: a js.FuncOf
callback calls a dependency that waits for the event loop), ``spin`` (WV101: whether a
loop yields follows the dependency functions it calls; WV101, WV102 and WV106 report a loop
they flag inside a dependency function at the user's call) and ``dynamic`` (calls through
interfaces, function values, tables, fields and handed-on literals make no claim) and
``cycle`` (functions that call each other: their summaries are settled per cycle) and
``tinygo_imports`` (TinyGo build failures reached through imports, WV501 and WV503, at the
user's import; a narrowing conversion reached through calls, WV504, at the call; an import
behind ``//go:build !tinygo``, in a test file or in an ``_amd64.go`` file stays quiet).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.lintkit import fixture_tinygo_minor, lint, mismatches
from wasmvet.analysis.dependencies import Dependencies, view_for
from wasmvet.diagnostics import Diagnostic, Frame
from wasmvet.engine import check_paths
from wasmvet.runtime_model.model import Versions
from wasmvet.settings import Overrides
from wasmvet.targets import TARGETS

DEPS = Path(__file__).resolve().parent / "deps"
CACHE = DEPS / "modcache"
HAZARD = CACHE / "example.com" / "!upper" / "hazard@v1.0.0" / "hazard.go"
TARGET_IDS = ["go-js", "go-wasip1"]


@pytest.fixture(autouse=True)
def go_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture's module cache and nothing from the machine's go environment."""
    monkeypatch.setenv("GOMODCACHE", str(CACHE))
    monkeypatch.setenv("GOENV", "off")
    for name in ("GOFLAGS", "GOWORK"):
        monkeypatch.delenv(name, raising=False)


def _lint(folder: str, targets: list[str] = TARGET_IDS) -> tuple[list[Path], list[Diagnostic]]:
    paths = sorted((DEPS / folder).glob("*.go"))
    return paths, lint(paths, targets, go_minor=22, tinygo_minor=fixture_tinygo_minor(paths))


def _at(diagnostics: list[Diagnostic], name: str, line: int, code: str) -> Diagnostic:
    found = [
        d
        for d in diagnostics
        if d.path.name == name and d.span.start_line + 1 == line and d.code == code
    ]
    assert len(found) == 1, diagnostics
    return found[0]


@pytest.mark.parametrize("folder", ["app", "vendored", "work/app2", "spin", "dynamic", "cycle"])
def test_fixture(folder: str) -> None:
    paths, diagnostics = _lint(folder)
    assert mismatches(paths, diagnostics) == []


def test_callback_waits_through_a_dependency() -> None:
    paths, diagnostics = _lint("callback", ["go-js"])
    assert mismatches(paths, diagnostics) == []
    fetcher = CACHE / "example.com" / "fetcher@v1.0.0" / "fetcher.go"
    assert _at(diagnostics, "main.go", 11, "WV201").trace == (
        Frame(fetcher, 11, 9, "fetcher.Status"),
        Frame(fetcher, 15, 15, "fetcher.get"),
    )


def test_loops_that_never_yield_inside_dependencies() -> None:
    _, diagnostics = _lint("spin")
    poller = CACHE / "example.com" / "poller@v1.0.0" / "poller.go"
    ticker = CACHE / "example.com" / "ticker@v1.0.0" / "ticker.go"
    spin = _at(diagnostics, "deps.go", 11, "WV101")
    assert spin.trace == (Frame(poller, 21, 2, "poller.Wait"), Frame(poller, 25, 2, "poller.await"))
    assert spin.message.startswith("a loop in `poller.await`: spin-wait on `ready.Load()`")
    assert _at(diagnostics, "deps.go", 13, "WV102").trace == (
        Frame(poller, 39, 2, "poller.Pause"),
        Frame(ticker, 9, 2, "ticker.Hold"),
    )
    assert _at(diagnostics, "deps.go", 17, "WV106").trace == (
        Frame(ticker, 16, 2, "ticker.Forever"),
    )


def test_functions_that_call_each_other() -> None:
    _, diagnostics = _lint("cycle")
    cycle = CACHE / "example.com" / "cycle@v1.0.0" / "cycle.go"
    # parseList was summarised while Parse, which it calls, was still open and empty
    assert _at(diagnostics, "main.go", 13, "WV301").trace == (
        Frame(cycle, 23, 2, "cycle.ParseList"),
        Frame(cycle, 17, 3, "cycle.parseList"),
        Frame(cycle, 12, 2, "cycle.Parse"),
    )
    view = _view("go-js", "cycle")
    for name, never_returns in (("Even", False), ("Odd", False), ("Parse", False)):
        summary = view.summary("example.com/cycle", name)
        assert summary is not None and summary.never_returns is never_returns


def test_trace_two_package_boundaries_deep() -> None:
    _, diagnostics = _lint("app")
    found = _at(diagnostics, "main.go", 16, "WV301")
    deep = CACHE / "example.com" / "deep@v1.2.0" / "deep.go"
    deeper = CACHE / "example.com" / "deeper@v1.0.0" / "deeper.go"
    assert found.trace == (
        Frame(deep, 8, 2, "deep.Start"),
        Frame(deeper, 8, 2, "deeper.Launch"),
        Frame(deeper, 12, 2, "deeper.spawn"),
    )
    assert found.message.endswith("; reached through `deep.Start`")
    assert found.span.start_col == 1  # at the user's call, never inside the dependency


def test_trace_of_a_method_and_a_case_encoded_module() -> None:
    _, diagnostics = _lint("app")
    assert _at(diagnostics, "main.go", 12, "WV301").trace == (
        Frame(HAZARD, 11, 9, "hazard.Build"),
        Frame(HAZARD, 15, 9, "hazard.run"),
    )
    assert _at(diagnostics, "main.go", 22, "WV301").trace == (
        Frame(HAZARD, 58, 9, "hazard.(*Tool).Start"),
    )


def test_methods_of_values_made_by_dependency_constructors() -> None:
    _, diagnostics = _lint("app")
    # tool, err := hazard.NewTool(...); tool.Start() (err.Error() stays unknown)
    assert _at(diagnostics, "main.go", 47, "WV301").trace == (
        Frame(HAZARD, 58, 9, "hazard.(*Tool).Start"),
    )
    # inside the dependency: t := newTool(); t.Start()
    assert _at(diagnostics, "main.go", 46, "WV301").trace == (
        Frame(HAZARD, 69, 9, "hazard.Pipeline"),
        Frame(HAZARD, 58, 9, "hazard.(*Tool).Start"),
    )


def test_import_whose_package_name_differs_from_its_path() -> None:
    _, diagnostics = _lint("app")  # example.com/conf.v2 declares package conf
    conf = CACHE / "example.com" / "conf.v2@v2.0.0" / "conf.go"
    assert _at(diagnostics, "conf.go", 9, "WV307").trace == (Frame(conf, 9, 12, "conf.Home"),)
    # and inside a dependency that imports it
    settings = CACHE / "example.com" / "settings@v1.0.0" / "settings.go"
    assert _at(diagnostics, "conf.go", 13, "WV307").trace == (
        Frame(settings, 8, 9, "settings.Dir"),
        Frame(conf, 9, 12, "conf.Home"),
    )


def test_nothing_is_reported_inside_a_dependency() -> None:
    _, diagnostics = _lint("app")
    assert {d.path.parent for d in diagnostics} == {DEPS / "app"}


def test_never_returning_calls_make_the_rest_dead_per_target() -> None:
    _, diagnostics = _lint("app")
    # hazard.BlockOnJS blocks on js only: the listener after it is flagged on wasip1 alone
    assert _at(diagnostics, "main.go", 37, "WV305").targets == ("go-wasip1",)
    # app.RunWhenOnBrowser (the model's [[never_returns]], module not even on disk)
    assert _at(diagnostics, "browser.go", 12, "WV305").targets == ("go-wasip1",)


def test_functions_only_dead_code_calls_are_dead() -> None:
    _, diagnostics = _lint("app")
    # runLocal is called only after app.RunWhenOnBrowser, listen only from runLocal
    assert _at(diagnostics, "browser.go", 18, "WV305").targets == ("go-wasip1",)
    assert _at(diagnostics, "browser.go", 23, "WV305").targets == ("go-wasip1",)
    # init calls alsoCalledLive too
    assert _at(diagnostics, "browser.go", 27, "WV305").targets == ("go-js", "go-wasip1")


def test_unreached_dependency_function_stays_quiet(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(DEPS / "app", app)
    for name in ("main.go", "browser.go"):
        (app / name).unlink()
    (app / "main.go").write_text(
        'package main\n\nimport "example.com/Upper/hazard"\n\nfunc main() { hazard.Quiet() }\n'
    )
    shutil.copytree(DEPS / "local", tmp_path / "local")
    assert lint([app / "main.go"], TARGET_IDS, go_minor=22) == []


def test_missing_module_is_one_note_not_an_error() -> None:
    result = check_paths([str(DEPS / "app")], Overrides(targets=("go-js", "go-wasip1")))
    assert not result.problems
    assert not result.config_errors
    missing = [n for n in result.notes if "example.com/missing@v1.0.0" in n]
    assert missing == [
        "example.com/missing@v1.0.0: not in the module cache: run `go mod download` so "
        "wasmvet can look inside"
    ]
    assert any(d.code == "WV301" and d.trace for d in result.diagnostics)


def test_result_cache_goes_stale_when_a_dependency_file_changes(tmp_path: Path) -> None:
    tree = tmp_path / "deps"
    shutil.copytree(DEPS, tree)
    os.environ["GOMODCACHE"] = str(tree / "modcache")  # restored by the go_env fixture
    overrides = Overrides(targets=("go-wasip1",))
    cache_dir = tmp_path / "cache"

    def listens() -> tuple[bool, int]:
        result = check_paths(
            [str(tree / "work" / "app2")], overrides, use_cache=True, cache_dir=cache_dir
        )
        return any(d.code == "WV305" for d in result.diagnostics), result.cache_hits

    assert listens() == (True, 0)
    assert listens() == (True, 1)
    (tree / "local" / "local.go").write_text(
        "// Package local no longer listens.\npackage local\n\n// Serve does nothing.\n"
        "func Serve() error { return nil }\n"
    )
    assert listens() == (False, 0)


def _view(target: str, folder: str = "app") -> Dependencies:
    versions = Versions(go=22, tinygo=42)
    spec = TARGETS[target]
    view = view_for(
        (DEPS / folder).resolve(), spec.context(versions), spec.runtime, target, versions
    )
    assert view is not None
    return view


@pytest.mark.parametrize(
    ("function", "on_js", "on_wasip1"),
    [
        ("Wait", True, True),  # select {}
        ("Loop", True, True),  # for { ... } that nothing leaves
        ("BlockOnJS", True, False),  # if runtime.GOOS == "js" { select {} }
        ("Build", False, False),
        ("Guarded", False, False),
    ],
)
def test_computed_never_returns(function: str, on_js: bool, on_wasip1: bool) -> None:
    for target, expected in (("go-js", on_js), ("go-wasip1", on_wasip1)):
        summary = _view(target).summary("example.com/Upper/hazard", function)
        assert summary is not None
        assert summary.never_returns is expected, (function, target)


def test_guarded_and_constrained_code_reaches_nothing() -> None:
    view = _view("go-js")
    for function in ("Guarded", "Spawn"):  # a GOARCH guard; a //go:build !wasm file
        summary = view.summary("example.com/Upper/hazard", function)
        assert summary is not None and summary.reaches == ()


def test_no_view_inside_goroot(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module std\n\ngo 1.24\n")
    (tmp_path / "net").mkdir()
    versions = Versions(go=24, tinygo=42)
    spec = TARGETS["go-js"]
    context = spec.context(versions)
    assert view_for(tmp_path / "net", context, spec.runtime, "go-js", versions) is None


def test_tinygo_hazards_through_dependencies() -> None:
    paths, diagnostics = _lint("tinygo", ["tinygo-wasm-unknown"])
    assert mismatches(paths, diagnostics) == []
    waiter = CACHE / "example.com" / "waiter@v1.0.0" / "waiter.go"
    worker = CACHE / "example.com" / "worker@v1.0.0" / "worker.go"
    pool = CACHE / "example.com" / "pool@v1.0.0" / "pool.go"
    # a go statement is a build error before the wait could panic
    assert _at(diagnostics, "main.go", 15, "WV505").trace == (Frame(waiter, 10, 2, "waiter.Flush"),)
    assert _at(diagnostics, "main.go", 17, "WV505").trace == (
        Frame(waiter, 23, 2, "waiter.Drain"),
        Frame(waiter, 15, 2, "waiter.wait"),
    )
    started = _at(diagnostics, "main.go", 18, "WV505")
    assert started.trace == (
        Frame(worker, 13, 2, "worker.Run"),
        Frame(pool, 8, 2, "pool.Submit"),
        Frame(pool, 12, 2, "pool.spawn"),
    )
    assert "(`go` statement in `pool.spawn`)" in started.message
    assert _at(diagnostics, "main.go", 21, "WV506").trace == (
        Frame(worker, 23, 9, "worker.Load"),
        Frame(pool, 22, 8, "pool.Decode"),
        Frame(pool, 34, 10, "pool.handle"),
    )
    assert _at(diagnostics, "main.go", 26, "WV502").trace == (
        Frame(worker, 34, 9, "worker.Report"),
    )
    blocked = _at(diagnostics, "main.go", 34, "WV505")
    assert blocked.trace == (
        Frame(worker, 39, 2, "worker.Listen"),
        Frame(pool, 46, 2, "pool.Serve"),
    )
    assert "blocks forever with `select {}` (in `pool.Serve`)" in blocked.message


def test_tinygo_build_failures_through_imports() -> None:
    paths, diagnostics = _lint("tinygo_imports", ["tinygo-wasip1", "tinygo-wasm", "go-wasip1"])
    assert mismatches(paths, diagnostics) == []
    rpcclient = CACHE / "example.com" / "rpcclient@v1.0.0" / "rpcclient.go"
    h2 = CACHE / "example.com" / "h2@v1.0.0" / "h2.go"
    # an import of a package TinyGo cannot build, two package boundaries deep
    unsupported = _at(diagnostics, "main.go", 9, "WV501")
    assert unsupported.targets == ("tinygo-wasm", "tinygo-wasip1")
    assert unsupported.trace == (
        Frame(rpcclient, 4, 8, "example.com/rpcclient"),
        Frame(h2, 6, 2, "example.com/h2"),
    )
    assert "imports `net/http/httptrace` (through `example.com/h2`)" in unsupported.message
    sizes = CACHE / "example.com" / "sizes@v1.0.0" / "sizes.go"
    limits = CACHE / "example.com" / "limits@v1.0.0" / "limits.go"
    # a constant that overflows TinyGo's int in a function nobody calls: the build fails
    assert _at(diagnostics, "main.go", 10, "WV503").trace == (
        Frame(sizes, 4, 8, "example.com/sizes"),
        Frame(limits, 12, 11, "example.com/limits"),
    )
    clock = CACHE / "example.com" / "clock@v1.0.0" / "clock.go"
    clockwork = CACHE / "example.com" / "clockwork@v1.0.0" / "clockwork.go"
    # a wrong number matters where it runs: at the call, through two packages
    assert _at(diagnostics, "main.go", 19, "WV504").trace == (
        Frame(clock, 17, 9, "clock.Elapsed"),
        Frame(clockwork, 8, 9, "clockwork.Since"),
    )


def test_tinygo_import_failures_from_the_summary_cache(tmp_path: Path) -> None:
    """The import-level findings come back from the summary cache alone (no parsing)."""
    from wasmvet.analysis.dependencies import MODE, forget_facts
    from wasmvet.summary_cache import SummaryCache, using

    paths = sorted((DEPS / "tinygo_imports").glob("*.go"))
    store = SummaryCache(tmp_path)
    with using(store):
        first = lint(paths, ["tinygo-wasip1"], go_minor=22, tinygo_minor=34)
    forget_facts()
    MODE.known_only, MODE.missed = True, 0
    try:
        with using(SummaryCache(tmp_path)):
            again = lint(paths, ["tinygo-wasip1"], go_minor=22, tinygo_minor=34)
    finally:
        MODE.known_only = False
    assert MODE.missed == 0
    codes = sorted(d.code for d in first)
    assert codes == ["WV501", "WV503", "WV504"]
    assert sorted(d.code for d in again) == codes
