// Package poller waits for work in loops, some of which never yield.
package poller

import (
	"sync/atomic"
	"time"

	"example.com/ticker"
)

var ready atomic.Bool

// Start marks the poller ready from a goroutine of its own.
func Start() {
	go ready.Store(true)
}

// Wait spins until Start's goroutine has run: on wasm it never runs.
func Wait() {
	Start()
	await()
}

func await() {
	for !ready.Load() {
	}
}

// WaitPolitely yields while it waits.
func WaitPolitely() {
	Start()
	for !ready.Load() {
		time.Sleep(time.Millisecond)
	}
}

// Pause busy-waits for a deadline through package ticker.
func Pause(d time.Duration) {
	ticker.Hold(d)
}

// Later returns a function that would spin; nothing spins until it is called.
func Later() func() {
	return func() { await() }
}

// Background spins in a goroutine: the caller does not wait for it.
func Background() {
	go await()
}
