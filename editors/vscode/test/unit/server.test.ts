import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import {
  bundledRunner,
  candidates,
  commandLine,
  expandHome,
  findServer,
  installCommand,
  missingMessage,
  probe,
  shellLine,
  which,
} from "../../src/server";

/** A `bundled` folder as `npm run package` leaves it (runner and libs/wasmvet; contents unused). */
function bundledFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wasmvet-bundled-"));
  mkdirSync(path.join(dir, "tool"));
  mkdirSync(path.join(dir, "libs", "wasmvet"), { recursive: true });
  writeFileSync(path.join(dir, "tool", "run_wasmvet.py"), "");
  return dir;
}

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

test("fromEnvironment: the chosen interpreter's wasmvet, then PATH's, then the bundled copy with each Python", () => {
  const onPath = bin({ wasmvet: VERSION, python3: VERSION, "python3.12": VERSION });
  const bundled = bundledFolder();
  const runner = path.join(bundled, "tool", "run_wasmvet.py");
  const found = candidates({ path: "", interpreter: "", pythonExtension: "/ext/python", bundled, env: { PATH: onPath } });
  assert.deepEqual(
    found.map((c) => [c.origin, ...commandLine(c, "server")]),
    [
      ["the Python extension's interpreter", "/ext/python", ["-m", "wasmvet", "server"]],
      ["PATH", path.join(onPath, "wasmvet"), ["server"]],
      ["bundled, run by the Python extension's interpreter", "/ext/python", ["-I", "-S", runner, "server"]],
      ["bundled, run by python3 on PATH", path.join(onPath, "python3"), ["-I", "-S", runner, "server"]],
      ["bundled, run by python3.12 on PATH", path.join(onPath, "python3.12"), ["-I", "-S", runner, "server"]],
    ],
  );
  const setting = candidates({ path: "", interpreter: "/venv/bin/python", pythonExtension: "/ext/python", env: { PATH: "" } });
  assert.deepEqual(setting, [{ command: "/venv/bin/python", prefix: ["-m", "wasmvet"], origin: "wasmvet.interpreter" }]);
  assert.deepEqual(candidates({ path: "", interpreter: "", bundled, env: { PATH: "" } }), []);
});

test("useBundled skips the environment; the same Python under two names is tried once", () => {
  const onPath = bin({ wasmvet: VERSION, python3: VERSION });
  symlinkSync(path.join(onPath, "python3"), path.join(onPath, "python3.13"));
  const bundled = bundledFolder();
  const found = candidates({ path: "", interpreter: "", importStrategy: "useBundled", bundled, env: { PATH: onPath } });
  assert.deepEqual(
    found.map((c) => [c.command, c.prefix[0]]),
    [[path.join(onPath, "python3"), "-I"]],
  );
});

test("the bundled copy counts only with its libraries (a build without them has none)", () => {
  const bundled = bundledFolder();
  assert.equal(bundledRunner(bundled), path.join(bundled, "tool", "run_wasmvet.py"));
  assert.equal(bundledRunner(path.join(bundled, "tool")), undefined);
  assert.equal(bundledRunner(undefined), undefined);
  const env = { PATH: bin({ python3: VERSION }) };
  const withoutLibs = mkdtempSync(path.join(tmpdir(), "wasmvet-nolibs-"));
  assert.deepEqual(candidates({ path: "", interpreter: "", bundled: withoutLibs, env }), []);
});

test("findServer falls through to the bundled copy, run with a Python that has no wasmvet", async () => {
  const bundled = bundledFolder();
  const runner = path.join(bundled, "tool", "run_wasmvet.py");
  const python = bin({
    python3: `if [ "$1" = "-m" ]; then echo "No module named wasmvet" >&2; exit 1; fi
test "$1 $2 $3 $4" = "-I -S ${runner} --version" && echo "wasmvet 4.5.6"`,
  });
  const result = await findServer({ path: "", interpreter: path.join(python, "python3"), bundled, env: { PATH: "" } });
  assert.equal(result.found?.version, "4.5.6");
  assert.equal(result.found?.origin, "bundled, run by wasmvet.interpreter");
  assert.deepEqual(result.tried.map((t) => t.error), [`${path.join(python, "python3")} -m wasmvet --version: No module named wasmvet`]);
});

test("the message says what is missing and what to do", async () => {
  const bundled = bundledFolder();
  const old = bin({ python3: 'echo "the bundled wasmvet needs Python 3.10 or later; /usr/bin/python3 is 3.8.10" >&2; exit 1' });
  const search = { path: "", interpreter: "", bundled, env: { PATH: old }, platform: "linux" as const };
  const tooOld = missingMessage(search, await findServer(search));
  assert.equal(
    tooOld,
    "wasmvet cannot start its language server: " +
      `${path.join(old, "python3")} -I -S ${path.join(bundled, "tool", "run_wasmvet.py")} --version: ` +
      "the bundled wasmvet needs Python 3.10 or later; /usr/bin/python3 is 3.8.10; no wasmvet on PATH. " +
      "Install Python 3.10 or later (the bundled wasmvet needs nothing else), or set wasmvet.interpreter or wasmvet.path.",
  );
  const none = { path: "", interpreter: "", bundled, env: { PATH: "" }, platform: "linux" as const };
  assert.match(missingMessage(none, await findServer(none)), /: no wasmvet on PATH; no Python to run the bundled wasmvet \(none selected, no python3 on PATH\)\. Install Python 3\.10/);
  const unbundled = { path: "", interpreter: "", importStrategy: "useBundled" as const, env: { PATH: "" }, platform: "linux" as const };
  assert.equal(
    missingMessage(unbundled, { tried: [] }),
    "wasmvet cannot start its language server: this build of the extension carries no bundled wasmvet. " +
      "Install the .vsix for your platform, or install wasmvet (python3 -m pip install --user 'wasmvet @ git+https://github.com/wasmvet/wasmvet') and set wasmvet.path.",
  );
  const wrongPath = { path: "/opt/nope/wasmvet", interpreter: "", bundled, env: { PATH: "" } };
  assert.equal(
    missingMessage(wrongPath, await findServer(wrongPath)),
    "wasmvet cannot start its language server: /opt/nope/wasmvet --version: not found. Correct wasmvet.path, or clear it to use the wasmvet bundled with the extension.",
  );
});

test("probe reads the version, and says why a launcher does not work", async () => {
  const dir = bin({ good: VERSION, other: 'echo "something else"', broken: 'echo "No module named wasmvet" >&2; exit 1' });
  assert.equal(await probe({ command: path.join(dir, "good"), prefix: [], origin: "test" }), "9.8.7");
  await assert.rejects(probe({ command: path.join(dir, "other"), prefix: [], origin: "test" }), /printed "something else"/);
  await assert.rejects(probe({ command: path.join(dir, "broken"), prefix: [], origin: "test" }), /No module named wasmvet/);
  await assert.rejects(probe({ command: path.join(dir, "absent"), prefix: [], origin: "test" }), /absent --version: not found/);
});

test("findServer returns the first launcher that runs, after the ones that did not", async () => {
  const broken = bin({ python3: "exit 3" });
  const onPath = bin({ wasmvet: 'test "$1" = "--version" && echo "wasmvet 1.2.3"' });
  const result = await findServer({ path: "", interpreter: path.join(broken, "python3"), env: { PATH: onPath } });
  assert.equal(result.found?.version, "1.2.3");
  assert.equal(result.found?.command, path.join(onPath, "wasmvet"));
  assert.equal(result.tried.length, 1);
  assert.match(result.tried[0].error, /python3 -m wasmvet --version/);
  const none = await findServer({ path: path.join(broken, "nope"), interpreter: "", env: { PATH: "" } });
  assert.equal(none.found, undefined);
  assert.equal(none.tried.length, 1);
});

test("the install command uses the chosen interpreter, else pipx, else pip --user, from the repository", () => {
  const requirement = "wasmvet @ git+https://github.com/wasmvet/wasmvet";
  assert.deepEqual(installCommand({ path: "", interpreter: "/venv/bin/python", env: { PATH: "" } }), [
    "/venv/bin/python", "-m", "pip", "install", requirement,
  ]);
  assert.deepEqual(installCommand({ path: "", interpreter: "", pythonExtension: "/ext/python", env: { PATH: "" } })[0], "/ext/python");
  assert.deepEqual(installCommand({ path: "", interpreter: "", env: { PATH: bin({ pipx: "true" }) } }), [
    "pipx", "install", "git+https://github.com/wasmvet/wasmvet",
  ]);
  assert.equal(
    shellLine(installCommand({ path: "", interpreter: "", env: { PATH: "" }, platform: "linux" }), "linux"),
    `python3 -m pip install --user '${requirement}'`,
  );
  assert.equal(
    shellLine(installCommand({ path: "", interpreter: "", env: { PATH: "" }, platform: "win32" }), "win32"),
    `py -m pip install --user "${requirement}"`,
  );
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
