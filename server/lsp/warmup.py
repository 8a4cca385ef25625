"""Work every first lint does once per process, done when the server starts instead.

Importing the rule modules (and the analyses they use) and parsing the runtime model's TOML
files cost about 0.1 s of CPU; done on the first ``didOpen``, they made the first file's
diagnostics wait for them (``benchmarks/bench_lsp.py``: a cold open of 1,000 lines took
several times a warm one). At start-up they overlap with the editor's own start and the
``initialize`` handshake.
"""

from __future__ import annotations

from wasmvet.rules import all_rules
from wasmvet.runtime_model import MODEL


def warm_up() -> None:
    """Import every rule and load the runtime model."""
    all_rules()
    _ = MODEL.js_globals  # the first question to the model parses all of its data files
