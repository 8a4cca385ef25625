"""What each diagnostic carries (documentation link, related locations in other files,
targets, tags), hover over calls the runtime model knows, the order of published versions
under a burst of edits, and a failing analysis that leaves the last good diagnostics."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import SPIN, codes, config, published, recorder, until
from wasmvet import __version__

SETTER = "package main\n\nfunc setter() { done.Store(true) }\n"
WAITER = """package main

import "sync/atomic"

var done atomic.Bool

func main() {
\tgo setter()
\tfor !done.Load() {
\t}
}
"""
CALLBACK = """package main

import (
\t"net/http"
\t"syscall/js"
)

func main() {
\tjs.Global().Get("document").Set("onclick", js.FuncOf(func(this js.Value, args []js.Value) any {
\t\thttp.Get("https://example.com")
\t\treturn nil
\t}))
\tselect {}
}
"""
STALE = """package main

func main() {
\tx := 1 //wasmvet:ignore WV101 nothing spins here
\t_ = x
}
"""
CALLS = """package main

import (
\t"os/exec"
\t"runtime"
\t"syscall/js"
)

func main() {
\tn := runtime.GOMAXPROCS(0)
\tcb := js.FuncOf(func(this js.Value, args []js.Value) any { return n })
\tjs.Global().Get("document").Set("onclick", cb)
\t_ = exec.Command("git")
\tselect {}
}
"""


async def initialize(client: LanguageClient, root: Path, targets: list[str]) -> None:
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=(root / "workspace").as_uri(),  # the files below are outside it
            initialization_options={"targets": targets},
        )
    )


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await initialize(lsp_client, tmp_path, ["go-js"])
    yield
    await lsp_client.shutdown_session()


def open_file(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri, language_id="go", version=version, text=text
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


@pytest.mark.asyncio
async def test_code_description_targets_and_related_file(
    client: LanguageClient, tmp_path: Path
) -> None:
    """WV101's related location is the write in the goroutine, in another (unopened) file."""
    (tmp_path / "setter.go").write_text(SETTER)
    uri = open_file(client, tmp_path / "main.go", WAITER)
    (diag,) = await published(client, uri, 1)
    assert diag.code == "WV101" and diag.source == "wasmvet"
    assert diag.code_description is not None
    assert diag.code_description.href.endswith(f"/blob/v{__version__}/docs/rules/WV101.md")
    assert diag.message.endswith("[go-js]") and diag.data == {"code": "WV101", "targets": ["go-js"]}
    assert diag.severity == lsp.DiagnosticSeverity.Error
    (related,) = diag.related_information or []
    assert related.location.uri == (tmp_path / "setter.go").as_uri()
    start = related.location.range.start
    assert (start.line, start.character) == (2, SETTER.splitlines()[2].index("done.Store"))
    assert "cannot run while the loop spins" in related.message


@pytest.mark.asyncio
async def test_callback_finding_points_at_its_js_funcof(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_file(client, tmp_path / "main.go", CALLBACK)
    (diag,) = await published(client, uri, 1)
    assert diag.code == "WV201" and diag.range.start.line == 9
    (related,) = diag.related_information or []
    assert related.message == "the callback is created here"
    assert related.location.uri == uri and related.location.range.start.line == 8
    assert related.location.range.start.character == CALLBACK.splitlines()[8].index("js.FuncOf")


@pytest.mark.asyncio
async def test_unused_suppression_is_tagged_unnecessary(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_file(client, tmp_path / "main.go", STALE)
    (diag,) = await published(client, uri, 1)
    assert diag.code == "WV900"
    assert list(diag.tags or []) == [lsp.DiagnosticTag.Unnecessary]
    assert diag.severity == lsp.DiagnosticSeverity.Information


async def hover_at(client: LanguageClient, uri: str, line: int, character: int) -> str | None:
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=character),
        )
    )
    if hover is None:
        return None
    assert isinstance(hover.contents, lsp.MarkupContent)
    return hover.contents.value


@pytest.mark.asyncio
async def test_hover_over_calls_the_model_knows(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_file(client, tmp_path / "main.go", CALLS)
    await published(client, uri, 1)
    lines = CALLS.splitlines()
    funcof = await hover_at(client, uri, 10, lines[10].index("FuncOf"))
    assert funcof is not None
    assert funcof.startswith("**`syscall/js.FuncOf`** on the configured targets")
    assert "**go-js**" in funcof and "**js.callback-blocks-event-loop**" in funcof

    gomaxprocs = await hover_at(client, uri, 9, lines[9].index("GOMAXPROCS"))
    assert gomaxprocs is not None
    assert "**WV105** (go-js)" in gomaxprocs  # the note on that call comes first
    assert "**`runtime.GOMAXPROCS`**" in gomaxprocs and "works: always 1 on wasm." in gomaxprocs

    command = await hover_at(client, uri, 12, lines[12].index("exec") + 1)
    assert command is not None and "runtime-error" in command
    assert 'Fails with `exec: "git": executable file not found in $PATH`' in command

    argument = await hover_at(client, uri, 12, lines[12].index('"git"') + 1)
    assert argument is not None and argument.startswith("**WV301**")  # inside the finding,
    assert "**`os/exec.Command`**" not in argument  # but not on the callee
    assert await hover_at(client, uri, 13, 2) is None  # select {}


@pytest.mark.asyncio
async def test_hover_lists_each_configured_target(client: LanguageClient, tmp_path: Path) -> None:
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"wasmvet": {"targets": ["all"]}})
    )
    text = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'
    uri = open_file(client, tmp_path / "main.go", text)
    await published(client, uri, 1)
    hover = await hover_at(client, uri, 4, text.splitlines()[4].index("Println"))
    assert hover is not None
    assert "**go-js**\n\n- needs the JavaScript event loop" in hover
    assert "**go-wasip1**\n\n- does not yield" in hover, hover


@pytest.mark.asyncio
async def test_a_burst_of_edits_never_publishes_an_older_version_last(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_file(client, tmp_path / "main.go", SPIN)
    history: list[int | None] = []
    record = recorder(client)
    await published(client, uri, 1)
    for version in range(2, 32):
        text = SPIN.replace("spin", f"spin {version}")
        change(client, uri, version, text)
    await until(client, lambda: record.versions.get(uri) == 31)
    history = record.history[uri]
    assert history == sorted(history) and history[-1] == 31
    assert codes(client, uri) == ["WV101"]


CRASHING_SERVER = [
    sys.executable,
    "-c",
    "import wasmvet.lsp.linting as linting\n"
    "real = linting.Linter.lint_package\n"
    "def lint_package(self, directory, buffers, settings, tests, *rest):\n"
    "    if any('CRASH' in text for text in buffers.values()):\n"
    "        raise RuntimeError('injected analysis failure')\n"
    "    return real(self, directory, buffers, settings, tests, *rest)\n"
    "linting.Linter.lint_package = lint_package\n"
    "from wasmvet.lsp.server import main\n"
    "raise SystemExit(main())\n",
]


@pytest_lsp.fixture(config=config(server_command=CRASHING_SERVER))
async def crashing(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await initialize(lsp_client, tmp_path, ["go-js"])
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_failed_analysis_is_logged_and_keeps_the_last_good_diagnostics(
    crashing: LanguageClient, tmp_path: Path
) -> None:
    """(The failure is injected by the test's server command; no input is known to crash.)"""
    client = crashing
    uri = open_file(client, tmp_path / "main.go", SPIN)
    assert [d.code for d in await published(client, uri, 1)] == ["WV101"]
    change(client, uri, 2, SPIN + "// CRASH\n")
    await until(
        client,
        lambda: any("injected analysis failure" in m.message for m in client.log_messages),
        method=lsp.WINDOW_LOG_MESSAGE,
    )
    (logged,) = [m for m in client.log_messages if "injected" in m.message]
    assert logged.type == lsp.MessageType.Error and "analysing" in logged.message
    assert recorder(client).versions[uri] == 1 and codes(client, uri) == ["WV101"]
    change(client, uri, 3, "package main\n\nfunc main() {}\n")
    assert await published(client, uri, 3) == []
