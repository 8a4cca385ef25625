"""Host profiles: configuration, inference, the policy that judges host-conditional claims,
and what the command line says about them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.lintkit import lint
from tests.test_cli import wasmvet
from wasmvet.diagnostics import Diagnostic, Severity
from wasmvet.hosts import HostProfile, Preopen, parse_preopen

BROWSER_APP = """package main

import (
\t"fmt"
\t"syscall/js"
)

func main() {
\tdoc := js.Global().Get("document")
\tdoc.Call("addEventListener", "click", js.FuncOf(func(this js.Value, args []js.Value) any {
\t\tfmt.Println("clicked")
\t\treturn nil
\t}))
\tselect {}
}
"""

NEUTRAL_CALLBACK = BROWSER_APP.replace('js.Global().Get("document")', "js.Global()").replace(
    'doc.Call("addEventListener", "click", ', 'doc.Set("onClick", '
)

WASI_TOOL = """package main

import (
\t"fmt"
\t"net"
\t"os"
\t"os/user"
)

func main() {
\tu, err := user.Current()
\tfmt.Println(u, err)
\tfmt.Println(os.UserHomeDir())
\tfmt.Println(os.ReadFile("/etc/app/config.json"))
\tfmt.Println(os.ReadFile("notes.txt"))
\tln, err := net.Listen("tcp", "localhost:0")
\tfmt.Println(ln, err)
\tfmt.Println(os.ReadFile("/proc/self/status"))
}
"""


def _lint(tmp_path: Path, source: str, target: str, host: HostProfile) -> list[Diagnostic]:
    path = tmp_path / "main.go"
    path.write_text(source)
    return lint([path], [target], host=host)


def _found(diagnostics: list[Diagnostic], code: str) -> list[tuple[int, Severity, str]]:
    return [(d.span.start_line + 1, d.severity, d.message) for d in diagnostics if d.code == code]


@pytest.mark.parametrize(
    ("js", "expected"),
    [("node", Severity.WARNING), ("any", Severity.WARNING), ("browser", None)],
)
def test_console_in_callback_is_a_node_only_warning(
    tmp_path: Path, js: str, expected: Severity | None
) -> None:
    found = _found(_lint(tmp_path, NEUTRAL_CALLBACK, "go-js", HostProfile(js=js)), "WV201")
    if expected is None:
        assert found == []
    else:
        assert [(line, sev) for line, sev, _ in found] == [(11, expected)]
        assert "under Node.js; fine in a browser" in found[0][2]


def test_inferred_browser_package_gets_no_node_only_warning(tmp_path: Path) -> None:
    assert _found(_lint(tmp_path, BROWSER_APP, "go-js", HostProfile()), "WV201") == []
    # The same code without a sign of its host runs anywhere: the warning names Node.js.
    assert len(_found(_lint(tmp_path, NEUTRAL_CALLBACK, "go-js", HostProfile()), "WV201")) == 1


def test_wasi_claims_without_known_grants(tmp_path: Path) -> None:
    found = _lint(tmp_path, WASI_TOOL, "go-wasip1", HostProfile())
    levels = {(d.code, d.span.start_line + 1): d.severity for d in found}
    # Go's go_wasip1_wasm_exec preopens / (user.Current, /etc/hosts, files work there): notes.
    assert levels[("WV307", 11)] == Severity.INFO
    assert levels[("WV309", 14)] == Severity.INFO
    assert levels[("WV309", 15)] == Severity.INFO
    assert levels[("WV315", 16)] == Severity.INFO
    # No common host passes $HOME: a warning.
    assert levels[("WV307", 13)] == Severity.WARNING
    home = next(d for d in found if d.code == "WV307" and d.span.start_line + 1 == 13)
    assert "no common host does by default" in home.message


def test_wasi_claims_when_the_host_grants_nothing(tmp_path: Path) -> None:
    found = _lint(tmp_path, WASI_TOOL, "go-wasip1", HostProfile(wasi_dirs=(), wasi_env=()))
    levels = {(d.code, d.span.start_line + 1): d for d in found}
    for key in (("WV307", 11), ("WV307", 13), ("WV309", 14), ("WV309", 15), ("WV315", 16)):
        assert levels[key].severity == Severity.WARNING, key
    assert "unless the host preopens a directory holding notes.txt: `wasmtime run --dir=.`" in (
        levels[("WV309", 15)].message
    )
    assert "`wasmtime run --dir=/`" in levels[("WV315", 16)].message


def test_wasi_claims_when_the_host_grants_them(tmp_path: Path) -> None:
    host = HostProfile(wasi_dirs=("/",), wasi_env=("PWD", "PATH", "HOME"))
    found = _lint(tmp_path, WASI_TOOL, "go-wasip1", host)
    assert [d for d in found if d.code in ("WV307", "WV309", "WV315")] == []
    only_data = HostProfile(wasi_dirs=("/data",), wasi_env=("PWD", "PATH"))
    found = _lint(tmp_path, WASI_TOOL, "go-wasip1", only_data)
    flagged = {(d.code, d.span.start_line + 1) for d in found if d.counts}
    assert ("WV309", 14) in flagged and ("WV307", 13) in flagged


def test_wasi_claims_when_a_scratch_directory_is_the_root(tmp_path: Path) -> None:
    # wasmtime run --dir ./scratch::/ --env PWD=/ --env HOME=/home/user: the program's own
    # files are reachable, but the host's /etc/passwd and /etc/hosts are not there.
    host = HostProfile(wasi_dirs=("./scratch::/",), wasi_env=("PWD", "HOME"))
    found = _lint(tmp_path, WASI_TOOL, "go-wasip1", host)
    hosted = ("WV307", "WV309", "WV315")
    levels = {(d.code, d.span.start_line + 1): d for d in found if d.counts and d.code in hosted}
    # /etc/app/config.json is the program's own file; /proc/self/status is the host's
    assert set(levels) == {("WV307", 11), ("WV315", 16), ("WV309", 18)}
    assert "preopens its own directory holding /etc/passwd" in levels[("WV307", 11)].message
    assert "its own directory holding /proc/self/status" in levels[("WV309", 18)].message
    assert "preopens its own directory holding /etc/hosts" in levels[("WV315", 16)].message


@pytest.mark.parametrize(
    ("dirs", "path", "host_file", "covered"),
    [
        (("/",), "/etc/passwd", True, True),
        (("/::/",), "/etc/passwd", True, True),
        (("/tmp/scratch::/",), "/etc/passwd", True, False),
        (("/tmp/scratch::/",), "/data/in.txt", False, True),
        (("/tmp/scratch::/", "/etc::/etc"), "/etc/hosts", True, True),
        (("/", "/srv/etc::/etc"), "/etc/hosts", True, False),  # the deepest preopen wins
        (("/data",), "/etc/hosts", True, False),
        ((), "/tmp", True, False),
        (None, "/tmp", True, None),
    ],
)
def test_preopens_cover_paths(
    dirs: tuple[str, ...] | None, path: str, host_file: bool, covered: bool | None
) -> None:
    assert HostProfile(wasi_dirs=dirs).covers(path, host_file) is covered


def test_preopen_forms() -> None:
    assert parse_preopen("/") == Preopen("/")
    assert parse_preopen("./out::/data/") == Preopen("/data", "./out")
    assert parse_preopen("/etc::/etc").shows_host_files
    assert not parse_preopen("./etc::/etc").shows_host_files
    for bad in ("data", "::/", "x::", "x::y", "a::/b::/c"):
        with pytest.raises(ValueError, match=repr(bad)):
            parse_preopen(bad)


# --- configuration and the command line ----------------------------------------------------


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return wasmvet("check", "--no-cache", *args, cwd=cwd)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[host]\njs = "mars"\n', "wasmvet.toml:2: host.js: unknown js host 'mars'"),
        ('[host]\nwasi-dirs = "/"\n', "wasmvet.toml:2: host.wasi-dirs: expected a list"),
        ('[host]\nwasi-dirs = ["data"]\n', "host.wasi-dirs: 'data': expected an absolute guest"),
        ('[host]\nwasi-dirs = ["./data::data"]\n', "'./data::data': expected an absolute"),
        ('[host]\nwasi-dirs = ["./data::"]\n', "'./data::': expected HOST::GUEST"),
        ('[host]\nwasi-dirs = ["::/"]\n', "'::/': expected HOST::GUEST (two non-empty"),
        ('[host]\nwasi-env = ["HOME=/"]\n', "host.wasi-env: 'HOME=/': expected a variable"),
        ('[host]\nwasi-envs = ["PWD"]\n', "host.wasi-envs: unknown key"),
        ('host = "browser"\n', "wasmvet.toml:1: host: expected a table"),
    ],
)
def test_bad_host_config_is_one_line_exit_2(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "main.go").write_text(BROWSER_APP)
    (tmp_path / "wasmvet.toml").write_text(toml)
    result = _check(tmp_path, ".")
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_unknown_js_host_flag(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(BROWSER_APP)
    result = _check(tmp_path, "--js-host", "deno", ".")
    assert result.returncode == 2
    assert result.stderr == (
        'wasmvet: error: --js-host: unknown js host \'deno\' (expected "browser", "node" '
        'or "any")\n'
    )


def test_show_settings_and_summary_say_the_inferred_host(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(BROWSER_APP)
    shown = _check(tmp_path, "--show-settings", ".").stdout
    assert "host.js: browser (inferred: main.go:9 uses `document`)" in shown
    assert "host.wasi-dirs: (not known)" in shown
    configured = _check(tmp_path, "--show-settings", "--js-host", "node", ".").stdout
    assert "host.js: node (configured)" in configured
    summary = _check(tmp_path, ".").stderr
    assert "no js host configured" in summary
    assert "1 package: browser (main.go:9 uses `document`)" in summary
    assert "no js host configured" not in _check(tmp_path, "--js-host", "any", ".").stderr


def test_config_host_applies_and_flag_wins(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(BROWSER_APP)
    (tmp_path / "wasmvet.toml").write_text(
        '[host]\njs = "node"\nwasi-dirs = ["/"]\nwasi-env = ["PWD"]\n'
    )
    shown = _check(tmp_path, "--show-settings", ".").stdout
    assert "host.js: node (configured)" in shown
    assert "host.wasi-dirs: ['/']" in shown and "host.wasi-env: ['PWD']" in shown
    assert "WV201" in _check(tmp_path, ".").stdout
    assert "WV201" not in _check(tmp_path, "--js-host", "browser", ".").stdout


def test_host_is_part_of_the_cache_key(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(NEUTRAL_CALLBACK)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first = wasmvet("check", *cache, "--js-host", "node", ".", cwd=tmp_path)
    second = wasmvet("check", *cache, "--js-host", "browser", ".", cwd=tmp_path)
    third = wasmvet("check", *cache, "--js-host", "node", ".", cwd=tmp_path)
    assert "WV201" in first.stdout and "WV201" not in second.stdout
    assert third.stdout == first.stdout


WHOAMI = """package main

import (
\t"fmt"
\t"os/user"
)

func main() {
\tfmt.Println(user.Current())
}
"""


def test_wasi_grant_flags(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(WHOAMI)
    cache = ["--cache-dir", str(tmp_path / "cache"), "--target", "go-wasip1"]
    own_root = wasmvet("check", *cache, "--wasi-dir", "/", ".", cwd=tmp_path)
    scratch = ["--wasi-dir", "./scratch::/", "--wasi-env", "HOME"]
    mapped = wasmvet("check", *cache, *scratch, ".", cwd=tmp_path)
    nothing = wasmvet(
        "check", *cache, "--wasi-dir", "none", "--wasi-env", "none", ".", cwd=tmp_path
    )
    assert own_root.returncode == 0 and "WV307" not in own_root.stdout
    assert mapped.returncode == 1 and "its own directory holding /etc/passwd" in mapped.stdout
    assert nothing.returncode == 1 and "WV307" in nothing.stdout
    shown = _check(tmp_path, "--show-settings", *scratch, ".").stdout
    assert "host.wasi-dirs: ['./scratch::/']" in shown and "host.wasi-env: ['HOME']" in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--wasi-dir", "data"], "--wasi-dir: 'data': expected an absolute guest path"),
        (["--wasi-dir", "x::"], "--wasi-dir: 'x::': expected HOST::GUEST"),
        (["--wasi-env", "HOME=/root"], "--wasi-env: 'HOME=/root': expected a variable name"),
    ],
)
def test_bad_wasi_grant_flags(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "main.go").write_text(WHOAMI)
    result = _check(tmp_path, *args, ".")
    assert result.returncode == 2
    assert result.stderr.startswith(f"wasmvet: error: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_editor_host_setting(tmp_path: Path) -> None:
    from wasmvet.lsp.options import has_settings, overrides_from
    from wasmvet.settings import resolve

    assert has_settings({"wasmvet": {"host": "browser"}})
    overrides = overrides_from({"wasmvet": {"host": "browser"}})
    assert resolve(tmp_path, overrides).host.js == "browser"
    with pytest.raises(ValueError, match="unknown js host 'mars'"):
        resolve(tmp_path, overrides_from({"host": "mars"}))


def test_editor_wasi_settings(tmp_path: Path) -> None:
    from wasmvet.lsp.options import has_settings, overrides_from
    from wasmvet.settings import resolve

    options = {"wasmvet": {"wasiDirs": ["./scratch::/"], "wasiEnv": []}}
    assert has_settings(options)
    host = resolve(tmp_path, overrides_from(options)).host
    assert host.wasi_dirs == ("./scratch::/",) and host.wasi_env == ()
    with pytest.raises(ValueError, match="wasiDirs: 'data': expected an absolute guest path"):
        resolve(tmp_path, overrides_from({"wasiDirs": ["data"]}))
    with pytest.raises(ValueError, match="wasiEnv: 'A=1': expected a variable name"):
        resolve(tmp_path, overrides_from({"wasiEnv": ["A=1"]}))


LOOKUPS = """package main

import (
\t"fmt"
\t"net"
)

func main() {
\tfmt.Println(net.LookupHost("localhost"))
\tfmt.Println(net.LookupHost("example.com"))
}
"""


@pytest.mark.parametrize(
    ("target", "host", "localhost"),
    [
        ("go-js", HostProfile(js="node"), None),
        ("go-js", HostProfile(js="browser"), Severity.WARNING),
        ("go-js", HostProfile(js="any"), Severity.WARNING),
        ("go-wasip1", HostProfile(), Severity.INFO),
        ("go-wasip1", HostProfile(wasi_dirs=()), Severity.WARNING),
        ("go-wasip1", HostProfile(wasi_dirs=("/",)), None),
        ("go-wasip1", HostProfile(wasi_dirs=("/etc::/etc",)), None),
        ("go-wasip1", HostProfile(wasi_dirs=("/tmp/empty::/",)), Severity.WARNING),
    ],
)
def test_localhost_lookups_depend_on_the_host(
    tmp_path: Path, target: str, host: HostProfile, localhost: Severity | None
) -> None:
    found = {line: sev for line, sev, _ in _found(_lint(tmp_path, LOOKUPS, target, host), "WV304")}
    assert found.get(9) == localhost
    assert found[10] == Severity.ERROR  # a real name fails on every host


NATIVE_LOOKING = """package main

import (
\t"fmt"
\t"os"
)

func main() {
\tfmt.Println(os.ReadFile("config.json"))
}
"""


def test_no_sign_of_wasm_makes_js_host_claims_notes(tmp_path: Path) -> None:
    """A package that shows no sign of being built for wasm gets go-js only as a default:
    a failure in some js hosts is a note there (it may never run on any), until a target
    or a js host is configured."""
    (tmp_path / "main.go").write_text(NATIVE_LOOKING)
    guessed = wasmvet("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    (finding,) = json.loads(guessed.stdout)
    assert finding["code"] == "WV309" and finding["severity"] == "info"
    assert guessed.returncode == 0
    configured = wasmvet("check", "--no-cache", "--target", "go-js", ".", cwd=tmp_path)
    assert configured.returncode == 1 and "WV309" in configured.stdout
    told = wasmvet("check", "--no-cache", "--js-host", "any", ".", cwd=tmp_path)
    assert told.returncode == 1 and "WV309" in told.stdout
