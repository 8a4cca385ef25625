"""A huge document never stalls the others; stale lints stop; a burst of settings changes
lints once. End to end over stdio. The bounds are generous for a loaded machine: without
the lanes and cancellation each wait below lasts the whole analysis of the huge document
(tens of seconds)."""

from __future__ import annotations

import asyncio
import sys
import time
from functools import cache
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import SPIN, config, published, recorder

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from bench_lsp import generate

BOUND = 5.0  # seconds; the huge document alone takes 9-25 s to analyse on a 2-core machine


@cache
def huge() -> str:
    """~5 MB of Go: a few hundred findings in 36,000 functions."""
    return generate("huge", 300_000, seed=1).text


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/busy\n\ngo 1.24\n")
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("neovim@v0.7.0"),
            root_uri=tmp_path.as_uri(),
            initialization_options={"targets": ["go-js"], "lintWorkspace": False},
        )
    )
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=path.as_uri(), language_id="go", version=version, text=text
            )
        )
    )
    return path.as_uri()


def close_doc(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )


def small_file(tmp_path: Path, directory: str) -> Path:
    path = tmp_path / directory / "main.go"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SPIN)
    return path


@pytest.mark.asyncio
async def test_small_file_answers_while_a_huge_one_is_analysed(
    client: LanguageClient, tmp_path: Path
) -> None:
    small = small_file(tmp_path, "small")
    uri = open_doc(client, small, SPIN)
    await published(client, uri, 1)
    big = open_doc(client, tmp_path / "huge" / "main.go", huge())  # an unsaved buffer
    await asyncio.sleep(0.5)
    started = time.monotonic()
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=SPIN + "\n")],
        )
    )
    diagnostics = await asyncio.wait_for(published(client, uri, 2), BOUND)
    assert [d.code for d in diagnostics] == ["WV101"]
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=diagnostics[0].range.start,
            )
        ),
        BOUND,
    )
    assert hover is not None and "WV101" in str(hover.contents)
    assert time.monotonic() - started < BOUND
    assert big not in recorder(client).versions  # still being analysed meanwhile
    close_doc(client, big)


@pytest.mark.asyncio
async def test_newer_change_cancels_the_stale_lint(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "edited" / "main.go", huge())
    await asyncio.sleep(0.5)
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=SPIN)],
        )
    )
    diagnostics = await asyncio.wait_for(published(client, uri, 2), BOUND)
    assert [d.code for d in diagnostics] == ["WV101"]
    assert recorder(client).history[uri] == [2]  # the stale version was never reported


@pytest.mark.asyncio
async def test_close_cancels_the_lint_of_the_closed_document(
    client: LanguageClient, tmp_path: Path
) -> None:
    big = open_doc(client, tmp_path / "pkg" / "huge.go", huge())  # an unsaved buffer
    await asyncio.sleep(0.5)
    close_doc(client, big)
    uri = open_doc(client, small_file(tmp_path, "pkg"), SPIN)  # same package: waits for it
    diagnostics = await asyncio.wait_for(published(client, uri, 1), BOUND)
    assert [d.code for d in diagnostics] == ["WV101"]
    assert big not in recorder(client).versions


@pytest.mark.asyncio
async def test_a_burst_of_configuration_changes_lints_once(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_doc(client, small_file(tmp_path, "cfg"), SPIN)
    await published(client, uri, 1)
    history = recorder(client).history[uri]
    same = {"wasmvet": {"targets": ["go-js"], "lintWorkspace": False}}
    for _ in range(50):  # the settings it has already: nothing to lint again
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=same))
    await asyncio.sleep(1.5)
    assert len(history) == 1
    for n in range(50):
        settings = {"wasmvet": {**same["wasmvet"], "ignore": ["WV101"] if n % 2 else []}}
        client.workspace_did_change_configuration(
            lsp.DidChangeConfigurationParams(settings=settings)
        )
    await asyncio.sleep(2.0)
    assert len(history) == 2  # one lint, with the last settings
    assert list(client.diagnostics[uri]) == []
