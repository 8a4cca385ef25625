// Polling a mutex-guarded flag. An uncontended Lock/Unlock never parks the
// goroutine, so on wasm the goroutine that sets the flag never gets to run.
//
// oracle go-js: hang
// oracle go-wasip1: hang
// oracle native: ok
// oracle-fixed go-js: ok
// oracle-fixed go-wasip1: ok
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	done := false
	go func() {
		mu.Lock()
		done = true
		mu.Unlock()
	}()
	for { // want "WV101"
		mu.Lock()
		d := done
		mu.Unlock()
		if d {
			break
		}
	}
	fmt.Println("flag set")
}
