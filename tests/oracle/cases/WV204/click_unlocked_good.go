// The same UI clicks after rendering, with the mutex released: the listener runs at once
// and the page waits for more clicks.
//
// oracle go-js@browser: waits
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
	button.Call("click")
	js.Global().Get("console").Call("log", "clicked", clicked)
	select {} // a page: wait for more clicks
}
