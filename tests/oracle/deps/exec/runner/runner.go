// Package runner runs commands for its callers.
package runner

import "os/exec"

// Run runs a command and waits for it.
func Run(name string) error {
	return start(name)
}

func start(name string) error {
	return exec.Command(name).Run()
}
