// Package clockwork converts durations.
package clockwork

import "time"

// Since returns the nanoseconds since start, as an int.
func Since(start time.Time) int {
	return int(time.Since(start))
}

// Stale narrows too, but nothing calls it.
func Stale(t time.Time) int {
	return int(t.UnixNano())
}
