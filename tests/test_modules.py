"""Dependency sources found as the go command finds them (analysis/modules.py, gomod.py).

The fixture tree is tests/modules: ``app`` (replace to a directory and to another version,
a nested module, the module cache with case-encoded paths, a missing module), ``vendored``
and ``stale_vendor`` (vendor/ consistent or not with go.mod), ``work`` (a go.work workspace
whose replace overrides a module's) and ``modcache`` (a fake $GOMODCACHE).
tests/oracle/test_modules_oracle.py checks the same answers against ``go list``.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wasmvet.analysis.build_constraints import BuildContext
from wasmvet.analysis.loader import discover
from wasmvet.analysis.modules import (
    GoEnv,
    Program,
    Source,
    compare_versions,
    escape_path,
    package_files,
)
from wasmvet.gomod import parse_modfile

MODULES = Path(__file__).resolve().parent / "modules"
CACHE = MODULES / "modcache"

#: import path → (source, directory relative to tests/modules), from app/.
APP_EXPECTED = {
    "fmt": (Source.STDLIB, None),
    "syscall/js": (Source.STDLIB, None),
    "example.com/app": (Source.MAIN, "app"),
    "example.com/app/internal/util": (Source.MAIN, "app/internal/util"),
    "example.com/localdep": (Source.REPLACED, "localdep"),
    "example.com/nested": (Source.REPLACED, "app/nested"),
    "example.com/swapped": (Source.MODULE_CACHE, "modcache/example.com/swapped@v1.1.0"),
    "example.com/rc": (Source.MODULE_CACHE, "modcache/example.com/rc@v1.0.0-!r!c1"),
    "github.com/Upper/Case/sub": (
        Source.MODULE_CACHE,
        "modcache/github.com/!upper/!case@v1.2.3/sub",
    ),
    "example.com/missing/thing": (Source.MISSING_MODULE, None),
    "example.com/notrequired": (Source.NOT_FOUND, None),
    "example.com/app/nested": (Source.NOT_FOUND, None),  # another module's directory
}


def env(**values: str) -> GoEnv:
    """A go environment of exactly ``values`` (the module cache defaults to the fixture's)."""
    values.setdefault("GOMODCACHE", str(CACHE))
    return GoEnv(tuple(sorted(values.items())))


def answer(program: Program, directory: Path, import_path: str) -> tuple[Source, str | None]:
    graph = program.graph_for(directory)
    assert graph is not None
    found = graph.resolve(import_path)
    where = None if found.directory is None else found.directory.relative_to(MODULES).as_posix()
    return found.source, where


@pytest.mark.parametrize("import_path", sorted(APP_EXPECTED))
def test_app_imports_resolve_as_the_go_command_resolves_them(import_path: str) -> None:
    assert answer(Program(env()), MODULES / "app", import_path) == APP_EXPECTED[import_path]


def test_a_package_directory_finds_its_module_above_it() -> None:
    program = Program(env())
    inner = MODULES / "app" / "internal" / "util"
    assert answer(program, inner, "example.com/localdep") == (Source.REPLACED, "localdep")
    assert program.graph_for(inner) is program.graph_for(MODULES / "app")


def test_one_note_per_missing_module_and_none_for_modules_never_imported() -> None:
    graph = Program(env()).graph_for(MODULES / "app")
    assert graph is not None
    notes = graph.notes(set(APP_EXPECTED) | {"example.com/missing/other"})
    assert notes == [
        "example.com/missing@v0.3.0: not in the module cache: run `go mod download` so "
        "wasmvet can look inside"
    ]
    assert graph.file_notes == []


def test_a_missing_replacement_directory_is_noted(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text(
        "module example.com/t\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n\n"
        "replace example.com/x => ./gone\n"
    )
    graph = Program(env()).graph_for(tmp_path)
    assert graph is not None
    assert graph.resolve("example.com/x/y").source is Source.MISSING_MODULE
    assert graph.notes({"example.com/x/y", "fmt"}) == [
        "example.com/x@v1.0.0: replacement directory ./gone does not exist"
    ]


def test_go_mod_errors_are_notes_and_the_rest_resolves(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text(
        "module example.com/t\n\ngo 1.22\n\nrequire example.com/swapped v1.1.0\nbogus\n"
    )
    graph = Program(env()).graph_for(tmp_path)
    assert graph is not None
    assert graph.file_notes == [f"{tmp_path / 'go.mod'}:6: unknown directive: bogus"]
    assert answer_source(Program(env()), tmp_path, "example.com/swapped") is Source.MODULE_CACHE


def test_module_cache_location_follows_gomodcache_then_gopath_then_home() -> None:
    assert GoEnv((("GOMODCACHE", "/c"), ("GOPATH", "/g"))).module_cache == Path("/c")
    gopath = os.pathsep.join(["/g1", "/g2"])
    assert GoEnv((("GOPATH", gopath), ("HOME", "/h"))).module_cache == Path("/g1/pkg/mod")
    assert GoEnv((("HOME", "/h"),)).module_cache == Path("/h/go/pkg/mod")


def test_goenv_reads_the_go_env_file_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / "env"
    env_file.write_text("GOMODCACHE=/from/file\nGOFLAGS=-mod=vendor\n")
    monkeypatch.setenv("GOENV", str(env_file))
    monkeypatch.delenv("GOMODCACHE", raising=False)
    monkeypatch.setenv("GOFLAGS", "-mod=mod -v")
    current = GoEnv.current()
    assert current.module_cache == Path("/from/file")
    assert current.mod_flag == "mod"


def test_case_encoding_of_paths_and_versions() -> None:
    assert escape_path("github.com/BurntSushi/toml") == "github.com/!burnt!sushi/toml"
    assert escape_path("v1.0.0-RC1") == "v1.0.0-!r!c1"
    assert escape_path("example.com/lower") == "example.com/lower"


def test_semantic_version_order() -> None:
    ordered = ["v0.9.0", "v1.0.0-RC1", "v1.0.0-rc.1", "v1.0.0-rc.2", "v1.0.0-rc.10", "v1.0.0"]
    for low, high in itertools.pairwise(ordered):
        assert compare_versions(low, high) < 0 < compare_versions(high, low)
    assert compare_versions("v1.2.3+incompatible", "v1.2.3") == 0


def test_before_go_1_17_versions_come_from_mvs_over_the_cached_go_mod_files() -> None:
    program = Program(env())
    legacy = MODULES / "legacy"
    # oldc is required only by oldb v1.1.0 (v0.1.0) and olda v1.0.0 (v0.0.9): the highest.
    assert answer(program, legacy, "example.com/oldc") == (
        Source.MODULE_CACHE,
        "modcache/example.com/oldc@v0.1.0",
    )
    assert answer(program, legacy, "example.com/oldb") == (
        Source.MODULE_CACHE,
        "modcache/example.com/oldb@v1.1.0",
    )
    # A pruned graph (go 1.17 and later) reads the main go.mod alone.
    graph = program.graph_for(MODULES / "app")
    assert graph is not None and "example.com/oldc" not in graph.selected


def test_before_go_1_17_an_empty_module_cache_notes_the_main_requirements() -> None:
    graph = Program(env(GOMODCACHE="/nonexistent")).graph_for(MODULES / "legacy")
    assert graph is not None
    assert [n.split(":")[0] for n in graph.notes({"example.com/olda", "example.com/oldc"})] == [
        "example.com/olda@v1.0.0"
    ]


def test_vendor_directory_is_used_when_consistent() -> None:
    program = Program(env())
    assert answer(program, MODULES / "vendored", "example.com/vdep") == (
        Source.VENDOR,
        "vendored/vendor/example.com/vdep",
    )
    assert answer(program, MODULES / "vendored", "example.com/vendored/own") == (
        Source.MAIN,
        "vendored/own",
    )
    graph = program.graph_for(MODULES / "vendored")
    assert graph is not None and graph.notes({"example.com/vdep"}) == []


def test_goflags_mod_mod_ignores_vendor() -> None:
    graph = Program(env(GOFLAGS="-mod=mod")).graph_for(MODULES / "vendored")
    assert graph is not None
    assert graph.resolve("example.com/vdep").source is Source.MISSING_MODULE
    assert graph.notes({"example.com/vdep"}) == [
        "example.com/vdep@v1.0.0: not in the module cache: run `go mod download` so "
        "wasmvet can look inside"
    ]


def test_vendor_needs_go_1_14(tmp_path: Path) -> None:
    module = tmp_path / "old"
    (module / "vendor" / "example.com" / "vdep").mkdir(parents=True)
    (module / "go.mod").write_text(
        "module example.com/old\n\ngo 1.13\n\nrequire example.com/vdep v1.0.0\n"
    )
    (module / "vendor" / "modules.txt").write_text("# example.com/vdep v1.0.0\nexample.com/vdep\n")
    (module / "vendor" / "example.com" / "vdep" / "vdep.go").write_text("package vdep\n")
    assert answer_source(Program(env()), module, "example.com/vdep") is Source.MISSING_MODULE
    vendor_flag = Program(env(GOFLAGS="-mod=vendor"))
    assert answer_source(vendor_flag, module, "example.com/vdep") is Source.VENDOR


def answer_source(program: Program, directory: Path, import_path: str) -> Source:
    graph = program.graph_for(directory)
    assert graph is not None
    return graph.resolve(import_path).source


def test_inconsistent_vendor_is_a_note_and_the_module_cache_is_read() -> None:
    graph = Program(env()).graph_for(MODULES / "stale_vendor")
    assert graph is not None
    assert answer(Program(env()), MODULES / "stale_vendor", "example.com/swapped") == (
        Source.MODULE_CACHE,
        "modcache/example.com/swapped@v1.1.0",
    )
    (problem,) = graph.file_notes
    assert "modules.txt is inconsistent with go.mod" in problem
    assert "example.com/swapped@v1.1.0 is required but not marked explicit" in problem
    assert "`go mod vendor`" in problem


def test_workspace_modules_and_the_workspace_replace_win() -> None:
    program = Program(env())
    a = MODULES / "work" / "a"
    assert answer(program, a, "example.com/b/pkg") == (Source.MAIN, "work/b/pkg")
    assert answer(program, a, "example.com/wdep") == (Source.REPLACED, "work/wdep-new")
    assert answer(Program(env(GOWORK="off")), a, "example.com/wdep") == (
        Source.REPLACED,
        "work/wdep-old",
    )
    assert answer_source(Program(env(GOWORK="off")), a, "example.com/b/pkg") is Source.NOT_FOUND


def test_gowork_names_the_workspace_file(tmp_path: Path) -> None:
    elsewhere = tmp_path / "ws.work"
    elsewhere.write_text(f"go 1.22\n\nuse {MODULES / 'work' / 'a'}\nuse {MODULES / 'work' / 'b'}\n")
    program = Program(env(GOWORK=str(elsewhere)))
    # No replace in this workspace: a/go.mod's own replace applies.
    assert answer(program, MODULES / "work" / "a", "example.com/wdep") == (
        Source.REPLACED,
        "work/wdep-old",
    )


def test_no_module_no_graph(tmp_path: Path) -> None:
    assert Program(env()).graph_for(tmp_path) is None


def test_dependency_files_follow_build_constraints_per_target() -> None:
    localdep = MODULES / "localdep"
    js = BuildContext(goos="js", goarch="wasm")
    wasip1 = BuildContext(goos="wasip1", goarch="wasm")
    assert [p.name for p in package_files(localdep, js)] == ["dep.go", "dep_js.go"]
    assert [p.name for p in package_files(localdep, wasip1)] == ["dep.go", "dep_other.go"]


# -- ./... -------------------------------------------------------------------------------


def test_nested_module_is_not_part_of_dot_dot_dot() -> None:
    found = discover([f"{MODULES / 'app'}/..."])
    assert sorted(p.path.relative_to(MODULES).as_posix() for p in found.packages) == [
        "app",
        "app/internal/util",
    ]
    editor = discover([f"{MODULES / 'app'}/..."], nested_modules=True)
    assert MODULES / "app" / "nested" in {p.path for p in editor.packages}


def test_a_nested_module_named_itself_is_analysed() -> None:
    found = discover([f"{MODULES / 'app' / 'nested'}/..."])
    assert [p.path for p in found.packages] == [MODULES / "app" / "nested"]


def test_outside_any_module_every_module_below_is_walked() -> None:
    found = {p.path.relative_to(MODULES).as_posix() for p in discover([f"{MODULES}/..."]).packages}
    assert {"app", "app/nested", "localdep", "work/a", "work/b/pkg"} <= found
    assert not any("vendor" in p.split("/") for p in found)


# -- go.mod and go.work grammar (modfile's read.go and rule.go) --------------------------


GRAMMAR = """// leading comment
module "example.com/m" // trailing comment

go 1.22.1
toolchain go1.23.0
godebug default=go1.21

require (
\texample.com/A v1.2.3 // indirect
\tgolang.org/x/net v0.0.0-20240101000000-abcdefabcdef
\t"quoted.com/q" v1.0.0 // indirect; kept for tests
\texample.com/notindirect v1.0.0 // indirectly
)
require single.com/s v2.0.0+incompatible

exclude example.com/A v1.2.2
replace (
\texample.com/A => ./local/a
\texample.com/B v1.0.0 => example.com/C v1.1.0
)
replace example.com/D v1.0.0 => ../d
retract [v1.0.0, v1.0.5] // broken
tool example.com/A/cmd/tool
ignore ( )
"""


def test_go_mod_grammar() -> None:
    parsed = parse_modfile(GRAMMAR.encode(), Path("/m/go.mod"))
    assert parsed.module == "example.com/m"
    assert parsed.go == "1.22.1" and parsed.go_minor == 22
    assert parsed.require == {
        "example.com/A": "v1.2.3",
        "golang.org/x/net": "v0.0.0-20240101000000-abcdefabcdef",
        "quoted.com/q": "v1.0.0",
        "example.com/notindirect": "v1.0.0",
        "single.com/s": "v2.0.0+incompatible",
    }
    assert parsed.indirect == {"example.com/A", "quoted.com/q"}
    assert parsed.exclude == {("example.com/A", "v1.2.2")}
    assert [(r.old, r.old_version, r.new, r.new_version) for r in parsed.replace] == [
        ("example.com/A", "", "./local/a", ""),
        ("example.com/B", "v1.0.0", "example.com/C", "v1.1.0"),
        ("example.com/D", "v1.0.0", "../d", ""),
    ]
    assert parsed.replace[0].directory == Path("/m/local/a")
    assert parsed.errors == []


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("require example.com/x master\n", "version 'master' invalid"),
        ("replace example.com/x => example.com/y\n", "must be directory path"),
        ("replace example.com/x => ./y v1.0.0\n", "cannot have version"),
        ("require (\n\texample.com/x v1.0.0\n", "unterminated block"),
        ("bogus directive\n", "unknown directive: bogus"),
        ("bogus ( )\n", "unknown block type: bogus"),
        ("go (\n\t1.21\n)\n", "unknown block type: go"),
        ("module 'quoted'\n", "unquoted string cannot contain quote"),
        ('module "open\n', "unexpected newline in string"),
        ("go one\n", "invalid go version"),
        ("go v1.17.0\n", "invalid go version 'v1.17.0'"),
    ],
)
def test_go_mod_errors_name_the_line_and_the_rest_is_read(text: str, error: str) -> None:
    parsed = parse_modfile(
        ("module example.com/m\nrequire a.com/b v1.0.0\n" + text).encode(), Path("go.mod")
    )
    assert len(parsed.errors) == 1 and error in parsed.errors[0], parsed.errors
    assert parsed.errors[0].startswith("go.mod:3: ")
    assert parsed.require.get("a.com/b") == "v1.0.0"


def test_a_dependency_go_line_is_read_laxly() -> None:
    parsed = parse_modfile(b"module example.com/m\ngo v1.17.0-rc.2\n", Path("go.mod"))
    assert parsed.go == "1.17" and parsed.go_minor == 17
    assert parsed.errors == [
        "go.mod:2: invalid go version 'v1.17.0-rc.2': must match format 1.23.0"
    ]


def test_go_work_grammar() -> None:
    text = (
        b'go 1.22\n\nuse (\n\t./a\n\t"./b c"\n)\nuse ./d\n'
        b"replace x.com/y => ./z\nrequire x.com/y v1.0.0\n"
    )
    parsed = parse_modfile(text, Path("/w/go.work"), "work")
    assert parsed.use == ["./a", "./b c", "./d"]
    assert [(r.old, r.new) for r in parsed.replace] == [("x.com/y", "./z")]
    assert parsed.errors == ["/w/go.work:9: unknown directive: require"]


# -- the run summary ----------------------------------------------------------------------


def wasmvet(*args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GO", "WASMVET"))}
    environ.update({"GOENV": "off", "NO_COLOR": "1", **extra})
    return subprocess.run(
        [sys.executable, "-m", "wasmvet", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )


MISSING_NOTE = (
    "wasmvet: note: example.com/missing@v0.3.0: not in the module cache: run `go mod "
    "download` so wasmvet can look inside\n"
)


def test_cli_summary_notes_a_missing_module_once_and_findings_do_not_change() -> None:
    run = wasmvet(
        "check", "--no-cache", "--format", "json", ".", cwd=MODULES / "app", GOMODCACHE=str(CACHE)
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.count(MISSING_NOTE) == 1
    assert "error" not in run.stderr.lower()
    empty_cache = wasmvet(
        "check",
        "--no-cache",
        "--format",
        "json",
        ".",
        cwd=MODULES / "app",
        GOMODCACHE="/nonexistent",
    )
    assert empty_cache.stdout == run.stdout
    assert empty_cache.stderr.count("not in the module cache") == 4  # missing, rc, swapped, Case
    quiet = wasmvet("check", "--no-cache", "-q", ".", cwd=MODULES / "app", GOMODCACHE=str(CACHE))
    assert "note:" not in quiet.stderr


def test_cli_notes_survive_the_result_cache(tmp_path: Path) -> None:
    args = ("check", "--cache-dir", str(tmp_path / "cache"), ".")
    first = wasmvet(*args, cwd=MODULES / "app", GOMODCACHE=str(CACHE))
    second = wasmvet(*args, cwd=MODULES / "app", GOMODCACHE=str(CACHE))
    assert first.stderr.count(MISSING_NOTE) == 1 and second.stderr.count(MISSING_NOTE) == 1


def test_imports_of_files_no_target_builds_need_no_module(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text(
        "module example.com/t\n\ngo 1.22\n\nrequire (\n\texample.com/win v1.0.0\n"
        "\texample.com/js v1.0.0\n)\n"
    )
    (tmp_path / "main_windows.go").write_text('package main\n\nimport _ "example.com/win"\n')
    (tmp_path / "main_js.go").write_text(
        'package main\n\nimport _ "example.com/js"\n\nfunc main() {}\n'
    )
    run = wasmvet(
        "check",
        "--no-cache",
        "--target",
        "go-js",
        ".",
        cwd=tmp_path,
        GOMODCACHE=str(tmp_path / "none"),
    )
    assert "example.com/js@v1.0.0: not in the module cache" in run.stderr
    assert "example.com/win" not in run.stderr
