"""Run a GOOS=js module in a real headless browser (Debian's ``chromium``).

A local page on 127.0.0.1 (served by a ``http.server`` thread) loads ``wasm_exec.js`` of the
toolchain that built the module and runs it, as agnivade/wasmbrowsertest does for
``go test``. The page copies what the program writes to the console into the DOM, and its
state: ``running`` until the program exits, then ``exit N``. Chromium prints the DOM once
the page is idle (``--dump-dom`` with a virtual time budget), so a program that waits for
events with nothing pending reads ``running`` (it would live on in a real page); one that
never lets the page go idle is killed at the timeout (a hang).
"""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Virtual milliseconds the page may run once idle before its DOM is printed.
VIRTUAL_TIME_BUDGET_MS = 5000

_PAGE = """<!doctype html>
<html><body><pre id="out"></pre><p id="state">running</p>
<script src="wasm_exec.js"></script>
<script>
const out = document.getElementById("out"), state = document.getElementById("state");
for (const level of ["log", "warn", "error", "info"]) {
  const original = console[level];
  console[level] = (...args) => { out.textContent += args.join(" ") + "\\n"; original(...args); };
}
const go = new Go();
let code = 0;
go.exit = (c) => { code = c; };
WebAssembly.instantiateStreaming(fetch("x.wasm"), go.importObject)
  .then((result) => go.run(result.instance))
  .then(() => { state.textContent = "exit " + code; })
  .catch((err) => { out.textContent += "uncaught: " + err + "\\n"; state.textContent = "exit 1"; });
</script></body></html>
"""

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}",
    "--dump-dom",
)
_OUT = re.compile(r'<pre id="out">(.*?)</pre>', re.DOTALL)
_STATE = re.compile(r'<p id="state">(.*?)</p>')


def find_chromium() -> str | None:
    """The browser command, if one is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class PageResult:
    """What the page showed: ``state`` is ``running``, ``exit N`` or ``hang`` (killed)."""

    state: str
    console: str
    browser_log: str


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def run_page(wasm: Path, wasm_exec: Path, timeout: float) -> PageResult:
    """Serve the page and the module on 127.0.0.1 and load it in a fresh headless browser."""
    browser = find_chromium()
    if browser is None:
        raise FileNotFoundError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="wasmvet-browser-") as scratch:
        site = Path(scratch, "site")
        site.mkdir()
        shutil.copyfile(wasm, site / "x.wasm")
        shutil.copyfile(wasm_exec, site / "wasm_exec.js")
        (site / "index.html").write_text(_PAGE, encoding="utf-8")
        handler = functools.partial(_Quiet, directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
            profile = Path(scratch, "profile")
            cmd = [browser, *_FLAGS, f"--user-data-dir={profile}", url]
            try:
                proc = subprocess.run(
                    cmd, capture_output=True, text=True, timeout=timeout, check=False
                )
            except subprocess.TimeoutExpired as expired:
                log = expired.stderr.decode() if isinstance(expired.stderr, bytes) else ""
                return PageResult("hang", "", log)
        finally:
            server.shutdown()
            server.server_close()
    dom = proc.stdout
    out, state = _OUT.search(dom), _STATE.search(dom)
    if state is None:
        return PageResult(f"exit {proc.returncode or 1}", "", proc.stderr)
    return PageResult(
        html.unescape(state.group(1)), html.unescape(out.group(1)) if out else "", proc.stderr
    )
