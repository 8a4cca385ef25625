// A command whose dependency call never returns (serve.Forever blocks in select {}): the
// command after it never runs on any target, so it gets no finding. The command after
// serve.Once, which returns, does; in cleanup, a suppression silences it.
package main

import (
	"os/exec"

	"example.com/serve"
)

func main() {
	setup()
	cleanup()
	serve.Forever()
	_ = exec.Command("ls").Run()
}

func setup() {
	serve.Once()
	_ = exec.Command("make").Run() // want "WV301"
}

func cleanup() {
	serve.Once()
	_ = exec.Command("rm").Run() //wasmvet:ignore WV301 kept for the native build
}
