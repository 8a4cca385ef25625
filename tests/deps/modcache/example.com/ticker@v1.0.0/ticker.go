// Package ticker keeps time by looking at the clock.
package ticker

import "time"

// Hold burns the CPU until d has passed.
func Hold(d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
	}
}

// Forever counts without end.
func Forever() {
	n := 0
	for {
		n++
	}
}
