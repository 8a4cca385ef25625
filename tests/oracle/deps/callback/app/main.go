// A js.FuncOf callback logs through a dependency, which prints two modules away. Under
// Node, printing waits for an fs callback that cannot run while this callback holds the
// event loop: deadlock.
//
// oracle go-js: deadlock
package main

import (
	"fmt"
	"syscall/js"

	"example.com/logger"
)

func main() {
	done := make(chan struct{})
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		logger.Log("in callback") // want "WV201"
		close(done)
		return nil
	})
	defer cb.Release()
	js.Global().Call("setTimeout", cb, 10)
	<-done
	fmt.Println("callback finished")
}
