/** The interpreter the Python extension (ms-python.python) selected, read from its API. */

interface EnvironmentPath {
  id?: string;
  path?: string;
}

/** The parts of the Python extension's exported API this module reads. */
interface PythonApi {
  environments?: {
    getActiveEnvironmentPath?(resource?: unknown): EnvironmentPath | undefined;
    resolveEnvironment?(environment: EnvironmentPath | string): Promise<{ executable?: { uri?: { fsPath?: string } } } | undefined>;
    onDidChangeActiveEnvironmentPath?(listener: () => unknown): { dispose(): unknown };
  };
  settings?: {
    getExecutionDetails?(resource?: unknown): { execCommand?: string[] } | undefined;
  };
}

function api(exports: unknown): PythonApi | undefined {
  return typeof exports === "object" && exports !== null ? (exports as PythonApi) : undefined;
}

/** The selected interpreter's executable, or undefined if the API offers none. */
export async function selectedInterpreter(exports: unknown, resource?: unknown): Promise<string | undefined> {
  const python = api(exports);
  const environments = python?.environments;
  try {
    const active = environments?.getActiveEnvironmentPath?.(resource);
    if (active !== undefined && environments?.resolveEnvironment) {
      const resolved = await environments.resolveEnvironment(active);
      const executable = resolved?.executable?.uri?.fsPath;
      if (executable) return executable;
    }
    const command = python?.settings?.getExecutionDetails?.(resource)?.execCommand;
    return command !== undefined && command.length === 1 && command[0] ? command[0] : undefined;
  } catch {
    return undefined; // an older or broken Python extension: fall back to python3
  }
}

/** Calls `listener` when the user selects another interpreter; undefined if unsupported. */
export function onInterpreterChange(exports: unknown, listener: () => unknown): { dispose(): unknown } | undefined {
  return api(exports)?.environments?.onDidChangeActiveEnvironmentPath?.(listener);
}
