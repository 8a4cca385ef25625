// The same busy-wait, but each iteration yields with runtime.Gosched, so the
// setter goroutine gets to run even with a single thread.
//
// oracle go-js: ok
// oracle go-wasip1: ok
// oracle native: ok
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	var done atomic.Bool
	go func() { done.Store(true) }()
	for !done.Load() {
		runtime.Gosched()
	}
	fmt.Println("done")
}
