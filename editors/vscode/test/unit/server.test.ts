import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import {
  candidates,
  commandLine,
  expandHome,
  findServer,
  installCommand,
  probe,
  shellLine,
  which,
} from "../../src/server";

/** A directory with executables that print `output` (real processes, run by the search). */
function bin(scripts: Record<string, string>, mode = 0o755): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wasmvet-bin-"));
  for (const [name, body] of Object.entries(scripts)) {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, mode);
  }
  return dir;
}

const VERSION = 'echo "wasmvet 9.8.7"';

test("which finds the first executable on PATH and skips files that are not executable", () => {
  const plain = bin({ wasmvet: VERSION }, 0o644);
  const first = bin({ wasmvet: VERSION });
  const second = bin({ wasmvet: VERSION });
  const env = { PATH: [plain, first, second].join(":") };
  assert.equal(which("wasmvet", env, "linux"), path.join(first, "wasmvet"));
  assert.equal(which("missing", env, "linux"), undefined);
  const emptyDir = mkdtempSync(path.join(tmpdir(), "wasmvet-dir-"));
  mkdirSync(path.join(emptyDir, "wasmvet"));
  assert.equal(which("wasmvet", { PATH: emptyDir }, "linux"), undefined, "a directory is not a program");
});

test("which tries PATHEXT on Windows", () => {
  const dir = bin({ "wasmvet.EXE": VERSION });
  assert.equal(which("wasmvet", { PATH: dir, PATHEXT: ".COM;.EXE" }, "win32"), path.join(dir, "wasmvet.EXE"));
});

test("an explicit wasmvet.path is the only candidate", () => {
  const onPath = bin({ wasmvet: VERSION });
  const found = candidates({ path: "/opt/wasmvet/bin/wasmvet", interpreter: "/usr/bin/python3", env: { PATH: onPath } });
  assert.deepEqual(found, [{ command: "/opt/wasmvet/bin/wasmvet", prefix: [], origin: "wasmvet.path" }]);
});

test("PATH comes before python -m wasmvet; the interpreter setting beats the Python extension", () => {
  const onPath = bin({ wasmvet: VERSION, python3: VERSION });
  const found = candidates({ path: "", interpreter: "/venv/bin/python", pythonExtension: "/other/python", env: { PATH: onPath } });
  assert.deepEqual(
    found.map((c) => commandLine(c, "server")),
    [
      [path.join(onPath, "wasmvet"), ["server"]],
      ["/venv/bin/python", ["-m", "wasmvet", "server"]],
    ],
  );
  const viaExtension = candidates({ path: "", interpreter: "", pythonExtension: "/ext/python", env: { PATH: "" } });
  assert.deepEqual(viaExtension, [{ command: "/ext/python", prefix: ["-m", "wasmvet"], origin: "the Python extension's interpreter" }]);
  const fallback = candidates({ path: "", interpreter: "", env: { PATH: bin({ python3: VERSION }) } });
  assert.equal(fallback.length, 1);
  assert.equal(path.basename(fallback[0].command), "python3");
  assert.deepEqual(candidates({ path: "", interpreter: "", env: { PATH: "" } }), []);
});

test("probe reads the version, and says why a launcher does not work", async () => {
  const dir = bin({ good: VERSION, other: 'echo "something else"', broken: 'echo "No module named wasmvet" >&2; exit 1' });
  assert.equal(await probe({ command: path.join(dir, "good"), prefix: [], origin: "test" }), "9.8.7");
  await assert.rejects(probe({ command: path.join(dir, "other"), prefix: [], origin: "test" }), /printed "something else"/);
  await assert.rejects(probe({ command: path.join(dir, "broken"), prefix: [], origin: "test" }), /No module named wasmvet/);
  await assert.rejects(probe({ command: path.join(dir, "absent"), prefix: [], origin: "test" }), /absent --version: not found/);
});

test("findServer returns the first launcher that runs, after the ones that did not", async () => {
  const broken = bin({ wasmvet: "exit 3" });
  const python = bin({ python3: 'test "$1 $2 $3" = "-m wasmvet --version" && echo "wasmvet 1.2.3"' });
  const result = await findServer({ path: "", interpreter: path.join(python, "python3"), env: { PATH: broken } });
  assert.equal(result.found?.version, "1.2.3");
  assert.deepEqual(result.found?.prefix, ["-m", "wasmvet"]);
  assert.equal(result.tried.length, 1);
  assert.match(result.tried[0].error, /wasmvet --version/);
  const none = await findServer({ path: path.join(broken, "nope"), interpreter: "", env: { PATH: "" } });
  assert.equal(none.found, undefined);
  assert.equal(none.tried.length, 1);
});

test("the install command uses the chosen interpreter, else pipx, else pip --user", () => {
  assert.deepEqual(installCommand({ path: "", interpreter: "/venv/bin/python", env: { PATH: "" } }), [
    "/venv/bin/python", "-m", "pip", "install", "wasmvet",
  ]);
  assert.deepEqual(installCommand({ path: "", interpreter: "", pythonExtension: "/ext/python", env: { PATH: "" } })[0], "/ext/python");
  assert.deepEqual(installCommand({ path: "", interpreter: "", env: { PATH: bin({ pipx: "true" }) } }), ["pipx", "install", "wasmvet"]);
  assert.equal(shellLine(installCommand({ path: "", interpreter: "", env: { PATH: "" }, platform: "linux" })), "python3 -m pip install --user wasmvet");
  assert.equal(shellLine(installCommand({ path: "", interpreter: "", env: { PATH: "" }, platform: "win32" })), "py -m pip install --user wasmvet");
});

test("shellLine quotes what a shell would split", () => {
  assert.equal(shellLine(["/My Tools/python", "-m", "pip"], "linux"), "'/My Tools/python' -m pip");
  assert.equal(shellLine(["it's"], "linux"), "'it'\\''s'");
  assert.equal(shellLine(["C:\\Program Files\\py.exe", "-m"], "win32"), '"C:\\Program Files\\py.exe" -m');
});

test("expandHome expands ~ and ${userHome}", () => {
  assert.ok(!expandHome("~/x").startsWith("~"));
  assert.equal(expandHome("~/x"), expandHome("${userHome}/x"));
  assert.equal(expandHome("/abs/x"), "/abs/x");
});
