"""The server does the first lint's once-per-process work (rule imports, the runtime model)
before it starts reading requests, so that the first ``didOpen`` does not wait for it."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from wasmvet.lsp import server
from wasmvet.runtime_model import MODEL

def start_io(*args, **kwargs):
    rules = sorted(m for m in sys.modules if m.startswith("wasmvet.rules.wv"))
    print(json.dumps({"rules": rules, "model": "js_globals" in vars(MODEL)}))

server.SERVER.start_io = start_io
server.main()
"""


def test_rules_and_model_are_loaded_before_serving() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state["model"]
    assert len(state["rules"]) >= 40
