// A compare-and-swap spin lock whose holder sleeps while holding it. The sleeping holder
// parks; main then spins on the lock without ever yielding, so the timer that would wake
// the holder never fires and the lock is never released: the program hangs.
//
// oracle go-js: hang
// oracle go-wasip1: hang
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

type spinLock struct{ held atomic.Bool }

func (l *spinLock) Lock() {
	for !l.held.CompareAndSwap(false, true) { // want "WV101"
	}
}

func (l *spinLock) Unlock() { l.held.Store(false) }

var mu spinLock

func refresh(started chan<- struct{}) {
	mu.Lock()
	close(started)
	time.Sleep(10 * time.Millisecond) // parks while holding the lock
	mu.Unlock()
}

func main() {
	started := make(chan struct{})
	go refresh(started)
	<-started
	mu.Lock()
	fmt.Println("took the lock")
	mu.Unlock()
}
