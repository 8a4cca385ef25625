"""The parser's CPU budget (issue 16's last-resort valve): tree-sitter-go takes seconds to
minutes on some deeply nested texts of a few KB, found by fuzzing. Past the budget the parse
stops and the file's analysis is reported as incomplete, in the batch CLI and the language
server, never with a traceback or a hang.

The two inputs are the fuzzer's hangs (mutated GOROOT files), reduced to the lines that keep
the parser busy; the budget is made small so that the tests take no longer than it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wasmvet import cli
from wasmvet.analysis import parsing
from wasmvet.analysis.constants import _literal
from wasmvet.analysis.effects import walk
from wasmvet.analysis.source import SourceFile
from wasmvet.fixes.applying import _why_not
from wasmvet.lsp.linting import Linter
from wasmvet.lsp.state import WasmvetServer
from wasmvet.settings import Overrides, resolve


def if_for_nest(n: int = 1362) -> str:
    """``if it`` followed by n ``for !done.Load() {`` and their closing braces, in a
    function whose name holds a backquote (over 100 s of parsing)."""
    opens, closes = "for !done.Load() {" * n, "}" * n
    return f"package p\n\nfunc F`x() {{\n\t\tif it{opens}{closes}yp.embedPos == nil {{"


def const_func_nest(n: int = 1713) -> str:
    """n ``func() {`` (one of them garbled) in a ``const (`` block (about 4 s)."""
    return (
        "package p\n\nconst (\n\tSYS_FGETXATTR              = 10\n\tSYS_TGKILL    "
        + "func() {" * 426
        + 'func()F^Vh"/\x18 {'
        + "func() {" * (n - 426)
        + "for !done.Load() {"
        + "}" * (n + 2)
        + "             = 131"
    )


HANGS = {"if_for_nest": if_for_nest, "const_func_nest": const_func_nest}


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "BUDGET_SECONDS", 0.05)
    monkeypatch.setattr(parsing, "BUDGET_PER_MB", 0.0)


@pytest.mark.parametrize("shape", sorted(HANGS))
def test_a_stopped_parse_leaves_the_header(small_budget: None, shape: str) -> None:
    source = SourceFile(Path("x.go"), HANGS[shape]().encode())
    assert source.stopped is not None
    assert str(source.root) == "(source_file (package_clause (package_identifier)))"


@pytest.mark.parametrize("shape", sorted(HANGS))
def test_check_notes_the_stopped_file(
    small_budget: None,
    shape: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "hang.go").write_text(HANGS[shape]())
    (tmp_path / "ok.go").write_text("package p\n\nfunc ok() {}\n")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "--isolated", "--no-cache", "--target", "all", "."])
    err = capsys.readouterr().err
    assert code in (0, 1)
    assert "Traceback" not in err
    assert "analysis of hang.go stopped after " in err
    assert "; results may be incomplete" in err
    assert "ok.go" not in err


def test_an_ordinary_file_is_not_stopped() -> None:
    data = b"package p\n\n" + b"func f() { for i := 0; i < 3; i++ { g(i) } }\n" * 2000
    assert SourceFile(Path("x.go"), data).stopped is None


def test_an_edit_after_a_stopped_parse_parses_afresh(small_budget: None) -> None:
    stopped = SourceFile(Path("x.go"), if_for_nest().encode())
    assert stopped.stopped is not None
    fixed = b"package p\n\nfunc f() {\n\tg()\n}\n"
    after = SourceFile(Path("x.go"), fixed, stopped)
    assert after.stopped is None
    assert "function_declaration" in str(after.root)
    assert not after.root.has_error


def test_fixes_to_a_stopped_file_are_not_written(small_budget: None) -> None:
    stopped = SourceFile(Path("x.go"), const_func_nest().encode())
    why = _why_not(stopped.data, stopped)
    assert why is not None and "parse budget" in why


def test_the_language_server_tells_once(small_budget: None, tmp_path: Path) -> None:
    path = tmp_path / "hang.go"
    path.write_text("package p\n")
    settings = resolve(tmp_path, Overrides(isolated=True))
    lint = Linter().lint_package(tmp_path, {path: if_for_nest()}, settings, False)
    assert lint.files[path].source.stopped is not None
    server = WasmvetServer()
    shown: list[str] = []
    server.window_show_message = lambda params: shown.append(params.message)  # type: ignore[method-assign]
    server.tell_stopped(lint)
    server.tell_stopped(lint)
    assert len(shown) == 1
    assert f"analysis of {path} stopped after " in shown[0]


@pytest.mark.parametrize("literal", ["0x1p99999", "0x1P+2000", "1e999999999"])
def test_huge_float_constants_have_no_value(literal: str) -> None:
    """Found by the fuzzer: ``0x1p99999`` crashed WV503 (OverflowError), and an exact
    ``1e999999999`` would never finish."""
    source = SourceFile(Path("x.go"), f"package p\n\nconst x = {literal}\n".encode())
    (node,) = [n for n in walk(source.root) if n.type == "float_literal"]
    assert _literal(node) is None


def test_ordinary_float_constants_keep_their_value() -> None:
    source = SourceFile(Path("x.go"), b"package p\n\nconst x = 0x1p4\nconst y = 2.5e3\n")
    values = [_literal(n) for n in walk(source.root) if n.type == "float_literal"]
    assert [v.value if v else None for v in values] == [16, 2500]
