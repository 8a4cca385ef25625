// solver_deadline_clock: the Monte Carlo estimator again, but the budget is a
// deadline compared with time.Now() between batches (no channel involved).
package main

import (
	"fmt"
	"math/rand"
	"time"
)

func main() {
	rng := rand.New(rand.NewSource(1))
	deadline := time.Now().Add(20 * time.Millisecond)
	inside, total := 0, 0
	for time.Now().Before(deadline) {
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
