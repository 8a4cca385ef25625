//go:build js && wasm

// js_frame_loop_defer_release: a requestAnimationFrame-style animation loop. The frame
// callback reschedules itself until the animation ends and then closes done; main
// releases the callback (deferred) only after waiting for done.
package main

import (
	"syscall/js"
)

func requestFrame(cb js.Func) {
	raf := js.Global().Get("requestAnimationFrame")
	if raf.Truthy() {
		raf.Invoke(cb)
		return
	}
	js.Global().Call("setTimeout", cb, 16) // Node.js has no requestAnimationFrame
}

func main() {
	console := js.Global().Get("console")
	done := make(chan struct{})
	frames := 0
	pos := 0.0

	var frame js.Func
	frame = js.FuncOf(func(this js.Value, args []js.Value) any {
		frames++
		pos += (100 - pos) * 0.5
		if frames == 8 {
			close(done)
			return nil
		}
		requestFrame(frame)
		return nil
	})
	defer frame.Release()

	requestFrame(frame)
	<-done
	console.Call("log", "frames", frames, "pos", pos)
	if frames == 8 && pos > 99 {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
