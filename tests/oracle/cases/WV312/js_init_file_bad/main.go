// A program whose page.go talks to the JavaScript host in init, while main.go runs
// anywhere. page.go has no build constraint, so a wasip1 build includes it, and
// syscall/js exists only for GOOS=js. Once page.go says //go:build js, wasip1
// leaves it out and runs main alone, and js/wasm still runs both files.
//
// oracle go-js: ok
// oracle go-js: output "host says hello\nrunning on js"
// oracle go-wasip1: compile-error "build constraints exclude all Go files"
// oracle-fixed go-wasip1: ok
// oracle-fixed go-wasip1: output "running on wasip1"
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println("running on", runtime.GOOS)
}
