// main keeps itself alive with an empty endless loop while a goroutine does the work.
// Natively the goroutine runs on another thread, prints and exits the program. On wasm the
// loop holds the only thread and never yields, so the goroutine never runs: a hang.
//
// oracle go-js: hang
// oracle go-wasip1: hang
package main

import (
	"fmt"
	"os"
)

func work() {
	fmt.Println("work done")
	os.Exit(0)
}

func main() {
	go work()
	for { // want "WV106"
	}
}
