"""File names a format cannot hold as they are: bytes that are not UTF-8, line breaks,
terminal escapes, characters XML forbids and each format's own metacharacters. Every format
stays valid and shows the name as docs/ci.md says (``\\xNN`` for such bytes and ASCII
controls; percent-encoding in SARIF URIs)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import jsonschema
import pytest

from tests.test_cli import SPIN
from tests.test_formats import COMMAND, SCHEMA
from wasmvet import cli
from wasmvet.formats import FORMATTERS

#: (file name as bytes, how reports show it)
NAMES = {
    "not-utf8": (b"bad\xff\xfe.go", "bad\\xff\\xfe.go"),
    "newline": (b"new\nline\r.go", "new\\x0aline\\x0d.go"),
    "terminal-escape": (b"esc\x1b[2J\x9b.go", "esc\\x1b[2J\\x9b.go"),
    "xml-forbidden": (b"ctl\x01\x7f\xc2\x85.go", "ctl\\x01\\x7f\\u0085.go"),
    "metacharacters": (b'x<&">:,%#? .go', 'x<&">:,%#? .go'),
    "unicode": ("ünï 日本.go".encode(), "ünï 日本.go"),
}
#: A URI reference's characters (RFC 3986), percent-escapes well formed.
SPIN_MESSAGE = "spin-wait on `done.Load()`: the loop never yields, so on wasm nothing else runs "
SPIN_MESSAGE += "to change it and the loop never ends"
Reports = Callable[[str], str]
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-F]{2})*$")


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "WASMVET_CACHE_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "wasmvet", "check", "--no-cache", "--target", "go-js", *args],
        cwd=cwd,
        capture_output=True,
        env={**env, "NO_COLOR": "1"},
        check=False,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A spin-wait in a file of each hostile name, each in a folder named after its case."""
    root = tmp_path_factory.mktemp("hostile")
    for case, (raw, _) in NAMES.items():
        (root / case).mkdir()
        (root / case / os.fsdecode(raw)).write_text(SPIN)
    return root


@pytest.fixture(scope="module")
def runs(folder: Path) -> dict[str, subprocess.CompletedProcess[bytes]]:
    """Each format's run on ``folder``, made once."""
    formats = ("text", "json", "sarif", "github", "rdjson", "junit", "gitlab")
    return {fmt: _check(folder, "--format", fmt, ".") for fmt in formats}


@pytest.fixture
def reports(runs: dict[str, subprocess.CompletedProcess[bytes]]) -> Reports:
    """A format's report, once its run is checked: exit 1 (findings), no traceback, and
    valid UTF-8."""

    def report(fmt: str) -> str:
        result = runs[fmt]
        assert result.returncode == 1, result.stderr.decode(errors="replace")
        assert b"Traceback" not in result.stderr
        return result.stdout.decode("utf-8")  # strict

    return report


@pytest.fixture(params=sorted(NAMES))
def case(request: pytest.FixtureRequest) -> tuple[bytes, str]:
    """A hostile name's path below ``folder`` as bytes, and as reports show it."""
    raw, shown = NAMES[request.param]
    return f"{request.param}/".encode() + raw, f"{request.param}/{shown}"


def test_text(reports: Reports, case: tuple[bytes, str]) -> None:
    lines = reports("text").splitlines()
    (first,) = [line for line in lines if line.startswith(f"{case[1]}:")]
    assert first == f"{case[1]}:8:2: WV101 [*] [go-js] " + SPIN_MESSAGE
    assert len(lines) == 2 * len(NAMES) + 1 and lines[-1].startswith("Found 6 problems")
    assert all(c.isprintable() for line in lines for c in line)


def test_json(reports: Reports, case: tuple[bytes, str]) -> None:
    (finding,) = [f for f in json.loads(reports("json")) if f["path"] == case[1]]
    assert {edit["path"] for edit in finding["fix"]["edits"]} == {case[1]}


def test_sarif(reports: Reports, case: tuple[bytes, str]) -> None:
    document: dict[str, Any] = json.loads(reports("sarif"))
    jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    ).validate(document)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    ]
    (uri,) = [u for u in uris if unquote_to_bytes(u) == case[0]]  # the exact bytes
    assert URI_REFERENCE.match(uri), uri
    for result in document["runs"][0]["results"]:
        change = result["fixes"][0]["artifactChanges"][0]["artifactLocation"]
        assert change == result["locations"][0]["physicalLocation"]["artifactLocation"]


def _github_property(value: str) -> str:
    """The runner's unescaping of a workflow command property."""
    for escaped, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_github(reports: Reports, case: tuple[bytes, str]) -> None:
    matches = [COMMAND.match(line) for line in reports("github").splitlines()]
    assert len(matches) == len(NAMES) and all(matches), reports("github")
    assert [m for m in matches if m and _github_property(m["file"]) == case[1]]


def test_rdjson(reports: Reports, case: tuple[bytes, str]) -> None:
    found = json.loads(reports("rdjson"))["diagnostics"]
    assert [f for f in found if f["location"]["path"] == case[1]]


def test_junit(reports: Reports, case: tuple[bytes, str]) -> None:
    root = ET.fromstring(reports("junit").encode())
    (suite,) = [s for s in root.iter("testsuite") if s.get("name") == case[1]]
    (test,) = suite.iter("testcase")
    assert test.get("file") == case[1]


def test_gitlab(reports: Reports, case: tuple[bytes, str]) -> None:
    issues = json.loads(reports("gitlab"))
    (issue,) = [i for i in issues if i["location"]["path"] == case[1]]
    assert re.fullmatch("[0-9a-f]{32}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(NAMES)


def test_problem_lines_and_diffs_are_escaped_alike(tmp_path: Path) -> None:
    """A file that cannot be analysed is named on one stderr line; ``--diff`` headers too."""
    for case, (raw, _) in NAMES.items():
        (tmp_path / case).mkdir()
        (tmp_path / case / os.fsdecode(raw)).write_bytes(b'package main\n\nvar s = "\xff"\n')
        (tmp_path / case / "spin.go").write_text(SPIN)
    result = _check(tmp_path, "--diff", ".")
    assert result.returncode == 1
    problems = result.stderr.decode("utf-8").splitlines()
    diff = result.stdout.decode("utf-8").splitlines()
    for case, (_, shown) in NAMES.items():
        assert f"wasmvet: {case}/{shown}: skipped: invalid UTF-8 encoding at line 3" in problems
    assert len(problems) == len(NAMES) + 1  # and the summary line
    assert [line for line in diff if line.startswith("+++")] == [
        f"+++ {case}/spin.go" for case in sorted(NAMES)
    ]


@pytest.fixture
def spin_pkg(tmp_path: Path) -> Path:
    (tmp_path / "main.go").write_text(SPIN)
    return tmp_path


def test_a_crash_while_reporting_exits_2_with_one_line(
    spin_pkg: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_: object) -> str:
        raise UnicodeEncodeError("utf-8", "\udcff", 0, 1, "surrogates not allowed")

    monkeypatch.setitem(FORMATTERS, "json", broken)
    monkeypatch.chdir(spin_pkg)
    assert cli.main(["check", "--no-cache", "-j", "1", "--format", "json", "."]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (
        "wasmvet: error: internal error (UnicodeEncodeError: 'utf-8' codec can't encode "
        "character '\\udcff' in position 0: surrogates not allowed); please report it"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_report_that_cannot_be_written_exits_2(spin_pkg: Path) -> None:
    with open(os.devnull, "wb") as null, open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "wasmvet", "check", "--no-cache", "."],
            cwd=spin_pkg,
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=null,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1] == (
        "wasmvet: error: cannot write the report: No space left on device"
    )


def test_settings_and_errors_name_paths_alike(tmp_path: Path) -> None:
    raw, shown = NAMES["newline"]
    bad, bad_shown = NAMES["not-utf8"]
    (tmp_path / os.fsdecode(raw)).mkdir()
    settings = _check(tmp_path, "--show-settings", os.fsdecode(raw))
    assert settings.returncode == 0
    assert settings.stdout.decode("utf-8").splitlines()[0] == f"path: {shown}"
    error = _check(tmp_path, "--config", os.fsdecode(bad), ".")
    assert error.returncode == 2
    assert error.stderr.decode("utf-8") == f"wasmvet: error: --config {bad_shown}: no such file\n"
