/**
 * Runs before the tests: finds the wasmvet of this checkout and writes how to start it to
 * out/test/wasmvet.json. In order: $WASMVET_TEST_PATH (an executable), $WASMVET_TEST_INTERPRETER
 * (a Python with wasmvet), the repository's .venv, else a venv made here from the checkout
 * (.wasmvet-venv, `pip install -e ../..`).
 */

import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findServer, type Search } from "../src/server";

const here = process.cwd(); // editors/vscode, where npm runs the tests
const repo = path.resolve(here, "..", "..");
const bin = process.platform === "win32" ? "Scripts" : "bin";
const exe = process.platform === "win32" ? "python.exe" : "python";

function provision(): string {
  const venv = path.join(here, ".wasmvet-venv");
  const python = path.join(venv, bin, exe);
  if (!existsSync(python)) {
    console.log(`find-wasmvet: no wasmvet given; making ${venv} from ${repo}`);
    execFileSync(process.platform === "win32" ? "python" : "python3", ["-m", "venv", venv], { stdio: "inherit" });
  }
  execFileSync(python, ["-m", "pip", "install", "-q", "-e", repo], { stdio: "inherit" });
  return python;
}

async function main(): Promise<void> {
  const base: Search = { path: "", interpreter: "" };
  const repoVenv = path.join(repo, ".venv", bin, exe);
  let search: Search;
  if (process.env.WASMVET_TEST_PATH) {
    search = { ...base, path: process.env.WASMVET_TEST_PATH };
  } else if (process.env.WASMVET_TEST_INTERPRETER) {
    search = { ...base, interpreter: process.env.WASMVET_TEST_INTERPRETER };
  } else if (existsSync(repoVenv)) {
    search = { ...base, interpreter: repoVenv };
  } else {
    search = { ...base, interpreter: provision() };
  }
  const result = await findServer(search);
  if (result.found === undefined) {
    const why = result.tried.map((t) => t.error).join("; ");
    throw new Error(`wasmvet cannot be started (${why}); set WASMVET_TEST_PATH or WASMVET_TEST_INTERPRETER`);
  }
  console.log(`find-wasmvet: wasmvet ${result.found.version}: ${result.found.command} ${result.found.prefix.join(" ")}`);
  writeFileSync(path.join(here, "out", "test", "wasmvet.json"), JSON.stringify(search));
}

main().catch((error: Error) => {
  console.error(`find-wasmvet: ${error.message}`);
  process.exit(1);
});
