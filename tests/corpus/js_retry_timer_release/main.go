//go:build js && wasm

// js_retry_timer_release: a helper schedules a retry with setTimeout and tidies up
// after itself with a deferred Release, as one does with resources.
package main

import (
	"syscall/js"
)

var console = js.Global().Get("console")

func retryLater(ms int, attempt func()) {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		attempt()
		return nil
	})
	defer cb.Release()
	js.Global().Call("setTimeout", cb, ms)
}

func main() {
	results := make(chan string, 1)
	tries := 0
	var attempt func()
	attempt = func() {
		tries++
		if tries < 3 {
			retryLater(2, attempt)
			return
		}
		results <- "synced after retries"
	}
	attempt()

	msg := <-results
	console.Call("log", msg, tries)
	if tries == 3 {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
