//go:build js && wasm

// js_interval_ticker: sample a (simulated) sensor on a JS interval timer and hand
// each reading to Go code that keeps a moving average.
package main

import (
	"fmt"
	"syscall/js"
	"time"
)

type reading struct {
	seq   int
	value float64
}

func main() {
	readings := make(chan reading) // unbuffered: the callback hands off directly
	seq := 0
	sensor := js.Global().Get("Function").New("i", "return 20 + Math.sin(i / 3) * 2")

	tick := js.FuncOf(func(this js.Value, args []js.Value) any {
		seq++
		readings <- reading{seq, sensor.Invoke(seq).Float()}
		return nil
	})
	defer tick.Release()
	timer := js.Global().Call("setInterval", tick, 4)

	const window = 5
	var last []float64
	for r := range readings {
		last = append(last, r.value)
		if len(last) > window {
			last = last[1:]
		}
		sum := 0.0
		for _, v := range last {
			sum += v
		}
		fmt.Printf("#%02d %.2f avg %.2f\n", r.seq, r.value, sum/float64(len(last)))
		time.Sleep(3 * time.Millisecond) // pretend to store it
		if r.seq == 12 {
			js.Global().Call("clearInterval", timer)
			break
		}
	}
	if len(last) == window {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
