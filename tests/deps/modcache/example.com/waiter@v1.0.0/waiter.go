// Package waiter waits for the work it starts.
package waiter

import "sync"

// Flush waits for a helper goroutine.
func Flush() {
	var wg sync.WaitGroup
	wg.Add(1)
	go wg.Done()
	wait(&wg)
}

func wait(wg *sync.WaitGroup) {
	wg.Wait()
}

// Size does not wait.
func Size() int { return 0 }

// Drain waits for goroutines its caller started.
func Drain(wg *sync.WaitGroup) {
	wait(wg)
}
