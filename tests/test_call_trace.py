"""Call traces into dependencies in every output format: findings built here carry a trace, so
the formats are proven without the dependency analysis that produces traces in a run."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.test_formats import SCHEMA
from wasmvet.call_trace import call_message, step_messages, trace_text
from wasmvet.diagnostics import Diagnostic, Frame, Related, Severity, Span
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


def test_text_indents_the_trace_under_the_finding_before_help(traced: Diagnostic) -> None:
    lines = render("text", traced).splitlines()
    assert lines[0].startswith("main.go:6:6: WV301 [go-wasip1] ")
    assert lines[1] == "  " + VIA
    assert lines[2] == "Found 1 problem."
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
