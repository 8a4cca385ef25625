//go:build js && wasm

// js_delayed_greeting: a tiny "toast" scheduler: Go registers notification
// callbacks with setTimeout, and the JS side shows them when they fire.
package main

import (
	"syscall/js"
	"time"
)

type toast struct {
	text  string
	after time.Duration
}

func schedule(t toast, shown *int, total int) {
	var cb js.Func
	cb = js.FuncOf(func(this js.Value, args []js.Value) any {
		*shown++
		js.Global().Get("console").Call("log", "toast:", t.text)
		if *shown == total {
			js.Global().Get("console").Call("log", "RESULT OK")
		}
		cb.Release()
		return nil
	})
	js.Global().Call("setTimeout", cb, t.after.Milliseconds())
}

func main() {
	toasts := []toast{
		{"Saved draft", 10 * time.Millisecond},
		{"3 new messages", 20 * time.Millisecond},
		{"Sync complete", 30 * time.Millisecond},
	}
	shown := 0
	for _, t := range toasts {
		schedule(t, &shown, len(toasts))
	}
	js.Global().Get("console").Call("log", "scheduled", len(toasts), "toasts")
}
