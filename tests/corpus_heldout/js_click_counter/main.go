//go:build js && wasm

// js_click_counter: a tiny event emitter built on a plain JS object (no DOM needed), with Go
// handlers registered through js.FuncOf for "click" and "reset" events. A scripted sequence of
// events is dispatched through the emitter and the final counters are checked.
package main

import (
	"fmt"
	"syscall/js"
)

// emitter is a JS object holding one handler per event name.
type emitter struct{ handlers js.Value }

func newEmitter() *emitter {
	return &emitter{handlers: js.Global().Get("Object").New()}
}

func (e *emitter) on(name string, fn js.Func) { e.handlers.Set(name, fn) }

// emit calls the handler through JS, as a page script would.
func (e *emitter) emit(name string, args ...any) js.Value {
	h := e.handlers.Get(name)
	if h.IsUndefined() {
		return js.Undefined()
	}
	return h.Invoke(args...)
}

func main() {
	clicks, resets := 0, 0
	em := newEmitter()

	onClick := js.FuncOf(func(this js.Value, args []js.Value) any {
		step := 1
		if len(args) > 0 {
			step = args[0].Int()
		}
		clicks += step
		return clicks
	})
	defer onClick.Release()
	onReset := js.FuncOf(func(this js.Value, args []js.Value) any {
		resets++
		old := clicks
		clicks = 0
		return old
	})
	defer onReset.Release()

	em.on("click", onClick)
	em.on("reset", onReset)

	em.emit("click")
	em.emit("click", 4)
	before := em.emit("reset").Int()
	for i := 0; i < 3; i++ {
		em.emit("click", 2)
	}
	last := em.emit("click").Int()
	em.emit("hover") // no handler: ignored

	fmt.Printf("clicks=%d resets=%d before-reset=%d last=%d\n", clicks, resets, before, last)
	if clicks == 7 && resets == 1 && before == 5 && last == 7 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
