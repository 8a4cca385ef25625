// Printing from inside a js.FuncOf callback. Under Node, os.Stdout writes go
// through the asynchronous fs.write, whose completion is itself a JS callback that
// cannot run while this callback holds the event loop. In a browser wasm_exec.js's stub
// fs writes to the console and calls back at once, so the same program works.
//
// oracle go-js: deadlock
// oracle go-js@browser: ok
// oracle go-js@browser: output "in callback\ncallback finished"
// oracle-fixed go-js: ok
// oracle-fixed go-js: output "in callback\ncallback finished"
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	done := make(chan struct{})
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		fmt.Println("in callback") // want "WV201"
		close(done)
		return nil
	})
	defer cb.Release()
	js.Global().Call("setTimeout", cb, 10)
	<-done
	fmt.Println("callback finished")
}
