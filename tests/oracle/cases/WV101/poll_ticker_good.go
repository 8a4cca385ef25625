// Polling a ticker's channel with select/default in a loop that never yields. Since Go 1.23
// (this module's go line is 1.24) a receive from a timer channel runs the timer itself
// (runtime.maybeRunChan), so the ticks arrive although nothing else is ever scheduled.
// A plain channel polled the same way hangs: spin_select_default_bad.go.
//
// oracle go-js: ok
// oracle go-js: output "3 ticks"
// oracle go-wasip1: ok
// oracle go-wasip1: output "3 ticks"
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(2 * time.Millisecond)
	defer ticker.Stop()
	deadline := time.After(time.Second)
	ticks, spins := 0, 0
	for ticks < 3 {
		select {
		case <-ticker.C:
			ticks++
		case <-deadline:
			fmt.Println("deadline passed")
			return
		default:
			spins++
		}
	}
	fmt.Println(ticks, "ticks")
}
