// A timer loop (the requestAnimationFrame pattern, with setTimeout so Node runs it too):
// the callback schedules itself again until it has run five times, then closes done. The
// function that made it releases it with defer, but only after waiting on done, so JS never
// calls a released function. The callback's own re-scheduling is not a hand-off on the way
// to the release (WV203), and main may return: every callback is released by then (WV202).
//
// oracle go-js: ok
// oracle go-js: output "frames 5"
package main

import (
	"fmt"
	"syscall/js"
)

func animate() int {
	done := make(chan struct{})
	frames := 0
	var cb js.Func
	cb = js.FuncOf(func(this js.Value, args []js.Value) any {
		frames++
		if frames == 5 {
			close(done)
			return nil
		}
		js.Global().Call("setTimeout", cb, 1)
		return nil
	})
	defer cb.Release()
	js.Global().Call("setTimeout", cb, 1)
	<-done
	return frames
}

func main() {
	fmt.Println("frames", animate())
}
