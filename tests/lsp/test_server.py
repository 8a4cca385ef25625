"""The language server end to end over stdio, with real client capability sets."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.helpers import SPIN, config, published, recorder, until

CLIENTS = ["neovim@v0.7.0", "visual-studio-code", "emacs"]


class Session:
    """A client after initialize: the negotiated encoding and a workspace folder."""

    def __init__(self, client: LanguageClient, encoding: str, root: Path) -> None:
        self.client = client
        self.encoding = encoding
        self.root = root
        self.versions: dict[str, int] = {}

    def units(self, text: str) -> int:
        if self.encoding == "utf-8":
            return len(text.encode("utf-8"))
        if self.encoding == "utf-32":
            return len(text)
        return len(text.encode("utf-16-le")) // 2

    def offset(self, text: str, pos: lsp.Position) -> int:
        """Character offset in ``text`` of an LSP position in this session's encoding."""
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[: pos.line])
        line, units, index = lines[pos.line], 0, 0
        while index < len(line) and units < pos.character:
            units += self.units(line[index])
            index += 1
        return start + index

    def apply(self, text: str, edits: list[lsp.TextEdit]) -> str:
        for edit in sorted(edits, key=lambda e: self.offset(text, e.range.start), reverse=True):
            start, end = self.offset(text, edit.range.start), self.offset(text, edit.range.end)
            text = text[:start] + edit.new_text + text[end:]
        return text

    async def open(self, name: str, text: str) -> str:
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=1, text=text)
            )
        )
        await published(self.client, uri, 1)
        return uri

    async def replace(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        await published(self.client, uri, self.versions[uri])


ENCODINGS: dict[int, str] = {}


@pytest_lsp.fixture(config=config(), params=CLIENTS)
async def client(
    lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[None]:
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=tmp_path.as_uri(),
            initialization_options={"targets": ["go-js"]},
        )
    )
    kind = result.capabilities.position_encoding or lsp.PositionEncodingKind.Utf16
    ENCODINGS[id(lsp_client)] = kind.value if isinstance(kind, lsp.PositionEncodingKind) else kind
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def session(client: LanguageClient, tmp_path: Path) -> Session:
    return Session(client, ENCODINGS[id(client)], tmp_path)


async def actions_for(session: Session, uri: str, diag: lsp.Diagnostic) -> list[lsp.CodeAction]:
    """The code actions the server offers for ``diag``."""
    actions = await session.client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag]),
        )
    )
    return [a for a in actions or [] if isinstance(a, lsp.CodeAction)]


async def preferred_actions(
    session: Session, uri: str, diag: lsp.Diagnostic
) -> list[lsp.CodeAction]:
    """The code actions marked preferred for ``diag``."""
    return [a for a in await actions_for(session, uri, diag) if a.is_preferred]


@pytest.mark.asyncio
async def test_diagnostic_column_after_emoji_and_fix_removes_it(session: Session) -> None:
    uri = await session.open("main.go", SPIN)
    (diag,) = session.client.diagnostics[uri]
    assert (diag.code, diag.source) == ("WV101", "wasmvet")
    line = SPIN.splitlines()[7]
    assert diag.range.start.line == 7
    assert diag.range.start.character == session.units(line[: line.index("for")])

    preferred = await preferred_actions(session, uri, diag)
    assert len(preferred) == 1
    edit = preferred[0].edit
    assert edit is not None and edit.changes is not None
    fixed = session.apply(SPIN, edit.changes[uri])
    assert "runtime.Gosched()" in fixed and '"runtime"' in fixed

    await session.replace(uri, fixed)
    assert list(session.client.diagnostics[uri]) == []


CALLBACK = """package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	done := make(chan struct{})
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		fmt.Println("in callback")
		close(done)
		return nil
	})
	js.Global().Call("setTimeout", cb, 10)
	<-done
}
"""


@pytest.mark.asyncio
async def test_goroutine_fix_is_preferred_though_unsafe(session: Session) -> None:
    uri = await session.open("main.go", CALLBACK)
    (diag,) = session.client.diagnostics[uri]
    assert (diag.code, diag.range.start.line) == ("WV201", 10)
    preferred = await preferred_actions(session, uri, diag)
    assert [a.title for a in preferred] == ["Run the callback's work in a goroutine (WV201)"]
    edit = preferred[0].edit
    assert edit is not None and edit.changes is not None
    fixed = session.apply(CALLBACK, edit.changes[uri])
    assert (
        '\t\tgo func() {\n\t\t\tfmt.Println("in callback")\n\t\t\tclose(done)\n\t\t}()\n' in fixed
    )

    await session.replace(uri, fixed)
    assert list(session.client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_hover_explains_the_rule(session: Session) -> None:
    uri = await session.open("main.go", SPIN)
    (diag,) = session.client.diagnostics[uri]
    hover = await session.client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=diag.range.start
        )
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    text = hover.contents.value
    assert text.startswith("**WV101** (go-js): spin-wait on `done.Load()`")
    assert "**scheduler.no-preemption** (go-js)" in text  # the fact, for the finding's target
    assert "  - evidence: " in text
    assert "## Why it fails" in text
    assert "docs/rules/WV101.md" in text


@pytest.mark.asyncio
async def test_suppression_action_and_fix_all(session: Session) -> None:
    uri = await session.open("main.go", SPIN)
    (diag,) = session.client.diagnostics[uri]
    titles = [a.title for a in await actions_for(session, uri, diag)]
    assert "Suppress WV101 on this line" in titles
    fix_all = await session.client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(
                start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)
            ),
            context=lsp.CodeActionContext(diagnostics=[], only=["source.fixAll.wasmvet"]),
        )
    )
    assert [a.kind for a in fix_all or [] if isinstance(a, lsp.CodeAction)] == [
        "source.fixAll.wasmvet"
    ]


@pytest.mark.parametrize(
    ("comment", "written"),
    [
        ("// keep polling", "\t//wasmvet:ignore WV101 reason\n"),
        ("//nolint:errcheck", "//nolint:errcheck,wasmvet"),
        ("//lint:ignore SA4006 kept", "//lint:ignore SA4006,WV101 kept"),
    ],
)
@pytest.mark.asyncio
async def test_suppression_action_works_beside_an_existing_comment(
    session: Session, comment: str, written: str
) -> None:
    """The suppression goes where it takes effect (not after the line's comment), and once
    applied, the finding and so the action are gone."""
    text = SPIN.replace("for !done.Load() {\n", f"for !done.Load() {{ {comment}\n")
    uri = await session.open("main.go", text)
    (diag,) = session.client.diagnostics[uri]
    (action,) = [a for a in await actions_for(session, uri, diag) if a.title.startswith("Suppress")]
    assert action.edit is not None and action.edit.changes is not None
    suppressed = session.apply(text, action.edit.changes[uri])
    assert written in suppressed
    await session.replace(uri, suppressed)
    assert list(session.client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_unknown_method_and_broken_config(session: Session) -> None:
    with pytest.raises(Exception, match=r"Method Not Found|MethodNotFound|-32601"):
        await session.client.protocol.send_request_async("wasmvet/noSuchMethod", {})
    (session.root / "wasmvet.toml").write_text("targets = [\n")
    uri = await session.open("main.go", SPIN)
    assert any("wasmvet.toml" in m.message for m in session.client.messages)
    assert [d.code for d in session.client.diagnostics[uri]] == ["WV101"]


@pytest.mark.asyncio
async def test_editing_one_file_relints_its_package_peers(session: Session) -> None:
    main = (
        'package main\n\nimport "sync/atomic"\n\nvar done atomic.Bool\n\n'
        "func main() {\n\tgo func() { done.Store(true) }()\n\tfor !done.Load() {\n\t\tstep()\n"
        "\t}\n}\n"
    )
    helper = "package main\n\nfunc step() {}\n"
    helper_uri = await session.open("step.go", helper)
    uri = await session.open("main.go", main)
    assert [d.code for d in session.client.diagnostics[uri]] == ["WV101"]
    # step() now sleeps, so the loop in the other, unchanged file yields: its finding goes.
    sleeping = 'package main\n\nimport "time"\n\nfunc step() { time.Sleep(time.Millisecond) }\n'
    await session.replace(helper_uri, sleeping)
    await until(session.client, lambda: not session.client.diagnostics.get(uri))
    assert recorder(session.client).versions[uri] == 1  # the same text, published again


EXPORT = (
    "package main\n\n//export add\nfunc add(a, b int32) int32 { return a + b }\n\nfunc main() {}\n"
)


async def _switch_actions(session: Session, uri: str) -> list[lsp.CodeAction]:
    (diag,) = session.client.diagnostics[uri]
    return [
        a for a in await actions_for(session, uri, diag) if a.title.startswith("Switch target to ")
    ]


@pytest.mark.asyncio
async def test_switch_target_action_edits_or_creates_wasmvet_toml(session: Session) -> None:
    (session.root / "go.mod").write_text("module example.com/m\n\ngo 1.24\n")
    uri = await session.open("main.go", EXPORT)
    assert [d.code for d in session.client.diagnostics[uri]] == ["WV404"]

    created = await _switch_actions(session, uri)
    workspace = session.client.capabilities.workspace
    edit_caps = workspace.workspace_edit if workspace else None
    can_create = bool(
        edit_caps
        and edit_caps.document_changes
        and edit_caps.resource_operations
        and "create" in edit_caps.resource_operations
    )
    if can_create:
        (action,) = created
        assert action.title.startswith("Switch target to tinygo-wasm: TinyGo exports")
        assert "tinygo build -target=wasm" in action.title
        assert action.edit is not None and action.edit.document_changes is not None
        create, text_edit = action.edit.document_changes
        assert isinstance(create, lsp.CreateFile)
        assert create.uri == (session.root / "wasmvet.toml").as_uri()
        assert isinstance(text_edit, lsp.TextDocumentEdit)
        assert text_edit.edits[0].new_text == 'targets = ["tinygo-wasm"]\n'
    else:
        assert created == []  # the client cannot create files: no action that would fail

    config = session.root / "wasmvet.toml"
    config.write_text('# wasmvet settings\ntargets = [\n  "go-js",\n]\nselect = ["WV4"]\n')
    (action,) = await _switch_actions(session, uri)
    assert action.edit is not None and action.edit.changes is not None
    (edits,) = action.edit.changes.values()
    assert session.apply(config.read_text(), edits) == (
        '# wasmvet settings\ntargets = ["tinygo-wasm"]\nselect = ["WV4"]\n'
    )
