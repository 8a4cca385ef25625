// anneal_deadline: solves a small number-partitioning problem (split weights into two groups
// of equal sum) by simulated annealing under a 100 ms deadline taken from a context, and
// reports the best difference found when the deadline expires.
package main

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"time"
)

func diff(w []int, side []bool) int {
	d := 0
	for i, x := range w {
		if side[i] {
			d += x
		} else {
			d -= x
		}
	}
	if d < 0 {
		return -d
	}
	return d
}

func anneal(ctx context.Context, w []int, rng *rand.Rand) (best, iters int) {
	side := make([]bool, len(w))
	cur := diff(w, side)
	best = cur
	temp := 50.0
	for ctx.Err() == nil {
		iters++
		i := rng.Intn(len(w))
		side[i] = !side[i]
		next := diff(w, side)
		if next <= cur || rng.Float64() < math.Exp(float64(cur-next)/temp) {
			cur = next
			if cur < best {
				best = cur
			}
		} else {
			side[i] = !side[i]
		}
		if temp > 0.5 {
			temp *= 0.9999
		}
	}
	return best, iters
}

func main() {
	rng := rand.New(rand.NewSource(7))
	w := make([]int, 40)
	total := 0
	for i := range w {
		w[i] = 1 + rng.Intn(1000)
		total += w[i]
	}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	best, iters := anneal(ctx, w, rng)
	elapsed := time.Since(start)

	fmt.Printf("best difference %d (total %d) after %d iterations in %v\n", best, total, iters, elapsed.Round(10*time.Millisecond))
	if best <= 1 && elapsed < 2*time.Second {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
