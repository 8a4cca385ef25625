//go:build js && wasm

// js_sprite_animation: moves a sprite across a 200 px stage with a frame loop driven by
// requestAnimationFrame, using the frame timestamps for frame-rate independent motion, and
// stops once the sprite reaches the right edge.
package main

import (
	"fmt"
	"syscall/js"
)

type sprite struct {
	x, speed float64 // px and px per ms
}

func main() {
	const stage = 200.0
	s := &sprite{speed: 2}
	frames := 0
	var last float64
	done := make(chan struct{})

	var frame js.Func
	frame = js.FuncOf(func(this js.Value, args []js.Value) any {
		now := args[0].Float()
		if last != 0 {
			s.x += s.speed * (now - last)
		}
		last = now
		frames++
		if s.x >= stage {
			s.x = stage
			close(done)
			return nil
		}
		js.Global().Call("requestAnimationFrame", frame)
		return nil
	})
	defer frame.Release()

	js.Global().Call("requestAnimationFrame", frame)
	<-done

	fmt.Printf("sprite at %.0f px after %d frames\n", s.x, frames)
	if s.x == stage && frames >= 2 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
