// game_loop_busy: a fixed-timestep simulation loop (physics at 120 Hz). Input
// arrives from a separate goroutine; the loop runs as fast as it can and only steps
// the simulation when enough time has accumulated.
package main

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"
)

type ball struct{ y, vy float64 }

func (b *ball) step(dt float64) {
	b.vy -= 9.81 * dt
	b.y += b.vy * dt
	if b.y < 0 {
		b.y, b.vy = 0, -b.vy*0.8
	}
}

func main() {
	var quit atomic.Bool
	// Simulated input source: the player presses Escape after 300ms.
	go func() {
		time.Sleep(300 * time.Millisecond)
		quit.Store(true)
	}()

	const dt = 1.0 / 120
	b := ball{y: 10}
	steps, frames := 0, 0
	acc := 0.0
	prev := time.Now()
	for !quit.Load() {
		now := time.Now()
		acc += now.Sub(prev).Seconds()
		prev = now
		for acc >= dt {
			b.step(dt)
			acc -= dt
			steps++
		}
		frames++ // render would go here
		if steps > 120*2 {
			break // safety net: never simulate more than 2 seconds
		}
	}

	fmt.Printf("simulated %d steps in %d frames, ball at y=%.2f\n", steps, frames, b.y)
	// 300ms at 120 Hz is ~36 steps.
	if math.Abs(float64(steps)-36) <= 6 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG: quit was not seen in time")
	}
}
