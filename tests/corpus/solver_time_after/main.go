// solver_time_after: a Monte Carlo estimator refines its estimate until a time.After
// budget channel is ready, checked with a default case between batches.
package main

import (
	"fmt"
	"math/rand"
	"time"
)

func main() {
	rng := rand.New(rand.NewSource(1))
	budget := time.After(20 * time.Millisecond)
	inside, total := 0, 0
loop:
	for {
		select {
		case <-budget:
			break loop
		default:
		}
		for i := 0; i < 1000; i++ {
			x, y := rng.Float64(), rng.Float64()
			if x*x+y*y <= 1 {
				inside++
			}
			total++
		}
	}
	pi := 4 * float64(inside) / float64(total)
	fmt.Printf("pi ~ %.3f after %d samples\n", pi, total)
	if pi > 3.0 && pi < 3.3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
