//go:build js && wasm

// js_sensor_sampler: a JS timer pushes accelerometer samples into Go. The callback
// never blocks: if the consumer is busy the sample is dropped and counted.
package main

import (
	"fmt"
	"math"
	"syscall/js"
	"time"
)

type sample struct {
	t       float64
	x, y, z float64
}

func main() {
	samples := make(chan sample, 32)
	dropped := 0
	var ticks int
	read := js.Global().Get("Function").New("i", `return [Math.sin(i/5), Math.cos(i/5), 9.81]`)

	onTick := js.FuncOf(func(this js.Value, args []js.Value) any {
		ticks++
		v := read.Invoke(ticks)
		s := sample{float64(ticks), v.Index(0).Float(), v.Index(1).Float(), v.Index(2).Float()}
		select {
		case samples <- s:
		default:
			dropped++
		}
		return nil
	})
	defer onTick.Release()
	id := js.Global().Call("setInterval", onTick, 2)

	var n int
	var peak float64
	deadline := time.After(150 * time.Millisecond)
loop:
	for {
		select {
		case s := <-samples:
			n++
			mag := math.Sqrt(s.x*s.x + s.y*s.y + s.z*s.z)
			peak = math.Max(peak, mag)
			if n%10 == 0 {
				fmt.Printf("sample %3d |a|=%.3f\n", n, mag)
			}
		case <-deadline:
			break loop
		}
	}
	js.Global().Call("clearInterval", id)
	fmt.Printf("%d samples, %d dropped, peak %.3f\n", n, dropped, peak)
	if n > 3 && math.Abs(peak-math.Sqrt(1+9.81*9.81)) < 1e-6 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
