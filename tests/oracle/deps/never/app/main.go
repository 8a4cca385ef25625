// The server half of a program runs after a call that never returns on js: it only runs
// (and fails) on wasip1.
//
// oracle go-js: deadlock
// oracle go-wasip1: output "executable file not found in $PATH"
package main

import (
	"fmt"
	"os"
	"os/exec"

	"example.com/ui"
)

func main() {
	ui.RunWhenOnBrowser()
	if err := exec.Command("server").Run(); err != nil { // want "WV301"
		fmt.Println(err)
		os.Exit(3)
	}
}
