//go:build js && wasm

// js_wait_ready: waits for an asynchronous JS "SDK" to finish initialising (it calls a Go
// ready callback from a timer), polling a readiness flag with a retry budget, then uses the
// SDK's API and checks the answer.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"syscall/js"
)

func main() {
	var ready atomic.Bool
	onReady := js.FuncOf(func(this js.Value, args []js.Value) any {
		ready.Store(true)
		return nil
	})
	defer onReady.Release()

	// The SDK initialises asynchronously and reports back through the callback.
	initSDK := js.Global().Get("Function").New("cb", `
		setTimeout(() => {
			globalThis.sdk = { version: "2.1", square: (x) => x * x };
			cb();
		}, 20);`)
	initSDK.Invoke(onReady)

	// Wait for readiness: a generous budget of polls, yielding between them.
	polls := 0
	for !ready.Load() && polls < 300_000 {
		polls++
		runtime.Gosched()
	}
	if !ready.Load() {
		fmt.Println("SDK did not become ready after", polls, "polls")
		return
	}

	sdk := js.Global().Get("sdk")
	v := sdk.Call("square", 12).Int()
	fmt.Printf("sdk %s ready after %d polls, square(12)=%d\n", sdk.Get("version").String(), polls, v)
	if v == 144 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
