// hit_counter_cas: lock-free page-hit counters with a high-water mark, updated by
// many request-handling goroutines with compare-and-swap retry loops.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type pageStats struct {
	hits    atomic.Uint64
	maxBody atomic.Int64
}

// observe bumps the hit count and raises the largest response size seen so far.
func (p *pageStats) observe(size int64) {
	p.hits.Add(1)
	for {
		cur := p.maxBody.Load()
		if size <= cur {
			return
		}
		if p.maxBody.CompareAndSwap(cur, size) {
			return
		}
	}
}

// addSaturating adds delta to v without going past limit.
func addSaturating(v *atomic.Int64, delta, limit int64) int64 {
	for {
		old := v.Load()
		next := old + delta
		if next > limit {
			next = limit
		}
		if v.CompareAndSwap(old, next) {
			return next
		}
	}
}

func main() {
	pages := map[string]*pageStats{"/": {}, "/about": {}, "/blog": {}}
	var budget atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(req int) {
			defer wg.Done()
			for _, path := range []string{"/", "/about", "/blog"} {
				pages[path].observe(int64(len(path)*100 + req))
				addSaturating(&budget, 7, 300)
			}
		}(i)
	}
	wg.Wait()

	ok := budget.Load() == 300
	for path, p := range pages {
		fmt.Printf("%-7s hits=%d max=%d\n", path, p.hits.Load(), p.maxBody.Load())
		ok = ok && p.hits.Load() == 50 && p.maxBody.Load() == int64(len(path)*100+49)
	}
	if ok {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
