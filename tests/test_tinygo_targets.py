"""TinyGo targets and the target matrix, as a user meets them on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wasmvet.runtime_model import MODEL
from wasmvet.runtime_model.model import Versions

TEMPLATES = """package main

import (
\t"os"
\t"reflect"
\t"text/template"
)

type User struct{ Name string }

func (User) Hello() string { return "hi" }

func main() {
\tu := User{"ann"}
\tt := template.Must(template.New("p").Parse("Hello {{.Name}}"))
\t_ = t.Execute(os.Stdout, u)
\t_ = reflect.ValueOf(u).MethodByName("Hello")
}
"""


def check(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wasmvet", "check", *args, "."],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def findings(folder: Path, *args: str) -> list[dict[str, Any]]:
    result = check(folder, "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_templates_and_method_by_name_fail_on_tinygo_only(tmp_path: Path) -> None:
    write(tmp_path, {"main.go": TEMPLATES})
    found = findings(tmp_path, "--target", "tinygo-wasm", "--target", "go-js")
    assert [(f["line"], f["code"], f["targets"]) for f in found] == [
        (16, "WV502", ["tinygo-wasm"]),
        (17, "WV502", ["tinygo-wasm"]),
    ]
    assert "MethodByName" in found[0]["message"]
    assert found[0]["switch_targets"][0]["target"] == "go-js"


def test_int_constant_above_2_31_is_flagged_for_tinygo_targets_only(tmp_path: Path) -> None:
    write(tmp_path, {"main.go": "package main\n\nfunc main() {\n\tn := 1 << 31\n\t_ = n\n}\n"})
    found = findings(tmp_path, "--target", "all")
    assert [(f["code"], f["targets"]) for f in found] == [
        ("WV503", ["tinygo-wasm", "tinygo-wasip1", "tinygo-wasip2", "tinygo-wasm-unknown"])
    ]


def test_file_selection_follows_each_targets_goos_and_tags(tmp_path: Path) -> None:
    exec_call = 'import "os/exec"\n\nfunc run() { _ = exec.Command("ls").Run() }\n'
    write(
        tmp_path,
        {
            "main.go": "package main\n\nfunc main() {}\n",
            "only_wasip1.go": f"//go:build wasip1\n\npackage main\n\n{exec_call}",
            "only_linux.go": f"//go:build linux\n\npackage main\n\n{exec_call}",
        },
    )
    found = findings(tmp_path, "--target", "all")
    by_file: dict[str, list[str]] = {}
    for f in found:
        if f["code"] == "WV301":
            by_file.setdefault(f["path"], [])
            by_file[f["path"]] += [t for t in f["targets"] if t not in by_file[f["path"]]]
    # TinyGo's wasip2 and wasm-unknown build as linux/arm: the wasip1 file is not analysed.
    assert by_file == {
        "only_wasip1.go": ["go-wasip1", "tinygo-wasip1"],
        "only_linux.go": ["tinygo-wasip2", "tinygo-wasm-unknown"],
    }


def test_runtime_goos_guards_use_the_runtime_value(tmp_path: Path) -> None:
    source = (
        'package main\n\nimport (\n\t"os/exec"\n\t"runtime"\n)\n\n'
        'func main() {\n\tif runtime.GOOS == "wasip2" || runtime.Compiler == "tinygo" {\n'
        '\t\treturn\n\t}\n\t_ = exec.Command("ls").Run()\n}\n'
    )
    write(tmp_path, {"main.go": source})
    found = findings(tmp_path, "--target", "go-wasip1", "--target", "tinygo")
    assert [f["targets"] for f in found if f["code"] == "WV301"] == [["go-wasip1"]]


def test_tinygo_version_gates_facts(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"main.go": 'package main\n\nimport "net/http/httptest"\n\nvar _ = httptest.NewRecorder\n'},
    )
    old = findings(tmp_path, "--target", "tinygo-wasip1", "--tinygo-version", "0.34")
    assert [f["code"] for f in old] == ["WV501"]
    assert "package net/http/httptest is not in std" in old[0]["message"]
    assert findings(tmp_path, "--target", "tinygo-wasip1", "--tinygo-version", "0.38") == []


def test_export_and_wasmexport_by_version(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.go": "package main\n\n//export add\nfunc add(a, b int32) int32 { return a + b }"
            "\n\n//go:wasmexport mul\nfunc mul(a, b int32) int32 { return a * b }\n\n"
            "func main() {}\n"
        },
    )
    new = findings(tmp_path, "--target", "go-wasip1", "--go-version", "1.24")
    assert [f["code"] for f in new] == ["WV404"]
    assert "use `//go:wasmexport add`" in new[0]["message"]
    assert new[0]["switch_targets"][0]["build_command"].startswith("tinygo build -target=wasip1")
    old = findings(tmp_path, "--target", "go-wasip1", "--go-version", "1.22")
    assert [f["code"] for f in old] == ["WV404", "WV403"]
    assert "needs Go 1.24" in old[1]["message"]
    # TinyGo: //export works; //go:wasmexport since 0.34.
    assert findings(tmp_path, "--target", "tinygo-wasip1") == []
    tiny_old = findings(tmp_path, "--target", "tinygo-wasip1", "--tinygo-version", "0.33")
    assert [(f["code"], "needs TinyGo 0.34" in f["message"]) for f in tiny_old] == [("WV403", True)]


@pytest.mark.parametrize(
    ("files", "inferred"),
    [
        (
            {
                "main.go": '//go:build tinygo\n\npackage main\n\nimport "syscall/js"\n'
                "\nvar _ = js.Global\n"
            },
            "tinygo-wasm (main.go imports syscall/js)",
        ),
        (
            {
                "main.go": 'package main\n\nimport "go.bytecodealliance.org/cm"\n'
                "\nvar _ cm.Option[int]\n"
            },
            "tinygo-wasip2 (main.go imports go.bytecodealliance.org/cm",
        ),
        ({"main_wasip1.go": "package main\n\nfunc main() {}\n"}, "go-wasip1 (main_wasip1.go"),
        (
            {
                "main.go": '//go:build !tinygo\n\npackage main\n\nimport "syscall/js"\n'
                "\nvar _ = js.Global\n"
            },
            "go-js (main.go imports syscall/js)",
        ),
    ],
)
def test_inferred_targets_are_said(tmp_path: Path, files: dict[str, str], inferred: str) -> None:
    write(tmp_path, files)
    assert f"1 package: {inferred}" in check(tmp_path).stderr


def test_every_switch_names_known_targets_and_rules() -> None:
    from wasmvet.rules import all_rules
    from wasmvet.targets import TARGETS

    for item in MODEL._raw["switch"]:
        assert item["to"] in TARGETS and set(item["from"]) <= set(TARGETS)
        assert set(item["rules"]) <= set(all_rules()), item["rules"]
        for code in item["rules"]:
            assert set(item["from"]) <= all_rules()[code].targets
            assert item["to"] not in all_rules()[code].targets or code == "WV403"


def test_model_answers_by_release() -> None:
    assert MODEL.package("os/signal", "tinygo-wasip1", Versions(tinygo=37)) is not None
    assert MODEL.package("os/signal", "tinygo-wasip1", Versions(tinygo=38)) is None
    recover = MODEL.fact_holds("tinygo.recover", "tinygo-wasm", Versions(tinygo=41))
    assert recover is not None and recover.holds_for == "TinyGo up to 0.41"
    assert MODEL.fact_holds("tinygo.recover", "tinygo-wasm", Versions(tinygo=42)) is None
