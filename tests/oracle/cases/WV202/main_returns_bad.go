// main schedules a JS callback and then returns. On js/wasm the Go program ends
// when main returns, so the callback never runs: its os.Exit(3) is never
// observed and the program exits with status 0. The same in a browser: the page lives
// on, but the Go program has exited (wasm_exec.js throws 'Go program has already exited'
// when the timer calls the callback).
//
// oracle go-js: ok
// oracle-misbehaves go-js: the callback never runs (main_blocks_good.go exits 3 from it)
// oracle-fixed go-js: exit 3
// oracle go-js@browser: ok
// oracle-misbehaves go-js@browser: the callback never runs (main_blocks_good.go exits 3 from it)
// oracle-fixed go-js@browser: exit 3
package main

import (
	"os"
	"syscall/js"
)

func main() {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		os.Exit(3)
		return nil
	})
	js.Global().Set("hello", cb)
	js.Global().Call("setTimeout", cb, 10)
} // want "WV202"
