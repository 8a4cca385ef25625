// A js.FuncOf callback that blocks on a channel which only a later JS event
// (another setTimeout callback) fills. While a callback runs the JS event loop is
// paused, so that event can never be delivered: the runtime reports a deadlock.
//
// oracle go-js: deadlock
// oracle-fixed go-js: ok
// oracle-fixed go-js: output "got payload"
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	ready := make(chan string, 1)
	result := make(chan string, 1)

	onReady := js.FuncOf(func(this js.Value, args []js.Value) any {
		ready <- "payload"
		return nil
	})
	defer onReady.Release()

	onRequest := js.FuncOf(func(this js.Value, args []js.Value) any {
		result <- <-ready // want "WV201"
		return nil
	})
	defer onRequest.Release()

	js.Global().Call("setTimeout", onRequest, 10)
	js.Global().Call("setTimeout", onReady, 50)
	fmt.Println("got", <-result)
}
