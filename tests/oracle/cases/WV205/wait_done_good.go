// The same program waits only until the callback says the work is done, then returns:
// Node.js and the browser both end it cleanly.
//
// oracle go-js: ok
// oracle go-js: output "work done"
// oracle go-js@browser: ok
package main

import "syscall/js"

func main() {
	done := make(chan struct{})
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, args []js.Value) any {
		js.Global().Get("console").Call("log", "work done")
		close(done)
		return nil
	}), 10)
	<-done
}
