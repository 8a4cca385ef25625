// The callback starts a goroutine for the delayed work and returns at once: the event loop
// runs on, and the timer due 10 ms later runs on time (on both hosts).
//
// oracle go-js: ok
// oracle go-js: output "timer ran on time"
// oracle go-js@browser: ok
// oracle go-js@browser: output "timer ran on time"
package main

import (
	"fmt"
	"syscall/js"
	"time"
)

func main() {
	start := time.Now()
	done := make(chan time.Duration, 1)
	timer := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- time.Since(start)
		return nil
	})
	handler := js.FuncOf(func(this js.Value, args []js.Value) any {
		go func() {
			time.Sleep(300 * time.Millisecond)
		}()
		return nil
	})
	js.Global().Call("setTimeout", handler, 0)
	js.Global().Call("setTimeout", timer, 10)
	if late := <-done; late >= 250*time.Millisecond {
		fmt.Println("timer ran late")
	} else {
		fmt.Println("timer ran on time")
	}
}
