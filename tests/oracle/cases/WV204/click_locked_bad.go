// A UI that locks its state while it renders and "presses" a button from Go: click() fires
// the click listener before it returns, and the listener locks the same mutex. Browser only
// (Node.js has no document).
//
// oracle go-js@browser: deadlock
package main

import (
	"sync"
	"syscall/js"
)

var (
	mu      sync.Mutex
	clicked int
)

func render(button js.Value) {
	mu.Lock()
	defer mu.Unlock()
	button.Set("textContent", "rendered")
	button.Call("click") // want "WV204"
}

func main() {
	document := js.Global().Get("document")
	button := document.Call("createElement", "button")
	document.Get("body").Call("appendChild", button)
	onClick := js.FuncOf(func(this js.Value, args []js.Value) any {
		mu.Lock()
		clicked++
		mu.Unlock()
		return nil
	})
	button.Call("addEventListener", "click", onClick)
	render(button)
	js.Global().Get("console").Call("log", "clicked", clicked)
	select {} // a page: wait for more clicks
}
