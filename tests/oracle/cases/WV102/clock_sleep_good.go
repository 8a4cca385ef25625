// Waiting 300 ms with time.Sleep while a 10 ms time.AfterFunc callback is due.
// Sleeping parks the goroutine, so the scheduler fires the timer on time even
// on a single thread.
//
// oracle go-js: ok
// oracle go-js: output "RESULT OK"
// oracle go-wasip1: ok
// oracle go-wasip1: output "RESULT OK"
// oracle native: ok
package main

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
)

func main() {
	var firedAt atomic.Int64
	start := time.Now()
	time.AfterFunc(10*time.Millisecond, func() { firedAt.Store(int64(time.Since(start))) })

	time.Sleep(300 * time.Millisecond)

	at := time.Duration(firedAt.Load())
	if at != 0 && at < 300*time.Millisecond {
		fmt.Printf("timer fired during the wait, at %v\n", at.Round(time.Millisecond))
		fmt.Println("RESULT OK")
		return
	}
	fmt.Println("timer did not fire during the wait")
	fmt.Println("RESULT WRONG")
	os.Exit(1)
}
