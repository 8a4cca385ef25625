"""The workspace as a whole: linted on start with work-done progress (cancellable), its
closed files' diagnostics pushed or pulled (workspace/diagnostic, long-polled), settings
pulled with workspace/configuration, and file watchers registered."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import SPIN, codes, config, published, recorder, until

CLEAN = "package main\n\nfunc main() {}\n"


def write_module(root: Path, packages: int = 2) -> dict[str, Path]:
    """A module whose ``spin`` package has a WV101 finding; ``clean`` and the ``pNN``
    packages have none; ``testdata`` is skipped as Go skips it."""
    files = {"spin": root / "spin" / "main.go", "clean": root / "clean" / "main.go"}
    (root / "go.mod").write_text("module example.com/ws\n\ngo 1.24\n")
    for index in range(packages - 2):
        files[f"p{index:02d}"] = root / f"p{index:02d}" / "main.go"
    files["testdata"] = root / "testdata" / "main.go"
    for name, path in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SPIN if name in ("spin", "testdata") else CLEAN)
    return files


async def start(
    client: LanguageClient,
    root: Path,
    caps: lsp.ClientCapabilities,
    options: object = None,
) -> None:
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=caps,
            root_uri=root.as_uri(),
            initialization_options=options,
        )
    )


def targets_of(client: LanguageClient, uri: str) -> list[list[str]]:
    """The targets of each diagnostic last published for ``uri``."""
    return [d.data["targets"] for d in client.diagnostics.get(uri, [])]


def progress_of(client: LanguageClient) -> list[object]:
    reports = [r for r in client.progress_reports.values() if r]
    return reports[0] if reports else []


def ended(client: LanguageClient) -> bool:
    return any(isinstance(v, lsp.WorkDoneProgressEnd) for v in progress_of(client))


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield  # each test initializes with its own workspace and capabilities
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_workspace_is_linted_on_start_with_progress(
    client: LanguageClient, tmp_path: Path
) -> None:
    files = write_module(tmp_path)
    await start(client, tmp_path, client_capabilities("neovim@v0.7.0"))
    spin = files["spin"].as_uri()
    await until(client, lambda: ended(client), method=lsp.PROGRESS)
    await published(client, spin, None)  # not open: no version
    assert codes(client, spin) == ["WV101"]
    assert codes(client, files["clean"].as_uri()) == []
    assert files["testdata"].as_uri() not in client.diagnostics
    values = progress_of(client)
    assert isinstance(values[0], lsp.WorkDoneProgressBegin) and values[0].cancellable
    assert values[0].message == "linting 2 packages"
    assert isinstance(values[-1], lsp.WorkDoneProgressEnd)
    assert values[-1].message == "2 packages linted"
    assert [v.percentage for v in values if isinstance(v, lsp.WorkDoneProgressReport)] == [50, 100]


@pytest.mark.asyncio
async def test_workspace_lint_can_be_cancelled(client: LanguageClient, tmp_path: Path) -> None:
    write_module(tmp_path, packages=80)
    await start(client, tmp_path, client_capabilities("emacs"))
    await until(client, lambda: len(progress_of(client)) >= 2, method=lsp.PROGRESS)
    (token,) = client.progress_reports
    client.window_work_done_progress_cancel(lsp.WorkDoneProgressCancelParams(token=token))
    await until(client, lambda: ended(client), method=lsp.PROGRESS)
    end = progress_of(client)[-1]
    assert isinstance(end, lsp.WorkDoneProgressEnd) and end.message is not None
    assert end.message.startswith("cancelled after "), end.message
    assert int(end.message.split()[2]) < 80


@pytest.mark.asyncio
async def test_open_documents_keep_their_own_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    """The open buffer, not the file on disk, decides; closing goes back to the disk."""
    files = write_module(tmp_path)
    await start(client, tmp_path, client_capabilities("neovim@v0.7.0"))
    uri = files["spin"].as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=1, text=CLEAN)
        )
    )
    assert await published(client, uri, 1) == []
    await until(client, lambda: ended(client), method=lsp.PROGRESS)
    await asyncio.sleep(0.3)
    assert recorder(client).versions[uri] == 1 and codes(client, uri) == []
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    await published(client, uri, None)
    assert codes(client, uri) == ["WV101"]


def pull_capabilities() -> lsp.ClientCapabilities:
    """VS Code's pull model: document and workspace diagnostics, with refresh."""
    caps = client_capabilities("neovim@v0.11.0")
    assert caps.workspace is not None
    caps.workspace.diagnostics = lsp.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


async def workspace_pull(
    client: LanguageClient, previous: dict[str, str]
) -> lsp.WorkspaceDiagnosticReport:
    result = await client.workspace_diagnostic_async(
        lsp.WorkspaceDiagnosticParams(
            previous_result_ids=[lsp.PreviousResultId(uri=u, value=v) for u, v in previous.items()]
        )
    )
    for item in result.items:
        assert item.result_id is not None
        previous[item.uri] = item.result_id
    return result


@pytest.mark.asyncio
async def test_workspace_diagnostics_are_pulled_and_long_polled(
    client: LanguageClient, tmp_path: Path
) -> None:
    files = write_module(tmp_path)
    await start(client, tmp_path, pull_capabilities())
    previous: dict[str, str] = {}
    found: dict[str, list[str]] = {}
    while len(found) < 2:
        report = await asyncio.wait_for(workspace_pull(client, previous), 20)
        for item in report.items:
            assert isinstance(item, lsp.WorkspaceFullDocumentDiagnosticReport)
            found[item.uri] = [str(d.code) for d in item.items]
    assert found == {files["spin"].as_uri(): ["WV101"], files["clean"].as_uri(): []}
    assert client.diagnostics == {}  # nothing pushed to a client that pulls

    waiting = asyncio.ensure_future(workspace_pull(client, previous))
    await asyncio.sleep(0.5)
    assert not waiting.done()  # nothing changed: the request is held open
    files["clean"].write_text(SPIN)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=files["clean"].as_uri(), type=lsp.FileChangeType.Changed)]
        )
    )
    report = await asyncio.wait_for(waiting, 20)
    assert [(i.uri, [str(d.code) for d in i.items]) for i in report.items] == [
        (files["clean"].as_uri(), ["WV101"])
    ]


@pytest.mark.asyncio
async def test_settings_come_from_workspace_configuration(
    client: LanguageClient, tmp_path: Path
) -> None:
    """initializationOptions say go-js; the pulled section says go-wasip1 and wins. An empty
    didChangeConfiguration (as VS Code sends) makes the server ask again."""
    files = write_module(tmp_path)
    client.set_configuration({"targets": ["go-wasip1"]}, section="wasmvet")
    await start(client, tmp_path, client_capabilities("visual-studio-code"), {"targets": ["go-js"]})
    spin = files["spin"].as_uri()
    await until(client, lambda: bool(client.diagnostics.get(spin)))
    (diag,) = client.diagnostics[spin]
    assert diag.message.endswith("[go-wasip1]") and diag.data["targets"] == ["go-wasip1"]

    client.set_configuration({"targets": ["go-js", "go-wasip1"]}, section="wasmvet")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    await until(
        client,
        lambda: targets_of(client, spin) == [["go-js", "go-wasip1"]],
    )

    # other tools' settings only: still a reason to ask
    client.set_configuration({"targets": ["go-wasip1"]}, section="wasmvet")
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"go": {"buildFlags": []}})
    )
    await until(
        client,
        lambda: targets_of(client, spin) == [["go-wasip1"]],
    )


@pytest.mark.asyncio
async def test_build_tags_setting_decides_which_files_are_built(
    client: LanguageClient, tmp_path: Path
) -> None:
    """``buildTags`` from initializationOptions builds a ``//go:build integration`` file;
    a changed configuration (pulled after didChangeConfiguration, as a ``-tags`` string)
    drops it again."""
    files = write_module(tmp_path)
    files["spin"].write_text("//go:build integration\n\n" + SPIN)
    spin = files["spin"].as_uri()
    await start(
        client,
        tmp_path,
        client_capabilities("visual-studio-code"),
        {"targets": ["go-js"], "buildTags": ["integration"]},
    )
    await until(client, lambda: codes(client, spin) == ["WV101"])

    client.set_configuration({"buildTags": "netgo,other"}, section="wasmvet")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    await until(client, lambda: spin in client.diagnostics and codes(client, spin) == [])

    client.set_configuration({"buildTags": ["other", "integration"]}, section="wasmvet")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    await until(client, lambda: codes(client, spin) == ["WV101"])


@pytest.mark.asyncio
async def test_each_workspace_folder_has_its_own_settings(
    client: LanguageClient, tmp_path: Path
) -> None:
    """workspace/configuration is asked per folder: ``web`` gets the global go-js, ``cli``
    its own go-wasip1. A folder added later is linted with its settings; closed files under
    a removed folder lose their diagnostics."""
    web, cli, more = tmp_path / "web", tmp_path / "cli", tmp_path / "more"
    for root in (web, cli, more):
        root.mkdir()
    spins = {name: write_module(root)["spin"].as_uri() for name, root in
             (("web", web), ("cli", cli), ("more", more))}  # fmt: skip
    client.set_configuration({"targets": ["go-js"]}, section="wasmvet")
    client.set_configuration({"targets": ["go-wasip1"]}, section="wasmvet", scope_uri=cli.as_uri())
    client.set_configuration(
        {"targets": ["tinygo-wasip1"]}, section="wasmvet", scope_uri=more.as_uri()
    )
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[
                lsp.WorkspaceFolder(uri=web.as_uri(), name="web"),
                lsp.WorkspaceFolder(uri=cli.as_uri(), name="cli"),
            ],
        )
    )

    def targets(name: str) -> list[list[str]]:
        return targets_of(client, spins[name])

    await until(client, lambda: targets("web") == [["go-js"]] and targets("cli") == [["go-wasip1"]])
    assert spins["more"] not in client.diagnostics

    client.workspace_did_change_workspace_folders(
        lsp.DidChangeWorkspaceFoldersParams(
            event=lsp.WorkspaceFoldersChangeEvent(
                added=[lsp.WorkspaceFolder(uri=more.as_uri(), name="more")],
                removed=[lsp.WorkspaceFolder(uri=cli.as_uri(), name="cli")],
            )
        )
    )
    await until(client, lambda: targets("more") == [["tinygo-wasip1"]] and targets("cli") == [])
    assert targets("web") == [["go-js"]]


@pytest.mark.asyncio
async def test_watchers_are_registered_and_a_changed_config_applies(
    client: LanguageClient, tmp_path: Path
) -> None:
    files = write_module(tmp_path)
    await start(client, tmp_path, client_capabilities("visual-studio-code"))
    spin = files["spin"].as_uri()
    await until(client, lambda: bool(client.diagnostics.get(spin)))
    (registration,) = recorder(client).registrations
    assert registration.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert globs == ["**/*.go", "**/go.mod", "**/wasmvet.toml", "**/.wasmvet.toml"]

    (tmp_path / "wasmvet.toml").write_text('targets = ["go-wasip1"]\n')
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[
                lsp.FileEvent(
                    uri=(tmp_path / "wasmvet.toml").as_uri(), type=lsp.FileChangeType.Created
                )
            ]
        )
    )
    await until(
        client,
        lambda: targets_of(client, spin) == [["go-wasip1"]],
    )
    (tmp_path / "wasmvet.toml").write_text('targets = ["go-wasm"]\n')
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[
                lsp.FileEvent(
                    uri=(tmp_path / "wasmvet.toml").as_uri(), type=lsp.FileChangeType.Changed
                )
            ]
        )
    )
    await until(client, lambda: bool(client.messages), method=lsp.WINDOW_SHOW_MESSAGE)
    message = client.messages[0].message
    assert "wasmvet.toml:1" in message and "targets" in message and "go-wasm" in message


@pytest.mark.asyncio
async def test_saving_wasmvet_toml_applies_it(client: LanguageClient, tmp_path: Path) -> None:
    """A client that does not watch files (Neovim 0.7) still picks up the file on save."""
    files = write_module(tmp_path)
    await start(client, tmp_path, client_capabilities("neovim@v0.7.0"))
    spin = files["spin"].as_uri()
    await until(client, lambda: bool(client.diagnostics.get(spin)))
    assert recorder(client).registrations == []
    config = tmp_path / "wasmvet.toml"
    config.write_text('targets = ["go-js"]\n')
    item = lsp.TextDocumentItem(
        uri=config.as_uri(), language_id="toml", version=1, text=config.read_text()
    )
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
    config.write_text('targets = ["go-wasip1"]\n')
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=item.uri))
    )
    await until(
        client,
        lambda: targets_of(client, spin) == [["go-wasip1"]],
    )
