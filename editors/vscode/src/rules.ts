/** Rule documentation through the wasmvet command line (`wasmvet explain`, `wasmvet rules`). */

import { execFile } from "node:child_process";
import { commandLine, type Launcher } from "./server";

interface Position {
  line: number;
  character: number;
}

/** The parts of a `vscode.Diagnostic` this module reads. */
export interface DiagnosticLike {
  source?: string;
  code?: string | number | { value: string | number };
  range: { start: Position; end: Position };
}

export interface RuleEntry {
  code: string;
  name: string;
  severity: string;
  targets: string;
}

const CODE = /^WV\d{3}$/i;

function codeOf(diagnostic: DiagnosticLike): string | undefined {
  const raw = typeof diagnostic.code === "object" ? diagnostic.code.value : diagnostic.code;
  const code = raw === undefined ? "" : String(raw);
  return diagnostic.source === "wasmvet" && CODE.test(code) ? code.toUpperCase() : undefined;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * The rule of the wasmvet diagnostic under the cursor; else the first one on the cursor's
 * line; else undefined.
 */
export function ruleAt(diagnostics: readonly DiagnosticLike[], cursor: Position): string | undefined {
  const ours = diagnostics.filter((d) => codeOf(d) !== undefined);
  const under = ours.find((d) => before(d.range.start, cursor) && before(cursor, d.range.end));
  const onLine = ours.find((d) => d.range.start.line <= cursor.line && cursor.line <= d.range.end.line);
  const hit = under ?? onLine;
  return hit === undefined ? undefined : codeOf(hit);
}

function run(launcher: Launcher, args: string[]): Promise<string> {
  const [command, argv] = commandLine(launcher, ...args);
  return new Promise((resolve, reject) => {
    execFile(command, argv, { timeout: 15000, windowsHide: true, maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(String(stderr).trim() || error.message));
      } else {
        resolve(String(stdout));
      }
    });
  });
}

/** `wasmvet explain CODE`: the rule's documentation as Markdown. */
export function explain(launcher: Launcher, code: string): Promise<string> {
  return run(launcher, ["explain", code]);
}

/** The table `wasmvet rules` prints (`WV101 [*] spin-wait  error  go-js,go-wasip1`). */
export function parseRules(table: string): RuleEntry[] {
  const entries: RuleEntry[] = [];
  for (const line of table.split("\n")) {
    const m = /^(WV\d{3})\s+(?:\[\*\]\s+)?(\S+)\s+(\S+)\s+(\S+)/.exec(line);
    if (m) entries.push({ code: m[1], name: m[2], severity: m[3], targets: m[4] });
  }
  return entries;
}

/** `wasmvet rules`, one entry per rule. */
export async function listRules(launcher: Launcher): Promise<RuleEntry[]> {
  return parseRules(await run(launcher, ["rules"]));
}
