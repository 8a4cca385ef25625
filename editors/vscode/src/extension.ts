/** The VS Code side: starts `wasmvet server` for Go files and wires commands and settings. */

import * as path from "node:path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  State,
} from "vscode-languageclient/node";
import { onInterpreterChange, selectedInterpreter } from "./python";
import { explain, listRules, ruleAt } from "./rules";
import {
  commandLine,
  findServer,
  type Found,
  installCommand,
  missingMessage,
  type Search,
  type SearchResult,
  shellLine,
} from "./server";
import { SECTION, TARGETS, expandTargets, initializationOptions, readSettings, type Settings } from "./settings";
import { type ServerState, statusText } from "./status";
import { TraceChannel } from "./trace";

const DOCS_SCHEME = "wasmvet-rule";
const PYTHON_EXTENSION = "ms-python.python";
const WATCHED = "**/{wasmvet.toml,.wasmvet.toml,go.mod,go.work}";

export const COMMANDS = {
  restart: "wasmvet.restartServer",
  showOutput: "wasmvet.showOutput",
  explain: "wasmvet.explainRule",
  switchTarget: "wasmvet.switchTarget",
  install: "wasmvet.installServer",
} as const;

function settingsFor(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return readSettings((key) => config.get(key));
}

/** The server's settings object as `workspace/didChangeConfiguration` sends it. */
function serverSettings(): { wasmvet: ReturnType<typeof initializationOptions> } {
  return { wasmvet: initializationOptions(settingsFor()) };
}

/** One extension instance: the client, its status bar item, output and commands. */
export class Wasmvet implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly status: vscode.StatusBarItem;
  readonly traceChannel: TraceChannel;
  client: LanguageClient | undefined;
  launcher: Found | undefined;
  state: ServerState = "stopped";
  private readonly disposables: vscode.Disposable[] = [];
  private readonly docs = new Map<string, string>();
  private readonly docsChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly watcher: vscode.FileSystemWatcher;
  private pythonWatch: { dispose(): unknown } | undefined;
  private queue: Promise<void> = Promise.resolve();

  /** `bundled`: the extension's folder of the bundled wasmvet, if it has one. */
  constructor(private readonly bundled?: string) {
    this.output = vscode.window.createOutputChannel("wasmvet", { log: true });
    this.status = vscode.window.createStatusBarItem("wasmvet.status", vscode.StatusBarAlignment.Right, 100);
    this.status.name = "wasmvet";
    this.status.command = COMMANDS.switchTarget;
    this.watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
    this.traceChannel = new TraceChannel(this.output, () => settingsFor().traceServer);
    this.disposables.push(
      this.traceChannel,
      this.watcher,
      this.output,
      this.status,
      this.docsChanged,
      vscode.commands.registerCommand(COMMANDS.restart, () => this.restart()),
      vscode.commands.registerCommand(COMMANDS.showOutput, () => this.output.show(true)),
      vscode.commands.registerCommand(COMMANDS.explain, (code?: unknown) => this.explainRule(code)),
      vscode.commands.registerCommand(COMMANDS.switchTarget, () => this.switchTarget()),
      vscode.commands.registerCommand(COMMANDS.install, () => this.install()),
      vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, {
        onDidChange: this.docsChanged.event,
        provideTextDocumentContent: (uri) => this.docs.get(uri.path.replace(/\.md$/, "")) ?? "",
      }),
      vscode.workspace.onDidChangeConfiguration((event) => this.configurationChanged(event)),
    );
    this.showStatus();
  }

  /** Finds the server and starts the client; runs after any start or stop already queued. */
  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  dispose(): void {
    this.pythonWatch?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private setState(state: ServerState): void {
    this.state = state;
    this.showStatus();
  }

  private showStatus(): void {
    const { text, tooltip } = statusText(this.state, settingsFor().targets);
    this.status.text = text;
    this.status.tooltip = this.launcher ? `${tooltip}\nwasmvet ${this.launcher.version} (${this.launcher.origin})` : tooltip;
    this.status.show();
  }

  /** Where to look for the server, with the Python extension's interpreter if it has one. */
  async search(): Promise<Search> {
    const settings = settingsFor();
    const search: Search = {
      path: settings.path,
      interpreter: settings.interpreter,
      importStrategy: settings.importStrategy,
      bundled: this.bundled,
    };
    const python = vscode.extensions.getExtension(PYTHON_EXTENSION);
    if (python !== undefined && settings.path === "" && settings.interpreter === "") {
      const exports: unknown = python.isActive ? python.exports : await python.activate().then(
        (api) => api,
        () => undefined,
      );
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      search.pythonExtension = await selectedInterpreter(exports, folder);
      this.pythonWatch ??= onInterpreterChange(exports, () => {
        if (this.launcher === undefined || this.launcher.origin.includes("Python extension")) void this.restart();
      });
    }
    return search;
  }

  private async doStart(): Promise<void> {
    this.setState("starting");
    const search = await this.search();
    const result = await findServer(search);
    for (const attempt of result.tried) this.output.warn(`Not usable: ${attempt.error}`);
    this.launcher = result.found;
    if (result.found === undefined) {
      this.setState("missing");
      void this.offerInstall(search, result);
      return;
    }
    const [command, args] = commandLine(result.found, "server");
    this.output.info(`Starting wasmvet ${result.found.version} (${result.found.origin}): ${shellLine([command, ...args])}`);
    const options = this.clientOptions(settingsFor(), () => client);
    const client = new LanguageClient(SECTION, "wasmvet", { command, args }, options);
    client.onDidChangeState((event) => {
      if (this.client !== client) return;
      this.setState(event.newState === State.Running ? "running" : event.newState === State.Starting ? "starting" : "stopped");
    });
    this.client = client;
    try {
      await client.start();
      this.setState("running");
    } catch (error) {
      this.output.error(`wasmvet server failed to start: ${String(error)}`);
      this.setState("stopped");
      void vscode.window.showErrorMessage(`wasmvet: the server failed to start: ${String(error)}`, "Show Output").then(
        (choice) => choice && this.output.show(true),
      );
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) {
      try {
        await client.stop();
      } catch (error) {
        this.output.warn(`Stopping the server: ${String(error)}`);
      }
    }
    this.setState("stopped");
  }

  /** The client's options: Go files, settings both ways, and config files watched. */
  clientOptions(settings: Settings, client: () => LanguageClient): LanguageClientOptions {
    return {
      documentSelector: [{ scheme: "file", language: "go" }],
      initializationOptions: initializationOptions(settings),
      outputChannel: this.output,
      traceOutputChannel: this.traceChannel,
      synchronize: { configurationSection: SECTION, fileEvents: this.watcher },
      middleware: {
        workspace: {
          // Send the same checked settings as initializationOptions, not the raw section.
          didChangeConfiguration: async () => {
            await client().sendNotification(DidChangeConfigurationNotification.type, {
              settings: serverSettings(),
            });
          },
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) return answers;
            return params.items.map((item, i) =>
              item.section === SECTION
                ? initializationOptions(settingsFor(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined))
                : answers[i],
            );
          },
        },
      },
    };
  }

  private configurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (!event.affectsConfiguration(SECTION)) return;
    if (event.affectsConfiguration(`${SECTION}.trace.server`)) this.traceChannel.settingChanged();
    if (["path", "interpreter", "importStrategy"].some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
      void this.restart();
    }
    this.showStatus(); // the client sends the new settings to the server itself
  }

  private async offerInstall(search: Search, result: SearchResult): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      missingMessage(search, result),
      "Install",
      "Open Settings",
      "Show Output",
    );
    if (choice === "Install") await this.install();
    if (choice === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", "wasmvet");
    if (choice === "Show Output") this.output.show(true);
  }

  /** Runs the install command in a terminal (as a task) and restarts the server after it. */
  async install(): Promise<void> {
    const [command, ...args] = installCommand(await this.search());
    const task = new vscode.Task(
      { type: "shell", task: "install wasmvet" },
      vscode.TaskScope.Workspace,
      "install wasmvet",
      "wasmvet",
      new vscode.ShellExecution(command, args),
    );
    const ended = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task !== task) return;
      ended.dispose();
      if (event.exitCode === 0) {
        void this.restart();
      } else {
        void vscode.window.showErrorMessage(`wasmvet: ${shellLine([command, ...args])} failed (exit code ${event.exitCode}).`);
      }
    });
    this.disposables.push(ended);
    await vscode.tasks.executeTask(task);
  }

  /** Shows `wasmvet explain CODE` for the given rule, the one under the cursor, or a picked one. */
  async explainRule(argument?: unknown): Promise<void> {
    const launcher = this.launcher;
    if (launcher === undefined) {
      const search = await this.search();
      void this.offerInstall(search, await findServer(search));
      return;
    }
    let code = typeof argument === "string" ? argument : undefined;
    const editor = vscode.window.activeTextEditor;
    if (code === undefined && editor !== undefined) {
      code = ruleAt(vscode.languages.getDiagnostics(editor.document.uri), editor.selection.active);
    }
    try {
      if (code === undefined) {
        const rules = await listRules(launcher);
        const picked = await vscode.window.showQuickPick(
          rules.map((r) => ({ label: r.code, description: r.name, detail: `${r.severity}; ${r.targets}` })),
          { title: "Explain a wasmvet rule", matchOnDescription: true },
        );
        code = picked?.label;
      }
      if (code === undefined) return;
      this.docs.set(code, await explain(launcher, code));
    } catch (error) {
      void vscode.window.showErrorMessage(`wasmvet: ${(error as Error).message}`);
      return;
    }
    const uri = vscode.Uri.from({ scheme: DOCS_SCHEME, path: `${code}.md` });
    this.docsChanged.fire(uri);
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  }

  /** A pick of targets, saved to `wasmvet.targets` where it is set (else the workspace). */
  async switchTarget(): Promise<void> {
    const current = expandTargets(settingsFor().targets);
    const picked = await vscode.window.showQuickPick(
      TARGETS.map((t) => ({ label: t.id, description: t.description, picked: current.includes(t.id) })),
      { canPickMany: true, title: "wasmvet targets (none: wasmvet.toml's, else inferred from the code)" },
    );
    if (picked === undefined) return;
    const ids = picked.map((p) => p.label);
    const value = ids.length === TARGETS.length ? ["all"] : ids;
    const config = vscode.workspace.getConfiguration(SECTION);
    const where = config.inspect("targets");
    const scope =
      where?.workspaceValue !== undefined || (vscode.workspace.workspaceFolders?.length ?? 0) > 0
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await config.update("targets", value, scope);
  }
}

let current: Wasmvet | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Wasmvet> {
  current = new Wasmvet(context.extensionPath ? path.join(context.extensionPath, "bundled") : undefined);
  context.subscriptions.push(current);
  await current.start();
  return current;
}

export async function deactivate(): Promise<void> {
  await current?.stop();
  current = undefined;
}
