// A helper that polls a check its caller passes until a deadline. The check (a
// closure reading state under a mutex) never yields, so on wasm the goroutine
// that would make it true never runs during the wait: the helper gives up.
// Natively the goroutine runs on another thread and the check soon passes.
//
// oracle go-js: exit 1
// oracle go-js: output "gave up"
// oracle go-wasip1: exit 1
// oracle go-wasip1: output "gave up"
// oracle native: ok
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

func eventually(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for !cond() { // want "WV102"
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

func main() {
	var mu sync.Mutex
	done := false
	go func() {
		mu.Lock()
		done = true
		mu.Unlock()
	}()
	ok := eventually(300*time.Millisecond, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return done
	})
	if !ok {
		fmt.Println("gave up")
		os.Exit(1)
	}
	fmt.Println("done")
}
