/**
 * A small in-memory stand-in for the `vscode` module (VS Code cannot run here): the parts
 * the extension calls, with `harness` to script answers and inspect what happened.
 */

type Listener<T> = (value: T) => unknown;

export class Disposable {
  constructor(private readonly onDispose: () => unknown = () => undefined) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static from(parts: { scheme: string; path: string }): Uri {
    return new Uri(parts.scheme, parts.path);
  }
  static file(path: string): Uri {
    return new Uri("file", path);
  }
  static parse(value: string): Uri {
    const colon = value.indexOf(":");
    return new Uri(value.slice(0, colon), value.slice(colon + 1).replace(/^\/\//, ""));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}:${this.scheme === "file" ? "//" : ""}${this.path}`;
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

export enum LogLevel {
  Off = 0,
  Trace = 1,
  Debug = 2,
  Info = 3,
  Warning = 4,
  Error = 5,
}

export enum TaskScope {
  Global = 1,
  Workspace = 2,
}

export class ShellExecution {
  constructor(
    readonly command: string,
    readonly args: string[],
  ) {}
}

export class Task {
  constructor(
    readonly definition: { type: string },
    readonly scope: TaskScope,
    readonly name: string,
    readonly source: string,
    readonly execution: ShellExecution,
  ) {}
}

class OutputChannel {
  lines: string[] = [];
  shown = 0;
  constructor(readonly name: string) {}
  append(text: string): void {
    this.lines.push(text);
  }
  appendLine(line: string): void {
    this.lines.push(line);
  }
  replace(text: string): void {
    this.lines = [text];
  }
  clear(): void {
    this.lines = [];
  }
  hide(): void {}
  info(line: string): void {
    this.lines.push(`[info] ${line}`);
  }
  warn(line: string): void {
    this.lines.push(`[warning] ${line}`);
  }
  error(line: string): void {
    this.lines.push(`[error] ${line}`);
  }
  show(): void {
    this.shown += 1;
  }
  dispose(): void {}
}

class StatusBarItem {
  text = "";
  tooltip = "";
  name = "";
  command: string | undefined;
  visible = false;
  constructor(
    readonly id: string,
    readonly alignment: StatusBarAlignment,
  ) {}
  show(): void {
    this.visible = true;
  }
  dispose(): void {
    this.visible = false;
  }
}

interface Message {
  kind: "error" | "warning" | "information";
  text: string;
  items: string[];
}

const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const taskEnded = new EventEmitter<{ execution: { task: Task }; exitCode: number | undefined }>();

/** What the tests script and inspect. */
export const harness = {
  /** Settings by full key (`wasmvet.targets`), user and workspace level. */
  user: new Map<string, unknown>(),
  workspace: new Map<string, unknown>(),
  workspaceFolders: [{ uri: Uri.file("/project"), name: "project", index: 0 }] as { uri: Uri; name: string; index: number }[] | undefined,
  messages: [] as Message[],
  /** Answers for the next messages and quick picks, in order (undefined: dismissed). */
  messageAnswers: [] as (string | undefined)[],
  quickPickAnswers: [] as ((items: { label: string; picked?: boolean }[]) => unknown)[],
  quickPicks: [] as { label: string; picked?: boolean }[][],
  executed: [] as { command: string; args: unknown[] }[],
  tasks: [] as Task[],
  outputs: [] as OutputChannel[],
  statusItems: [] as StatusBarItem[],
  contentProviders: new Map<string, { provideTextDocumentContent(uri: Uri): string }>(),
  diagnostics: new Map<string, unknown[]>(),
  extensions: new Map<string, { isActive: boolean; exports: unknown; activate(): Promise<unknown> }>(),
  endTask(task: Task, exitCode: number): void {
    taskEnded.fire({ execution: { task }, exitCode });
  },
  /** Sets a setting and fires onDidChangeConfiguration, as the Settings editor does. */
  set(key: string, value: unknown, level: "user" | "workspace" = "user"): void {
    (level === "user" ? harness.user : harness.workspace).set(key, value);
    configurationChanged.fire({ affectsConfiguration: (s) => key === s || key.startsWith(`${s}.`) });
  },
  reset(): void {
    for (const m of [harness.user, harness.workspace, harness.contentProviders, harness.diagnostics, harness.extensions, commandTable]) {
      m.clear();
    }
    for (const a of [harness.messages, harness.messageAnswers, harness.quickPickAnswers, harness.quickPicks, harness.executed, harness.tasks, harness.outputs, harness.statusItems]) {
      a.length = 0;
    }
    window.activeTextEditor = undefined;
  },
};

const commandTable = new Map<string, (...args: unknown[]) => unknown>();

function message(kind: Message["kind"]) {
  return (text: string, ...items: string[]): Promise<string | undefined> => {
    harness.messages.push({ kind, text, items });
    return Promise.resolve(harness.messageAnswers.shift());
  };
}

export const window = {
  activeTextEditor: undefined as
    | { document: { uri: Uri }; selection: { active: { line: number; character: number } } }
    | undefined,
  createOutputChannel(name: string): OutputChannel {
    const channel = new OutputChannel(name);
    harness.outputs.push(channel);
    return channel;
  },
  createStatusBarItem(id: string, alignment: StatusBarAlignment): StatusBarItem {
    const item = new StatusBarItem(id, alignment);
    harness.statusItems.push(item);
    return item;
  },
  showErrorMessage: message("error"),
  showWarningMessage: message("warning"),
  showInformationMessage: message("information"),
  showQuickPick(items: { label: string; picked?: boolean }[]): Promise<unknown> {
    harness.quickPicks.push(items);
    const answer = harness.quickPickAnswers.shift();
    return Promise.resolve(answer ? answer(items) : undefined);
  },
};

function lookup(key: string): unknown {
  return harness.workspace.has(key) ? harness.workspace.get(key) : harness.user.get(key);
}

export const workspace = {
  get workspaceFolders() {
    return harness.workspaceFolders;
  },
  getConfiguration(section: string) {
    return {
      get: (key: string) => lookup(`${section}.${key}`),
      inspect: (key: string) => ({
        key: `${section}.${key}`,
        globalValue: harness.user.get(`${section}.${key}`),
        workspaceValue: harness.workspace.get(`${section}.${key}`),
      }),
      update: (key: string, value: unknown, target: ConfigurationTarget) => {
        harness.set(`${section}.${key}`, value, target === ConfigurationTarget.Global ? "user" : "workspace");
        return Promise.resolve();
      },
    };
  },
  onDidChangeConfiguration: configurationChanged.event,
  createFileSystemWatcher(pattern: string) {
    return { pattern, dispose(): void {} };
  },
  registerTextDocumentContentProvider(scheme: string, provider: { provideTextDocumentContent(uri: Uri): string }) {
    harness.contentProviders.set(scheme, provider);
    return new Disposable(() => harness.contentProviders.delete(scheme));
  },
};

export const commands = {
  registerCommand(id: string, run: (...args: unknown[]) => unknown): Disposable {
    if (commandTable.has(id)) throw new Error(`command ${id} already exists`);
    commandTable.set(id, run);
    return new Disposable(() => commandTable.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    harness.executed.push({ command: id, args });
    return commandTable.get(id)?.(...args);
  },
};

export const languages = {
  getDiagnostics(uri: Uri): unknown[] {
    return harness.diagnostics.get(uri.toString()) ?? [];
  },
};

export const extensions = {
  getExtension(id: string) {
    return harness.extensions.get(id);
  },
};

export const tasks = {
  executeTask(task: Task): Promise<unknown> {
    harness.tasks.push(task);
    return Promise.resolve({ task });
  },
  onDidEndTaskProcess: taskEnded.event,
};
