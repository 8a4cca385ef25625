// physics_step_gosched: the simulation loop yields after every step, so the sampler
// gets its turn even with one thread.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

type world struct {
	ticks atomic.Int64
	stop  atomic.Bool
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
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !w.stop.Load() {
			w.step(0.001)
			runtime.Gosched()
		}
	}()

	samples := 0
	for i := 0; i < 5; i++ {
		time.Sleep(2 * time.Millisecond)
		if w.ticks.Load() > 0 {
			samples++
		}
	}
	w.stop.Store(true)
	<-done
	fmt.Println("samples with progress:", samples)
	if samples == 5 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
