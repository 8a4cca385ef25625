"""Pull diagnostics (textDocument/diagnostic) for clients that support them (Neovim 0.11)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import SPIN, config


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("neovim@v0.11.0"),
            root_uri=tmp_path.as_uri(),
            initialization_options={"targets": ["go-js"]},
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_pull_reports_the_current_text(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "main.go"
    path.write_text(SPIN)
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=1, text=SPIN)
        )
    )
    report = await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert isinstance(
        report, lsp.RelatedFullDocumentDiagnosticReport | lsp.FullDocumentDiagnosticReport
    )
    assert [d.code for d in report.items] == ["WV101"]
    clean = SPIN.replace(
        "for !done.Load() {\n\t}", "for !done.Load() {\n\t\truntime.Gosched()\n\t}"
    )
    clean = clean.replace('import "sync/atomic"', 'import (\n\t"runtime"\n\t"sync/atomic"\n)')
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=clean)],
        )
    )
    report = await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert list(report.items) == []
    assert uri not in client.diagnostics  # pull clients get no pushed diagnostics
