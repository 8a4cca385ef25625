"""Dependency summaries in the language server: an edit-time lint publishes what is known
at once, a background worker computes the missing summaries into the summary cache, and the
findings through dependencies follow in a second publish of the same version; later edits
get them at once. A summary cache the CLI filled serves the server's first lint.

The fixture is tests/dependency_trace: main.go's ``dep.Build("make")`` reaches
``exec.Command`` in a replacement directory (WV301 on go-wasip1, with a two-frame trace).
tests/dependency_never: code after ``serve.Forever()`` (a dependency call that never
returns) never runs; the first publish, made before that is known, holds back what follows
any dependency call not known yet, so that no finding there shows and then vanishes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import config, recorder, until

FIXTURE = Path(__file__).resolve().parent.parent / "dependency_trace"
MAIN = FIXTURE / "main.go"
NEVER = Path(__file__).resolve().parent.parent / "dependency_never"
COLD = Path(tempfile.mkdtemp(prefix="wasmvet-lsp-cold-"))
WARM = Path(tempfile.mkdtemp(prefix="wasmvet-lsp-warm-"))


async def _start(client: LanguageClient, root: Path = FIXTURE) -> None:
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            initialization_options={"lintWorkspace": False},
        )
    )


@pytest_lsp.fixture(config=config(cache_dir=COLD))
async def cold(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await _start(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config(cache_dir=WARM))
async def warm(lsp_client: LanguageClient) -> AsyncIterator[None]:
    env = {**os.environ, "WASMVET_CACHE_DIR": str(WARM)}
    command = [sys.executable, "-m", "wasmvet", "check", "--quiet", "."]
    subprocess.run(command, cwd=FIXTURE, env=env, capture_output=True, check=False)
    await _start(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config())
async def never(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await _start(lsp_client, NEVER)
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, text: str, version: int, path: Path = MAIN) -> str:
    uri = path.as_uri()
    item = lsp.TextDocumentItem(uri=uri, language_id="go", version=version, text=text)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
    return uri


async def _published(client: LanguageClient, uri: str, version: int, count: int) -> None:
    """Wait until ``count`` publishes of ``version`` arrived."""
    record = recorder(client)
    await until(client, lambda: record.history.get(uri, []).count(version) >= count, timeout=60)


def _publishes(client: LanguageClient, uri: str) -> list[list[lsp.Diagnostic]]:
    return recorder(client).diagnostics[uri]


def _traced(diagnostics: list[lsp.Diagnostic]) -> list[lsp.Diagnostic]:
    return [d for d in diagnostics if d.code == "WV301" and d.related_information]


@pytest.mark.asyncio
async def test_dependency_findings_follow_the_first_publish(cold: LanguageClient) -> None:
    client = cold
    text = MAIN.read_text(encoding="utf-8")
    uri = _open(client, text, 1)
    await _published(client, uri, 1, 1)
    assert _traced(_publishes(client, uri)[0]) == []  # nothing known of the dependency yet
    await _published(client, uri, 1, 2)
    (found,) = _traced(list(client.diagnostics[uri]))
    assert found.range.start == lsp.Position(line=12, character=13)
    assert [r.location.range.start.line for r in found.related_information or []] == [7, 11]
    assert list(COLD.rglob("summaries/*.json"))  # the worker stored them
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text + "\n// x\n")],
        )
    )
    await _published(client, uri, 2, 1)
    assert len(_traced(list(client.diagnostics[uri]))) == 1  # known now: in the first publish


@pytest.mark.asyncio
async def test_a_summary_cache_the_cli_filled_serves_the_first_lint(
    warm: LanguageClient,
) -> None:
    assert list(WARM.rglob("summaries/*.json"))
    client = warm
    uri = _open(client, MAIN.read_text(encoding="utf-8"), 1)
    await _published(client, uri, 1, 1)
    assert len(_traced(_publishes(client, uri)[0])) == 1


@pytest.mark.asyncio
async def test_no_finding_after_a_call_not_known_to_return_yet(never: LanguageClient) -> None:
    client = never
    main = NEVER / "main.go"
    uri = _open(client, main.read_text(encoding="utf-8"), 1, main)
    await _published(client, uri, 1, 2)
    first, second = _publishes(client, uri)[:2]
    # line 16 follows serve.Forever(), which never returns: in neither publish; line 21
    # follows serve.Once(), which returns: held back at first, published with the summaries
    assert [d.range.start.line + 1 for d in first if d.code == "WV301"] == []
    assert [d.range.start.line + 1 for d in second if d.code == "WV301"] == [21]
    # line 26's suppression silences a finding held back at first: never called unused
    assert [d.code for d in first + second if d.code == "WV900"] == []
