// anytime_search: estimate the best tour through a set of cities by random restarts
// of 2-opt, stopping when the time budget runs out, then report the best tour found.
package main

import (
	"fmt"
	"math"
	"math/rand"
	"time"
)

type pt struct{ x, y float64 }

func tourLen(c []pt, order []int) float64 {
	d := 0.0
	for i := range order {
		a, b := c[order[i]], c[order[(i+1)%len(order)]]
		d += math.Hypot(a.x-b.x, a.y-b.y)
	}
	return d
}

func twoOpt(c []pt, order []int) {
	for improved := true; improved; {
		improved = false
		for i := 1; i < len(order)-1; i++ {
			for j := i + 1; j < len(order); j++ {
				before := tourLen(c, order)
				reverse(order[i : j+1])
				if tourLen(c, order) < before-1e-9 {
					improved = true
				} else {
					reverse(order[i : j+1])
				}
			}
		}
	}
}

func reverse(s []int) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func main() {
	rng := rand.New(rand.NewSource(42))
	// Cities on a circle: the optimal tour is the circle itself.
	cities := make([]pt, 12)
	for i := range cities {
		a := 2 * math.Pi * float64(i) / float64(len(cities))
		cities[i] = pt{math.Cos(a), math.Sin(a)}
	}
	optimal := tourLen(cities, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})

	budget := 150 * time.Millisecond
	start := time.Now()
	best, restarts := math.Inf(1), 0
	for time.Since(start) < budget {
		order := rng.Perm(len(cities))
		twoOpt(cities, order)
		if l := tourLen(cities, order); l < best {
			best = l
		}
		restarts++
	}

	fmt.Printf("%d restarts in %v, best %.4f (optimal %.4f)\n", restarts, budget, best, optimal)
	if restarts > 0 && math.Abs(best-optimal) < 1e-6 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
