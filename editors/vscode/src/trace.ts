/**
 * The client's protocol trace channel. vscode-languageclient 10+ traces only while its trace
 * channel's log level is Trace; this one reports Trace exactly when `wasmvet.trace.server` is
 * `messages` or `verbose`, so that setting alone switches the trace on, and writes the trace
 * into the wasmvet output.
 */

import * as vscode from "vscode";

export class TraceChannel implements vscode.LogOutputChannel {
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly setting: () => "off" | "messages" | "verbose",
  ) {}

  get name(): string {
    return this.output.name;
  }

  get logLevel(): vscode.LogLevel {
    return this.setting() === "off" ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  }

  /** Tells the client to read the level again (and send `$/setTrace`). */
  settingChanged(): void {
    this.levelChanged.fire(this.logLevel);
  }

  private write(level: string, message: string | Error, args: unknown[]): void {
    if (this.logLevel === vscode.LogLevel.Off) return;
    const text = message instanceof Error ? (message.stack ?? message.message) : message;
    const extra = args.map((a) => (typeof a === "string" ? a : JSON.stringify(a)));
    this.output.appendLine([`[${level}]`, text, ...extra].join(" "));
  }

  trace(message: string, ...args: unknown[]): void {
    this.write("trace", message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.write("debug", message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write("info", message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write("warning", message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.write("error", error, args);
  }
  append(value: string): void {
    this.output.append(value);
  }
  appendLine(value: string): void {
    this.output.appendLine(value);
  }
  replace(value: string): void {
    this.output.replace(value);
  }
  clear(): void {
    this.output.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(): void {
    this.output.show(true);
  }
  hide(): void {
    this.output.hide();
  }
  dispose(): void {
    this.levelChanged.dispose();
  }
}
