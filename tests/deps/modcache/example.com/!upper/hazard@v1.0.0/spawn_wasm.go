//go:build wasm

package hazard

// Spawn does nothing on wasm: the file built there has no hazard.
func Spawn() error { return nil }
