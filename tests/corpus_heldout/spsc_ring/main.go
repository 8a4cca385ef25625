// spsc_ring: a lock-free single-producer single-consumer ring buffer (atomic head and tail),
// used to stream 100000 sequence numbers from a producer goroutine to a consumer that checks
// order and sum.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

type ring struct {
	buf        [256]uint64
	head, tail atomic.Uint64 // head: next read, tail: next write
}

func (r *ring) push(v uint64) {
	for r.tail.Load()-r.head.Load() == uint64(len(r.buf)) {
		runtime.Gosched() // full: let the consumer drain
	}
	t := r.tail.Load()
	r.buf[t%uint64(len(r.buf))] = v
	r.tail.Store(t + 1)
}

func (r *ring) pop() uint64 {
	for r.head.Load() == r.tail.Load() {
		runtime.Gosched() // empty: let the producer fill
	}
	h := r.head.Load()
	v := r.buf[h%uint64(len(r.buf))]
	r.head.Store(h + 1)
	return v
}

func main() {
	const n = 100000
	r := &ring{}
	go func() {
		for i := uint64(1); i <= n; i++ {
			r.push(i)
		}
	}()

	var sum uint64
	inOrder := true
	for i := uint64(1); i <= n; i++ {
		v := r.pop()
		if v != i {
			inOrder = false
		}
		sum += v
	}

	fmt.Printf("received %d values, sum %d, in order %v\n", n, sum, inOrder)
	if inOrder && sum == n*(n+1)/2 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
