// A main that exposes a function to JavaScript and then blocks, with no JS event pending.
// Under Node.js the event loop drains and wasm_exec_node.js makes Go report a deadlock
// (golang/go#32764); in a browser the page lives on and the program waits for calls.
//
// oracle go-js: deadlock
// oracle go-js@browser: waits
package main

import "syscall/js"

func main() {
	js.Global().Set("greet", js.FuncOf(func(this js.Value, args []js.Value) any {
		return "hello"
	}))
	select {} // want "WV205"
}
