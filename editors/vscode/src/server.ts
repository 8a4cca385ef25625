/**
 * Finding the wasmvet server: `wasmvet.path`; else (importStrategy "fromEnvironment") a wasmvet
 * installed in the chosen interpreter, then `wasmvet` on PATH; then the copy bundled with the
 * extension, run with the first Python 3.10+ that works.
 */

import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, realpathSync, statSync } from "node:fs";
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

export type ImportStrategy = "fromEnvironment" | "useBundled";

/** Where the pip and pipx install commands take wasmvet from (it is not on PyPI). */
export const SOURCE = "git+https://github.com/wasmvet/wasmvet";

export interface Search {
  /** The `wasmvet.path` setting ("" when unset). */
  path: string;
  /** The `wasmvet.interpreter` setting ("" when unset). */
  interpreter: string;
  /** The `wasmvet.importStrategy` setting; default "fromEnvironment". */
  importStrategy?: ImportStrategy;
  /** The extension's `bundled` folder (tool/run_wasmvet.py and libs/, from `npm run package`). */
  bundled?: string;
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

interface Python {
  command: string;
  origin: string;
}

/** The interpreter the user chose: the `wasmvet.interpreter` setting, else the Python extension's. */
function chosenPython(search: Search): Python | undefined {
  if (search.interpreter !== "") return { command: expandHome(search.interpreter), origin: "wasmvet.interpreter" };
  if (search.pythonExtension) return { command: search.pythonExtension, origin: "the Python extension's interpreter" };
  return undefined;
}

/** The names a Python 3.10+ goes by on PATH, most usual first. */
function pythonNames(platform: NodeJS.Platform): string[] {
  if (platform === "win32") return ["python", "python3"];
  return ["python3", "python3.14", "python3.13", "python3.12", "python3.11", "python3.10"];
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** The bundled copy's runner, if this build of the extension carries wasmvet's libraries. */
export function bundledRunner(bundled: string | undefined): string | undefined {
  if (bundled === undefined) return undefined;
  const runner = path.join(bundled, "tool", "run_wasmvet.py");
  return existsSync(runner) && existsSync(path.join(bundled, "libs", "wasmvet")) ? runner : undefined;
}

/** The Pythons that may run the bundled copy: the chosen one, then those on PATH (each once). */
function bundledPythons(search: Search, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Python[] {
  const found: Python[] = [];
  const chosen = chosenPython(search);
  if (chosen !== undefined) found.push(chosen);
  for (const name of pythonNames(platform)) {
    const command = which(name, env, platform);
    if (command !== undefined) found.push({ command, origin: `${name} on PATH` });
  }
  const seen = new Set<string>();
  return found.filter((python) => {
    const file = realpath(python.command);
    if (seen.has(file)) return false;
    seen.add(file);
    return true;
  });
}

/**
 * The launchers to try, in order. An explicit `wasmvet.path` is the only one tried. The
 * bundled copy runs isolated (`-I -S`): it sees only the standard library and its own libs.
 */
export function candidates(search: Search): Launcher[] {
  const env = search.env ?? process.env;
  const platform = search.platform ?? process.platform;
  if (search.path !== "") {
    return [{ command: expandHome(search.path), prefix: [], origin: "wasmvet.path" }];
  }
  const found: Launcher[] = [];
  if ((search.importStrategy ?? "fromEnvironment") === "fromEnvironment") {
    const chosen = chosenPython(search);
    if (chosen !== undefined) found.push({ ...chosen, prefix: ["-m", "wasmvet"] });
    const onPath = which("wasmvet", env, platform);
    if (onPath !== undefined) found.push({ command: onPath, prefix: [], origin: "PATH" });
  }
  const runner = bundledRunner(search.bundled);
  if (runner !== undefined) {
    for (const python of bundledPythons(search, env, platform)) {
      found.push({ command: python.command, prefix: ["-I", "-S", runner], origin: `bundled, run by ${python.origin}` });
    }
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
  const requirement = `wasmvet @ ${SOURCE}`;
  const interpreter = chosenPython(search)?.command;
  if (interpreter) return [interpreter, "-m", "pip", "install", requirement];
  if (which("pipx", env, platform) !== undefined) return ["pipx", "install", SOURCE];
  return [platform === "win32" ? "py" : "python3", "-m", "pip", "install", "--user", requirement];
}

/** What is missing when no launcher runs: each failed attempt, what was not found, the remedy. */
export function missingMessage(search: Search, result: SearchResult): string {
  const env = search.env ?? process.env;
  const platform = search.platform ?? process.platform;
  const reasons = result.tried.map((attempt) => attempt.error);
  let remedy = "Correct wasmvet.path, or clear it to use the wasmvet bundled with the extension";
  if (search.path === "") {
    if ((search.importStrategy ?? "fromEnvironment") === "fromEnvironment" && which("wasmvet", env, platform) === undefined) {
      reasons.push("no wasmvet on PATH");
    }
    if (bundledRunner(search.bundled) === undefined) {
      reasons.push("this build of the extension carries no bundled wasmvet");
      remedy = `Install the .vsix for your platform, or install wasmvet (${shellLine(installCommand(search), platform)}) and set wasmvet.path`;
    } else {
      if (bundledPythons(search, env, platform).length === 0) {
        reasons.push(`no Python to run the bundled wasmvet (none selected, no ${pythonNames(platform)[0]} on PATH)`);
      }
      remedy = "Install Python 3.10 or later (the bundled wasmvet needs nothing else), or set wasmvet.interpreter or wasmvet.path";
    }
  }
  return `wasmvet cannot start its language server: ${reasons.join("; ")}. ${remedy}.`;
}
