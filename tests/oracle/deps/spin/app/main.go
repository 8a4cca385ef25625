// A program whose dependency (another module) spins on a flag that a goroutine it started
// must set: on wasm's one thread that goroutine never runs, so the call never returns.
//
// oracle go-js: hang
// oracle go-wasip1: hang
package main

import (
	"fmt"

	"example.com/poller"
)

func main() {
	poller.Wait() // want "WV101"
	fmt.Println("ready")
}
