/** The status bar item's text and tooltip. */

import { expandTargets } from "./settings";

export type ServerState = "starting" | "running" | "stopped" | "missing";

const ICONS: Record<ServerState, string> = {
  starting: "$(sync~spin)",
  running: "$(check)",
  stopped: "$(debug-stop)",
  missing: "$(warning)",
};

const STATES: Record<ServerState, string> = {
  starting: "starting",
  running: "running",
  stopped: "stopped (wasmvet: Restart Server starts it again)",
  missing: "not found (wasmvet: Install the Language Server)",
};

/** `targets` as the status bar shows them; empty means wasmvet.toml's or inferred ones. */
export function targetLabel(targets: readonly string[]): string {
  if (targets.length === 0) return "auto";
  if (targets.includes("all")) return "all targets";
  return expandTargets(targets).join(", ");
}

export function statusText(state: ServerState, targets: readonly string[]): { text: string; tooltip: string } {
  const label = targetLabel(targets);
  const detail =
    targets.length === 0
      ? "Targets: from wasmvet.toml, else inferred per package from the code"
      : `Targets: ${expandTargets(targets).join(", ")}`;
  return {
    text: `${ICONS[state]} wasmvet: ${label}`,
    tooltip: `wasmvet server: ${STATES[state]}\n${detail}\nClick to switch targets`,
  };
}
