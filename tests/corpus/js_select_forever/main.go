//go:build js && wasm

// js_select_forever: a plugin that registers a "job queue" with the host and then
// parks main forever so its callbacks stay alive, the way most browser examples do.
package main

import (
	"syscall/js"
)

type queue struct {
	pending []string
	done    int
}

func main() {
	console := js.Global().Get("console")
	q := &queue{}

	js.Global().Set("enqueue", js.FuncOf(func(this js.Value, args []js.Value) any {
		q.pending = append(q.pending, args[0].String())
		return len(q.pending)
	}))

	var worker js.Func
	var timer js.Value
	worker = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(q.pending) == 0 {
			js.Global().Call("clearInterval", timer)
			console.Call("log", "queue drained after", q.done, "jobs")
			if q.done == 4 {
				console.Call("log", "RESULT OK")
			}
			return nil
		}
		job := q.pending[0]
		q.pending = q.pending[1:]
		q.done++
		console.Call("log", "ran", job)
		return nil
	})
	timer = js.Global().Call("setInterval", worker, 3)

	for _, j := range []string{"resize", "thumbnail", "upload", "notify"} {
		js.Global().Call("enqueue", j)
	}

	select {} // keep the Go runtime alive for callbacks
}
