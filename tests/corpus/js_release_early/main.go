//go:build js && wasm

// js_release_early: retry a JS operation a few times with setTimeout-based backoff.
// Each attempt's callback is created by a helper that cleans up after itself.
package main

import (
	"syscall/js"
	"time"
)

var console = js.Global().Get("console")

// after runs fn on the JS event loop once d has passed.
func after(d time.Duration, fn func()) {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		fn()
		return nil
	})
	defer cb.Release()
	js.Global().Call("setTimeout", cb, d.Milliseconds())
}

func main() {
	attempts := 0
	result := make(chan int, 1)

	var try func()
	try = func() {
		attempts++
		ok := js.Global().Get("Math").Call("random").Float() < 2 && attempts >= 3 // succeeds on the third try
		if ok {
			result <- attempts
			return
		}
		console.Call("log", "attempt", attempts, "failed, backing off")
		after(time.Duration(attempts*5)*time.Millisecond, try)
	}
	try()

	select {
	case n := <-result:
		console.Call("log", "succeeded after", n, "attempts")
		console.Call("log", "RESULT OK")
	case <-time.After(500 * time.Millisecond):
		console.Call("log", "RESULT WRONG: gave up after", attempts, "attempts")
	}
}
