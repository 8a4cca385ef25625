"""Which files and targets a check covers: build tags (--tags, build-tags, $GOFLAGS, in the
cache key), Go's names for its ports, targets inferred by evaluating build constraints, and
"did you mean" for mistyped targets, flags, choices and codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.test_cli import wasmvet

EXEC = 'package main\n\nimport "os/exec"\n\nfunc main() { _ = exec.Command("ls").Run() }\n'


def check(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return wasmvet("check", *args, ".", cwd=root, env=env)


def findings(result: subprocess.CompletedProcess[str]) -> list[str]:
    """``file:line:col: CODE [targets]`` of each finding."""
    found = []
    for line in result.stdout.splitlines():
        if ": WV" in line:
            words = line.split()
            targets = next(w for w in words[2:] if w.startswith("[") and w != "[*]")
            found.append(f"{words[0]} {words[1]} {targets}")
    return found


@pytest.fixture
def tagged(tmp_path: Path) -> Path:
    """One package built only with the tag ``integration``, one only without ``netgo``."""
    (tmp_path / "it").mkdir()
    (tmp_path / "it" / "main.go").write_text("//go:build integration\n\n" + EXEC)
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "main.go").write_text("// +build !netgo\n\n" + EXEC)
    return tmp_path


def test_tags_flag_config_and_goflags(tagged: Path) -> None:
    none = ["plain/main.go:7:19: WV301 [go-js]"]
    both = ["it/main.go:7:19: WV301 [go-js]", *none]
    assert findings(check(tagged, "--target", "js")) == none
    assert findings(check(tagged, "--target", "js", "--tags", "integration")) == both
    assert findings(check(tagged, "--target", "js", "--tags", "integration,netgo")) == both[:1]
    assert findings(check(tagged, "--target", "js", "--tags", "integration netgo")) == both[:1]
    goflags = {"GOFLAGS": "-mod=mod '-tags=netgo integration' -trimpath"}
    assert findings(check(tagged, "--target", "js", env=goflags)) == both[:1]
    assert findings(check(tagged, "--target", "js", env={"GOFLAGS": "--tags=integration"})) == both
    # wasmvet.toml's build-tags over $GOFLAGS; --tags over both; --tags= clears them.
    (tagged / "wasmvet.toml").write_text('targets = ["wasip1"]\nbuild-tags = ["integration"]\n')
    wasip1 = [f.replace("go-js", "go-wasip1") for f in both]
    assert findings(check(tagged, env={"GOFLAGS": "-tags=netgo"})) == wasip1
    assert findings(check(tagged, "--tags", "netgo")) == []
    assert findings(check(tagged, "--tags=")) == wasip1[1:]
    shown = wasmvet("check", "--show-settings", "it", cwd=tagged).stdout
    assert "build-tags: ['integration']" in shown


def test_tags_are_part_of_the_cache_key(tagged: Path) -> None:
    first = check(tagged, "--target", "js")
    again = check(tagged, "--target", "js", "--tags", "integration")
    assert findings(first) == ["plain/main.go:7:19: WV301 [go-js]"]
    assert "it/main.go:7:19: WV301 [go-js]" in findings(again)
    assert (tagged / ".wasmvet_cache").is_dir()


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("--tags", "a-b"), {}, "wasmvet: error: --tags: 'a-b' is not a build tag"),
        ((), {"GOFLAGS": "-tags a,b"}, "$GOFLAGS: -tags needs a value: write -tags=a,b"),
        ((), {"GOFLAGS": "'-tags=a"}, "$GOFLAGS: unterminated ' string"),
        (("--target", "js,"), {}, "empty target in 'js,'"),
        (("--select", ""), {}, "--select: empty rule code"),
        (("--go-version", "1.99"), {}, "Go 1.99 is newer than this wasmvet knows"),
        (("--tagz", "a"), {}, "unrecognized arguments: --tagz (did you mean '--tags'?)"),
        (("-tags", "a"), {}, "unrecognized arguments: -tags (did you mean '--tags'?)"),
        (("--format", "jsn"), {}, "invalid choice: 'jsn' (did you mean 'json'?)"),
        (("--target", "wasi"), {}, "unknown target 'wasi' (did you mean 'wasip1'?)"),
        (("--target", "tinygo-wasi"), {}, "(did you mean 'tinygo-wasip1'?)"),
        (("--ignore", "wv101"), {}, "unknown rule code or prefix 'wv101' (did you mean 'WV101'?)"),
        (("--extend-select", "WV3O1"), {}, "(did you mean 'WV301'?)"),
    ],
)
def test_bad_flags_are_one_line_errors(
    tagged: Path, args: tuple[str, ...], env: dict[str, str], message: str
) -> None:
    result = check(tagged, *args, env=env)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_typos_in_subcommands_and_rule_names() -> None:
    command = wasmvet("chek")
    assert command.returncode == 2
    assert "invalid choice: 'chek' (did you mean 'check'?)" in command.stderr
    explain = wasmvet("explain", "spin-wiat")
    assert explain.returncode == 2
    assert "unknown rule 'spin-wiat' (did you mean 'spin-wait'?)" in explain.stderr


@pytest.mark.parametrize("name", ["js", "js/wasm", "wasip1", "wasip1/wasm"])
def test_go_port_names_are_targets(tmp_path: Path, name: str) -> None:
    (tmp_path / "main.go").write_text(EXEC)
    target = "go-js" if name.startswith("js") else "go-wasip1"
    assert findings(check(tmp_path, "--target", name)) == [f"main.go:5:19: WV301 [{target}]"]
    (tmp_path / "wasmvet.toml").write_text(f'targets = ["{name}", "go-js"]\n')
    both = "go-js,go-wasip1" if target == "go-wasip1" else "go-js"
    assert findings(check(tmp_path)) == [f"main.go:5:19: WV301 [{both}]"]


@pytest.mark.parametrize(
    ("files", "targets", "reason"),
    [
        (  # a !wasip1 term does not ask for wasip1
            {"native.go": "//go:build !js && !wasip1\n\npackage main\n\nfunc f() {}\n"},
            "[go-js]",
            "go-js (the default: nothing in the code names a target)",
        ),
        (  # both ports named: both targets
            {"either.go": "//go:build js || wasip1\n\npackage main\n\nfunc f() {}\n"},
            "[go-js,go-wasip1]",
            "go-js,go-wasip1 (either.go is built for js and wasip1)",
        ),
        (  # one file per port
            {
                "clock_js.go": "package main\n\nfunc f() {}\n",
                "clock_wasip1.go": "package main\n\nfunc f() {}\n",
            },
            "[go-js,go-wasip1]",
            "go-js,go-wasip1 (clock_js.go is built for js; clock_wasip1.go is built for wasip1)",
        ),
        (  # !windows holds on every wasm port: no request
            {"unix.go": "//go:build !windows\n\npackage main\n\nfunc f() {}\n"},
            "[go-js]",
            "go-js (the default",
        ),
        (  # a comment mentioning wasip1 is not a constraint
            {"doc.go": "// Runs on wasip1 hosts too.\n\npackage main\n\nfunc f() {}\n"},
            "[go-js]",
            "go-js (the default",
        ),
        (  # a tag the run does not set: the file is not built for wasip1
            {"it.go": "//go:build wasip1 && integration\n\npackage main\n\nfunc f() {}\n"},
            "[go-js]",
            "go-js (the default",
        ),
        (  # TinyGo's tag, negated: not a request for TinyGo
            {"gc.go": "//go:build !tinygo && wasip1\n\npackage main\n\nfunc f() {}\n"},
            "[go-wasip1]",
            "go-wasip1 (gc.go is built for wasip1)",
        ),
        (
            {"tiny.go": "//go:build tinygo && (js || wasip1)\n\npackage main\n\nfunc f() {}\n"},
            "[tinygo-wasm,tinygo-wasip1]",
            "tinygo-wasm,tinygo-wasip1 (tiny.go is built for js and wasip1)",
        ),
        (  # files for each compiler (vecty's dom_tinygo.go / dom_no_tinygo.go): both
            {
                "page_js.go": "package main\n\nfunc f() {}\n",
                "tiny.go": "//go:build tinygo\n\npackage main\n\nfunc g() {}\n",
                "gc.go": "//go:build !tinygo\n\npackage main\n\nfunc g() {}\n",
            },
            "[go-js,tinygo-wasm]",
            "go-js,tinygo-wasm (page_js.go is built for js)",
        ),
        (  # purego is set by TinyGo but not TinyGo's own: no request for TinyGo
            {"pure.go": "//go:build purego\n\npackage main\n\nfunc f() {}\n"},
            "[go-js]",
            "go-js (the default",
        ),
        (
            {"p2.go": "//go:build !wasip2\n\npackage main\n\nfunc f() {}\n"},
            "[go-js]",
            "go-js (the default",
        ),
    ],
)
def test_inferred_targets_evaluate_constraints(
    tmp_path: Path, files: dict[str, str], targets: str, reason: str
) -> None:
    (tmp_path / "main.go").write_text(EXEC)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = wasmvet("check", "--no-cache", ".", cwd=tmp_path)
    assert findings(result)[0] == f"main.go:5:19: WV301 {targets}"
    assert f"1 package: {reason}" in result.stderr


def test_inference_honours_build_tags(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(EXEC)
    (tmp_path / "it.go").write_text("//go:build wasip1 && integration\n\npackage main\n")
    result = wasmvet("check", "--tags", "integration", ".", cwd=tmp_path)
    assert findings(result) == ["main.go:5:19: WV301 [go-wasip1]"]
    assert "1 package: go-wasip1 (it.go is built for wasip1)" in result.stderr


REACTOR = (
    "//go:build !std\n\npackage main\n\n//go:wasmexport greet\nfunc greet() int32 { return 1 }\n"
)
STD_MAIN = "//go:build std\n\npackage main\n\nfunc main() {}\n"


@pytest.mark.parametrize(
    ("main", "targets", "wv403"),
    [
        (STD_MAIN, "tinygo-wasip1", False),  # main only under a tag not set: a TinyGo reactor
        ("package main\n\nfunc main() {}\n", "go-wasip1", True),  # Go's wasip1 at 1.21: ignored
    ],
)
def test_wasmexport_without_main_is_a_tinygo_reactor(
    tmp_path: Path, main: str, targets: str, wv403: bool
) -> None:
    (tmp_path / "go.mod").write_text("module example.com/plugin\n\ngo 1.21\n")
    (tmp_path / "tiny_main.go").write_text(REACTOR)
    (tmp_path / "std_main.go").write_text(main)
    result = wasmvet("check", "--no-cache", ".", cwd=tmp_path)
    assert f"1 package: {targets} (tiny_main.go uses //go:wasmexport" in result.stderr
    assert any("WV403" in f for f in findings(result)) is wv403
