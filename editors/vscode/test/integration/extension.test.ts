/**
 * The extension's activation against the `vscode` stub (test/stubs/vscode.ts) and a thin LSP
 * client (test/stubs/languageclient.ts) that starts the real server with the command the
 * extension computed.
 */

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, test } from "node:test";
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { COMMANDS, type Wasmvet, activate, deactivate } from "../../src/extension";
import { harness } from "../stubs/vscode";
import { SPIN_WAIT, testSearch, waitFor } from "../support";

// Both names resolve to the stubs in the test bundle; these are the stubs' own types.
const Client = LanguageClient as unknown as typeof import("../stubs/languageclient").LanguageClient;
const stub = vscode as unknown as typeof import("../stubs/vscode");

let wasmvet: Wasmvet | undefined;

function useTestServer(): void {
  const search = testSearch();
  if (search.path) harness.user.set("wasmvet.path", search.path);
  if (search.interpreter) harness.user.set("wasmvet.interpreter", search.interpreter);
}

async function start(): Promise<Wasmvet> {
  const context = { subscriptions: [] as { dispose(): unknown }[] };
  wasmvet = await activate(context as never);
  return wasmvet;
}

function status(): string {
  return harness.statusItems[0].text;
}

function lastClient() {
  return Client.instances[Client.instances.length - 1];
}

// Keep a wasmvet installed on PATH out of these tests: they choose the server themselves.
const PATH = (process.env.PATH ?? "")
  .split(path.delimiter)
  .filter((dir) => !existsSync(path.join(dir, "wasmvet")))
  .join(path.delimiter);

beforeEach(() => {
  process.env.PATH = PATH;
  harness.reset();
  Client.instances.length = 0;
});

afterEach(async () => {
  await deactivate();
  wasmvet?.dispose();
  wasmvet = undefined;
});

test("activation starts the server with the settings as initializationOptions", async () => {
  useTestServer();
  harness.user.set("wasmvet.targets", ["go-js"]);
  harness.user.set("wasmvet.ignore", ["wv309"]);
  harness.user.set("wasmvet.wasiDirs", [".::/"]);
  await start();
  const client = lastClient();
  assert.equal(client.state, 2, "running");
  assert.equal(client.initializeResult?.serverInfo?.name, "wasmvet");
  assert.deepEqual(client.serverOptions.args.slice(-1), ["server"]);
  assert.deepEqual(client.clientOptions.documentSelector, [{ scheme: "file", language: "go" }]);
  assert.deepEqual(client.clientOptions.initializationOptions, {
    targets: ["go-js"],
    goVersion: "",
    tinygoVersion: "",
    buildTags: [],
    select: [],
    ignore: ["WV309"],
    host: "",
    wasiDirs: [".::/"],
    wasiEnv: null,
  });
  assert.equal(status(), "$(check) wasmvet: go-js");
  assert.equal(harness.statusItems[0].command, COMMANDS.switchTarget);
  assert.deepEqual(harness.messages, []);
});

test("a Go file gets WV101; Switch Target and wasmvet.ignore reach the running server", async () => {
  useTestServer();
  await start();
  const client = lastClient();
  const folder = mkdtempSync(path.join(tmpdir(), "wasmvet-ext-"));
  writeFileSync(path.join(folder, "main.go"), SPIN_WAIT);
  const uri = pathToFileURL(path.join(folder, "main.go")).href;
  await client.open(uri, SPIN_WAIT);
  await waitFor(() => (client.diagnostics.get(uri)?.diagnostics ?? []).length > 0, 20000, "WV101");
  assert.equal(client.diagnostics.get(uri)?.diagnostics[0].code, "WV101");
  assert.deepEqual((client.diagnostics.get(uri)?.diagnostics[0].data as { targets: string[] }).targets, ["go-js"]);
  assert.equal(status(), "$(check) wasmvet: auto");

  harness.quickPickAnswers.push((items) => items.filter((i) => i.label === "go-js" || i.label === "tinygo-wasip2"));
  await vscode.commands.executeCommand(COMMANDS.switchTarget);
  assert.deepEqual(
    harness.quickPicks[0].map((i) => i.label),
    ["go-js", "go-wasip1", "tinygo-wasm", "tinygo-wasip1", "tinygo-wasip2", "tinygo-wasm-unknown"],
  );
  assert.deepEqual(harness.workspace.get("wasmvet.targets"), ["go-js", "tinygo-wasip2"]);
  assert.equal(status(), "$(check) wasmvet: go-js, tinygo-wasip2");
  const targetsOf = () => (client.diagnostics.get(uri)?.diagnostics[0]?.data as { targets?: string[] } | undefined)?.targets;
  await waitFor(() => targetsOf()?.includes("tinygo-wasip2") === true, 20000, "WV101 for tinygo-wasip2");
  assert.deepEqual(targetsOf(), ["go-js", "tinygo-wasip2"]);

  const before = client.diagnostics.get(uri);
  harness.set("wasmvet.ignore", ["WV101"], "workspace");
  await waitFor(() => client.diagnostics.get(uri) !== before && client.diagnostics.get(uri)?.diagnostics.length === 0, 20000, "WV101 to go");
  assert.equal(Client.instances.length, 1, "settings changes do not restart the server");
});

test("changing wasmvet.path restarts the server; Restart Server does too", async () => {
  useTestServer();
  await start();
  const first = lastClient();
  await vscode.commands.executeCommand(COMMANDS.restart);
  assert.equal(Client.instances.length, 2);
  assert.equal(first.state, 1, "the old client stopped");
  assert.equal(lastClient().state, 2);

  const search = testSearch();
  harness.messageAnswers.push(undefined);
  harness.set("wasmvet.path", "/nonexistent/wasmvet");
  await waitFor(() => wasmvet?.state === "missing", 20000, "the missing state");
  assert.equal(lastClient().state, 1);
  assert.match(status(), /^\$\(warning\) wasmvet/);
  assert.match(harness.messages[0].text, /not found/);
  harness.set("wasmvet.path", search.path ?? "");
  await waitFor(() => wasmvet?.state === "running", 20000, "running again");
});

test("without a server: a notification with the install command, and Install runs it in a terminal", async () => {
  harness.user.set("wasmvet.path", "");
  harness.user.set("wasmvet.interpreter", "/nonexistent/python");
  harness.messageAnswers.push("Install");
  await start();
  assert.equal(wasmvet?.state, "missing");
  assert.equal(Client.instances.length, 0);
  await waitFor(() => harness.tasks.length === 1, 5000, "the install task");
  const message = harness.messages[0];
  assert.equal(message.kind, "error");
  assert.match(message.text, /^wasmvet cannot start its language server: \/nonexistent\/python -m wasmvet --version: not found; /);
  assert.match(message.text, /this build of the extension carries no bundled wasmvet\. Install the \.vsix for your platform/);
  assert.deepEqual(message.items, ["Install", "Open Settings", "Show Output"]);
  const task = harness.tasks[0] as unknown as InstanceType<typeof stub.Task>;
  assert.deepEqual(
    [task.execution.command, ...task.execution.args],
    ["/nonexistent/python", "-m", "pip", "install", "wasmvet @ git+https://github.com/wasmvet/wasmvet"],
  );

  useTestServer(); // "installed": the task's success restarts the server
  harness.endTask(task, 0);
  await waitFor(() => wasmvet?.state === "running", 20000, "the server after install");
});

test("the Python extension's interpreter is used when nothing else is set", async () => {
  const search = testSearch();
  const interpreter = search.interpreter || undefined;
  if (interpreter === undefined) return; // the test wasmvet was given as an executable
  harness.extensions.set("ms-python.python", {
    isActive: false,
    exports: undefined,
    activate: async () => ({
      environments: {
        getActiveEnvironmentPath: () => ({ path: interpreter }),
        resolveEnvironment: async () => ({ executable: { uri: { fsPath: interpreter } } }),
      },
    }),
  });
  process.env.PATH = ""; // no python3 on PATH either
  await start();
  assert.deepEqual(lastClient().serverOptions, { command: interpreter, args: ["-m", "wasmvet", "server"] });
  assert.equal(lastClient().state, 2);
});

const BUNDLED = path.join(process.cwd(), "bundled"); // filled by `npm run package`

test(
  "with no wasmvet installed, the bundled one runs with python3 from PATH",
  { skip: existsSync(path.join(BUNDLED, "libs", "wasmvet")) ? false : "no bundled/libs: run npm run package first" },
  async () => {
    const interpreter = testSearch().interpreter;
    if (!interpreter) return; // the test wasmvet was given as an executable: no Python to run it with
    const bin = mkdtempSync(path.join(tmpdir(), "wasmvet-python-"));
    symlinkSync(interpreter, path.join(bin, "python3")); // any Python 3.10+: -I -S hides its packages
    process.env.PATH = bin;
    wasmvet = await activate({ subscriptions: [], extensionPath: process.cwd() } as never);
    const client = lastClient();
    const runner = path.join(BUNDLED, "tool", "run_wasmvet.py");
    assert.deepEqual(client.serverOptions, { command: path.join(bin, "python3"), args: ["-I", "-S", runner, "server"] });
    assert.equal(wasmvet.launcher?.origin, "bundled, run by python3 on PATH");
    const folder = mkdtempSync(path.join(tmpdir(), "wasmvet-ext-"));
    const uri = pathToFileURL(path.join(folder, "main.go")).href;
    writeFileSync(path.join(folder, "main.go"), SPIN_WAIT);
    await client.open(uri, SPIN_WAIT);
    await waitFor(() => (client.diagnostics.get(uri)?.diagnostics ?? []).length > 0, 20000, "WV101");
    assert.equal(client.diagnostics.get(uri)?.diagnostics[0].code, "WV101");
  },
);

test("Explain Rule shows wasmvet explain for the diagnostic under the cursor", async () => {
  useTestServer();
  await start();
  const uri = stub.Uri.file("/project/main.go");
  harness.diagnostics.set(uri.toString(), [
    { source: "wasmvet", code: "WV101", range: { start: { line: 7, character: 1 }, end: { line: 8, character: 2 } } },
  ]);
  stub.window.activeTextEditor = { document: { uri }, selection: { active: { line: 7, character: 5 } } };
  await vscode.commands.executeCommand(COMMANDS.explain);
  const preview = harness.executed.find((e) => e.command === "markdown.showPreview");
  assert.ok(preview, "the rule opens in the Markdown preview");
  const docUri = preview.args[0] as ReturnType<typeof stub.Uri.file>;
  assert.equal(docUri.scheme, "wasmvet-rule");
  const text = harness.contentProviders.get("wasmvet-rule")?.provideTextDocumentContent(docUri) ?? "";
  assert.match(text, /^# spin-wait \(WV101\)/);

  stub.window.activeTextEditor = undefined;
  harness.quickPickAnswers.push((items) => items.find((i) => i.label === "WV301"));
  await vscode.commands.executeCommand(COMMANDS.explain);
  assert.ok(harness.quickPicks[0].length >= 20, "a pick of every rule when no diagnostic is at the cursor");
  const second = harness.executed.filter((e) => e.command === "markdown.showPreview")[1];
  const secondText = harness.contentProviders.get("wasmvet-rule")?.provideTextDocumentContent(second.args[0] as never);
  assert.match(secondText ?? "", /\(WV301\)/);
});

test("wasmvet.trace.server switches the client's protocol trace on and off", async () => {
  useTestServer();
  await start();
  const trace = lastClient().clientOptions.traceOutputChannel as import("../../src/trace").TraceChannel;
  const levels: unknown[] = [];
  trace.onDidChangeLogLevel((level) => levels.push(level));
  assert.equal(trace.logLevel, stub.LogLevel.Off, "off by default: the client sends no trace");
  trace.trace("Sending request 'hover'");
  harness.set("wasmvet.trace.server", "verbose");
  assert.deepEqual(levels, [stub.LogLevel.Trace]);
  trace.trace("Sending request 'initialize'", { id: 1 });
  harness.set("wasmvet.trace.server", "off");
  assert.deepEqual(levels, [stub.LogLevel.Trace, stub.LogLevel.Off]);
  trace.trace("Received response 'initialize'");
  const lines = harness.outputs[0].lines.filter((l) => l.startsWith("[trace]"));
  assert.deepEqual(lines, ['[trace] Sending request \'initialize\' {"id":1}']);
});

test("Show Output reveals the wasmvet channel, which names the server started", async () => {
  useTestServer();
  await start();
  await vscode.commands.executeCommand(COMMANDS.showOutput);
  const output = harness.outputs[0];
  assert.equal(output.name, "wasmvet");
  assert.equal(output.shown, 1);
  assert.ok(output.lines.some((l) => /Starting wasmvet \S+ \(.+\): .*server$/.test(l)), output.lines.join("\n"));
});
