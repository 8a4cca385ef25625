import assert from "node:assert/strict";
import { test } from "node:test";
import { type DiagnosticLike, parseRules, ruleAt } from "../../src/rules";

function diag(code: DiagnosticLike["code"], line: number, start: number, end: number, source = "wasmvet"): DiagnosticLike {
  return { source, code, range: { start: { line, character: start }, end: { line, character: end } } };
}

test("the rule under the cursor wins over others on the line", () => {
  const diagnostics = [diag("WV103", 4, 0, 5), diag("WV101", 4, 10, 20), diag("WV301", 9, 0, 3)];
  assert.equal(ruleAt(diagnostics, { line: 4, character: 12 }), "WV101");
  assert.equal(ruleAt(diagnostics, { line: 4, character: 30 }), "WV103");
  assert.equal(ruleAt(diagnostics, { line: 5, character: 0 }), undefined);
});

test("codes with a documentation link, and other linters' diagnostics", () => {
  assert.equal(ruleAt([diag({ value: "wv202" }, 1, 0, 4)], { line: 1, character: 2 }), "WV202");
  assert.equal(ruleAt([diag("SA4006", 1, 0, 4, "staticcheck"), diag("WV101", 1, 0, 4, "gopls")], { line: 1, character: 2 }), undefined);
  assert.equal(ruleAt([diag(undefined, 1, 0, 4)], { line: 1, character: 2 }), undefined);
});

test("a multi-line diagnostic covers its inner lines", () => {
  assert.equal(ruleAt([diag("WV202", 3, 0, 1)].map((d) => ({ ...d, range: { start: { line: 3, character: 0 }, end: { line: 8, character: 1 } } })), { line: 5, character: 40 }), "WV202");
});

test("the rules table parses with and without the fix marker", () => {
  const table = "WV101 [*] spin-wait                    error    go-js,go-wasip1\nWV102     clock-busy-wait              warning  go-js,go-wasip1\n\n";
  assert.deepEqual(parseRules(table), [
    { code: "WV101", name: "spin-wait", severity: "error", targets: "go-js,go-wasip1" },
    { code: "WV102", name: "clock-busy-wait", severity: "warning", targets: "go-js,go-wasip1" },
  ]);
});
