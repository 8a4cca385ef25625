// The callback releases itself once it has run, so the js.Func stays valid until
// JS has called it.
//
// oracle go-js: ok
package main

import (
	"fmt"
	"syscall/js"
)

func schedule(done chan<- string) {
	var cb js.Func
	cb = js.FuncOf(func(this js.Value, args []js.Value) any {
		defer cb.Release()
		done <- "tick"
		return nil
	})
	js.Global().Call("setTimeout", cb, 10)
}

func main() {
	done := make(chan string, 1)
	schedule(done)
	fmt.Println(<-done)
}
