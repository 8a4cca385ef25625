// The same wait, moved into a goroutine started by the callback. The callback
// returns at once, the event loop runs on, and the second setTimeout delivers.
//
// oracle go-js: ok
// oracle go-js: output "got payload"
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
		go func() { result <- <-ready }()
		return nil
	})
	defer onRequest.Release()

	js.Global().Call("setTimeout", onRequest, 10)
	js.Global().Call("setTimeout", onReady, 50)
	fmt.Println("got", <-result)
}
