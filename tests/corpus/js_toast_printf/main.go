//go:build js && wasm

// js_toast_printf: a notification widget. The host calls the exported "notify"
// callback; the handler logs the message with fmt (as most Go code logs) and
// queues the toast for the render goroutine.
package main

import (
	"fmt"
	"syscall/js"
)

type toast struct {
	text  string
	level string
}

func main() {
	queue := make(chan toast, 4)

	notify := js.FuncOf(func(this js.Value, args []js.Value) any {
		t := toast{text: args[0].String(), level: args[1].String()}
		fmt.Printf("[%s] %s\n", t.level, t.text)
		queue <- t
		return nil
	})
	defer notify.Release()
	js.Global().Set("notify", notify)

	schedule := js.Global().Get("Function").New("f", `setTimeout(() => f("saved", "info"), 1)`)
	schedule.Invoke(notify)

	t := <-queue
	js.Global().Get("console").Call("log", "rendered toast:", t.text)
	if t.text == "saved" && t.level == "info" {
		js.Global().Get("console").Call("log", "RESULT OK")
	} else {
		js.Global().Get("console").Call("log", "RESULT WRONG")
	}
}
