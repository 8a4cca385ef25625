//go:build js && wasm

// js_wait_animation: a click handler that starts a CSS-like fade and waits for the
// next "frame" callback before measuring the element, as UI code often does.
package main

import (
	"syscall/js"
)

type element struct {
	opacity float64
	width   int
}

var (
	global  = js.Global()
	console = global.Get("console")
)

// nextFrame schedules fn for the next frame (setTimeout(0) stands in for
// requestAnimationFrame under Node) and returns a channel closed when it ran.
func nextFrame(fn func()) <-chan struct{} {
	done := make(chan struct{})
	var cb js.Func
	cb = js.FuncOf(func(js.Value, []js.Value) any {
		fn()
		cb.Release()
		close(done)
		return nil
	})
	global.Call("setTimeout", cb, 0)
	return done
}

func main() {
	el := &element{opacity: 1, width: 100}
	measured := make(chan int, 1)

	onClick := js.FuncOf(func(this js.Value, args []js.Value) any {
		el.opacity = 0.5
		<-nextFrame(func() { el.width = 120 }) // layout settles on the next frame
		measured <- el.width
		return nil
	})
	defer onClick.Release()

	button := global.Call("require", "events").New()
	button.Call("on", "click", onClick)
	global.Call("setTimeout", global.Get("Function").New("b", `b.emit("click")`), 1, button)

	w := <-measured
	console.Call("log", "measured width", w)
	if w == 120 {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
