// Waiting for the workers by polling runtime.NumGoroutine() until only main is left.
// On js/wasm the runtime starts a goroutine of its own each time the scheduler goes idle
// (to wait for the next JavaScript event), so after the first sleep the count never falls
// below 2 and the loop never ends. wasip1 counts like native Go.
//
// oracle go-js: hang
// oracle go-wasip1: ok
// oracle go-wasip1: output "all workers finished"
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	for i := 0; i < 3; i++ {
		go func() { time.Sleep(time.Millisecond) }()
	}
	for runtime.NumGoroutine() > 1 { // want "WV107"
		time.Sleep(time.Millisecond)
	}
	fmt.Println("all workers finished")
}
