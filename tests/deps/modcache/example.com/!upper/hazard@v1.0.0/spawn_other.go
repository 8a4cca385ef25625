//go:build !wasm

package hazard

import "os/exec"

// Spawn starts a process where processes exist.
func Spawn() error { return exec.Command("sh").Run() }
