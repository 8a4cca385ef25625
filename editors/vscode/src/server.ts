/** Finding the wasmvet server: the setting, `wasmvet` on PATH, then `python -m wasmvet`. */

import { execFile } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A way to run wasmvet: `command` plus the arguments before the subcommand. */
export interface Launcher {
  command: string;
  prefix: string[];
  /** Where it came from, for messages: "wasmvet.path", "PATH", "wasmvet.interpreter", ... */
  origin: string;
}

/** A launcher that answered `--version`. */
export interface Found extends Launcher {
  version: string;
}

export interface Attempt {
  launcher: Launcher;
  error: string;
}

export interface Search {
  /** The `wasmvet.path` setting ("" when unset). */
  path: string;
  /** The `wasmvet.interpreter` setting ("" when unset). */
  interpreter: string;
  /** The Python extension's interpreter for the workspace, if that extension is present. */
  pythonExtension?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export interface SearchResult {
  found?: Found;
  tried: Attempt[];
}

/** The command line that runs `wasmvet <subcommand> args...` with this launcher. */
export function commandLine(launcher: Launcher, ...args: string[]): [string, string[]] {
  return [launcher.command, [...launcher.prefix, ...args]];
}

/** `~/x` and `${userHome}/x` as absolute paths; other strings unchanged. */
export function expandHome(value: string): string {
  const home = os.homedir();
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) {
    return path.join(home, value.slice(1));
  }
  return value.replace("${userHome}", home);
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== "win32") accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH (with PATHEXT on Windows), like `which`. */
export function which(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const windows = platform === "win32";
  const dirs = (env.PATH ?? env.Path ?? "").split(windows ? ";" : ":").filter((d) => d !== "");
  const exts = windows ? (env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";") : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      if (isExecutable(file, platform)) return file;
    }
  }
  return undefined;
}

/** The launchers to try, in order. An explicit `wasmvet.path` is the only one tried. */
export function candidates(search: Search): Launcher[] {
  const env = search.env ?? process.env;
  const platform = search.platform ?? process.platform;
  if (search.path !== "") {
    return [{ command: expandHome(search.path), prefix: [], origin: "wasmvet.path" }];
  }
  const found: Launcher[] = [];
  const onPath = which("wasmvet", env, platform);
  if (onPath !== undefined) found.push({ command: onPath, prefix: [], origin: "PATH" });
  const module = ["-m", "wasmvet"];
  if (search.interpreter !== "") {
    found.push({ command: expandHome(search.interpreter), prefix: module, origin: "wasmvet.interpreter" });
  } else if (search.pythonExtension) {
    found.push({ command: search.pythonExtension, prefix: module, origin: "the Python extension's interpreter" });
  } else {
    const python = which(platform === "win32" ? "python" : "python3", env, platform);
    if (python !== undefined) found.push({ command: python, prefix: module, origin: "PATH" });
  }
  return found;
}

/** Runs a launcher's `--version`; resolves to the version or rejects with a one-line reason. */
export function probe(launcher: Launcher, env?: NodeJS.ProcessEnv, timeoutMs = 15000): Promise<string> {
  const [command, args] = commandLine(launcher, "--version");
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: env ?? process.env, timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
      const version = /^wasmvet (\S+)/m.exec(String(stdout));
      if (!error && version) {
        resolve(version[1]);
        return;
      }
      const lastLine = String(stderr).trim().split("\n").pop() ?? "";
      const why = error?.code === "ENOENT" ? "not found" : lastLine || error?.message || `printed ${JSON.stringify(String(stdout).trim())}`;
      reject(new Error(`${[command, ...args].join(" ")}: ${why}`));
    });
  });
}

/** The first candidate that runs, and every attempt that failed before it. */
export async function findServer(search: Search): Promise<SearchResult> {
  const tried: Attempt[] = [];
  for (const launcher of candidates(search)) {
    try {
      const version = await probe(launcher, search.env);
      return { found: { ...launcher, version }, tried };
    } catch (error) {
      tried.push({ launcher, error: (error as Error).message });
    }
  }
  return { tried };
}

/** `argv` as one shell command line, quoted where needed, for messages. */
export function shellLine(argv: readonly string[], platform: NodeJS.Platform = process.platform): string {
  return argv
    .map((arg) => {
      if (/^[\w@%+=:,./\\-]+$/.test(arg)) return arg;
      return platform === "win32" ? `"${arg}"` : `'${arg.replace(/'/g, "'\\''")}'`;
    })
    .join(" ");
}

/**
 * The command that installs wasmvet: into the interpreter the user chose (the setting or the
 * Python extension's), else with pipx, else into the user's site-packages.
 */
export function installCommand(search: Search): string[] {
  const env = search.env ?? process.env;
  const platform = search.platform ?? process.platform;
  const interpreter = search.interpreter !== "" ? expandHome(search.interpreter) : search.pythonExtension;
  if (interpreter) return [interpreter, "-m", "pip", "install", "wasmvet"];
  if (which("pipx", env, platform) !== undefined) return ["pipx", "install", "wasmvet"];
  return [platform === "win32" ? "py" : "python3", "-m", "pip", "install", "--user", "wasmvet"];
}
