// The same program, but main blocks forever after scheduling the callback, so the
// Go runtime stays alive and the callback runs (and exits with status 3).
//
// oracle go-js: exit 3
// oracle go-js@browser: exit 3
package main

import (
	"os"
	"syscall/js"
)

func main() {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		os.Exit(3)
		return nil
	})
	js.Global().Set("hello", cb)
	js.Global().Call("setTimeout", cb, 10)
	select {}
}
