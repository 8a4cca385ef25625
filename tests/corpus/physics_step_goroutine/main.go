// physics_step_goroutine: a simulation advances its world in a background goroutine
// as fast as it can; the UI side samples the state every few milliseconds. The
// runtime.Gosched() that used to sit in the loop was commented out as "not needed".
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

type world struct {
	ticks atomic.Int64
	x, v  float64
}

func (w *world) step(dt float64) {
	w.v -= 9.81 * dt
	w.x += w.v * dt
	if w.x < 0 {
		w.x, w.v = 0, -w.v*0.8
	}
	w.ticks.Add(1)
}

func main() {
	w := &world{x: 10}
	go func() {
		for {
			w.step(0.001)
			// runtime.Gosched()
		}
	}()

	samples := 0
	for i := 0; i < 5; i++ {
		time.Sleep(2 * time.Millisecond)
		if w.ticks.Load() > 0 {
			samples++
		}
	}
	fmt.Println("samples with progress:", samples)
	if samples == 5 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
