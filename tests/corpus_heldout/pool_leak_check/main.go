// pool_leak_check: runs a batch of image-resize jobs on a worker pool sized from the number
// of CPUs, then verifies that the pool shut down cleanly: every worker goroutine has exited
// (goroutine count back to the baseline) and every job produced a result.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

type job struct{ w, h, max int }

func fit(j job) (int, int) {
	if j.w <= j.max && j.h <= j.max {
		return j.w, j.h
	}
	if j.w >= j.h {
		return j.max, j.h * j.max / j.w
	}
	return j.w * j.max / j.h, j.max
}

func main() {
	baseline := runtime.NumGoroutine()
	workers := runtime.NumCPU()
	if workers < 2 {
		workers = 2
	}

	jobs := make(chan job)
	results := make(chan [2]int, 64)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				w, h := fit(j)
				results <- [2]int{w, h}
			}
		}()
	}
	for i := 1; i <= 50; i++ {
		jobs <- job{w: 100 * i, h: 37 * i, max: 800}
	}
	close(jobs)
	wg.Wait()
	close(results)

	count, maxSide := 0, 0
	for r := range results {
		count++
		maxSide = max(maxSide, r[0], r[1])
	}

	// Give exiting goroutines a moment to be fully gone.
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	left := runtime.NumGoroutine() - baseline

	fmt.Printf("%d workers, %d results, largest side %d, %d goroutines leaked\n", workers, count, maxSide, left)
	if count == 50 && maxSide == 800 && left == 0 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
