/** The extension's settings, read from any configuration getter (no `vscode` import). */

/** Target ids, as `wasmvet.targets.TARGETS` in the Python package names them. */
export const TARGETS: readonly { id: string; description: string }[] = [
  { id: "go-js", description: "Go, GOOS=js GOARCH=wasm (browser or Node.js)" },
  { id: "go-wasip1", description: "Go, GOOS=wasip1 GOARCH=wasm (WASI preview 1)" },
  { id: "tinygo-wasm", description: "TinyGo, -target=wasm (browser or Node.js)" },
  { id: "tinygo-wasip1", description: "TinyGo, -target=wasip1 (WASI preview 1)" },
  { id: "tinygo-wasip2", description: "TinyGo, -target=wasip2 (WASI preview 2)" },
  { id: "tinygo-wasm-unknown", description: "TinyGo, -target=wasm-unknown (no host interface)" },
];

export const SECTION = "wasmvet";

export interface Settings {
  path: string;
  interpreter: string;
  importStrategy: "fromEnvironment" | "useBundled";
  targets: string[];
  goVersion: string;
  tinygoVersion: string;
  buildTags: string[];
  select: string[];
  ignore: string[];
  host: string;
  wasiDirs: string[] | null;
  wasiEnv: string[] | null;
  traceServer: "off" | "messages" | "verbose";
}

/** What the server reads from `initializationOptions` (see `server/lsp/options.py`). */
export interface InitializationOptions {
  targets: string[];
  goVersion: string;
  tinygoVersion: string;
  buildTags: string[];
  select: string[];
  ignore: string[];
  host: string;
  /** `null`: not set here, so `wasmvet.toml` decides; `[]` means the host grants nothing. */
  wasiDirs: string[] | null;
  wasiEnv: string[] | null;
}

/** Reads one key of the `wasmvet` section, like `WorkspaceConfiguration.get`. */
export type Getter = (key: string) => unknown;

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

/** A list of strings (possibly empty), else `null`: an empty list is a setting, not a default. */
function stringsOrNull(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value.map((v) => v.trim()) : null;
}

/** Settings with wrong types replaced by their defaults, so the server never sees them. */
export function readSettings(get: Getter): Settings {
  const trace = get("trace.server");
  return {
    path: text(get("path")),
    interpreter: text(get("interpreter")),
    importStrategy: get("importStrategy") === "useBundled" ? "useBundled" : "fromEnvironment",
    targets: strings(get("targets")),
    goVersion: text(get("goVersion")),
    tinygoVersion: text(get("tinygoVersion")),
    buildTags: strings(get("buildTags")),
    select: strings(get("select")).map((c) => c.toUpperCase()),
    ignore: strings(get("ignore")).map((c) => c.toUpperCase()),
    host: text(get("host")),
    wasiDirs: stringsOrNull(get("wasiDirs")),
    wasiEnv: stringsOrNull(get("wasiEnv")),
    traceServer: trace === "messages" || trace === "verbose" ? trace : "off",
  };
}

export function initializationOptions(settings: Settings): InitializationOptions {
  const { targets, goVersion, tinygoVersion, buildTags, select, ignore, host, wasiDirs, wasiEnv } = settings;
  return { targets, goVersion, tinygoVersion, buildTags, select, ignore, host, wasiDirs, wasiEnv };
}

/** `all` stands for every target. */
export function expandTargets(targets: readonly string[]): string[] {
  return targets.includes("all") ? TARGETS.map((t) => t.id) : [...targets];
}
