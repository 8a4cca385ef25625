"""Call traces into dependencies in every output format: findings built here carry a trace, so
the formats are proven without the dependency analysis that produces traces in a run."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.test_cli import wasmvet
from tests.test_formats import SCHEMA
from wasmvet import cache
from wasmvet.call_trace import call_message, step_messages, trace_text
from wasmvet.diagnostics import Applicability, Diagnostic, Fix, Frame, Related, Severity, Span
from wasmvet.engine import merge_targets
from wasmvet.formats import FORMATTERS, Report

MAIN = """package main

import "example.com/app/third_party/dep"

func main() {
\t_ = dep.Build()
}
"""
DEP = """package dep

import "os/exec"

// Build runs the build.
func Build() error {
\treturn run()
}

func run() error {
\ts := "\U0001f600"; return exec.Command("make", s).Run()
}
"""
MESSAGE = "`exec.Command` on wasm: there are no processes to start"
#: ``exec.Command`` on DEP's line 11: byte column 22, UTF-16 column 20 (the emoji is 4 bytes,
#: 2 UTF-16 units).
EXEC_BYTE_COLUMN, EXEC_UTF16_COLUMN = 22, 20


def project(root: Path, dep_dir: str = "dep") -> tuple[Path, Path]:
    """A repository with main.go calling dep.Build in third_party/``dep_dir``/dep.go."""
    (root / ".git").mkdir()
    main = root / "main.go"
    main.write_text(MAIN, encoding="utf-8")
    folder = Path(os.fsdecode(os.fsencode(root / "third_party") + b"/" + os.fsencode(dep_dir)))
    folder.mkdir(parents=True)
    dep = folder / "dep.go"
    dep.write_text(DEP, encoding="utf-8")
    return main, dep


def finding(main: Path, dep: Path) -> Diagnostic:
    """WV301 at main.go's ``dep.Build()``, reached through dep.Build and dep.run."""
    return Diagnostic(
        path=main,
        span=Span(5, 5, 5, 16),
        code="WV301",
        name="no-processes",
        severity=Severity.ERROR,
        message=MESSAGE,
        targets=("go-wasip1",),
        trace=(Frame(dep, 7, 9, "dep.Build"), Frame(dep, 11, EXEC_BYTE_COLUMN, "dep.run")),
    )


@pytest.fixture
def traced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Diagnostic:
    monkeypatch.chdir(tmp_path)
    return finding(*project(tmp_path))


def render(fmt: str, *diagnostics: Diagnostic) -> str:
    return FORMATTERS[fmt](Report(diagnostics))


VIA = (
    "via dep.Build (third_party/dep/dep.go:7:9) -> "
    f"dep.run (third_party/dep/dep.go:11:{EXEC_BYTE_COLUMN})"
)


def test_trace_text_and_step_messages(traced: Diagnostic) -> None:
    assert trace_text(traced, lambda p: p.name) == (
        f"via dep.Build (dep.go:7:9) -> dep.run (dep.go:11:{EXEC_BYTE_COLUMN})"
    )
    assert call_message(traced) == "calls dep.Build"
    assert step_messages(traced) == ["dep.Build calls dep.run", f"dep.run: {MESSAGE}"]
    untraced = replace(traced, trace=())
    assert trace_text(untraced, str) == "" and step_messages(untraced) == []


def test_an_import_chain_reads_as_imports(traced: Diagnostic) -> None:
    """WV501/WV503 through dependencies: the frames are import specs, not calls."""
    chain = replace(
        traced,
        trace=(
            Frame(Path("a.go"), 4, 8, 'import "example.com/b"'),
            Frame(Path("b.go"), 6, 2, 'import "expvar"'),
        ),
    )
    assert trace_text(chain, lambda p: p.name) == (
        'via import "example.com/b" (a.go:4:8) -> import "expvar" (b.go:6:2)'
    )
    assert call_message(chain) == 'the imported package has import "example.com/b"'
    assert step_messages(chain) == ['which has import "expvar"', f'import "expvar": {MESSAGE}']


def test_text_indents_the_trace_under_the_finding_before_help(traced: Diagnostic) -> None:
    fix = Fix(Applicability.UNSAFE, "check the error", ())
    lines = render("text", replace(traced, fix=fix)).splitlines()
    assert lines[0].startswith("main.go:6:6: WV301 [go-wasip1] ")
    assert lines[1:] == [
        "  " + VIA,
        "  help: check the error (unsafe fix)",
        "Found 1 problem.",
    ]
    untraced = render("text", replace(traced, trace=()))
    assert "via " not in untraced


def test_json_lists_the_frames(traced: Diagnostic) -> None:
    (item,) = json.loads(render("json", traced))
    assert (item["path"], item["line"], item["column"]) == ("main.go", 6, 6)
    assert item["trace"] == [
        {"path": "third_party/dep/dep.go", "line": 7, "column": 9, "function": "dep.Build"},
        {
            "path": "third_party/dep/dep.go",
            "line": 11,
            "column": EXEC_BYTE_COLUMN,
            "function": "dep.run",
        },
    ]


def validate(document: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    ).validate(document)


def region_of(location: dict[str, Any]) -> tuple[str, int, int]:
    physical = location["physicalLocation"]
    region = physical["region"]
    return physical["artifactLocation"]["uri"], region["startLine"], region["startColumn"]


def test_sarif_code_flow_and_related_locations_are_schema_valid(traced: Diagnostic) -> None:
    related = Related(traced.path, Span(2, 7, 2, 42), "the dependency is imported here")
    document = json.loads(render("sarif", traced))
    untraced = replace(traced, related=(related,), trace=())
    with_related = json.loads(render("sarif", untraced))
    validate(document)
    validate(with_related)
    (result,) = document["runs"][0]["results"]
    (flow,) = result["codeFlows"]
    (thread,) = flow["threadFlows"]
    steps = thread["locations"]
    assert [s["nestingLevel"] for s in steps] == [0, 1, 2]
    assert all(s["kinds"] == ["call"] for s in steps)
    assert [s["executionOrder"] for s in steps] == [1, 2, 3]
    dep = "third_party/dep/dep.go"
    assert [region_of(s["location"]) for s in steps] == [
        ("main.go", 6, 6),
        (dep, 7, 9),
        (dep, 11, EXEC_UTF16_COLUMN),  # SARIF columns are UTF-16 code units
    ]
    assert [s["location"]["message"]["text"] for s in steps] == [
        "calls dep.Build",
        "dep.Build calls dep.run",
        f"dep.run: {MESSAGE}",
    ]
    assert [region_of(r) for r in result["relatedLocations"]] == [
        (dep, 7, 9),
        (dep, 11, EXEC_UTF16_COLUMN),
    ]
    assert [r["id"] for r in result["relatedLocations"]] == [0, 1]
    (other,) = with_related["runs"][0]["results"]
    assert "codeFlows" not in other  # no trace
    assert [r["message"]["text"] for r in other["relatedLocations"]] == [related.message]


def test_sarif_keeps_related_locations_before_the_frames(traced: Diagnostic) -> None:
    related = Related(traced.path, Span(2, 7, 2, 42), "the dependency is imported here")
    document = json.loads(render("sarif", replace(traced, related=(related,))))
    validate(document)
    (result,) = document["runs"][0]["results"]
    messages = [r["message"]["text"] for r in result["relatedLocations"]]
    assert messages == [related.message, "dep.Build calls dep.run", f"dep.run: {MESSAGE}"]
    assert [r["id"] for r in result["relatedLocations"]] == [0, 1, 2]


def test_github_annotation_ends_with_the_trace(traced: Diagnostic) -> None:
    (line,) = render("github", traced).splitlines()
    message = line.split("::", 2)[2]
    assert message == f"{MESSAGE} [go-wasip1]%0A{VIA}"


def test_junit_failure_holds_the_trace(traced: Diagnostic) -> None:
    failure = ET.fromstring(render("junit", traced)).find(".//failure")
    assert failure is not None and failure.text is not None
    assert failure.text.splitlines() == [f"main.go:6:6: WV301 [go-wasip1] {MESSAGE}", VIA]


def test_gitlab_description_ends_with_the_trace(traced: Diagnostic) -> None:
    (issue,) = json.loads(render("gitlab", traced))
    assert issue["description"] == f"WV301 {MESSAGE} [go-wasip1]; {VIA}"
    assert issue["location"]["path"] == "main.go"


def test_rdjson_related_locations_are_the_frames(traced: Diagnostic) -> None:
    (item,) = json.loads(render("rdjson", traced))["diagnostics"]
    dep = "third_party/dep/dep.go"
    assert item["related_locations"] == [
        {
            "message": "dep.Build calls dep.run",
            "location": {"path": dep, "range": {"start": {"line": 7, "column": 9}}},
        },
        {
            "message": f"dep.run: {MESSAGE}",
            "location": {
                "path": dep,
                "range": {"start": {"line": 11, "column": EXEC_BYTE_COLUMN}},
            },
        },
    ]
    assert (
        "related_locations"
        not in json.loads(render("rdjson", replace(traced, trace=())))["diagnostics"][0]
    )


def test_frame_paths_that_are_not_utf8_are_escaped_as_finding_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dependency folder whose name is not UTF-8: ``\\xNN`` in every report (issue 16), a
    percent-encoded URI in SARIF; each format stays valid."""
    monkeypatch.chdir(tmp_path)
    diag = finding(*project(tmp_path, "d\udcffp"))
    shown = "third_party/d\\xffp/dep.go"
    assert f"dep.Build ({shown}:7:9)" in render("text", diag)
    assert json.loads(render("json", diag))[0]["trace"][0]["path"] == shown
    assert (
        shown in render("github", diag)
        and shown in json.loads(render("gitlab", diag))[0]["description"]
    )
    assert shown in (ET.fromstring(render("junit", diag)).findtext(".//failure") or "")
    related = json.loads(render("rdjson", diag))["diagnostics"][0]["related_locations"]
    assert {r["location"]["path"] for r in related} == {shown}
    document = json.loads(render("sarif", diag))
    validate(document)
    steps = document["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert region_of(steps[2]["location"]) == (
        "third_party/d%FFp/dep.go",
        11,
        EXEC_UTF16_COLUMN,
    )


def test_targets_merge_only_when_their_traces_agree(traced: Diagnostic) -> None:
    js = replace(traced, targets=("go-js",))
    other_path = replace(js, trace=traced.trace[:1])
    merged = merge_targets([traced, js, other_path])
    assert [(d.targets, d.trace) for d in merged] == [
        (("go-js", "go-wasip1"), traced.trace),
        (("go-js",), traced.trace[:1]),
    ]


def test_the_result_cache_keeps_traces(tmp_path: Path) -> None:
    main, dep = project(tmp_path, "d\udcffp")
    diag = finding(main, dep)
    entry = tmp_path / "entry.json"
    cache.store(entry, "key", cache.Cached([diag, replace(diag, trace=())]))
    loaded = cache.load(entry, "key")
    assert loaded is not None and loaded.diagnostics == [diag, replace(diag, trace=())]


FIXTURE = Path(__file__).resolve().parent / "dependency_trace"


def test_a_run_reports_the_dependency_hazard_at_the_users_call() -> None:
    """tests/dependency_trace: main.go calls dep.Build (a replacement directory), whose
    dep.run starts a process: one WV301 at the call in main.go, with both frames."""
    result = wasmvet("check", "--no-cache", "--format", "json", ".", cwd=FIXTURE)
    (item,) = json.loads(result.stdout)
    assert (item["path"], item["line"], item["column"], item["code"]) == (
        "main.go",
        13,
        14,
        "WV301",
    )
    dep = "third_party/dep/dep.go"
    assert item["trace"] == [
        {"path": dep, "line": 8, "column": 9, "function": "dep.Build"},
        {"path": dep, "line": 12, "column": 26, "function": "dep.run"},
    ]
    text = wasmvet("check", "--no-cache", ".", cwd=FIXTURE).stdout.splitlines()
    assert text[1] == f"  via dep.Build ({dep}:8:9) -> dep.run ({dep}:12:26)"
