"""The language server on a document whose parse runs past the budget (the fuzzer's
``if``/``for`` nest, over 100 s unstopped): one warning that its analysis was stopped, and
diagnostics for it and for the other documents as usual."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import SPIN, codes, config, published, until
from tests.test_parse_budget import if_for_nest


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=1, text=text)
        )
    )
    return uri


@pytest.mark.asyncio
async def test_a_stopped_parse_is_told_once(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.24\n")
    (tmp_path / "hang").mkdir()
    (tmp_path / "spin").mkdir()
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=tmp_path.as_uri()
        )
    )
    hang = open_document(client, tmp_path / "hang" / "hang.go", if_for_nest())
    spin = open_document(client, tmp_path / "spin" / "main.go", SPIN)
    await published(client, spin, 1)
    assert codes(client, spin) == ["WV101"]
    await published(client, hang, 1)
    await until(client, lambda: bool(client.messages), method=lsp.WINDOW_SHOW_MESSAGE)
    stopped = [m.message for m in client.messages if "stopped after" in m.message]
    assert len(stopped) == 1
    assert "hang.go" in stopped[0] and "results may be incomplete" in stopped[0]
