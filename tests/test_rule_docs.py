"""docs/rules/ (each rule's page, which editors link to) matches the rules' own documentation."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from wasmvet import __version__
from wasmvet.rules import all_rules

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "gen_rule_docs.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_rule_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load()


def test_rule_pages_are_current() -> None:
    names = gen.stale(gen.render())
    assert not names, (
        f"docs/rules is stale ({', '.join(names)}): run python scripts/gen_rule_docs.py"
    )


def test_every_rule_url_names_its_page() -> None:
    for code, rule in all_rules().items():
        page = REPO / "docs" / "rules" / f"{code}.md"
        assert rule.url.endswith(f"/blob/v{__version__}/docs/rules/{code}.md")
        assert page.is_file()
        assert f"({code})" in page.read_text(encoding="utf-8").splitlines()[2]


def test_check_detects_an_edited_page(tmp_path: Path) -> None:
    pages = gen.render()
    gen.write(pages, tmp_path)
    assert gen.stale(pages, tmp_path) == []
    (tmp_path / "WV101.md").write_text("old text\n", encoding="utf-8")
    (tmp_path / "WV999.md").write_text("a rule that is gone\n", encoding="utf-8")
    assert gen.stale(pages, tmp_path) == ["WV101.md", "WV999.md"]


def test_check_command_passes_on_the_checked_in_pages() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
