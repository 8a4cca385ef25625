import assert from "node:assert/strict";
import { test } from "node:test";
import { statusText, targetLabel } from "../../src/status";

test("the label names the targets, all, or auto", () => {
  assert.equal(targetLabel([]), "auto");
  assert.equal(targetLabel(["go-js", "go-wasip1"]), "go-js, go-wasip1");
  assert.equal(targetLabel(["all"]), "all targets");
});

test("the status shows the server's state and the targets", () => {
  assert.equal(statusText("running", ["go-js"]).text, "$(check) wasmvet: go-js");
  assert.equal(statusText("starting", []).text, "$(sync~spin) wasmvet: auto");
  const missing = statusText("missing", ["all"]);
  assert.equal(missing.text, "$(warning) wasmvet: all targets");
  assert.match(missing.tooltip, /not found/);
  assert.match(missing.tooltip, /tinygo-wasm-unknown/);
  assert.match(statusText("stopped", []).tooltip, /inferred/);
});
