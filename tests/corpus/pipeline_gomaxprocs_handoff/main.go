// pipeline_gomaxprocs_handoff: a two-stage pipeline tuned for throughput: it asks for
// four threads and hands items between the stages through an atomic slot, spinning
// instead of paying for channel operations.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

type slot struct {
	full atomic.Bool
	val  int
}

func main() {
	runtime.GOMAXPROCS(4)
	var s slot
	result := make(chan int)

	go func() { // consumer
		sum := 0
		for i := 0; i < 1000; i++ {
			for !s.full.Load() {
			}
			sum += s.val
			s.full.Store(false)
		}
		result <- sum
	}()

	for i := 1; i <= 1000; i++ { // producer
		for s.full.Load() {
		}
		s.val = i
		s.full.Store(true)
	}
	sum := <-result
	fmt.Println("sum", sum)
	if sum == 500500 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
