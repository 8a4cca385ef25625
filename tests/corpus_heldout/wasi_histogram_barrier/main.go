// wasi_histogram_barrier: compute a byte histogram of a generated buffer in parallel
// phases: each worker counts its stripe, all workers meet at a reusable barrier, then
// each worker merges one range of buckets from every stripe. The result is compared
// with a sequential count.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// barrier is a sense-reversing spin barrier that yields while waiting.
type barrier struct {
	n     int32
	count atomic.Int32
	sense atomic.Bool
}

func (b *barrier) wait(local *bool) {
	*local = !*local
	if b.count.Add(1) == b.n {
		b.count.Store(0)
		b.sense.Store(*local)
		return
	}
	for b.sense.Load() != *local {
		runtime.Gosched()
	}
}

func main() {
	data := make([]byte, 1<<16)
	x := uint32(2463534242)
	for i := range data {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		data[i] = byte(x % 61)
	}

	const workers = 4
	partial := make([][256]int, workers)
	var merged [256]int
	b := &barrier{n: workers}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			sense := false
			stripe := len(data) / workers
			for _, c := range data[w*stripe : (w+1)*stripe] {
				partial[w][c]++
			}
			b.wait(&sense)
			for k := w * 64; k < (w+1)*64; k++ {
				for s := 0; s < workers; s++ {
					merged[k] += partial[s][k]
				}
			}
			b.wait(&sense)
		}(w)
	}
	wg.Wait()

	var want [256]int
	for _, c := range data {
		want[c]++
	}
	fmt.Println("GOMAXPROCS", runtime.GOMAXPROCS(0), "buckets[0..4]", merged[:5])
	if merged == want {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
