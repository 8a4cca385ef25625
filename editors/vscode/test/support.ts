/** What the tests share: the wasmvet to test against, and a Go file with a spin-wait. */

import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Search } from "../src/server";

/** Written by find-wasmvet.ts before the tests run. */
export function testSearch(): Search {
  return JSON.parse(readFileSync(path.join(process.cwd(), "out", "test", "wasmvet.json"), "utf8")) as Search;
}

/** WV101 reports the loop at line 7 (0-based), column 1. */
export const SPIN_WAIT = `package main

import "sync/atomic"

func main() {
\tvar done atomic.Bool
\tgo func() { done.Store(true) }()
\tfor !done.Load() {
\t}
}
`;

/** Resolves when `check` is true, polling; rejects after `ms`. */
export async function waitFor(check: () => boolean, ms = 20000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
