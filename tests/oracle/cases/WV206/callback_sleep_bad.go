// A js.FuncOf callback that sleeps: the JS event loop stays paused until the callback
// returns, so a timer due 10 ms later runs only after the whole sleep. Under Node.js the
// timer runs 300 ms late; headless Chromium's virtual clock advances only while the page is
// idle, which it never is during the sleep, so there the page hangs (a tab with a real
// clock is presumed to freeze for the 300 ms and then run the timer late, as Node does).
//
// oracle go-js: output "timer ran late"
// oracle go-js@browser: hang
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
		time.Sleep(300 * time.Millisecond) // want "WV206"
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
