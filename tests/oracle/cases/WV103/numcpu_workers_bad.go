// Sizing a worker pool as "all CPUs but one". runtime.NumCPU() is 1 on wasm, so
// the pool is empty and the first job send blocks forever.
//
// oracle go-js: deadlock
// oracle go-wasip1: deadlock
// oracle native: ok
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	workers := runtime.NumCPU() - 1 // want "WV103"
	jobs := make(chan int)
	results := make(chan int, 100)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range jobs {
				results <- n * n
			}
		}()
	}
	for n := 1; n <= 100; n++ {
		jobs <- n
	}
	close(jobs)
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum of squares:", sum)
}
