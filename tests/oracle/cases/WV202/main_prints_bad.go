// main schedules a JS callback, prints a "ready" line and returns. Under Node.js the
// write waits for its fs callback (Go yields to the event loop; a timer already due then
// runs first, so a 0 ms one would get in), but the 200 ms timer is not due, and main
// returns right after the write: the callback never runs and the program exits with
// status 0. The same in a browser, where the write is synchronous.
//
// oracle go-js: ok
// oracle go-js: output "module ready"
// oracle-misbehaves go-js: the callback never runs (main_blocks_good.go exits 3 from it)
// oracle-fixed go-js: exit 3
// oracle go-js@browser: ok
// oracle-misbehaves go-js@browser: the callback never runs (main_blocks_good.go exits 3 from it)
// oracle-fixed go-js@browser: exit 3
package main

import (
	"fmt"
	"os"
	"syscall/js"
)

func main() {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		os.Exit(3)
		return nil
	})
	js.Global().Set("hello", cb)
	js.Global().Call("setTimeout", cb, 200)
	fmt.Println("module ready")
} // want "WV202"
