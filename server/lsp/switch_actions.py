""" "Switch target" code actions: write the suggested target into wasmvet.toml.

The suggestion comes from the runtime model (``wasmvet.switching``); the action is a
workspace edit that replaces the ``targets`` entry of the nearest ``wasmvet.toml``, adds one
when the file has none, or creates the file beside ``go.mod`` when the client can create files.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as lsp

from wasmvet.config import find_config
from wasmvet.diagnostics import Diagnostic
from wasmvet.gomod import module_root
from wasmvet.switching import TargetSwitch, suggestions

_TARGETS = re.compile(r"^targets\s*=\s*\[[^\]]*\][^\n]*", re.MULTILINE)


def _position(text: str, offset: int, encoding: str) -> lsp.Position:
    """The LSP position of a character offset in ``text``."""
    line = text.count("\n", 0, offset)
    prefix = text[text.rfind("\n", 0, offset) + 1 : offset]
    width = {
        "utf-8": len(prefix.encode("utf-8")),
        "utf-32": len(prefix),
    }.get(encoding, len(prefix.encode("utf-16-le")) // 2)
    return lsp.Position(line=line, character=width)


def config_edit(
    directory: Path, switch: TargetSwitch, encoding: str, can_create: bool
) -> lsp.WorkspaceEdit | None:
    """The edit that makes ``switch.target`` the configured target for ``directory``."""
    line = switch.config_line
    config = find_config(directory)
    if config is None:
        if not can_create:
            return None
        # Beside the nearest go.work or go.mod, else in the package's folder.
        path = (module_root(directory) or directory) / "wasmvet.toml"
        uri = path.as_uri()
        start = lsp.Position(line=0, character=0)
        return lsp.WorkspaceEdit(
            document_changes=[
                lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(ignore_if_exists=True)),
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri),
                    edits=[lsp.TextEdit(lsp.Range(start, start), line + "\n")],
                ),
            ]
        )
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _TARGETS.search(text)
    if found is None:
        start = lsp.Position(line=0, character=0)
        edit = lsp.TextEdit(lsp.Range(start, start), line + "\n")
    else:
        span = lsp.Range(
            _position(text, found.start(), encoding), _position(text, found.end(), encoding)
        )
        edit = lsp.TextEdit(span, line)
    return lsp.WorkspaceEdit(changes={config.as_uri(): [edit]})


def switch_actions(
    diag: Diagnostic, lsp_diag: lsp.Diagnostic, encoding: str, can_create: bool
) -> list[lsp.CodeAction]:
    """One action per target where the finding's problem does not exist."""
    actions: list[lsp.CodeAction] = []
    for switch in suggestions(diag):
        edit = config_edit(diag.path.parent, switch, encoding, can_create)
        if edit is None:
            continue
        actions.append(
            lsp.CodeAction(
                title=f"Switch target to {switch.target}: {switch.reason} "
                f"(build with `{switch.build_command}`)",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[lsp_diag],
                edit=edit,
            )
        )
    return actions
