"""Shared pieces of the end-to-end language server tests: the server command, a pytest-lsp
client that also answers ``client/registerCapability``, and waits on what the server sent."""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER_COMMAND = [sys.executable, "-m", "wasmvet", "server"]

SPIN = """package main

import "sync/atomic"

func main() {
\tvar done atomic.Bool
\tgo func() { done.Store(true) }()
\ts := "🙂 spin"; for !done.Load() {
\t}
\t_ = s
}
"""


class Recorder:
    """What pytest-lsp does not keep: registrations, and the version of each file's
    latest published diagnostics (None for a file that is not open)."""

    def __init__(self) -> None:
        self.registrations: list[lsp.Registration] = []
        self.versions: dict[str, int | None] = {}
        self.history: dict[str, list[int | None]] = {}
        self.diagnostics: dict[str, list[list[lsp.Diagnostic]]] = {}
        """Each publish's diagnostics, in order."""


RECORDERS: dict[int, Recorder] = {}


def recorder(client: LanguageClient) -> Recorder:
    return RECORDERS[id(client)]


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    record = RECORDERS[id(client)] = Recorder()
    store = DEFAULT_CLIENT_FEATURES[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        record.versions[params.uri] = params.version
        record.history.setdefault(params.uri, []).append(params.version)
        record.diagnostics.setdefault(params.uri, []).append(list(params.diagnostics))
        store(client, params)

    def register(client: LanguageClient, params: lsp.RegistrationParams) -> None:
        record.registrations.extend(params.registrations)

    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
            lsp.CLIENT_REGISTER_CAPABILITY: register,
        },
    )
    return client


def config(
    server_command: list[str] = SERVER_COMMAND, cache_dir: Path | None = None
) -> ClientServerConfig:
    """A server with a summary cache of its own (``cache_dir``, else a fresh temporary
    one), never the fixture tree's ``.wasmvet_cache``."""
    if cache_dir is None:
        cache_dir = Path(tempfile.mkdtemp(prefix="wasmvet-lsp-cache-"))
        atexit.register(shutil.rmtree, cache_dir, True)
    env = {**os.environ, "WASMVET_CACHE_DIR": str(cache_dir)}
    return ClientServerConfig(
        server_command=server_command, client_factory=make_client, server_env=env
    )


async def until(
    client: LanguageClient,
    ready: Callable[[], bool],
    method: str = lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
    timeout: float = 20.0,
) -> None:
    """Wait for notifications of ``method`` until ``ready()`` holds."""

    async def wait() -> None:
        while not ready():
            await client.wait_for_notification(method)

    await asyncio.wait_for(wait(), timeout)


async def published(client: LanguageClient, uri: str, version: int | None) -> list[lsp.Diagnostic]:
    """The diagnostics of ``uri`` once those of ``version`` have been published."""
    record = recorder(client)
    await until(client, lambda: uri in record.versions and record.versions[uri] == version)
    return list(client.diagnostics[uri])


def codes(client: LanguageClient, uri: str) -> list[str]:
    return [str(d.code) for d in client.diagnostics.get(uri, [])]
