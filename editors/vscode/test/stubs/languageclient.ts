/**
 * A thin stand-in for `vscode-languageclient/node` (which needs a running VS Code): it starts
 * the real server process with the given command, speaks LSP to it over stdio, and does what
 * the real client does with the options the extension passes (initializationOptions,
 * `synchronize.configurationSection` through the middleware, workspace/configuration).
 */

import { type ChildProcess, spawn } from "node:child_process";
import {
  type ConfigurationParams,
  createProtocolConnection,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import * as vscode from "vscode";
import { harness } from "./vscode";

export { DidChangeConfigurationNotification } from "vscode-languageserver-protocol/node";

/** The section's values as the real client sends them without middleware (unchecked). */
function sectionValues(section: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const level of [harness.user, harness.workspace]) {
    for (const [key, value] of level) if (key.startsWith(`${section}.`)) values[key.slice(section.length + 1)] = value;
  }
  return values;
}

export enum State {
  Stopped = 1,
  Running = 2,
  Starting = 3,
}

type Next = (...args: unknown[]) => unknown;

export interface LanguageClientOptions {
  documentSelector: unknown[];
  initializationOptions?: unknown;
  outputChannel?: unknown;
  traceOutputChannel?: unknown;
  synchronize?: { configurationSection?: string; fileEvents?: unknown };
  middleware?: {
    workspace?: {
      didChangeConfiguration?: (sections: string[], next: Next) => Promise<void>;
      configuration?: (params: ConfigurationParams, token: unknown, next: Next) => unknown;
    };
  };
}

export class LanguageClient {
  static instances: LanguageClient[] = [];
  state = State.Stopped;
  initializeResult: InitializeResult | undefined;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly diagnosticsChanged = new vscode.EventEmitter<PublishDiagnosticsParams>();
  private readonly stateChanged = new vscode.EventEmitter<{ oldState: State; newState: State }>();
  private process: ChildProcess | undefined;
  private connection: ProtocolConnection | undefined;
  private configListener: vscode.Disposable | undefined;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: { command: string; args: string[] },
    readonly clientOptions: LanguageClientOptions,
  ) {
    LanguageClient.instances.push(this);
  }

  onDidChangeState = this.stateChanged.event;

  private setState(newState: State): void {
    const oldState = this.state;
    this.state = newState;
    this.stateChanged.fire({ oldState, newState });
  }

  async start(): Promise<void> {
    this.setState(State.Starting);
    const { command, args } = this.serverOptions;
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
    this.process = child;
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection = connection;
    const middleware = this.clientOptions.middleware?.workspace;
    connection.onRequest("workspace/configuration", (params: ConfigurationParams) => {
      const next = () => params.items.map(() => null);
      return middleware?.configuration ? middleware.configuration(params, undefined, next) : next();
    });
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.diagnosticsChanged.fire(params);
    });
    connection.listen();
    const failed = new Promise<never>((_, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`server exited with code ${code}`)));
    });
    this.initializeResult = await Promise.race([
      connection.sendRequest<InitializeResult>("initialize", {
        processId: process.pid,
        rootUri: null,
        capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } },
        initializationOptions: this.clientOptions.initializationOptions,
      }),
      failed,
    ]);
    await connection.sendNotification("initialized", {});
    // What the real client's configuration sync does: once now, then on every change.
    const section = this.clientOptions.synchronize?.configurationSection;
    if (section !== undefined) {
      const send = () =>
        this.sendNotification({ method: "workspace/didChangeConfiguration" }, { settings: { [section]: sectionValues(section) } });
      const sync = () => (middleware?.didChangeConfiguration ? middleware.didChangeConfiguration([section], send) : send());
      this.configListener = vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(section)) void sync();
      });
      await sync();
    }
    this.setState(State.Running);
  }

  sendNotification(type: { method: string }, params: unknown): Promise<void> {
    if (this.connection === undefined) return Promise.reject(new Error("client is not running"));
    return this.connection.sendNotification(type.method, params);
  }

  /** Opens a document on the server, as VS Code does for a Go editor. */
  open(uri: string, text: string): Promise<void> {
    return this.connection!.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "go", version: 1, text },
    });
  }

  async stop(): Promise<void> {
    this.configListener?.dispose();
    const connection = this.connection;
    const child = this.process;
    if (connection !== undefined && child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      await exited;
      connection.dispose();
    }
    this.connection = undefined;
    this.setState(State.Stopped);
  }
}
