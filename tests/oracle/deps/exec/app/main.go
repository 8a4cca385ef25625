// A program whose dependency (another module) starts a process: exec.LookPath always
// fails on wasm, so the command never runs.
//
// oracle go-js: output "executable file not found in $PATH"
// oracle go-wasip1: output "executable file not found in $PATH"
package main

import (
	"fmt"
	"os"

	"example.com/runner"
)

func main() {
	if err := runner.Run("ls"); err != nil { // want "WV301"
		fmt.Println(err)
		os.Exit(3)
	}
	fmt.Println("ran ls")
}
