"""analysis/modules.py against the go command: ``go list`` on the tests/modules fixtures.

Offline: GOPROXY=off and a fake GOMODCACHE (a copy of tests/modules/modcache). ``go list``
accepts a module version in that cache when the cache also holds
``cache/download/<module>/@v/<version>.mod`` and ``.ziphash``, and the main module's go.sum
lists it (app/go.sum); with ``-mod=mod`` (GOFLAGS) it writes the go.sum lines itself. The
fixtures are copied first: the go command writes lock files into the cache and go.sum.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.oracle import harness
from tests.test_modules import GRAMMAR
from wasmvet.analysis.loader import discover
from wasmvet.analysis.modules import GoEnv, Program, Source
from wasmvet.gomod import ModKind, parse_modfile

pytestmark = pytest.mark.oracle

MODULES = Path(__file__).resolve().parent.parent / "modules"

#: (package directory, extra go environment, import paths)
CASES = [
    (
        "app",
        {"GOWORK": "off"},
        [
            "fmt",
            "example.com/app",
            "example.com/app/internal/util",
            "example.com/localdep",
            "example.com/nested",
            "example.com/swapped",
            "example.com/rc",
            "github.com/Upper/Case/sub",
            "example.com/missing/thing",
            "example.com/notrequired",
            "example.com/app/nested",
        ],
    ),
    ("vendored", {"GOWORK": "off"}, ["example.com/vdep", "example.com/vendored/own"]),
    ("vendored", {"GOWORK": "off", "GOFLAGS": "-mod=mod"}, ["example.com/vdep"]),
    ("stale_vendor", {"GOWORK": "off", "GOFLAGS": "-mod=mod"}, ["example.com/swapped"]),
    ("legacy", {"GOWORK": "off"}, ["example.com/olda", "example.com/oldb", "example.com/oldc"]),
    ("work/a", {}, ["example.com/b/pkg", "example.com/wdep"]),
    ("work/a", {"GOWORK": "off"}, ["example.com/wdep", "example.com/b/pkg"]),
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("modules") / "modules"
    shutil.copytree(MODULES, copy)
    return copy


def go_env(tree: Path, extra: dict[str, str]) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GO")}
    environ.update(
        {
            "GOPROXY": "off",
            "GOSUMDB": "off",
            "GOENV": "off",
            "GOTOOLCHAIN": "local",
            "GOFLAGS": "",
            "GOMODCACHE": str(tree / "modcache"),
            "GOCACHE": str(harness.cache_dir() / "gocache"),
            **extra,
        }
    )
    return environ


def go_list(directory: Path, environ: dict[str, str], *args: str) -> tuple[list[list[str]], str]:
    """``go list -e`` rows (import path, directory, standard, error) and its stderr."""
    template = "{{.ImportPath}}\t{{.Dir}}\t{{.Standard}}\t{{if .Error}}{{.Error.Err}}{{end}}"
    run = subprocess.run(
        [harness.find_go(), "list", "-e", "-f", template, *args],
        cwd=directory,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    rows = [line.split("\t") for line in run.stdout.splitlines() if line.count("\t") >= 3]
    assert rows, run.stderr
    return rows, run.stderr


@pytest.mark.parametrize(("where", "extra", "imports"), CASES)
def test_resolution_agrees_with_go_list(
    tree: Path, where: str, extra: dict[str, str], imports: list[str]
) -> None:
    environ = go_env(tree, extra)
    names = ("GOMODCACHE", "GOFLAGS", "GOWORK")
    program = Program(GoEnv(tuple((k, environ[k]) for k in names if k in environ)))
    graph = program.graph_for(tree / where)
    assert graph is not None
    rows, stderr = go_list(tree / where, environ, *imports)
    for import_path, directory, standard, error in rows:
        ours = graph.resolve(import_path)
        if ours.source is Source.STDLIB:
            assert standard == "true", (import_path, directory, error)
        elif ours.directory is not None:
            assert Path(directory).resolve() == ours.directory.resolve(), (import_path, error)
            assert not error, (import_path, error)
        else:
            assert directory == "" and error, (import_path, ours)
            if ours.source is Source.MISSING_MODULE:  # go names it, or tries to download it
                assert ours.module in error + stderr, (import_path, error, stderr)


def test_dot_dot_dot_leaves_out_nested_modules_as_go_list_does(tree: Path) -> None:
    environ = go_env(tree, {"GOWORK": "off"})
    listed = {row[1] for row in go_list(tree / "app", environ, "./...")[0]}
    ours = {str(p.path) for p in discover([f"{tree / 'app'}/..."]).packages}
    assert ours == listed == {str(tree / "app"), str(tree / "app" / "internal" / "util")}


def _edit_json(kind: str, path: Path) -> dict[str, Any]:
    run = subprocess.run(
        [harness.find_go(), kind, "edit", "-json", path.name],
        cwd=path.parent,
        env=go_env(path.parent, {"GOWORK": "off"}),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    parsed: dict[str, Any] = json.loads(run.stdout)
    return parsed


def _pairs(entries: list[dict[str, Any]] | None) -> list[tuple[str, str, str, str]]:
    return [
        (
            r["Old"]["Path"],
            r["Old"].get("Version", ""),
            r["New"]["Path"],
            r["New"].get("Version", ""),
        )
        for r in entries or []
    ]


@pytest.mark.parametrize(
    "go_mod",
    [pytest.param(GRAMMAR, id="grammar")]
    + [
        pytest.param(p.read_text(), id=str(p.relative_to(MODULES)))
        for p in sorted(MODULES.rglob("go.mod"))
    ],
)
def test_go_mod_reads_as_go_mod_edit_json_reads_it(tmp_path: Path, go_mod: str) -> None:
    path = tmp_path / "go.mod"
    path.write_text(go_mod)
    theirs = _edit_json("mod", path)
    ours = parse_modfile(go_mod.encode(), path)
    assert ours.errors == []
    assert ours.module == theirs["Module"]["Path"]
    assert ours.go == theirs.get("Go", "")
    assert ours.require == {r["Path"]: r["Version"] for r in theirs.get("Require") or []}
    assert ours.indirect == {r["Path"] for r in theirs.get("Require") or [] if r.get("Indirect")}
    assert ours.exclude == {(e["Path"], e["Version"]) for e in theirs.get("Exclude") or []}
    assert [(r.old, r.old_version, r.new, r.new_version) for r in ours.replace] == _pairs(
        theirs.get("Replace")
    )


def test_go_work_reads_as_go_work_edit_json_reads_it() -> None:
    path = MODULES / "work" / "go.work"
    theirs = _edit_json("work", path)
    ours = parse_modfile(path.read_bytes(), path, "work")
    assert ours.go == theirs["Go"]
    assert ours.use == [u["DiskPath"] for u in theirs["Use"]]
    assert [(r.old, r.old_version, r.new, r.new_version) for r in ours.replace] == _pairs(
        theirs.get("Replace")
    )


def test_goroot_cmd_with_its_real_vendor_directory_resolves_as_go_list() -> None:
    """GOROOT/src/cmd: module ``cmd``, go 1.2x, a real vendor/modules.txt (vendor mode)."""
    goroot = subprocess.run(
        [harness.find_go(), "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    cmd = Path(goroot, "src", "cmd")
    environ = go_env(cmd, {"GOWORK": "off"})
    rows, _ = go_list(cmd, environ, "-deps", "./...")
    graph = Program(GoEnv((("GOWORK", "off"),))).graph_for(cmd)
    assert graph is not None and graph.vendor_dir is not None and graph.file_notes == []
    sources = set()
    for listed, directory, standard, _error in rows:
        import_path = listed.split(" [")[0]  # "p [cmd/compile]": a test variant
        # GOROOT lists a vendored package under cmd/vendor/...; its source imports it bare.
        import_path = import_path.removeprefix("cmd/vendor/")
        ours = graph.resolve(import_path)
        sources.add(ours.source)
        if ours.source is Source.STDLIB:
            assert standard == "true" and not directory.startswith(f"{cmd}/"), import_path
        else:
            assert ours.directory is not None, import_path
            assert ours.directory.resolve() == Path(directory).resolve(), import_path
    assert sources == {Source.STDLIB, Source.MAIN, Source.VENDOR}


def test_workspace_vendor_directory_made_by_go_work_vendor(tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(MODULES / "work", work)
    environ = go_env(tmp_path, {})
    subprocess.run(
        [harness.find_go(), "work", "vendor"], cwd=work, env=environ, check=True, timeout=300
    )
    graph = Program(GoEnv((("GOMODCACHE", environ["GOMODCACHE"]),))).graph_for(work / "a")
    assert graph is not None and graph.vendor_dir == work / "vendor" and graph.file_notes == []
    rows, _ = go_list(work / "a", environ, "example.com/wdep", "example.com/b/pkg")
    for import_path, directory, _standard, error in rows:
        ours = graph.resolve(import_path)
        assert ours.directory == Path(directory) and not error, (import_path, error)
    assert graph.resolve("example.com/wdep").source is Source.VENDOR


def _goroot_mod_files(every: int) -> list[tuple[str, ModKind, bytes]]:
    """Every ``every``-th go.mod/go.work of the go command's own script tests (txtar
    archives in GOROOT/src/cmd/go/testdata/script, many malformed on purpose):
    (where, kind, text)."""
    goroot = subprocess.run(
        [harness.find_go(), "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    found: list[tuple[str, ModKind, bytes]] = []
    for archive in sorted(Path(goroot, "src/cmd/go/testdata/script").glob("*.txt")):
        parts = re.split(rb"^-- (.+?) --\n", archive.read_bytes(), flags=re.MULTILINE)
        for name, body in zip(parts[1::2], parts[2::2], strict=True):
            if name.endswith((b"/go.mod", b"/go.work")) or name in (b"go.mod", b"go.work"):
                kind: ModKind = "work" if name.endswith(b"go.work") else "mod"
                found.append((f"{archive.name}:{name.decode()}", kind, body))
    return found[::every]


def test_go_mod_files_of_the_go_command_tests_read_as_go_edit_json_reads_them(
    tmp_path: Path,
) -> None:
    """A sample of ~30 of the ~1200 files (all 1220 agreed when checked by hand: 1206 read
    alike, 14 refused by both)."""
    sample = _goroot_mod_files(every=40)
    assert len(sample) > 25
    for i, (where, kind, text) in enumerate(sample):
        path = tmp_path / str(i) / f"go.{kind}"
        path.parent.mkdir()
        path.write_bytes(text)
        run = subprocess.run(
            [harness.find_go(), kind, "edit", "-json", path.name],
            cwd=path.parent,
            env=go_env(tmp_path, {"GOWORK": "off"}),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        ours = parse_modfile(text, path, kind)
        assert bool(ours.errors) == (run.returncode != 0), (where, ours.errors, run.stderr)
        if run.returncode != 0:
            continue
        theirs = json.loads(run.stdout)
        assert ours.go == theirs.get("Go", ""), where
        replaces = [(r.old, r.old_version, r.new, r.new_version) for r in ours.replace]
        assert replaces == _pairs(theirs.get("Replace")), where
        if kind == "work":
            assert ours.use == [u["DiskPath"] for u in theirs.get("Use") or []], where
            continue
        assert ours.module == (theirs.get("Module") or {}).get("Path", ""), where
        requires = theirs.get("Require") or []
        assert ours.require == {r["Path"]: r["Version"] for r in requires}, where
        assert ours.indirect == {r["Path"] for r in requires if r.get("Indirect")}, where
        assert ours.exclude == {(e["Path"], e["Version"]) for e in theirs.get("Exclude") or []}
