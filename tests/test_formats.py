"""CI output formats as a pipeline consumes them: SARIF against the official schema, GitHub
workflow commands, reviewdog, JUnit, GitLab Code Quality; --output-file, --statistics, --quiet."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.test_cli import ROOT, SPIN, wasmvet
from wasmvet.diagnostics import Diagnostic, Severity, Span
from wasmvet.formats.github import annotation
from wasmvet.rules import all_rules

SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FORMATS = ("text", "json", "sarif", "github", "rdjson", "junit", "gitlab")
# Many packages: every rule's fixture folder and the examples, for both targets.
MANY = ["--target", "all", "tests/fixtures", "examples"]
# ::error file=a.go,line=3,col=2,endColumn=9,title=...::message (no raw newlines anywhere)
COMMAND = re.compile(
    r"^::(error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]+),line=(?P<line>\d+)"
    r"(?:,col=\d+,endColumn=\d+|,endLine=\d+),title=(?P<title>[^,:\r\n]+)"
    r"::(?P<message>[^\r\n]+)$"
)


def sarif(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    result = wasmvet("check", "--format", "sarif", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    ).validate(document)
    return document


@pytest.fixture(scope="module")
def many_sarif() -> dict[str, Any]:
    return sarif(*MANY)


def test_schema_is_the_official_one() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_sarif_over_many_packages_is_valid_and_complete(many_sarif: dict[str, Any]) -> None:
    (run,) = many_sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(all_rules())
    text = wasmvet("check", "--format", "json", *MANY).stdout
    assert len(run["results"]) == len(json.loads(text)) > 50
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "SRCROOT"
        assert (ROOT / location["uri"]).is_file(), location
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == ROOT.as_uri() + "/"
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_sarif_rules_have_help_and_documentation_links(many_sarif: dict[str, Any]) -> None:
    for rule in many_sarif["runs"][0]["tool"]["driver"]["rules"]:
        code = rule["id"]
        assert rule["helpUri"] == all_rules()[code].url
        assert rule["helpUri"].endswith(f"/docs/rules/{code}.md")
        assert "## What it flags" in rule["help"]["markdown"]
        assert rule["shortDescription"]["text"] == all_rules()[code].summary


def test_sarif_fixes_and_related_locations(many_sarif: dict[str, Any]) -> None:
    results = many_sarif["runs"][0]["results"]
    fixed = [r for r in results if "fixes" in r]
    assert fixed and all(r["fixes"][0]["artifactChanges"][0]["replacements"] for r in fixed)
    assert any("relatedLocations" in r for r in results)
    switches = [s for r in results for s in r["properties"]["switchTargets"]]
    assert switches and all(s["buildCommand"] for s in switches)


def fingerprints_and_lines(document: dict[str, Any]) -> list[tuple[str, int]]:
    return [
        (
            r["partialFingerprints"]["wasmvet/v1"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in document["runs"][0]["results"]
    ]


def test_fingerprints_are_stable_and_ignore_line_shifts(tmp_path: Path) -> None:
    twice = SPIN.replace("\t}\n}", "\t}\n\tfor !done.Load() {\n\t}\n}")
    (tmp_path / "main.go").write_text(twice)
    first = fingerprints_and_lines(sarif(".", cwd=tmp_path))
    assert first == fingerprints_and_lines(sarif(".", cwd=tmp_path))
    assert len(first) == 2 and first[0][0] != first[1][0]  # identical lines, told apart
    shift = "package main\n\n// a\n// b\n"
    (tmp_path / "main.go").write_text(twice.replace("package main\n", shift))
    shifted = fingerprints_and_lines(sarif(".", cwd=tmp_path))
    assert [fp for fp, _ in shifted] == [fp for fp, _ in first]
    assert [line for _, line in shifted] == [line + 3 for _, line in first]


def test_sarif_columns_are_utf16_and_text_columns_bytes(tmp_path: Path) -> None:
    line = '\ts := "é😀"; for !done.Load() {'
    source = SPIN.replace("\tfor !done.Load() {", line).replace("\t}\n}", "\t}\n\t_ = s\n}")
    (tmp_path / "main.go").write_text(source, encoding="utf-8")
    prefix = line[: line.index("for")]
    region = sarif(".", cwd=tmp_path)["runs"][0]["results"][0]["locations"][0]
    start = region["physicalLocation"]["region"]["startColumn"]
    assert start == len(prefix.encode("utf-16-le")) // 2 + 1 == len(prefix) + 2
    text = wasmvet("check", ".", cwd=tmp_path).stdout
    assert text.startswith(f"main.go:8:{len(prefix.encode()) + 1}: WV101")


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "cmd" / "app").mkdir(parents=True)
    (tmp_path / "cmd" / "app" / "main.go").write_text(SPIN)
    run = sarif(".", cwd=tmp_path / "cmd")["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "cmd/app/main.go", "uriBaseId": "SRCROOT"}
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_github_lines_are_well_formed_workflow_commands() -> None:
    result = wasmvet("check", "--format", "github", *MANY)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) > 50
    for line in lines:
        match = COMMAND.match(line)
        assert match, line
        assert (ROOT / match["file"]).is_file()
        assert match["title"].startswith("wasmvet WV")
    assert any(line.startswith("::notice ") for line in lines)  # info findings are notices


def test_github_escaping() -> None:
    diag = Diagnostic(
        path=ROOT / "a,b:c.go",
        span=Span(0, 0, 2, 1),
        code="WV101",
        name="spin-wait",
        severity=Severity.WARNING,
        message="100% stuck,\r\nreally: yes\x0b\u2028\x1b[0m",
        targets=("go-js",),
    )
    line = annotation(diag, "a,b:c.go")
    assert line == (
        "::warning file=a%2Cb%3Ac.go,line=1,endLine=3,title=wasmvet WV101 (spin-wait)"
        "::100%25 stuck,%0D%0Areally: yes\\x0b\\u2028\\x1b[0m [go-js]"
    )
    assert len(line.splitlines()) == 1


def test_rdjson_follows_reviewdogs_diagnostic_result(tmp_path: Path) -> None:
    imports = 'import (\n\t"runtime"\n\t"sync/atomic"\n)\n\nvar _ = runtime.Gosched\n'
    (tmp_path / "main.go").write_text(SPIN.replace('import "sync/atomic"\n', imports))
    document = json.loads(wasmvet("check", "--format", "rdjson", ".", cwd=tmp_path).stdout)
    assert document["source"]["name"] == "wasmvet"
    (diag,) = document["diagnostics"]
    assert diag["location"] == {
        "path": "main.go",
        "range": {"start": {"line": 13, "column": 2}, "end": {"line": 13, "column": 18}},
    }
    assert diag["severity"] == "ERROR"
    assert diag["code"] == {"value": "WV101", "url": all_rules()["WV101"].url}
    # Only the loop needs editing (runtime is imported): the fix becomes a suggestion.
    assert diag["suggestions"] == [
        {
            "range": {"start": {"line": 13, "column": 20}, "end": {"line": 13, "column": 20}},
            "text": "\n\t\truntime.Gosched()",
        }
    ]


def test_rdjson_leaves_out_fixes_that_edit_other_lines(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(SPIN)  # the fix adds an import far from the loop
    document = json.loads(wasmvet("check", "--format", "rdjson", ".", cwd=tmp_path).stdout)
    assert "suggestions" not in document["diagnostics"][0]


def test_junit_has_a_suite_per_file_and_a_failure_per_finding() -> None:
    result = wasmvet("check", "--format", "junit", "examples")
    root = ET.fromstring(result.stdout)
    findings = json.loads(wasmvet("check", "--format", "json", "examples").stdout)
    assert root.tag == "testsuites" and int(root.get("failures", "")) == len(findings)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {f["path"] for f in findings}
    for finding in findings:
        cases = suites[finding["path"]].findall("testcase")
        failures = [c.find("failure") for c in cases]
        assert finding["code"] in {f.get("type") for f in failures if f is not None}


def test_junit_clean_run_is_one_passing_case() -> None:
    root = ET.fromstring(wasmvet("check", "--format", "junit", "examples/clean").stdout)
    assert [c.get("name") for c in root.iter("testcase")] == ["no findings"]
    assert root.find(".//failure") is None


def test_gitlab_code_quality() -> None:
    issues = json.loads(wasmvet("check", "--format", "gitlab", *MANY).stdout)
    assert len({i["fingerprint"] for i in issues}) == len(issues) > 50
    for issue in issues:
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["check_name"] in all_rules()
        assert issue["description"].startswith(issue["check_name"])
        assert (ROOT / issue["location"]["path"]).is_file()
        assert issue["location"]["lines"]["begin"] >= 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_for_every_format(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(SPIN)
    assert wasmvet("check", "--format", fmt, ".", cwd=tmp_path).returncode == 1
    assert wasmvet("check", "--format", fmt, "--exit-zero", ".", cwd=tmp_path).returncode == 0
    assert wasmvet("check", "--format", fmt, str(ROOT / "examples/clean")).returncode == 0


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "wasmvet.sarif"
    result = wasmvet("check", "--format", "sarif", "--output-file", str(out), "examples")
    assert result.returncode == 1 and result.stdout == ""
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), SCHEMA)
    blocked = tmp_path / "file"
    blocked.write_text("")
    result = wasmvet("check", "-o", str(blocked / "x.txt"), "examples")
    assert result.returncode == 2
    assert "cannot write --output-file" in result.stderr and "Traceback" not in result.stderr


def test_statistics() -> None:
    result = wasmvet("check", "--statistics", "--target", "all", "tests/fixtures/WV101")
    assert result.returncode == 1
    rows = result.stdout.splitlines()
    assert re.fullmatch(r" +\d+  WV101  \[\*\] spin-wait", rows[0]), rows
    counts = json.loads(
        wasmvet(
            "check", "--statistics", "--format", "json", "--target", "all", "tests/fixtures"
        ).stdout
    )
    findings = json.loads(
        wasmvet("check", "--format", "json", "--target", "all", "tests/fixtures").stdout
    )
    assert sum(c["count"] for c in counts) == len(findings)
    assert [c["count"] for c in counts] == sorted((c["count"] for c in counts), reverse=True)
    result = wasmvet("check", "--statistics", "--format", "sarif", "examples")
    assert result.returncode == 2 and "--statistics works with" in result.stderr


def test_quiet_prints_only_findings(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(SPIN)
    result = wasmvet("check", "--quiet", ".", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    assert "Found" not in result.stdout and result.stdout.startswith("main.go:8:2: WV101")
    result = wasmvet("check", "-q", str(ROOT / "examples/clean"))
    assert result.returncode == 0 and result.stdout == ""


@pytest.mark.parametrize(("mode", "colored"), [("always", True), ("never", False)])
def test_color(mode: str, colored: bool, tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(SPIN)
    out = wasmvet("check", "--color", mode, ".", cwd=tmp_path).stdout
    assert ("\033[" in out) is colored
