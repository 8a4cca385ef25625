"""Messages read as prose: one finding per rule and position across targets, the other
targets' wording in ``target_messages``, no data-file syntax and no placeholder names."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.test_cli import wasmvet
from wasmvet.runtime_model import MODEL
from wasmvet.runtime_model.model import Versions

CHAINED = """package main

import (
\t"fmt"
\t"os/exec"
)

func main() {
\tout, _ := exec.Command("git", "status").Output()
\tfmt.Println(string(out))
}
"""


def test_a_chained_call_is_one_finding_with_a_short_message(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(CHAINED)
    result = wasmvet("check", "--target", "all", "--format", "json", ".", cwd=tmp_path)
    (finding,) = json.loads(result.stdout)
    assert finding["code"] == "WV301" and len(finding["targets"]) == 6
    assert finding["end_column"] == 41  # the innermost call: exec.Command("git", "status")
    assert "; on " not in finding["message"] and len(finding["message"]) < 200
    others = finding["target_messages"]
    assert set(others) == {"tinygo-wasm", "tinygo-wasip1", "tinygo-wasip2", "tinygo-wasm-unknown"}
    assert all(m.startswith("`exec.Command` on wasm") for m in others.values())
    text = wasmvet("check", "--target", "all", ".", cwd=tmp_path).stdout
    assert text.count("WV301") == 1 and "TinyGo" not in text
    assert "(differs on tinygo-wasm,tinygo-wasip1,tinygo-wasip2,tinygo-wasm-unknown: see" in text


def test_model_texts_hold_no_data_syntax_or_placeholder_names() -> None:
    """Every symbol fact, rendered as a finding shows it without a literal argument."""
    versions = Versions()
    names = {n for entry in MODEL._symbols for n in entry.names}
    targets = {t for entry in MODEL._symbols for t in entry.targets}
    for name in names:
        for target in targets:
            for fact in MODEL.symbol_facts(name, target, versions):
                assert "[[" not in fact.summary, (name, target, fact.summary)
                error = fact.error_text(None)
                assert not re.search(r"\{\w+\}|\b(?:NAME|HOST|PORT|URL|ADDRESS)\b", error), (
                    name,
                    target,
                    error,
                )


def test_error_fields_take_the_argument() -> None:
    (fact,) = MODEL.symbol_facts("net/http.Get", "go-wasip1", Versions())
    assert fact.error_text("https://example.com/x") == (
        'Get "https://example.com/x": dial tcp example.com:443: address example.com:443: '
        "connect: Connection refused"
    )
    assert "…" in fact.error_text(None)
