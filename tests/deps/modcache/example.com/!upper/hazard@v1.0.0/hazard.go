// Package hazard is a dependency in the module cache under a case-encoded path (!upper).
package hazard

import (
	"os/exec"
	"runtime"
)

// Build runs git through an unexported helper: the hazard is one call deep.
func Build() error {
	return run("git")
}

func run(name string) error {
	return exec.Command(name).Run()
}

// Unused is never called by the app: it must stay quiet.
func Unused() error {
	return exec.Command("true").Run()
}

// Quiet does nothing a wasm target minds.
func Quiet() int { return 1 }

// Wait never returns, on every target.
func Wait() {
	select {}
}

// Loop never returns either: nothing leaves the loop.
func Loop() {
	for {
		runtime.Gosched()
	}
}

// BlockOnJS never returns on js only.
func BlockOnJS() {
	if runtime.GOOS == "js" {
		select {}
	}
}

// Guarded runs a command only where wasm is not the target.
func Guarded() error {
	if runtime.GOARCH == "wasm" {
		return nil
	}
	return exec.Command("uname").Run()
}

// Tool has a method that starts a process.
type Tool struct{ name string }

// Start is a method on a pointer receiver.
func (t *Tool) Start() error {
	return exec.Command(t.name).Start()
}

// NewTool makes a Tool.
func NewTool(name string) (*Tool, error) {
	return &Tool{name: name}, nil
}

// Pipeline starts a tool made by an unexported constructor.
func Pipeline() error {
	t := newTool()
	return t.Start()
}

func newTool() *Tool { return &Tool{name: "make"} }
