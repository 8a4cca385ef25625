// A busy-wait on an atomic flag that another goroutine sets. Without threads or
// asynchronous preemption the setter goroutine never runs on wasm.
//
// oracle go-js: hang
// oracle go-wasip1: hang
// oracle native: ok
// oracle-fixed go-js: ok
// oracle-fixed go-wasip1: ok
package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var done atomic.Bool
	go func() { done.Store(true) }()
	for !done.Load() { // want "WV101"
	}
	fmt.Println("done")
}
