// A polling loop that sleeps between checks. time.Sleep parks the goroutine, so
// the scheduler runs the setter (and fires timers) even on a single thread.
//
// oracle go-js: ok
// oracle go-wasip1: ok
// oracle native: ok
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

func main() {
	var done atomic.Bool
	go func() { done.Store(true) }()
	for !done.Load() {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("done")
}
