// The same pool, but never smaller than one worker: on wasm (NumCPU() == 1) a
// single worker does all the jobs.
//
// oracle go-js: ok
// oracle go-wasip1: ok
// oracle native: ok
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	workers := max(1, runtime.NumCPU()-1)
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
