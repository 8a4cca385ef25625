// Package poller waits for its background goroutine by spinning on a flag.
package poller

import "sync/atomic"

var ready atomic.Bool

// Wait starts the background work and waits until it has run.
func Wait() {
	go ready.Store(true)
	await()
}

func await() {
	for !ready.Load() {
	}
}
