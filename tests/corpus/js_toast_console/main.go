//go:build js && wasm

// js_toast_console: the notification widget again, but the handler logs through the
// JS console object directly instead of fmt.
package main

import (
	"syscall/js"
)

type toast struct {
	text  string
	level string
}

var console = js.Global().Get("console")

func main() {
	queue := make(chan toast, 4)

	notify := js.FuncOf(func(this js.Value, args []js.Value) any {
		t := toast{text: args[0].String(), level: args[1].String()}
		console.Call("log", "["+t.level+"]", t.text)
		queue <- t
		return nil
	})
	defer notify.Release()
	js.Global().Set("notify", notify)

	schedule := js.Global().Get("Function").New("f", `setTimeout(() => f("saved", "info"), 1)`)
	schedule.Invoke(notify)

	t := <-queue
	console.Call("log", "rendered toast:", t.text)
	if t.text == "saved" && t.level == "info" {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
