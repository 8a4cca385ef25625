// spinlock_yield: a single-producer/single-consumer ring buffer for log lines. Both
// sides spin briefly when the ring is full or empty, yielding the processor each time.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
)

type ring struct {
	slots      [8]string
	head, tail atomic.Uint64 // head: next write, tail: next read
	closed     atomic.Bool
}

func (r *ring) push(s string) {
	for r.head.Load()-r.tail.Load() == uint64(len(r.slots)) {
		runtime.Gosched() // full: let the consumer drain
	}
	r.slots[r.head.Load()%uint64(len(r.slots))] = s
	r.head.Add(1)
}

func (r *ring) pop() (string, bool) {
	for r.tail.Load() == r.head.Load() {
		if r.closed.Load() && r.tail.Load() == r.head.Load() {
			return "", false
		}
		runtime.Gosched()
	}
	s := r.slots[r.tail.Load()%uint64(len(r.slots))]
	r.tail.Add(1)
	return s, true
}

func main() {
	r := &ring{}
	done := make(chan []string)
	go func() {
		var got []string
		for {
			s, ok := r.pop()
			if !ok {
				break
			}
			got = append(got, strings.ToUpper(s))
		}
		done <- got
	}()

	for i := 0; i < 100; i++ {
		r.push(fmt.Sprintf("event %d", i))
	}
	r.closed.Store(true)
	got := <-done

	fmt.Println(got[0], "...", got[len(got)-1])
	if len(got) == 100 && got[99] == "EVENT 99" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Printf("RESULT WRONG: %d lines\n", len(got))
	}
}
