// Package clock measures time through package clockwork.
package clock

import (
	"time"

	"example.com/clockwork"
)

// Start returns the start time.
func Start() time.Time {
	return time.Now()
}

// Elapsed returns the milliseconds since start.
func Elapsed(start time.Time) int {
	return clockwork.Since(start) / 1000000
}
