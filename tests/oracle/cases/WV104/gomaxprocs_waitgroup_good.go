// Asking for four Ps for speed, then waiting with a WaitGroup: on wasm
// GOMAXPROCS stays 1 and the workers run one at a time, but Wait blocks, so
// they run and the program ends as it does natively.
//
// oracle go-js: ok
// oracle go-js: output "all 4 workers arrived"
// oracle go-wasip1: ok
// oracle go-wasip1: output "all 4 workers arrived"
// oracle native: ok
// oracle native: output "all 4 workers arrived"
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

func main() {
	runtime.GOMAXPROCS(4)
	var arrived atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			arrived.Add(1)
		}()
	}
	wg.Wait()
	fmt.Println("all", arrived.Load(), "workers arrived")
}
