"""Call traces in the language server: one relatedInformation entry per frame, a clickable
Location whose column is in the negotiated encoding (read from the dependency file on disk),
and a "Call trace" section in the hover of the finding.

The conversion is tested on findings built here; the end-to-end tests run the server on
tests/dependency_trace, whose traces come from the dependency analysis (deps-core)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import codes, config, published, until
from wasmvet.analysis.source import SourceFile
from wasmvet.diagnostics import Diagnostic, Frame, Severity, Span
from wasmvet.lsp.convert import to_lsp, uri_of
from wasmvet.lsp.hover import explain_finding
from wasmvet.runtime_model.model import Versions

FIXTURE = Path(__file__).resolve().parent.parent / "dependency_trace"
MAIN = FIXTURE / "main.go"
DEP = FIXTURE / "third_party" / "dep" / "dep.go"
#: ``exec.Command`` on dep.go's line 12 (0-based 11): after a tab, ``label := "``, a 4-byte
#: emoji (2 UTF-16 units) and ``"; return ``.
EXEC_BYTES, EXEC_UTF16 = 25, 23
#: ``run(tool)`` on dep.go's line 8 (0-based 7), after a tab and ``return ``.
RUN_COLUMN = 8


def traced() -> Diagnostic:
    """WV301 at main.go's ``dep.Build("make")`` reached through dep.Build and dep.run."""
    return Diagnostic(
        path=MAIN,
        span=Span(12, 13, 12, 30),
        code="WV301",
        name="no-processes",
        severity=Severity.ERROR,
        message="`exec.Command` on wasm: there are no processes to start",
        targets=("go-wasip1",),
        trace=(
            Frame(DEP, 8, RUN_COLUMN + 1, "dep.Build"),
            Frame(DEP, 12, EXEC_BYTES + 1, "dep.run"),
        ),
    )


@pytest.mark.parametrize(
    ("encoding", "exec_column"),
    [("utf-16", EXEC_UTF16), ("utf-8", EXEC_BYTES), ("utf-32", EXEC_UTF16 - 1)],
)
def test_related_information_has_a_location_per_frame(encoding: str, exec_column: int) -> None:
    diag = to_lsp(traced(), {MAIN: SourceFile.read(MAIN)}, encoding)
    assert diag.related_information is not None
    assert [(r.location.uri, r.location.range.start) for r in diag.related_information] == [
        (uri_of(DEP), lsp.Position(line=7, character=RUN_COLUMN)),
        (uri_of(DEP), lsp.Position(line=11, character=exec_column)),
    ]
    assert [r.message for r in diag.related_information] == [
        "dep.Build calls dep.run",
        "dep.run: `exec.Command` on wasm: there are no processes to start",
    ]


def test_a_frame_in_a_file_that_is_gone_keeps_its_position(tmp_path: Path) -> None:
    gone = tmp_path / "gone.go"
    diag = traced()
    diag.trace = (Frame(gone, 3, 5, "gone.F"),)
    (related,) = to_lsp(diag, {MAIN: SourceFile.read(MAIN)}, "utf-16").related_information or []
    assert related.location.uri == uri_of(gone)
    assert related.location.range.start == lsp.Position(line=2, character=4)


def test_hover_on_a_finding_shows_the_call_trace() -> None:
    text = explain_finding(traced(), Versions())
    section = text[text.index("**Call trace**") :].split("\n\n")[1]
    assert section.splitlines() == [
        "1. here: calls dep.Build",
        f"2. [third_party/dep/dep.go:8:9]({uri_of(DEP)}#L8,9): dep.Build calls dep.run",
        f"3. [third_party/dep/dep.go:12:26]({uri_of(DEP)}#L12,26): "
        "dep.run: `exec.Command` on wasm: there are no processes to start",
    ]
    assert text.index("**Call trace**") < text.index("*no-processes*")


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=FIXTURE.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


def open_main(client: LanguageClient) -> str:
    uri = MAIN.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri, language_id="go", version=1, text=MAIN.read_text(encoding="utf-8")
            )
        )
    )
    return uri


async def traced_finding(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    """main.go's diagnostics once the finding through the dependency is there (it follows
    the first publish when the dependency's summaries are computed in the background)."""
    await published(client, uri, 1)
    await until(client, lambda: "WV301" in codes(client, uri), timeout=60)
    return list(client.diagnostics[uri])


@pytest.mark.asyncio
async def test_server_publishes_the_trace_frames(client: LanguageClient) -> None:
    found = await traced_finding(client, open_main(client))
    (diag,) = [d for d in found if d.code == "WV301"]
    assert diag.range.start == lsp.Position(line=12, character=13)
    assert diag.related_information is not None
    assert [(r.location.uri, r.location.range.start) for r in diag.related_information] == [
        (uri_of(DEP), lsp.Position(line=7, character=RUN_COLUMN)),
        (uri_of(DEP), lsp.Position(line=11, character=EXEC_UTF16)),
    ]


@pytest.mark.asyncio
async def test_hover_on_the_call_shows_the_trace(client: LanguageClient) -> None:
    uri = open_main(client)
    await traced_finding(client, uri)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=12, character=18),  # on dep.Build
        )
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "**Call trace**\n\n1. here: calls dep.Build\n2. [third_party/dep/dep.go:8:9]" in (
        hover.contents.value
    )
    assert (
        "**`example.com/dep.Build`**: what wasmvet's summary of this dependency says\n\n"
        "**go-wasip1**\n\n- reaches `os/exec.Command` (via dep.Build → dep.run)"
    ) in hover.contents.value


@pytest.mark.asyncio
async def test_hover_on_a_quiet_dependency_call_shows_its_summary(client: LanguageClient) -> None:
    uri = open_main(client)
    await traced_finding(client, uri)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=13, character=18),  # on dep.Version
        )
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.value.startswith(
        "**`example.com/dep.Version`**: what wasmvet's summary of this dependency says\n\n"
        "**go-wasip1**\n\n- nothing the runtime model flags"
    )
