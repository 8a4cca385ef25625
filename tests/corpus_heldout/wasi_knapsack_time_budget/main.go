// wasi_knapsack_time_budget: pack a knapsack by randomized greedy restarts with local
// improvement, keeping the best packing found before a fixed time budget expires, and
// compare it against the exact optimum computed by dynamic programming.
package main

import (
	"fmt"
	"math/rand"
	"sync/atomic"
	"time"
)

type item struct{ w, v int }

func exact(items []item, capacity int) int {
	best := make([]int, capacity+1)
	for _, it := range items {
		for c := capacity; c >= it.w; c-- {
			if v := best[c-it.w] + it.v; v > best[c] {
				best[c] = v
			}
		}
	}
	return best[capacity]
}

func greedy(items []item, order []int, capacity int) int {
	w, v := 0, 0
	for _, i := range order {
		if w+items[i].w <= capacity {
			w += items[i].w
			v += items[i].v
		}
	}
	return v
}

func main() {
	rng := rand.New(rand.NewSource(7))
	items := make([]item, 24)
	for i := range items {
		items[i] = item{w: 3 + rng.Intn(20), v: 5 + rng.Intn(40)}
	}
	const capacity = 90
	optimum := exact(items, capacity)

	var expired atomic.Bool
	timer := time.AfterFunc(100*time.Millisecond, func() { expired.Store(true) })
	defer timer.Stop()

	best, rounds := 0, 0
	order := rng.Perm(len(items))
	for !expired.Load() {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		// local improvement: try swapping neighbours while it helps
		cur := greedy(items, order, capacity)
		for k := 0; k+1 < len(order); k++ {
			order[k], order[k+1] = order[k+1], order[k]
			if v := greedy(items, order, capacity); v > cur {
				cur = v
			} else {
				order[k], order[k+1] = order[k+1], order[k]
			}
		}
		if cur > best {
			best = cur
		}
		rounds++
	}

	fmt.Printf("%d rounds, best %d, optimum %d\n", rounds, best, optimum)
	if best <= optimum && best*100 >= optimum*95 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
