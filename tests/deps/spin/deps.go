package main

import (
	"time"

	"example.com/poller"
	"example.com/ticker"
)

func waits() {
	poller.Wait() // want "WV101"
	poller.WaitPolitely()
	poller.Pause(time.Second) // want "WV102"
	poller.Later()
	poller.Background()
	go ticker.Forever() // want "WV106"
	ticker.Forever()    // want "WV106"
}
