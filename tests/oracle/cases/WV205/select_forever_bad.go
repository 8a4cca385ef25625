// main parks itself with select {} so that its callback can run. Under Node.js, once the
// timer has fired nothing is pending, Node starts to exit and the Go runtime reports a
// deadlock (golang/go#32764), although the work was done; a browser page lives on.
//
// oracle go-js: deadlock
// oracle go-js@browser: waits
package main

import "syscall/js"

func main() {
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, args []js.Value) any {
		js.Global().Get("console").Call("log", "work done")
		return nil
	}), 10)
	select {} // want "WV205"
}
