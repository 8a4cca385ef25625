// Busy-waiting for a time.AfterFunc callback. The timer can only fire when the
// scheduler runs, and this loop never gives it the chance on wasm.
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
	"time"
)

func main() {
	var done atomic.Bool
	time.AfterFunc(10*time.Millisecond, func() { done.Store(true) })
	for !done.Load() { // want "WV101"
	}
	fmt.Println("timer fired")
}
