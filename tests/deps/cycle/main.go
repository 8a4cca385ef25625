package main

import (
	"sync/atomic"

	"example.com/cycle"
)

var ready atomic.Bool

func main() {
	cycle.Parse(1)     // want "WV301"
	cycle.ParseList(1) // want "WV301"
	cycle.Even(4)
	go ready.Store(true)
	for !ready.Load() { // Pong yields through Ping
		cycle.Ping(1)
		cycle.Pong(1)
	}
	go ready.Store(false)
	for ready.Load() { // want "WV101"
		cycle.Odd(3)
	}
}
