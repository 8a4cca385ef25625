// Releasing a js.Func with defer in the function that schedules it. The function
// returns (and releases the callback) long before the timer fires, so JS later
// calls a released function: syscall/js logs "call to released function" with
// console.error and drops the call, so main's wait ends in a deadlock.
//
// oracle go-js: deadlock
// oracle go-js: output "call to released function"
package main

import (
	"fmt"
	"syscall/js"
)

func schedule(done chan<- struct{}) {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		close(done) // no printing here: console I/O in a callback deadlocks under Node (WV201)
		return nil
	})
	defer cb.Release() // want "WV203"
	js.Global().Call("setTimeout", cb, 10)
}

func main() {
	done := make(chan struct{})
	schedule(done)
	<-done
	fmt.Println("done")
}
