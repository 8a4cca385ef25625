"""Fast checks of the oracle case format (no Go toolchain needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import harness
from .harness import CaseFormatError, Outcome

WANT = re.compile(r'//\s*want\s+"(WV\d+)"')


def _case(tmp_path: Path, header: str, body: str = "func main() {}\n") -> Path:
    rule = tmp_path / "WV999"
    rule.mkdir(exist_ok=True)
    path = rule / "case.go"
    path.write_text(f"{header}package main\n\n{body}")
    return path


def test_parse_all_kinds(tmp_path: Path) -> None:
    path = _case(
        tmp_path,
        "// Some prose.\n"
        "//\n"
        "// oracle go-js: hang\n"
        "// oracle go-wasip1: exit 3\n"
        '// oracle go-wasip1: output "exec: \\"ls\\": not found in $PATH"\n'
        '// oracle native: compile-error "undefined: syscall.Mmap"\n'
        "// oracle-preopen\n",
    )
    exps = harness.parse_expectations(path)
    assert [(e.target, e.kind, e.code, e.text) for e in exps] == [
        ("go-js", "hang", None, None),
        ("go-wasip1", "exit", 3, None),
        ("go-wasip1", "output", None, 'exec: "ls": not found in $PATH'),
        ("native", "compile-error", None, "undefined: syscall.Mmap"),
    ]
    assert all(e.preopen for e in exps)
    assert exps[0].line == 3
    assert exps[1].test_id == "WV999/case[go-wasip1:exit-3]"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("// oracle go-js: hangs\n", "unknown expectation 'hangs'"),
        ("// oracle go-wasm: ok\n", "unknown target 'go-wasm'"),
        ("// oracle go-js ok\n", "expected"),
        ("// oracle go-js: exit 0\n", 'use "ok"'),
        ("// oracle go-js: output unquoted\n", "unknown expectation"),
        ('// oracle go-js: output "bad \\q escape"\n', "bad quoted text"),
        ('// oracle go-js: output ""\n', "non-empty"),
        ("// oracle go-js: ok\n// oracle go-js: hang\n", "more than one"),
        ('// oracle go-js: ok\n// oracle go-js: compile-error "x"\n', "cannot be combined"),
        ('// oracle go-js: hang\n// oracle go-js: output "x"\n', "requires the program"),
        ("// nothing here\n", "no '// oracle"),
    ],
)
def test_malformed(tmp_path: Path, header: str, message: str) -> None:
    with pytest.raises(CaseFormatError, match=re.escape(message)):
        harness.parse_expectations(_case(tmp_path, header))


def test_directive_after_package(tmp_path: Path) -> None:
    path = _case(tmp_path, "// oracle go-js: ok\n", "// oracle native: ok\nfunc main() {}\n")
    with pytest.raises(CaseFormatError, match=r"case\.go:4: .*before the package clause"):
        harness.parse_expectations(path)


def test_want_annotations_are_ignored(tmp_path: Path) -> None:
    path = _case(
        tmp_path, "// oracle go-js: ok\n", 'func main() {\n\tfor { // want "WV101"\n\t}\n}\n'
    )
    assert len(harness.parse_expectations(path)) == 1


def test_fixed_lines_are_kept_apart(tmp_path: Path) -> None:
    path = _case(
        tmp_path,
        "// oracle go-js: hang\n"
        "// oracle-fixed go-js: ok\n"
        '// oracle-fixed go-js: output "done"\n'
        "// oracle-fixed go-wasip1: exit 3\n",
    )
    assert [(e.target, e.kind) for e in harness.parse_expectations(path)] == [("go-js", "hang")]
    fixed = harness.fixed_expectations(path)
    assert [(e.target, e.kind, e.code, e.text, e.fixed) for e in fixed] == [
        ("go-js", "ok", None, None, True),
        ("go-js", "output", None, "done", True),
        ("go-wasip1", "exit", 3, None, True),
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ('// oracle go-js: hang\n// oracle-fixed go-js: compile-error "x"\n', "must build"),
        (
            "// oracle go-js: hang\n// oracle-fixed go-js: ok\n// oracle-fixed go-js: hang\n",
            "more than one",
        ),
        ("// oracle-fixed go-js: ok\n", "no '// oracle"),
    ],
)
def test_malformed_fixed_lines(tmp_path: Path, header: str, message: str) -> None:
    with pytest.raises(CaseFormatError, match=re.escape(message)):
        harness.fixed_expectations(_case(tmp_path, header))


def test_check() -> None:
    path = Path("WV101/x.go")
    hang = Outcome("hang", None, "partial", "")
    exited = Outcome("exit", 3, "", 'exec: "ls": executable file not found in $PATH')
    expect = harness.Expectation
    assert harness.check(expect(path, 1, "go-js", "hang"), hang) is None
    assert harness.check(expect(path, 1, "go-js", "exit", code=3), exited) is None
    assert harness.check(expect(path, 1, "go-js", "exit", code=2), exited) is not None
    assert harness.check(expect(path, 1, "go-js", "output", text='"ls"'), exited) is None
    assert harness.check(expect(path, 1, "go-js", "output", text="partial"), hang) is not None
    mismatch = harness.check(expect(path, 1, "go-js", "ok"), hang)
    assert mismatch is not None and "expected ok, got hang" in mismatch


def test_case_directory(tmp_path: Path) -> None:
    """A directory is one case: the header of its main.go, every file built together."""
    case = tmp_path / "WV999" / "pair_bad"
    case.mkdir(parents=True)
    (case / "main.go").write_text(
        '// oracle native: output "from other.go"\n// oracle-fixed native: ok\n'
        "package main\n\nfunc main() { println(other()) }\n"
    )
    (case / "other.go").write_text(
        'package main\n\nfunc other() string { return "from other.go" }\n'
    )
    (tmp_path / "WV999" / "single.go").write_text("// oracle native: ok\npackage main\n")
    assert harness.discover_cases(tmp_path) == [case, tmp_path / "WV999" / "single.go"]
    assert harness.case_files(case) == [case / "main.go", case / "other.go"]
    (exp,) = harness.parse_expectations(case)
    assert (exp.path, exp.test_id, exp.text) == (
        case,
        "WV999/pair_bad[native:output]",
        "from other.go",
    )
    assert [e.kind for e in harness.fixed_expectations(case)] == ["ok"]
    if harness.missing_tool("native") is None:
        outcome = harness.run(harness.build(case, "native", tmp_path / "build"), "native")
        assert harness.check(exp, outcome) is None, outcome.describe()

    (case / "other.go").write_text("// oracle native: ok\npackage main\n")
    with pytest.raises(CaseFormatError, match=r"belong in main\.go"):
        harness.parse_expectations(case)
    (case / "other.go").unlink()
    with pytest.raises(CaseFormatError, match=r"main\.go and other \.go files"):
        harness.parse_expectations(case)


@pytest.mark.parametrize(
    "path", harness.discover_cases(), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_seed_case_conventions(path: Path) -> None:
    """Every case parses; bad cases mark their culprit line with their own rule's code."""
    harness.parse_expectations(path)
    assert re.fullmatch(r"WV\d{3}", path.parent.name), "cases live in cases/<RULE>/"
    wants = [w for p in harness.case_files(path) for w in WANT.findall(p.read_text())]
    if path.stem.endswith("_bad"):
        rule = path.parent.name
        assert rule in wants, f'{path.name}: a bad case needs a // want "{rule}" line'
    if path.stem.endswith("_good"):
        assert not wants, f"{path.name}: a good case must not carry // want annotations"
