package main

import (
	"sync/atomic"

	"example.com/fetcher"
)

var ready atomic.Bool

func main() {
	go ready.Store(true)
	for !ready.Load() { // want "WV101"
		fetcher.Spin(10)
	}
	go ready.Store(false)
	for ready.Load() {
		fetcher.Nap()
	}
}
