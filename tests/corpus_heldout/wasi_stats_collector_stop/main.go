// wasi_stats_collector_stop: a sampling profiler-like collector. Two collector
// goroutines keep folding synthetic samples into shared histograms under a mutex until
// the sampling window (30 ms) closes; then the histograms are merged and checked.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type hist struct {
	mu      sync.Mutex
	buckets [8]int
	n       int
}

func (h *hist) add(v int) {
	h.mu.Lock()
	h.buckets[v%len(h.buckets)]++
	h.n++
	h.mu.Unlock()
}

func collector(id int, h *hist, stop *atomic.Bool, wg *sync.WaitGroup) {
	defer wg.Done()
	x := uint32(id*7919 + 1)
	for !stop.Load() {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		h.add(int(x % 1000))
	}
}

func main() {
	var stop atomic.Bool
	var wg sync.WaitGroup
	h := &hist{}
	for id := 1; id <= 2; id++ {
		wg.Add(1)
		go collector(id, h, &stop, &wg)
	}
	time.Sleep(30 * time.Millisecond)
	stop.Store(true)
	wg.Wait()

	sum := 0
	for _, b := range h.buckets {
		sum += b
	}
	fmt.Printf("%d samples: %v\n", h.n, h.buckets)
	if h.n > 0 && sum == h.n {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
