// The same ticker, but the callback sends from a goroutine and returns at once: the event
// loop runs on, main's writes complete, and the program ends normally on both hosts.
//
// oracle go-js: ok
// oracle go-js: output "received 20 ticks"
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
		t := n
		go func() { ticks <- t }()
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
