// Builds the extension bundle (dist/extension.js), or with --tests the test files
// (out/test/**), where `vscode` and `vscode-languageclient/node` are the stubs in test/stubs.
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const production = process.argv.includes("--production");
const tests = process.argv.includes("--tests");

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") || entry.name === "find-wasmvet.ts" ? [path] : [];
  });
}

const common = { bundle: true, platform: "node", format: "cjs", target: "node18", logLevel: "warning" };

if (tests) {
  rmSync("out", { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: testFiles("test"),
    outbase: "test",
    outdir: "out/test",
    sourcemap: "inline",
    alias: {
      vscode: "./test/stubs/vscode.ts",
      "vscode-languageclient/node": "./test/stubs/languageclient.ts",
    },
  });
} else {
  rmSync("dist", { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    external: ["vscode"],
    target: "node20",
    minify: production,
    sourcemap: !production,
  });
}
