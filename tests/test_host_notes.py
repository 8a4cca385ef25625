"""``any-host = "note"``: a claim about one js host is a note when the host is not known."""

from __future__ import annotations

from pathlib import Path

import pytest

from wasmvet.diagnostics import Severity
from wasmvet.hosts import HostCondition, HostProfile, judge
from wasmvet.runtime_model import MODEL
from wasmvet.runtime_model.model import RuntimeModel

NODE_ONLY = HostCondition(js_hosts=frozenset({"node"}), note_on_any=True)


@pytest.mark.parametrize(
    ("js", "severity"),
    [("any", Severity.INFO), (None, Severity.INFO), ("node", Severity.WARNING), ("browser", None)],
)
def test_note_on_any(js: str | None, severity: Severity | None) -> None:
    verdict = judge(NODE_ONLY, HostProfile(js=js), True, MODEL.wasi_defaults)
    assert (verdict.severity if verdict else None) == severity
    if verdict:
        assert verdict.clause == "under Node.js; fine in a browser"


def test_without_note_on_any_the_unknown_host_gets_a_warning() -> None:
    condition = HostCondition(js_hosts=frozenset({"node"}))
    verdict = judge(condition, HostProfile(js="any"), True, MODEL.wasi_defaults)
    assert verdict is not None and verdict.severity is Severity.WARNING


def test_main_blocks_fact_carries_its_condition() -> None:
    condition = MODEL.fact("host.js-main-blocks").condition
    assert condition.js_hosts == {"node"} and condition.note_on_any


def test_bad_any_host_value_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        '[[fact]]\nid = "x"\ntargets = ["go-js"]\nstatement = "s"\nevidence = []\n'
        'js-hosts = ["node"]\nany-host = "loud"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="any-host"):
        RuntimeModel(tmp_path).fact("x")
