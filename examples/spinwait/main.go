// A progress loop that waits for a worker by polling an atomic flag.
// Natively another thread runs the worker; on wasm the loop never yields and hangs.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	var finished atomic.Bool
	results := make([]int, 0, 10)
	go func() {
		for i := range 10 {
			results = append(results, i*i)
		}
		finished.Store(true)
	}()
	for !finished.Load() {
	}
	workers := runtime.NumCPU() - 1
	fmt.Println("squares:", results, "spare workers:", workers)
}
