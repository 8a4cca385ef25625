// A compare-and-swap spin lock whose critical section never yields. On one P with no
// preemption, the goroutine that holds the lock runs until it releases it, so whoever
// tries to take it next always finds it free: the loop's first CAS succeeds.
//
// oracle go-js: ok
// oracle go-js: output "counter 10"
// oracle go-wasip1: ok
// oracle go-wasip1: output "counter 10"
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type spinLock struct{ held atomic.Bool }

func (l *spinLock) Lock() {
	for !l.held.CompareAndSwap(false, true) {
	}
}

func (l *spinLock) Unlock() { l.held.Store(false) }

type counter struct {
	mu spinLock
	n  int
}

func (c *counter) inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func main() {
	var c counter
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.inc()
		}()
	}
	wg.Wait()
	fmt.Println("counter", c.n)
}
