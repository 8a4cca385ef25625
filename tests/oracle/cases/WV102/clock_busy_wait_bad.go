// Busy-waiting for 300 ms while a 10 ms time.AfterFunc callback is due. Natively
// the timer fires on another thread during the wait. On wasm the loop never
// yields, so the callback cannot run until the wait is over: it is seen late.
//
// oracle go-js: exit 1
// oracle go-js: output "timer fired after the wait"
// oracle go-wasip1: exit 1
// oracle go-wasip1: output "timer fired after the wait"
// oracle native: ok
package main

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
)

func main() {
	var fired atomic.Bool
	time.AfterFunc(10*time.Millisecond, func() { fired.Store(true) })

	start := time.Now()
	var seenAt time.Duration
	for time.Since(start) < 300*time.Millisecond { // want "WV102"
		if seenAt == 0 && fired.Load() {
			seenAt = time.Since(start)
		}
	}

	if seenAt != 0 {
		fmt.Printf("timer fired during the wait, seen at %v\n", seenAt.Round(time.Millisecond))
		fmt.Println("RESULT OK")
		return
	}
	time.Sleep(50 * time.Millisecond)
	if fired.Load() {
		fmt.Println("timer fired after the wait")
	} else {
		fmt.Println("timer never fired")
	}
	fmt.Println("RESULT WRONG")
	os.Exit(1)
}
