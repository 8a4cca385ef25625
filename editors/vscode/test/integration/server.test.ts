/**
 * The real `wasmvet server`, started with the command line the extension computes, driven
 * over stdio with vscode-languageserver-protocol as VS Code's client drives it.
 */

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import {
  type ClientCapabilities,
  createProtocolConnection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { explain, listRules } from "../../src/rules";
import { commandLine, type Found, findServer } from "../../src/server";
import { initializationOptions, readSettings } from "../../src/settings";
import { SPIN_WAIT, testSearch, waitFor } from "../support";

let launcher: Found;
let folder: string;
let spinUri: string;

before(async () => {
  const result = await findServer(testSearch());
  assert.ok(result.found, `wasmvet not found: ${JSON.stringify(result.tried)}`);
  launcher = result.found;
  folder = mkdtempSync(path.join(tmpdir(), "wasmvet-vscode-"));
  writeFileSync(path.join(folder, "go.mod"), "module example.com/spin\n\ngo 1.24\n");
  writeFileSync(path.join(folder, "main.go"), SPIN_WAIT);
  spinUri = pathToFileURL(path.join(folder, "main.go")).href;
});

/** One server process and the connection to it. */
class Session {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly pushed = new Map<string, Diagnostic[]>();
  refreshes = 0;
  configurationRequests: unknown[] = [];

  constructor() {
    const [command, args] = commandLine(launcher, "server");
    this.child = spawn(command, args, { cwd: folder, stdio: ["pipe", "pipe", "inherit"] });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.pushed.set(p.uri, p.diagnostics);
    });
    this.connection.onRequest("workspace/diagnostic/refresh", () => {
      this.refreshes += 1;
      return null;
    });
    this.connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => {
      this.configurationRequests.push(params);
      return params.items.map(() => ({}));
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.listen();
  }

  async initialize(capabilities: ClientCapabilities, settings: Record<string, unknown>): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "spin" }],
      capabilities,
      initializationOptions: initializationOptions(readSettings((key) => settings[key])),
    });
    await this.connection.sendNotification("initialized", {});
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: spinUri, languageId: "go", version: 1, text: SPIN_WAIT },
    });
    return result;
  }

  async pull(): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<DocumentDiagnosticReport>("textDocument/diagnostic", {
      textDocument: { uri: spinUri },
    });
    assert.equal(report.kind, "full");
    return report.kind === "full" ? report.items : [];
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    await exited;
    this.connection.dispose();
  }
}

/** What vscode-languageclient 11 announces that matters to wasmvet. */
const VSCODE_CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ["utf-16"] },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { dynamicRegistration: true, isPreferredSupport: true, dataSupport: true },
    hover: { contentFormat: ["markdown", "plaintext"] },
  },
};

const sessions: Session[] = [];
after(async () => {
  for (const s of sessions) if (s.child.exitCode === null) s.child.kill();
});

test("VS Code's client (pull diagnostics) gets WV101 for a spin-wait, and settings changes apply", async () => {
  const session = new Session();
  sessions.push(session);
  const result = await session.initialize(VSCODE_CAPABILITIES, { targets: ["go-js"] });
  assert.equal(result.serverInfo?.name, "wasmvet");
  assert.ok(result.capabilities.diagnosticProvider, "the server offers pull diagnostics");

  const items = await session.pull();
  const spin = items.find((d) => d.code === "WV101");
  assert.ok(spin, `no WV101 in ${JSON.stringify(items)}`);
  assert.equal(spin.source, "wasmvet");
  assert.equal(spin.range.start.line, 7);
  assert.match(typeof spin.message === "string" ? spin.message : spin.message.value, /spin-wait/);

  // What the extension's middleware sends when wasmvet.ignore changes.
  const settings = initializationOptions(readSettings((key) => ({ targets: ["go-js"], ignore: ["wv101"] })[key]));
  await session.connection.sendNotification("workspace/didChangeConfiguration", { settings: { wasmvet: settings } });
  await waitFor(() => session.refreshes > 0, 10000, "workspace/diagnostic/refresh");
  assert.deepEqual((await session.pull()).filter((d) => d.code === "WV101"), []);
  await session.close();
});

test("a client without pull diagnostics gets WV101 pushed", async () => {
  const session = new Session();
  sessions.push(session);
  const { diagnostic: _pull, ...pushOnly } = VSCODE_CAPABILITIES.textDocument!;
  await session.initialize({ ...VSCODE_CAPABILITIES, textDocument: pushOnly }, {});
  await waitFor(() => (session.pushed.get(spinUri) ?? []).length > 0, 20000, "publishDiagnostics");
  assert.deepEqual(session.pushed.get(spinUri)?.map((d) => [d.code, d.range.start.line]), [["WV101", 7]]);
  await session.close();
});

test("Explain Rule's wasmvet explain and the rule list come from the same launcher", async () => {
  const markdown = await explain(launcher, "WV101");
  assert.match(markdown, /^# spin-wait \(WV101\)/);
  const rules = await listRules(launcher);
  assert.ok(rules.length >= 20);
  assert.deepEqual(rules.find((r) => r.code === "WV101")?.name, "spin-wait");
  await assert.rejects(explain(launcher, "WV999"), /unknown rule/);
});
