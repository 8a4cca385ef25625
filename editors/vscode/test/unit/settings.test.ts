import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { TARGETS, expandTargets, initializationOptions, readSettings } from "../../src/settings";

function getter(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

test("settings with the right types pass through; select and ignore are upper-cased", () => {
  const settings = readSettings(
    getter({
      targets: ["go-js", "tinygo-wasip2"],
      goVersion: " 1.24 ",
      tinygoVersion: "0.34",
      buildTags: ["integration", " netgo "],
      select: ["wv1", "WV301"],
      ignore: ["wv309"],
      host: "browser",
      wasiDirs: [".::/"],
      wasiEnv: [],
      path: "/bin/wasmvet",
      interpreter: "",
      "trace.server": "verbose",
    }),
  );
  assert.deepEqual(initializationOptions(settings), {
    targets: ["go-js", "tinygo-wasip2"],
    goVersion: "1.24",
    tinygoVersion: "0.34",
    buildTags: ["integration", "netgo"],
    select: ["WV1", "WV301"],
    ignore: ["WV309"],
    host: "browser",
    wasiDirs: [".::/"],
    wasiEnv: [],
  });
  assert.equal(settings.path, "/bin/wasmvet");
  assert.equal(settings.traceServer, "verbose");
});

test("wrong types and blanks become the defaults", () => {
  const settings = readSettings(getter({ targets: "go-js", goVersion: 124, select: [1, "", " WV3 "], "trace.server": "loud" }));
  assert.deepEqual(initializationOptions(settings), { targets: [], goVersion: "", tinygoVersion: "", buildTags: [], select: ["WV3"], ignore: [], host: "", wasiDirs: null, wasiEnv: null });
  assert.equal(settings.traceServer, "off");
  assert.equal(settings.path, "");
  assert.equal(settings.importStrategy, "fromEnvironment");
  assert.equal(readSettings(getter({ importStrategy: "useBundled" })).importStrategy, "useBundled");
  assert.equal(readSettings(getter({ importStrategy: "bundled" })).importStrategy, "fromEnvironment");
});

test("an empty WASI grant list is kept (the host grants nothing); a non-list is not set", () => {
  const settings = readSettings(getter({ wasiDirs: [], wasiEnv: "HOME" }));
  assert.deepEqual(settings.wasiDirs, []);
  assert.equal(settings.wasiEnv, null);
  assert.equal(readSettings(getter({ wasiDirs: ["/", 3] })).wasiDirs, null);
});

test("all expands to every target", () => {
  assert.deepEqual(expandTargets(["all"]), TARGETS.map((t) => t.id));
  assert.deepEqual(expandTargets(["go-wasip1"]), ["go-wasip1"]);
});

test("package.json contributes every target, every setting read, and the commands", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8"));
  const properties = pkg.contributes.configuration.properties;
  assert.deepEqual(properties["wasmvet.targets"].items.enum, [...TARGETS.map((t) => t.id), "all"]);
  const keys = ["path", "interpreter", "importStrategy", "targets", "goVersion", "tinygoVersion", "buildTags", "select", "ignore", "host", "wasiDirs", "wasiEnv", "trace.server"];
  assert.deepEqual(Object.keys(properties).sort(), keys.map((k) => `wasmvet.${k}`).sort());
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual(commands.sort(), [
    "wasmvet.explainRule",
    "wasmvet.installServer",
    "wasmvet.restartServer",
    "wasmvet.showOutput",
    "wasmvet.switchTarget",
  ]);
  assert.ok(pkg.activationEvents.includes("onLanguage:go"));
  assert.equal(pkg.main, "./dist/extension.js");
});
