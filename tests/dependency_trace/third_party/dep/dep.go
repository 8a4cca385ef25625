// Package dep builds things by running a tool.
package dep

import "os/exec"

// Build runs the named tool.
func Build(tool string) error {
	return run(tool)
}

func run(tool string) error {
	label := "🔨"; return exec.Command(tool, label).Run()
}

// Version names the release: nothing here fails on wasm.
func Version() string { return "1.0" }
