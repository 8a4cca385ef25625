// An interval callback hands each tick to main on an unbuffered channel, and main prints
// each one. Under Node.js fmt.Println waits for fs.write's callback, which needs the event
// loop: a tick that arrives meanwhile blocks on the send with the event loop paused, so
// the write never completes and Go reports a deadlock. In a browser console output is
// synchronous and the program ends normally.
//
// oracle go-js: deadlock
// oracle go-js@browser: ok
// oracle go-js@browser: output "received 20 ticks"
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	ticks := make(chan int)
	n := 0
	tick := js.FuncOf(func(this js.Value, args []js.Value) any {
		n++
		ticks <- n // want "WV207"
		return nil
	})
	timer := js.Global().Call("setInterval", tick, 1)
	for t := range ticks {
		fmt.Println("tick", t)
		if t == 20 {
			js.Global().Call("clearInterval", timer)
			break
		}
	}
	fmt.Println("received 20 ticks")
}
