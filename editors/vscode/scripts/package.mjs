// npm run package -- <target>: a platform-specific .vsix (target as `vsce package --target`,
// default this machine's, e.g. linux-x64) carrying wasmvet and its libraries in bundled/libs.
// scripts/bundle.py fills that folder with the Python in $WASMVET_PYTHON (default python3),
// which needs pip and reaches PyPI, from this checkout (or $WASMVET_SOURCE: a source or wheel).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";

const target = process.argv[2] ?? `${process.platform}-${process.arch}`;
const python = process.env.WASMVET_PYTHON || (process.platform === "win32" ? "python" : "python3");
const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve("@vscode/vsce/package.json")), "vsce");

execFileSync(python, [path.join("scripts", "bundle.py"), target], { stdio: "inherit" });
execFileSync(process.execPath, [vsce, "package", "--target", target], { stdio: "inherit" });
