import assert from "node:assert/strict";
import { test } from "node:test";
import { onInterpreterChange, selectedInterpreter } from "../../src/python";

// Objects shaped like the exports of the Python extension's API (ms-python.python).

test("the environments API gives the active environment's executable", async () => {
  const seen: unknown[] = [];
  const api = {
    environments: {
      getActiveEnvironmentPath: (resource: unknown) => {
        seen.push(resource);
        return { id: "venv", path: "/project/.venv" };
      },
      resolveEnvironment: async (env: { path: string }) => ({ executable: { uri: { fsPath: `${env.path}/bin/python` } } }),
    },
  };
  assert.equal(await selectedInterpreter(api, "folder"), "/project/.venv/bin/python");
  assert.deepEqual(seen, ["folder"]);
});

test("older extensions answer through settings.getExecutionDetails", async () => {
  const api = { settings: { getExecutionDetails: () => ({ execCommand: ["/usr/bin/python3.11"] }) } };
  assert.equal(await selectedInterpreter(api), "/usr/bin/python3.11");
  const conda = { settings: { getExecutionDetails: () => ({ execCommand: ["conda", "run", "-n", "x", "python"] }) } };
  assert.equal(await selectedInterpreter(conda), undefined);
});

test("no API, an unresolvable environment or a throwing API give undefined", async () => {
  assert.equal(await selectedInterpreter(undefined), undefined);
  const unresolved = { environments: { getActiveEnvironmentPath: () => ({ path: "x" }), resolveEnvironment: async () => undefined } };
  assert.equal(await selectedInterpreter(unresolved), undefined);
  const throwing = { environments: { getActiveEnvironmentPath: () => { throw new Error("not ready"); } } };
  assert.equal(await selectedInterpreter(throwing), undefined);
});

test("interpreter changes are subscribed when the API offers the event", () => {
  let listener: (() => unknown) | undefined;
  const api = { environments: { onDidChangeActiveEnvironmentPath: (l: () => unknown) => { listener = l; return { dispose: () => undefined }; } } };
  let calls = 0;
  assert.ok(onInterpreterChange(api, () => (calls += 1)));
  listener?.();
  assert.equal(calls, 1);
  assert.equal(onInterpreterChange({}, () => undefined), undefined);
});
